"""Scale benchmark: `week` on synthetic catalogues of 1,000 and 10,000 exercises.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/scale.py [--rounds 5]

The catalogues are copies of the bundled one with renamed ids. The floor of a big catalogue is
reading it: the model floor (imports plus one small pydantic model) plus parsing the file with
PyYAML's C loader. `week` should stay within 1.5x that floor, and the work above the model floor
should grow about linearly (10k/1k at most 14).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml
from timing import CLI, MODEL_FLOOR, PYTHON, medians

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "muscles.yaml"


def synthetic(size: int, folder: Path) -> Path:
    """A catalogue of `size` exercises: the bundled ones copied with suffixed ids."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    originals = data["exercises"]
    copies = []
    for n in range(size):
        copy = dict(originals[n % len(originals)])
        suffix = "" if n < len(originals) else f"-{n // len(originals)}"
        copy["id"] += suffix
        for link in ("easier", "harder"):
            if copy.get(link):
                copy[link] += suffix
        copies.append(copy)
    # Links must point at an exercise of the same copy; a partial last copy may miss some.
    ids = {c["id"] for c in copies}
    for copy in copies:
        for link in ("easier", "harder"):
            if copy.get(link) and copy[link] not in ids:
                del copy[link]
    data["exercises"] = copies
    path = folder / f"catalogue-{size}.yaml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        paths = {size: synthetic(size, Path(folder)) for size in (1_000, 10_000)}
        commands: dict[str, list[str]] = {"model floor": [PYTHON, "-c", MODEL_FLOOR]}
        for size, path in paths.items():
            read = MODEL_FLOOR + f"yaml.load(open({str(path)!r}), Loader=yaml.CSafeLoader)\n"
            commands[f"read {size}"] = [PYTHON, "-c", read]
            commands[f"week {size}"] = [
                CLI,
                "--catalogue",
                str(path),
                "week",
                "--start",
                "2026-11-30",
            ]
        ms = medians(commands, rounds)
    for name, value in ms.items():
        print(f"{name:<12} {value:8.1f}")
    for size in paths:
        ratio = ms[f"week {size}"] / ms[f"read {size}"]
        print(f"week {size} / read {size} = {ratio:.2f} (target 1.5)")
    above = {size: ms[f"week {size}"] - ms["model floor"] for size in paths}
    print(f"work above the model floor, 10k/1k = {above[10_000] / above[1_000]:.1f} (target 14)")


if __name__ == "__main__":
    main()

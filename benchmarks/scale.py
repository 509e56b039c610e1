"""Scale benchmark: `week` on synthetic catalogues of 1,000 and 10,000 exercises.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/scale.py [--rounds 5]

The catalogues are copies of the bundled one with renamed ids (about 1 MB and 10 MB of YAML).
Floors, measured in the same run: the start-up floor (the libraries and one pydantic model) and
parsing the 10,000-exercise file with PyYAML's C loader, as a program would naively. Targets:
`week` at 10,000 at most 0.6x that parse on a first run (an empty cache) and far below it once
cached; the work above the start-up floor growing at most 11x from 1,000 to 10,000 exercises.
"""

from __future__ import annotations

import argparse
import copy as copy_module
import tempfile
from pathlib import Path

import yaml
from timing import CLI, MODEL_FLOOR, PYTHON, Command, empty_cache, minima

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "muscles.yaml"


def synthetic(size: int, folder: Path) -> Path:
    """A catalogue of `size` exercises: the bundled ones copied with suffixed ids."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    originals = data["exercises"]
    copies = []
    for n in range(size):
        # Deep copies: each exercise written out in full, as an author would (no YAML aliases).
        copy = copy_module.deepcopy(originals[n % len(originals)])
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
        parse = f"import yaml\nyaml.load(open({str(paths[10_000])!r}), Loader=yaml.CSafeLoader)\n"
        week = ["week", "--start", "2026-11-30", "--no-journal"]
        commands: dict[str, Command] = {
            "floor": ([PYTHON, "-c", MODEL_FLOOR], None),
            "parse 10k": ([PYTHON, "-c", parse], None),
            "week 1k, first": ([*CLI, "--catalogue", str(paths[1_000]), *week], empty_cache),
            "week 10k, first": ([*CLI, "--catalogue", str(paths[10_000]), *week], empty_cache),
            "week 10k, cached": ([*CLI, "--catalogue", str(paths[10_000]), *week], None),
        }
        ms = minima(commands, rounds)
    for name, value in ms.items():
        print(f"{name:<18} {value:8.1f}")
    first = ms["week 10k, first"] / ms["parse 10k"]
    cached = ms["week 10k, cached"] / ms["parse 10k"]
    above = {size: ms[f"week {size // 1000}k, first"] - ms["floor"] for size in paths}
    growth = above[10_000] / above[1_000]
    print(f"week 10k first / parse 10k  = {first:.2f} (target 0.6)")
    print(f"week 10k cached / parse 10k = {cached:.2f} (far below)")
    print(f"above the floor, 10k / 1k   = {growth:.1f} (target 11)")


if __name__ == "__main__":
    main()

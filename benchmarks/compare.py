"""Start-up of two checkouts compared in the same rounds: before and after a change.

Run by hand (not in CI) from the project's virtual environment, giving the other checkout
(`git worktree add ../before COMMIT` makes one):

    python benchmarks/compare.py ../before [--rounds 20]

Both are started as `python -m sciatica_planner` with PYTHONPATH set to their checkout, and the
floors through `env` the same way, so the launcher costs all alike. Each command runs once from
each checkout in every round, so a busy moment of the machine falls on both; the figures are
the least time over the least floor and the median of each round's ratio (see startup.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from startup import START, TARGETS
from timing import IMPORT_FLOOR, MODEL_FLOOR, PYTHON, Command, paired_ratio, samples

HERE = Path(__file__).resolve().parent.parent
ARGUMENTS = {
    "--help": ["--help"],
    "week": ["week", *START],
    "today": ["today", *START, "--date", "2026-12-02"],
    "exercises glutes": ["exercises", "glutes"],
}


def launcher(checkout: Path) -> list[str]:
    # -P: not the current folder first on the path, which may be the other checkout.
    return ["env", f"PYTHONPATH={checkout}", PYTHON, "-P", "-m", "sciatica_planner"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the other checkout")
    parser.add_argument("--rounds", type=int, default=20)
    options = parser.parse_args()
    checkouts = {"before": options.before.resolve(), "after": HERE}
    commands: dict[str, Command] = {
        "import floor": (["env", PYTHON, "-P", "-c", IMPORT_FLOOR], None),
        "floor": (["env", PYTHON, "-P", "-c", MODEL_FLOOR], None),
    }
    for name, arguments in ARGUMENTS.items():
        for when, checkout in checkouts.items():
            commands[f"{name} {when}"] = ([*launcher(checkout), *arguments], None)
    times = samples(commands, options.rounds)
    least = {name: min(values) for name, values in times.items()}
    print(f"{'command':<24} {'least':>8} {'/ floor':>8} {'paired':>7} {'target':>7}")
    for name in ("import floor", "floor"):
        print(f"{name:<24} {least[name]:8.1f}")
    for name in ARGUMENTS:
        target, floor = TARGETS[name]
        for when in checkouts:
            label = f"{name} {when}"
            ratio = least[label] / least[floor]
            paired = paired_ratio(times, label, floor)
            print(f"{label:<24} {least[label]:8.1f} {ratio:8.2f} {paired:7.2f} {target:>7}")


if __name__ == "__main__":
    main()

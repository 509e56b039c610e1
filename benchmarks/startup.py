"""Start-up benchmark: each command's median wall time as a ratio to its import floor.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/startup.py [--rounds 30]

Commands are interleaved round by round, so a busy moment of the machine affects them all alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
CLI = shutil.which("sciatica-plan", path=str(Path(PYTHON).parent)) or "sciatica-plan"
IMPORT_FLOOR = "import click, yaml, pydantic, rich.console, rich.table"
# Importing pydantic is lazy: the first model definition loads its schema builder, which costs
# about as much again, so commands that validate anything are compared with this floor.
MODEL_FLOOR = IMPORT_FLOOR + "\nclass M(pydantic.BaseModel):\n    x: int = 0\nM(x=1)"

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [PYTHON, "-c", "pass"],
    "import floor": [PYTHON, "-c", IMPORT_FLOOR],
    "model floor": [PYTHON, "-c", MODEL_FLOOR],
    "--help": [CLI, "--help"],
    "week": [CLI, "week", "--start", "2026-11-30"],
    "today": [CLI, "today", "--start", "2026-11-30", "--date", "2026-12-02"],
    "exercises glutes": [CLI, "exercises", "glutes"],
}
FLOOR_OF = {
    "--help": "import floor",
    "week": "model floor",
    "today": "model floor",
    "exercises glutes": "model floor",
}
TARGETS = {"--help": 0.8, "week": 1.3, "today": 1.3, "exercises glutes": 1.3}


def run(argv: list[str]) -> float:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    # Installed packages have compiled bytecode; let the warm-up run write ours too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for argv in COMMANDS.values():  # warm the file cache once
        run(argv)
    for _ in range(rounds):
        for name, argv in COMMANDS.items():
            times[name].append(run(argv))
    medians = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"{rounds} rounds, {sys.version.split()[0]}, medians in ms")
    print(f"{'command':<18} {'median':>8} {'floor':>13} {'ratio':>6} {'target':>7}")
    for name, median in medians.items():
        floor = FLOOR_OF.get(name)
        if floor is None:
            print(f"{name:<18} {median:8.1f}")
            continue
        ratio = median / medians[floor]
        mark = "ok" if ratio <= TARGETS[name] else "MISSED"
        print(f"{name:<18} {median:8.1f} {floor:>13} {ratio:6.2f} {TARGETS[name]:>6} {mark}")


if __name__ == "__main__":
    main()

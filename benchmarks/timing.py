"""What both benchmarks share: where the CLI is, the model floor, and timing interleaved runs."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

PYTHON = sys.executable
CLI = shutil.which("sciatica-plan", path=str(Path(PYTHON).parent)) or "sciatica-plan"
IMPORT_FLOOR = "import click, yaml, pydantic, rich.console, rich.table\n"
# Importing pydantic is lazy: the first model definition loads its schema builder, which costs
# about as much again, so commands that validate anything are compared with this floor.
MODEL_FLOOR = IMPORT_FLOOR + "class M(pydantic.BaseModel):\n    x: int = 0\nM(x=1)\n"


def run(argv: list[str]) -> float:
    """Seconds one command takes, output discarded, at 80 columns without colour."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    # Installed packages have compiled bytecode; let the warm-up run write ours too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]], rounds: int) -> dict[str, float]:
    """Median milliseconds per command, running them in turn, round after round."""
    for argv in commands.values():  # warm the file cache and write bytecode once
        run(argv)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            times[name].append(run(argv))
    print(f"{rounds} rounds, {sys.version.split()[0]}, medians in ms")
    return {name: statistics.median(values) * 1000 for name, values in times.items()}

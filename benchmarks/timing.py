"""What the benchmarks share: the CLI, the floors, and timing interleaved runs by CPU time.

The machine is shared, so a command's time is the CPU time (user + system) its process used,
read from `resource.getrusage(RUSAGE_CHILDREN)`, and each figure is the minimum over the rounds:
other processes stretch wall time, far less a process's own CPU time, and never shorten it.
"""

from __future__ import annotations

import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

PYTHON = sys.executable
# BENCH_CLI="python -m sciatica_planner" with PYTHONPATH set measures another checkout (the
# "before" figures were taken that way from the commit before the loading work).
CLI: list[str] = (
    os.environ["BENCH_CLI"].split()
    if os.environ.get("BENCH_CLI")
    else [shutil.which("sciatica-plan", path=str(Path(PYTHON).parent)) or "sciatica-plan"]
)
IMPORT_FLOOR = "import click, yaml, pydantic, rich.console, rich.table\n"
# Importing pydantic is lazy: the first model definition loads its schema builder, which costs
# about as much again. This is the start-up floor: the libraries and one model.
MODEL_FLOOR = IMPORT_FLOOR + "class M(pydantic.BaseModel):\n    x: int = 0\nM(x=1)\n"
# Each benchmark run caches catalogues in a folder of its own, never the user's.
CACHE_HOME = Path(tempfile.mkdtemp(prefix="sciatica-plan-bench-cache-"))
atexit.register(shutil.rmtree, CACHE_HOME, True)


def empty_cache() -> None:
    shutil.rmtree(CACHE_HOME / "sciatica-plan", ignore_errors=True)


def run(argv: list[str], before: Callable[[], None] | None = None) -> float:
    """CPU seconds one command takes, output discarded, at 80 columns without colour."""
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", "XDG_CACHE_HOME": str(CACHE_HOME)}
    # Installed packages have compiled bytecode; let the warm-up run write ours too.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if before is not None:
        before()
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)


Command = tuple[list[str], "Callable[[], None] | None"]


def samples(commands: dict[str, Command], rounds: int) -> dict[str, list[float]]:
    """CPU milliseconds per command and round, running the commands in turn, round after round."""
    for argv, before in commands.values():  # warm the file cache, write bytecode and caches
        run(argv, before)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, (argv, before) in commands.items():
            times[name].append(run(argv, before) * 1000)
    print(f"{rounds} rounds, Python {sys.version.split()[0]}, CPU time in ms")
    return times


def minima(commands: dict[str, Command], rounds: int) -> dict[str, float]:
    """Least CPU milliseconds per command over the rounds."""
    return {name: min(values) for name, values in samples(commands, rounds).items()}


def paired_ratio(times: dict[str, list[float]], name: str, floor: str) -> float:
    """The median over the rounds of a command's time over its floor's in the same round: a
    second estimate beside the ratio of minima, steadier when the machine's speed drifts (the
    two were measured seconds apart, not minutes)."""
    return statistics.median(a / b for a, b in zip(times[name], times[floor], strict=True))

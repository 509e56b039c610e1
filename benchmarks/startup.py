"""Start-up benchmark: each command's CPU time as a ratio to the start-up floor.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/startup.py [--rounds 30]

The floor imports click, yaml, pydantic and rich and defines one pydantic model; the import
floor only imports them (`--help`'s floor: it imports none of them). The bundled
catalogue is cached by the warm-up run, as it is for a user from the second command on.
Commands are interleaved round by round, so a busy moment of the machine affects them all alike.
Two ratios: the least time over the least floor, and the median of each round's ratio (a command
over the floor measured just before it); a target is met when both are within it.
"""

from __future__ import annotations

import argparse

from timing import CLI, IMPORT_FLOOR, MODEL_FLOOR, PYTHON, Command, paired_ratio, samples

START = ["--start", "2026-11-30", "--no-journal"]
COMMANDS: dict[str, Command] = {
    "python -c pass": ([PYTHON, "-c", "pass"], None),
    "import floor": ([PYTHON, "-c", IMPORT_FLOOR], None),
    "floor": ([PYTHON, "-c", MODEL_FLOOR], None),
    "--help": ([*CLI, "--help"], None),
    "week": ([*CLI, "week", *START], None),
    "today": ([*CLI, "today", *START, "--date", "2026-12-02"], None),
    "exercises glutes": ([*CLI, "exercises", "glutes"], None),
}
# Each command's target, as a ratio to its floor: --help imports none of the libraries it is
# compared with, the others load the catalogue's models.
TARGETS = {
    "--help": (0.6, "import floor"),
    "week": (1.15, "floor"),
    "today": (1.15, "floor"),
    "exercises glutes": (1.15, "floor"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    times = samples(COMMANDS, parser.parse_args().rounds)
    least = {name: min(values) for name, values in times.items()}
    print(f"{'command':<18} {'least':>8} {'/ floor':>8} {'paired':>7} {'target':>7}")
    for name, value in least.items():
        if name not in TARGETS:
            print(f"{name:<18} {value:8.1f}")
            continue
        target, floor = TARGETS[name]
        ratio = value / least[floor]
        paired = paired_ratio(times, name, floor)
        mark = "ok" if max(ratio, paired) <= target else "MISSED"
        print(f"{name:<18} {value:8.1f} {ratio:8.2f} {paired:7.2f} {target:>7} {mark}")


if __name__ == "__main__":
    main()

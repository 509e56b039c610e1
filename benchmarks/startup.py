"""Start-up benchmark: each command's median wall time as a ratio to its import floor.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/startup.py [--rounds 30]

Commands are interleaved round by round, so a busy moment of the machine affects them all alike.
"""

from __future__ import annotations

import argparse

from timing import CLI, IMPORT_FLOOR, MODEL_FLOOR, PYTHON, medians

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    ms = medians(COMMANDS, parser.parse_args().rounds)
    print(f"{'command':<18} {'median':>8} {'floor':>13} {'ratio':>6} {'target':>7}")
    for name, median in ms.items():
        floor = FLOOR_OF.get(name)
        if floor is None:
            print(f"{name:<18} {median:8.1f}")
            continue
        ratio = median / ms[floor]
        mark = "ok" if ratio <= TARGETS[name] else "MISSED"
        print(f"{name:<18} {median:8.1f} {floor:>13} {ratio:6.2f} {TARGETS[name]:>6} {mark}")


if __name__ == "__main__":
    main()

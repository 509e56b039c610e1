"""Journal benchmark: `history` and `report` over journals of 10,000 and 100,000 entries.

Run by hand (not in CI) from the project's virtual environment:

    python benchmarks/journal.py [--rounds 3]

Each journal holds entries spread over the days up to today (several a day when there are more
entries than days), a third of them with exercises done and how they felt, leg and back pain,
and a note. Floor, measured in the same run: `sciatica-plan --version`, a start that reads no
journal. Targets (issue 28): `history --days 365` over 10,000 entries under 1 s of CPU, and the
work above the floor growing about linearly (at most 11x) from 10,000 to 100,000 entries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import tempfile
from pathlib import Path

from timing import CLI, Command, minima

from sciatica_planner.journal import Journal

EXERCISES = ("glute-bridge", "bird-dog", "clamshell", "sit-to-stand", "side-plank", "cat-camel")
FEELINGS = ("easy", "right", "hard", "painful")


def journal_of(size: int, folder: Path, days: int = 365) -> Path:
    """A journal of `size` entries over the last `days` days, written in one transaction."""
    path = folder / f"journal-{size}.sqlite3"
    Journal.open(path, create=True).close()
    chooser = random.Random(size)
    today = dt.date.today()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    for number in range(1, size + 1):
        day = today - dt.timedelta(days=chooser.randrange(days))
        leg, back = chooser.randint(0, 8), chooser.randint(0, 8)
        db.execute(
            "INSERT INTO entries (id, date, pain, note, spreading, leg, back) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (number, day.isoformat(), max(leg, back), f"entry {number}: walked a little", 0,
             leg, back),
        )  # fmt: skip
        if number % 3 == 0:
            done = chooser.sample(EXERCISES, 3)
            db.executemany(
                "INSERT INTO done_exercises VALUES (?, ?, ?)",
                [(number, n, e) for n, e in enumerate(done)],
            )
            db.executemany(
                "INSERT INTO felt VALUES (?, ?, ?, ?)",
                [(number, n, e, chooser.choice(FEELINGS)) for n, e in enumerate(done)],
            )
    db.execute("COMMIT")
    db.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        commands: dict[str, Command] = {"floor: --version": ([*CLI, "--version"], None)}
        for size in arguments.sizes:
            path = str(journal_of(size, Path(folder)))
            base = [*CLI, "--journal", path]
            commands[f"history --days 365, {size}"] = ([*base, "history", "--days", "365"], None)
            commands[f"history --json, {size}"] = (
                [*base, "history", "--days", "365", "--json"],
                None,
            )
            commands[f"report --days 365, {size}"] = (
                [*base, "report", "--days", "365", "--format", "html", "-o", "-"],
                None,
            )
        found = minima(commands, arguments.rounds)
    floor = found["floor: --version"]
    for name, ms in found.items():
        print(f"{name:<32} {ms:8.0f} ms   {ms / floor:6.1f}x the floor")
    sizes = arguments.sizes
    if len(sizes) == 2:
        for command in ("history --days 365", "history --json", "report --days 365"):
            small, large = (found[f"{command}, {size}"] - floor for size in sizes)
            print(f"{command}: {large / small:.1f}x the work above the floor for "
                  f"{sizes[1] // sizes[0]}x the entries")  # fmt: skip


if __name__ == "__main__":
    main()

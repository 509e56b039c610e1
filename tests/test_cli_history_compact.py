"""`history` at 80 columns, one line per entry; entries dated after today; notes that are not
UTF-8 (issues 24 and 28)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from typing import TYPE_CHECKING

import pytest
from journal_cli import ok, run

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

TODAY = dt.date(2026, 11, 25)  # as conftest fixes it


def test_seven_entries_are_seven_lines_at_80_columns(runner: CliRunner, journal: Path) -> None:
    done = "glute-bridge,bird-dog,clamshell,sit-to-stand,side-plank,cat-camel"
    for day in range(7):
        ok(
            runner,
            journal,
            "log",
            "--leg",
            str(day % 5),
            "--back",
            "2",
            "--done",
            done,
            "--date",
            str(TODAY - dt.timedelta(days=day)),
            "--note",
            "a note long enough to be cut at the edge of an eighty-column terminal, surely",
        )
    out = ok(runner, journal, "history", "--days", "7", env={"COLUMNS": "80"}).stdout
    lines = out.splitlines()
    rows = [line for line in lines if re.match(r"^\s+\d+\s+2026-11-\d\d", line)]
    assert len(rows) == 7
    assert max(map(len, lines)) <= 80
    assert re.search(r"No\.\s+Date\s+Pain\s+Leg\s+Back\s+Done\s+Note", out)
    assert re.search(r"^\s+1\s+2026-11-25\s+2/10\s+0\s+2\s+6\s+a note long", out, re.M)
    assert all(row.endswith("\u2026") for row in rows)  # the note cut, and says so
    # The table is the entries and two lines of heading; the whole view stays short.
    start = lines.index(next(line for line in lines if line.lstrip().startswith("No.")))
    assert lines[start + 2 : start + 9] == rows


def test_long_shows_exercises_and_feelings(runner: CliRunner, journal: Path) -> None:
    ok(runner, journal, "log", "--pain", "3", "--done", "bird-dog", "--felt", "bird-dog=hard")
    out = ok(runner, journal, "history", "--long").stdout
    assert "bird-dog (hard)" in out


def test_a_future_entry_is_counted_as_todays_and_named(runner: CliRunner, journal: Path) -> None:
    ok(runner, journal, "log", "--pain", "2", "--date", "2026-11-24")
    ok(runner, journal, "log", "--pain", "2")
    db = sqlite3.connect(journal, isolation_level=None)  # a hand edit, or another time zone
    db.execute("INSERT INTO entries (date, pain, spreading) VALUES ('2026-11-26', 10, 1)")
    db.close()
    data = json.loads(ok(runner, journal, "history", "--json").stdout)
    assert [e["date"] for e in data["entries"]] == ["2026-11-24", "2026-11-25", "2026-11-26"]
    assert data["summary"]["count"] == 3  # listed and counted alike
    assert data["summary"]["average"] == pytest.approx(4.7)
    out = ok(runner, journal, "history").stdout
    assert re.search(r"^\s+3\s+2026-11-26 future\s+10/10", out, re.M)
    assert "Entry 3 is dated 2026-11-26, after today (2026-11-25)" in " ".join(out.split())
    assert "Average pain: 4.7/10 over 3 entries." in out
    # The plan reads it too: pain 10 spreading eases the week, and says why.
    week = run(runner, journal, "week", "--json")
    assert week.exit_code == 0, week.stderr
    adaptation = json.loads(week.stdout)["adaptation"]
    assert adaptation["direction"] == "regress"
    assert "spreading" in adaptation["reason"]
    assert "journal entry 3 is dated 2026-11-26, after today" in " ".join(week.stderr.split())


def test_a_note_that_is_not_utf8_shows_replaced_everywhere(
    runner: CliRunner, journal: Path
) -> None:
    ok(runner, journal, "log", "--pain", "3", "--note", "fine")
    ok(runner, journal, "log", "--pain", "4", "--note", "x", "--date", "2026-11-24")
    db = sqlite3.connect(journal, isolation_level=None)
    db.execute("UPDATE entries SET note = CAST(X'6869FF' AS TEXT) WHERE id = 2")
    db.close()
    assert "hi\ufffd" in ok(runner, journal, "history").stdout
    assert json.loads(ok(runner, journal, "history", "--json").stdout)["entries"][0]["note"] == (
        "hi\ufffd"
    )
    assert "hi\ufffd" in ok(runner, journal, "history", "--csv").stdout
    report = ok(runner, journal, "report", "--format", "markdown", "-o", "-").stdout
    assert "hi\ufffd" in report
    gone = ok(runner, journal, "forget", "2", "--yes")
    assert "Deleted entry 2" in gone.stdout

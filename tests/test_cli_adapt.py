"""End to end: a journal written by `log` feeds `week` and `today` (its pain, the adaptation),
and `--no-journal` plans from the options alone."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.cli import cli

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result

TODAY = dt.date(2026, 11, 25)  # conftest's fixed today, a Wednesday


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


def run(runner: CliRunner, journal: Path, *args: str) -> Result:
    return runner.invoke(cli, ["--journal", str(journal), *args])


def log(runner: CliRunner, journal: Path, days_ago: int, pain: int, *done: str) -> None:
    date = (TODAY - dt.timedelta(days=days_ago)).isoformat()
    extra = [arg for exercise in done for arg in ("--done", exercise)]
    result = run(runner, journal, "log", "--pain", str(pain), "--date", date, *extra)
    assert result.exit_code == 0, result.stderr


def week(runner: CliRunner, journal: Path, *args: str) -> dict:
    result = run(runner, journal, "week", "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_yesterdays_pain_plans_the_week_and_the_header_says_so(
    runner: CliRunner, journal: Path
) -> None:
    log(runner, journal, 1, 6)
    data = week(runner, journal)
    assert data["options"]["pain"] == 6
    assert data["options"]["pain_from"] == "journal 2026-11-24"
    assert any("6/10" in w for w in data["warnings"])
    text = run(runner, journal, "week").stdout
    assert "pain 6/10 from your journal, Tue 24 Nov" in " ".join(text.split())


def test_typed_pain_and_no_journal_win(runner: CliRunner, journal: Path) -> None:
    log(runner, journal, 0, 8)
    assert week(runner, journal, "--pain", "2")["options"]["pain_from"] == "options"
    plain = week(runner, journal, "--no-journal")
    assert plain["options"]["pain"] == 0 and plain["options"]["pain_from"] == "default"
    assert plain["adaptation"] is None
    assert plain == week(runner, journal.with_name("none.sqlite3"))


def test_a_bad_few_days_ease_the_week_off(runner: CliRunner, journal: Path) -> None:
    for days_ago in (12, 10, 8):
        log(runner, journal, days_ago, 2, "glute-bridge")
    log(runner, journal, 2, 7)
    data = week(runner, journal, "--pain", "1")
    assert data["adaptation"]["direction"] == "regress"
    assert "7/10" in data["adaptation"]["reason"]
    everything = [e for d in data["days"] for e in d["exercises"]]
    assert everything and all(e["flare_safe"] for e in everything)
    calm = week(runner, journal, "--pain", "1", "--no-journal")
    strength = [
        sum(e["sets"] for d in w["days"] for e in d["exercises"] if e["kind"] == "strength")
        for w in (data, calm)
    ]
    assert strength[0] < strength[1]
    text = " ".join(run(runner, journal, "week", "--pain", "1").stdout.split())
    assert "Easing off. You logged pain of 7/10" in text


def test_two_calm_active_weeks_step_up(runner: CliRunner, journal: Path) -> None:
    for days_ago in (13, 11, 9, 6, 4, 2):
        log(runner, journal, days_ago, 1, "glute-bridge")
    data = week(runner, journal, "--level", "intermediate")
    assert data["adaptation"]["direction"] == "progress"
    steady = week(runner, journal, "--level", "intermediate", "--no-journal")
    reps = {e["id"]: e["reps"] for w in (steady,) for d in w["days"] for e in d["exercises"]}
    stepped = [
        e
        for d in data["days"]
        for e in d["exercises"]
        if e["kind"] == "strength" and e["reps"] and e["id"] in reps
    ]
    assert any(e["reps"] > reps[e["id"]] for e in stepped)


def test_an_exercise_that_twice_flared_is_swapped_and_said(
    runner: CliRunner, journal: Path
) -> None:
    log(runner, journal, 9, 2, "clamshell")
    log(runner, journal, 8, 4)
    log(runner, journal, 4, 2, "clamshell")
    log(runner, journal, 3, 4)
    data = week(runner, journal, "--pain", "0")
    [change] = data["adaptation"]["changes"]
    assert change["from"] == "clamshell"
    assert all(e["id"] != "clamshell" for d in data["days"] for e in d["exercises"])
    text = " ".join(run(runner, journal, "export", "-o", "-", "--pain", "0").stdout.split())
    assert "From your journal" in text and change["reason"][:30] in text


def test_a_journal_never_stops_a_plan(runner: CliRunner, journal: Path) -> None:
    log(runner, journal, 1, 3)
    with sqlite3.connect(journal) as db:  # as if a newer sciatica-plan had written it
        db.execute("PRAGMA user_version = 99")
    result = run(runner, journal, "week", "--json")
    assert result.exit_code == 0
    assert "planning without your journal" in result.stderr
    assert json.loads(result.stdout)["options"]["pain_from"] == "default"
    journal.with_name("empty.sqlite3").write_bytes(b"")
    assert week(runner, journal.with_name("empty.sqlite3"))["adaptation"] is None


def test_program_builds_deloads_and_builds_again(runner: CliRunner, journal: Path) -> None:
    result = run(runner, journal, "program", "--weeks", "6", "--json", "--start", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    weeks = json.loads(result.stdout)["weeks"]
    assert [w["week_of_program"] for w in weeks] == [1, 2, 3, 4, 5, 6]
    assert [w["theme"] for w in weeks] == ["build"] * 3 + ["deload"] + ["build"] * 2
    assert [w["start"] for w in weeks][:2] == ["2026-11-30", "2026-12-07"]
    text = " ".join(run(runner, journal, "program", "--weeks", "4").stdout.split())
    assert "Week 4" in text and "deload" in text and "Your week:" in text


@pytest.mark.parametrize("weeks", ["0", "13", "many"])
def test_program_weeks_out_of_range_is_a_usage_error(
    runner: CliRunner, journal: Path, weeks: str
) -> None:
    result = run(runner, journal, "program", "--weeks", weeks)
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage:") or "Error:" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_weeks_saves_the_programme(runner: CliRunner, journal: Path, tmp_path: Path) -> None:
    for name in ("prog.md", "prog.json", "prog.ics", "prog.html"):
        result = run(runner, journal, "export", "--weeks", "4", "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
        assert "4 weeks from" in result.stderr
    markdown = (tmp_path / "prog.md").read_text(encoding="utf-8")
    # The weeks at a glance: week 1 builds, week 4 is the lighter (deload) week.
    assert re.search(r"^\| 1 \| [^|]+ \| build \|", markdown, re.MULTILINE)
    assert re.search(r"^\| 4 \| [^|]+ \| lighter \|", markdown, re.MULTILINE)
    assert "consult a healthcare professional" in markdown
    data = json.loads((tmp_path / "prog.json").read_text(encoding="utf-8"))
    assert [w["week_of_program"] for w in data["weeks"]] == [1, 2, 3, 4]
    calendar = (tmp_path / "prog.ics").read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == 4 * 3
    assert "<title>Sciatica exercise programme" in (tmp_path / "prog.html").read_text()

"""`log --leg/--back/--felt` and a second entry on one day (issue 24), through click."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from journal_cli import ok, run

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner


def entries(runner: CliRunner, journal: Path) -> list[dict[str, Any]]:
    return json.loads(ok(runner, journal, "history", "--json").stdout)["entries"]


def test_leg_and_back_are_kept_and_pain_defaults_to_the_larger(
    runner: CliRunner, journal: Path
) -> None:
    first = ok(runner, journal, "log", "--leg", "6", "--back", "3")
    assert first.stdout.startswith("Logged entry 1: 2026-11-25, pain 6/10 (leg 6, back 3), ")
    ok(runner, journal, "log", "--back", "4", "--date", "2026-11-24")
    ok(runner, journal, "log", "--pain", "2", "--leg", "5", "--date", "2026-11-23")
    got = [(e["pain"], e["leg"], e["back"]) for e in entries(runner, journal)]
    # --pain, when given, stays the overall number, even below the leg's.
    assert got == [(2, 5, None), (4, None, 4), (6, 6, 3)]


def test_felt_is_kept_checked_and_exported(runner: CliRunner, journal: Path) -> None:
    ok(
        runner,
        journal,
        "log",
        "--pain",
        "3",
        "--done",
        "bird-dog",
        "--felt",
        "Bird-Dog=EASY",
        "--felt",
        "glute-bridge=painful",
        "--felt",
        "bird-dog=right",  # a second answer for one exercise replaces the first
    )
    assert entries(runner, journal)[0]["felt"] == {"bird-dog": "right", "glute-bridge": "painful"}
    text = ok(runner, journal, "history", "--csv").stdout_bytes.decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][6:] == ["leg", "back", "felt"]
    assert rows[1][6:] == ["", "", "bird-dog=right;glute-bridge=painful"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--felt", "bird-dog"], "'bird-dog' is not ID=HOW, for example glute-bridge=easy"),
        (
            ["--felt", "bird-dog=fine"],
            "how bird-dog felt must be one of easy, right, hard, painful",
        ),
        (["--felt", "handstand=easy"], "no exercise 'handstand' in the catalogue."),
        (["--leg", "11"], "Invalid value for '--leg'"),
        (["--back", "-1"], "Invalid value for '--back'"),
        ([], "Missing option '--pain'."),
    ],
)
def test_bad_schema3_input_is_a_usage_error(
    runner: CliRunner, journal: Path, args: list[str], message: str
) -> None:
    pain = [] if not args or args[0] != "--felt" else ["--pain", "3"]
    result = run(runner, journal, "log", *pain, *args)
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not journal.exists()


def test_a_session_logged_after_the_days_pain_says_it_is_a_second_entry(
    runner: CliRunner, journal: Path
) -> None:
    ok(runner, journal, "log", "--pain", "6")
    second = ok(runner, journal, "log", "--pain", "4", "--done", "bird-dog")
    assert " ".join(second.stderr.split()) == (
        "This is your second entry on 2026-11-25 (entry 1 too). Both are kept and counted, "
        "the session once. To keep this one only: sciatica-plan forget 1"
    )
    other_day = ok(
        runner, journal, "log", "--pain", "4", "--done", "bird-dog", "--date", "2026-11-24"
    )
    assert other_day.stderr == ""
    assert len(entries(runner, journal)) == 3

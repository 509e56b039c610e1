"""`psfs`, `psfs set`, `psfs rate` (issue 24): the Patient-Specific Functional Scale."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

import pytest
from journal_cli import ok, run

from sciatica_planner import psfs as psfs_module
from sciatica_planner.cli import psfs_commands
from sciatica_planner.journal import PsfsRating

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

TODAY = dt.date(2026, 11, 25)  # as conftest fixes it
CREDIT_AUTHORS = "Stratford P, Gill C, Westaway M, Binkley J"


def flat(text: str) -> str:
    return " ".join(text.split())


def test_an_empty_psfs_says_how_to_start_and_credits_the_authors(
    runner: CliRunner, journal: Path
) -> None:
    out = flat(ok(runner, journal, "psfs").stdout)
    assert "No PSFS activities yet." in out
    assert CREDIT_AUTHORS in out and "Physiotherapy Canada 1995" in out
    assert not journal.exists()  # showing creates nothing


def test_set_rate_show_and_trend(runner: CliRunner, journal: Path) -> None:
    ok(runner, journal, "psfs", "set", "putting on socks", "walking  1 km")
    first = ok(runner, journal, "psfs", "rate", "3", "5", "--date", "2026-11-25")
    assert first.stdout.startswith("Saved your PSFS rating for 2026-11-25: mean 4.0/10 (3, 5).")
    assert "points on the mean" not in first.stdout  # one rating: no trend yet
    shown = flat(ok(runner, journal, "psfs").stdout)
    assert "putting on socks 3" in shown and "walking 1 km 5" in shown and "Mean 4.0" in shown
    assert "Trend: not known yet" in shown
    assert CREDIT_AUTHORS in shown
    data = json.loads(ok(runner, journal, "history", "--json").stdout)
    assert data["psfs"] == [
        {
            "started": "2026-11-25",
            "activities": ["putting on socks", "walking 1 km"],
            "ratings": [{"date": "2026-11-25", "scores": [3, 5], "mean": 4.0}],
        }
    ]


@pytest.mark.parametrize(
    ("scores", "words"),
    [
        (["5", "7"], "+2.0 points on the mean since 18 Nov 2026: better by 2 points or more"),
        (["4", "7"], "+1.5 points on the mean since 18 Nov 2026: less than 2 points"),
        (["1", "3"], "-2.0 points on the mean since 18 Nov 2026: worse by 2 points or more"),
    ],
)
def test_the_trend_against_the_two_point_mdc(
    runner: CliRunner, journal: Path, scores: list[str], words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        psfs_commands.context, "today", lambda: __import__("datetime").date(2026, 11, 18)
    )
    ok(runner, journal, "psfs", "set", "socks", "walking")
    ok(runner, journal, "psfs", "rate", "3", "5")
    monkeypatch.setattr(psfs_commands.context, "today", lambda: TODAY)
    result = ok(runner, journal, "psfs", "rate", *scores)
    assert words in flat(result.stdout)
    assert words in flat(ok(runner, journal, "psfs").stdout)


def test_once_a_week_asks_or_replaces(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(psfs_commands.context, "today", lambda: dt.date(2026, 11, 16))
    ok(runner, journal, "psfs", "set", "socks")
    monkeypatch.setattr(psfs_commands.context, "today", lambda: TODAY)
    ok(runner, journal, "psfs", "rate", "3", "--date", "2026-11-23")  # Monday of this week
    refused = run(runner, journal, "psfs", "rate", "4")
    assert refused.exit_code == 2
    assert "you rated these activities on 2026-11-23 this week already" in flat(refused.stderr)
    assert "--replace" in refused.stderr
    monkeypatch.setattr(psfs_commands, "_interactive", lambda: True)
    declined = ok(runner, journal, "psfs", "rate", "4", input="n\n")
    assert "Nothing saved." in declined.stdout
    accepted = ok(runner, journal, "psfs", "rate", "5", input="y\n")
    assert "Replaced your PSFS rating for 2026-11-25" in accepted.stdout
    ok(runner, journal, "psfs", "rate", "6", "--replace")
    ok(runner, journal, "psfs", "rate", "2", "--date", "2026-11-22")  # the week before: fine
    ratings = json.loads(ok(runner, journal, "history", "--json").stdout)["psfs"][0]["ratings"]
    assert [(r["date"], r["scores"]) for r in ratings] == [
        ("2026-11-22", [2]),
        ("2026-11-25", [6]),
    ]


def test_new_activities_start_a_new_series_and_say_so(runner: CliRunner, journal: Path) -> None:
    first = ok(runner, journal, "psfs", "set", "socks")
    assert "new series" not in first.stdout
    ok(runner, journal, "psfs", "rate", "3")
    same = ok(runner, journal, "psfs", "set", "socks")
    assert "nothing changed" in same.stdout
    again = ok(runner, journal, "psfs", "set", "gardening", "stairs")
    assert "This starts a new series" in flat(again.stdout)
    shown = flat(ok(runner, journal, "psfs").stdout)
    assert "gardening" in shown and "socks" not in shown
    assert "1 earlier series of other activities kept" in shown
    assert "Not rated yet." in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["set"], "name 1 to 5 activities"),
        (["set", "a", "b", "c", "d", "e", "f"], "name 1 to 5 activities"),
        (["set", "x" * 81], "an activity is 81 characters; keep each to 80 or fewer"),
        (["set", "   "], "an activity is empty"),
        (["set", "a\x1b[31mb"], "an activity holds a control or invisible character"),
        (["set", "a\u202eb"], "an activity holds a control or invisible character"),
        (["set", "Socks", "socks"], "an activity is named twice"),
        (["rate", "3"], "no PSFS activities yet"),
    ],
)
def test_bad_psfs_input_is_a_usage_error_and_saves_nothing(
    runner: CliRunner, journal: Path, args: list[str], message: str
) -> None:
    result = run(runner, journal, "psfs", *args)
    assert result.exit_code == 2, result.stdout
    assert message in flat(result.stderr)
    assert "Traceback" not in result.stderr
    assert not journal.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rate", "3"],
            "give 2 scores, one for each activity in order (socks; stairs); you gave 1",
        ),
        (["rate", "3", "11"], "Invalid value for 'N...'"),
        (["rate", "3", "4", "--date", "2026-11-26"], "2026-11-26 is in the future"),
        (["rate", "3", "4", "--date", "2026-11-20"], "before you named these activities"),
    ],
)
def test_bad_ratings_are_usage_errors(
    runner: CliRunner, journal: Path, args: list[str], message: str
) -> None:
    ok(runner, journal, "psfs", "set", "socks", "stairs")
    result = run(runner, journal, "psfs", *args)
    assert result.exit_code == 2
    assert message in flat(result.stderr)
    assert json.loads(ok(runner, journal, "history", "--json").stdout)["psfs"][0]["ratings"] == []


def test_the_psfs_trend_is_exact_at_the_threshold() -> None:
    day = dt.date(2026, 11, 2)
    later = day + dt.timedelta(days=7)
    # Means 3.0 then 5.0 (three activities; 2 points exactly): trusted.
    moved = psfs_module.trend([PsfsRating(day, (3, 3, 3)), PsfsRating(later, (5, 5, 5))])
    assert moved is not None and moved.direction == "better" and moved.change == 2.0
    # 1.67 points (5/3): within.
    near = psfs_module.trend([PsfsRating(day, (3, 3, 3)), PsfsRating(later, (5, 5, 4))])
    assert near is not None and near.direction == "within" and near.change == 1.7
    assert psfs_module.trend([PsfsRating(day, (3,))]) is None

"""The journal's summary and the adaptation it calls for, on hand-made entry lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from sciatica_planner import safety
from sciatica_planner.progression import adapt, summarise

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue

TODAY = dt.date(2026, 11, 25)


@dataclass(frozen=True)
class Entry:
    date: dt.date
    pain: int
    done: tuple[str, ...] = ()
    spreading: bool = False


def ago(days: int, pain: int, *done: str, spreading: bool = False) -> Entry:
    return Entry(TODAY - dt.timedelta(days=days), pain, tuple(done), spreading)


def direction(entries: list[Entry], catalogue: Catalogue) -> str | None:
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    return None if adaptation is None else adaptation.direction


def test_an_empty_journal_changes_nothing(catalogue: Catalogue) -> None:
    summary = summarise([], TODAY)
    assert summary.entries == 0 and summary.latest_pain is None
    assert adapt(summary, catalogue) is None
    # Entries older than two weeks, or in the future, do not count either.
    assert adapt(summarise([ago(14, 8), ago(-1, 9)], TODAY), catalogue) is None


def test_the_latest_pain_is_today_or_yesterday(catalogue: Catalogue) -> None:
    assert summarise([ago(2, 4)], TODAY).latest_pain is None
    summary = summarise([ago(3, 2), ago(1, 5), ago(1, 6)], TODAY)
    assert (summary.latest_pain, summary.latest_date) == (6, TODAY - dt.timedelta(days=1))


def test_rising_pain_regresses(catalogue: Catalogue) -> None:
    entries = [ago(d, 2) for d in (13, 11, 9)] + [ago(d, 3) for d in (5, 3)]
    assert direction(entries, catalogue) == "regress"
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    assert adaptation is not None and "3.0/10" in adaptation.reason
    # A rise of less than one point holds.
    calmer = [ago(d, 2) for d in (13, 11, 9)] + [ago(d, 2) for d in (5, 4)] + [ago(3, 3)]
    assert direction(calmer, catalogue) == "hold"


def test_one_entry_of_8_yesterday_regresses(catalogue: Catalogue) -> None:
    assert direction([ago(1, 8)], catalogue) == "regress"
    assert direction([ago(3, 8)], catalogue) == "hold"  # outside the last 3 days


def test_a_spreading_entry_regresses(catalogue: Catalogue) -> None:
    calm = [ago(d, 1, "glute-bridge") for d in (12, 10, 8, 5, 3)]
    assert direction([*calm, ago(6, 1, spreading=True)], catalogue) == "regress"
    assert direction([*calm, ago(7, 1, spreading=True)], catalogue) == "progress"  # a week ago


def test_two_calm_active_weeks_progress(catalogue: Catalogue) -> None:
    entries = [ago(d, 2, "glute-bridge") for d in (13, 10, 8, 6, 3, 1)]
    assert direction(entries, catalogue) == "progress"
    summary = summarise(entries, TODAY)
    assert summary.sessions == (3, 3)


def test_calm_but_inactive_holds(catalogue: Catalogue) -> None:
    few = [
        ago(13, 2, "glute-bridge"),
        ago(10, 2),
        ago(6, 2, "glute-bridge"),
        ago(3, 2, "clamshell"),
    ]
    assert summarise(few, TODAY).sessions == (1, 2)
    assert direction(few, catalogue) == "hold"
    only_last_week = [ago(d, 1, "glute-bridge") for d in (5, 3, 1)]
    assert direction(only_last_week, catalogue) == "hold"


def test_an_exercise_that_twice_flared_is_swapped_for_its_easier_version(
    catalogue: Catalogue,
) -> None:
    bridge = catalogue.by_id["single-leg-glute-bridge"]
    assert bridge.easier is not None
    entries = [
        ago(9, 2, "single-leg-glute-bridge", "clamshell"),
        ago(8, 4),  # the next day, 2 points higher
        ago(4, 2, "single-leg-glute-bridge"),
        ago(3, 5),
        ago(2, 3, "clamshell"),
        ago(1, 3),  # no rise after the clamshell this time
    ]
    summary = summarise(entries, TODAY)
    assert summary.flared == ("single-leg-glute-bridge",)
    adaptation = adapt(summary, catalogue)
    assert adaptation is not None
    [change] = adaptation.changes
    assert (change.from_, change.to) == ("single-leg-glute-bridge", bridge.easier)
    assert "easier" in change.reason
    dumped = adaptation.model_dump(mode="json")
    assert dumped["changes"] == [
        {"from": "single-leg-glute-bridge", "to": bridge.easier, "reason": change.reason}
    ]


def test_a_flared_exercise_without_an_easier_version_is_left_out(catalogue: Catalogue) -> None:
    lonely = next(e for e in catalogue.exercises if e.easier is None and e.kind == "strength")
    entries = [ago(9, 1, lonely.id), ago(8, 3), ago(4, 1, lonely.id), ago(3, 4)]
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    assert adaptation is not None
    assert [(c.from_, c.to) for c in adaptation.changes] == [(lonely.id, None)]
    assert "left out" in adaptation.changes[0].reason


@pytest.mark.parametrize("rise", [safety.FLARE_NEXT_DAY_RISE - 1, safety.FLARE_NEXT_DAY_RISE])
def test_the_next_day_rise_threshold(catalogue: Catalogue, rise: int) -> None:
    entries = [ago(9, 2, "clamshell"), ago(8, 2 + rise), ago(4, 2, "clamshell"), ago(3, 2 + rise)]
    flared = summarise(entries, TODAY).flared
    assert flared == (("clamshell",) if rise >= safety.FLARE_NEXT_DAY_RISE else ())

"""Adaptation reads how each exercise felt, and the escalation wording (issue 24)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from sciatica_planner import safety
from sciatica_planner.progression import adapt, plan_program, summarise

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue

TODAY = dt.date(2026, 11, 25)


@dataclass(frozen=True)
class Entry:
    date: dt.date
    pain: int
    done: tuple[str, ...] = ()
    spreading: bool = False
    felt: tuple[tuple[str, str], ...] = ()


def ago(days: int, pain: int, *felt: tuple[str, str], done: tuple[str, ...] = ()) -> Entry:
    return Entry(TODAY - dt.timedelta(days=days), pain, done, False, felt)


def test_painful_twice_swaps_like_a_flare(catalogue: Catalogue) -> None:
    bridge = catalogue.by_id["single-leg-glute-bridge"]
    entries = [
        ago(9, 2, ("single-leg-glute-bridge", "painful")),
        ago(5, 2, ("single-leg-glute-bridge", "right")),
        ago(2, 2, ("single-leg-glute-bridge", "painful")),
    ]
    summary = summarise(entries, TODAY)
    assert summary.painful == ("single-leg-glute-bridge",)
    adaptation = adapt(summary, catalogue)
    assert adaptation is not None
    [change] = adaptation.changes
    assert (change.from_, change.to) == ("single-leg-glute-bridge", bridge.easier)
    assert change.reason == (
        f"{bridge.name}: it felt painful in 2 sessions; swapped for an easier version."
    )
    once = adapt(summarise(entries[1:], TODAY), catalogue)
    assert once is not None and once.changes == ()  # once is not enough


def test_easy_in_the_last_two_sessions_steps_up_in_a_hold_week(catalogue: Catalogue) -> None:
    easy = [ago(6, 2, ("bird-dog", "easy")), ago(3, 2, ("bird-dog", "easy"))]
    adaptation = adapt(summarise(easy, TODAY), catalogue)
    assert adaptation is not None and adaptation.direction == "hold"
    assert adaptation.step_up == ("bird-dog",)
    [change] = adaptation.changes
    assert (change.from_, change.to) == ("bird-dog", "bird-dog")
    assert "felt easy in its last 2 sessions: one notch up" in change.reason
    # Not the last two: an easy, then a right.
    mixed = [*easy, ago(1, 2, ("bird-dog", "right"))]
    assert adapt(summarise(mixed, TODAY), catalogue).step_up == ()  # type: ignore[union-attr]
    # A session without an answer breaks the run too: it was not said to be easy.
    unanswered = [*easy, ago(1, 2, done=("bird-dog",))]
    assert adapt(summarise(unanswered, TODAY), catalogue).step_up == ()  # type: ignore[union-attr]
    # No step-up at pain 4-6 or in a week that eases off, and none is named.
    sore = adapt(summarise(easy, TODAY), catalogue, pain=4)
    assert sore is not None and sore.step_up == () and sore.changes == ()
    flare = adapt(summarise([*easy, ago(1, 8)], TODAY), catalogue)
    assert flare is not None and flare.direction == "regress" and flare.step_up == ()


def test_hard_holds_its_dose_and_is_named(catalogue: Catalogue) -> None:
    entries = [ago(6, 2, ("bird-dog", "easy")), ago(3, 2, ("bird-dog", "hard"))]
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    assert adaptation is not None
    assert adaptation.hold_dose == ("bird-dog",) and adaptation.step_up == ()
    assert [(c.from_, c.to) for c in adaptation.changes] == [("bird-dog", "bird-dog")]
    assert "felt hard last time: it keeps its usual dose" in adaptation.changes[0].reason


def test_a_felt_exercise_from_another_catalogue_is_ignored(catalogue: Catalogue) -> None:
    entries = [ago(6, 2, ("not-ours", "easy")), ago(3, 2, ("not-ours", "easy"), ("x", "hard"))]
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    assert adaptation is not None and adaptation.changes == () and adaptation.step_up == ()


@pytest.mark.parametrize(
    "entries",
    [
        [ago(1, 7)],  # an entry of 7 or more in the last 3 days
        [ago(d, 2) for d in (13, 11, 9)] + [ago(d, 4) for d in (5, 3)],  # rising
        [Entry(TODAY - dt.timedelta(days=2), 3, spreading=True)],  # spreading
    ],
)
def test_every_regress_reason_ends_with_see_a_clinician(
    catalogue: Catalogue, entries: list[Entry]
) -> None:
    adaptation = adapt(summarise(entries, TODAY), catalogue)
    assert adaptation is not None and adaptation.direction == "regress"
    assert adaptation.reason.endswith(
        "If this goes on for more than a couple of weeks, see a GP or physiotherapist."
    )
    assert safety.REGRESS_SEE_CLINICIAN in adaptation.reason


def test_pain_9_or_10_in_the_journal_gives_the_nhs_advice(catalogue: Catalogue) -> None:
    for pain, advised in ((8, False), (9, True), (10, True)):
        adaptation = adapt(summarise([ago(2, pain)], TODAY), catalogue)
        assert adaptation is not None
        assert (safety.VERY_BAD_PAIN_ADVICE in adaptation.reason) is advised
    assert "contact a GP or NHS 111" in safety.VERY_BAD_PAIN_ADVICE


def test_a_programme_steps_up_only_its_first_week(catalogue: Catalogue) -> None:
    from sciatica_planner.models import PlanOptions

    options = PlanOptions(
        days=3, on=("mon", "wed", "fri"), level="beginner", minutes=45, seed=7,
        start=dt.date(2026, 11, 30),
    )  # fmt: skip
    easy = [ago(6, 2, ("bird-dog", "easy")), ago(3, 2, ("bird-dog", "easy"))]
    weeks = plan_program(catalogue, options, 3, summarise(easy, TODAY))
    assert weeks[0].adaptation is not None and weeks[0].adaptation.step_up == ("bird-dog",)
    assert all(w.adaptation is None for w in weeks[1:])

"""The short phrases every view shares."""

from __future__ import annotations

import datetime as dt

from sciatica_planner.render import wording


def test_doses() -> None:
    assert wording.dose(2, 10, None) == "2 x 10"
    assert wording.dose(2, 10, None, per_side=True) == "2 x 10 each side"
    assert wording.dose(3, None, 30) == "3 x 30 s hold"
    assert wording.dose(1, None, 120) == "2 min"  # a walk or a march reads in minutes
    assert wording.dose(1, None, 90) == "90 s"
    assert wording.dose(2, None, 120) == "2 x 120 s hold"


def test_a_high_rep_count_names_its_unit() -> None:
    """'1 x 60' left a reader asking "60 what?"; sets by reps up to 30 are a known shorthand."""
    assert wording.dose(1, 60, None) == "1 x 60 reps"
    assert wording.dose(2, 31, None, per_side=True) == "2 x 31 reps each side"
    assert wording.dose(3, 30, None) == "3 x 30"
    assert wording.dose(2, 12, None) == "2 x 12"


def test_rests() -> None:
    assert wording.rest(45) == "45 s"
    assert wording.rest(120) == "2 min"
    assert wording.rest(0) == "-"
    assert wording.rest(30, sets=1) == "-"  # one set: nothing to rest between


def test_groups_and_dates() -> None:
    assert wording.groups(("lower-back", "hip-abductors-adductors")) == "lower back, hips"
    assert wording.day_heading(dt.date(2026, 11, 30)) == "Monday 30 Nov"
    assert wording.long_date(dt.date(2026, 12, 2)) == "Wednesday 2 December 2026"


def test_dose_ranges() -> None:
    assert wording.dose_range((1, 3), (8, 12), None) == "1-3 sets of 8-12"
    assert wording.dose_range((2, 2), (10, 10), None) == "2 sets of 10"
    assert wording.dose_range((1, 1), None, (20, 40)) == "1 set of 20-40 s hold"


def test_flare_up_items_are_gentle_never_strength() -> None:
    assert wording.kind("strength", 6) == "strength"
    assert wording.kind("strength", 7) == "gentle"
    assert wording.kind("stretch", 9) == "stretch"


def test_where_the_pain_came_from() -> None:
    assert wording.pain_source(0, "default") == "pain 0/10"
    assert wording.pain_source(5, "options") == "pain 5/10 (--pain)"
    assert wording.pain_source(6, "journal 2026-11-25") == (
        "pain 6/10 from your journal, Wed 25 Nov"
    )
    assert wording.pain_source(6, "journal") == "pain 6/10 from your journal"


def test_walks() -> None:
    assert wording.walk(20) == "an easy walk of about 20 minutes"
    assert wording.walk(1) == "an easy walk of about 1 minute"

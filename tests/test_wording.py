"""The short phrases every view shares."""

from __future__ import annotations

import datetime as dt

from sciatica_planner.render import wording


def test_doses() -> None:
    assert wording.dose(2, 10, None) == "2 x 10"
    assert wording.dose(2, 10, None, per_side=True) == "2 x 10 each side"
    assert wording.dose(3, None, 30) == "3 x 30 s hold"
    assert wording.dose(1, None, 120) == "120 s"


def test_rests() -> None:
    assert wording.rest(45) == "45 s"
    assert wording.rest(120) == "2 min"
    assert wording.rest(0) == "-"
    assert wording.rest(30, sets=1) == "-"  # one set: nothing to rest between


def test_groups_and_dates() -> None:
    assert wording.groups(("lower-back", "hip-abductors-adductors")) == "lower back, hips"
    assert wording.day_heading(dt.date(2026, 11, 30)) == "Monday 30 Nov"
    assert wording.long_date(dt.date(2026, 12, 2)) == "Wednesday 2 December 2026"

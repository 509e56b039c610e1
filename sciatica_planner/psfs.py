"""The Patient-Specific Functional Scale: its credit, its score and how far it moved.

Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual
patients: a report of a patient specific measure. Physiotherapy Canada 1995;47(4):258-263 [F1].
The patient names up to 3-5 activities they find hard and rates each from 0 (unable) to 10 (as
before the problem); the score is the mean. Free to use; copyright stays with the authors, so
every place that shows it credits them (CREDIT). Pure; standard library only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Sequence
    from fractions import Fraction

    from .journal import PsfsRating

# Shown wherever the scale is shown (`psfs`, the report): the authors keep the copyright [F1].
CREDIT = (
    "PSFS: Patient-Specific Functional Scale, Stratford P, Gill C, Westaway M, Binkley J, "
    "Physiotherapy Canada 1995;47(4):258-263. Free to use; copyright its authors."
)
# The minimal detectable change at 90% confidence: about 2 points on the mean (3 on one
# activity) [F1]. A change of the mean this large or larger is one the user can trust.
MDC_MEAN = 2
MDC_ACTIVITY = 3
# `psfs rate` once a week: a week is Monday to Sunday, as the plan's weeks are.
RATING_WEEK_DAYS = 7

Direction = Literal["better", "worse", "within"]


@dataclass(frozen=True)
class PsfsTrend:
    """The mean's change from the series' first rating to its latest."""

    first: dt.date
    latest: dt.date
    change: float
    direction: Direction  # "within": less than the minimal detectable change

    def words(self) -> str:
        """The change in plain words, with what the 2-point threshold means."""
        sign = "+" if self.change > 0 else ""
        since = f"{self.first.day} {self.first:%b %Y}"
        moved = f"{sign}{self.change:.1f} points on the mean since {since}"
        if self.direction == "within":
            return (
                f"{moved}: less than {MDC_MEAN} points, within what measuring alone can change "
                "(not yet a change to trust)."
            )
        better = "better" if self.direction == "better" else "worse"
        return f"{moved}: {better} by {MDC_MEAN} points or more, a change you can trust."


def trend(ratings: Sequence[PsfsRating]) -> PsfsTrend | None:
    """The trend of one series' ratings (oldest first); None with fewer than two."""
    from fractions import Fraction

    if len(ratings) < 2:
        return None
    first, latest = ratings[0].scores, ratings[-1].scores
    # Exact, so that a change of exactly 2 points is 2, never 1.9999.
    exact = Fraction(sum(latest), len(latest)) - Fraction(sum(first), len(first))
    direction: Direction = (
        "better" if exact >= MDC_MEAN else "worse" if exact <= -MDC_MEAN else "within"
    )
    return PsfsTrend(ratings[0].date, ratings[-1].date, one_decimal(exact), direction)


def one_decimal(value: Fraction) -> float:
    """To one decimal place, half away from zero (as the pain means round half up)."""
    from fractions import Fraction

    tenths = abs(value) * 10 + Fraction(1, 2)
    rounded = (tenths.numerator // tenths.denominator) / 10
    return rounded if value >= 0 else -rounded


def week_of(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`: ratings are at most one a week."""
    return day - dt.timedelta(days=day.weekday())

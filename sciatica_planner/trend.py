"""How pain is going: the average over a period, the two-week trend, and pain per day for a chart.

Pure functions of journal entries and today's date; standard library only.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from fractions import Fraction

Trend = Literal["improving", "stable", "worsening"]

# The trend compares the mean pain of the last 7 days (today included) with the 7 days before.
TREND_WINDOW_DAYS = 7
# Product choice: a change of 1 point or more on the 0-10 scale, the smallest whole step, counts
# as improving or worsening; less is stable. The pain-monitoring model asks that pain not rise from
# week to week [S2] (sources as in safety.py), so a display meant to show a rise early uses the
# smallest step. (Adapting the plan is a separate, larger threshold.)
TREND_CHANGE = 1


class Scored(Protocol):
    """Anything with a date and a pain score: a journal entry."""

    @property
    def date(self) -> dt.date: ...

    @property
    def pain(self) -> int: ...


@dataclass(frozen=True)
class Summary:
    """A period of the journal in numbers: its entries' mean pain and the two-week trend."""

    days: int
    start: dt.date
    end: dt.date
    count: int
    average: float | None
    last_week_average: float | None
    previous_week_average: float | None
    trend: Trend | None  # None until both of the last two weeks have an entry

    def as_json(self) -> dict[str, Any]:
        """The summary as `history --json` prints it."""
        return {
            "days": self.days,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "count": self.count,
            "average": self.average,
            "trend": self.trend,
            "last_7_days_average": self.last_week_average,
            "previous_7_days_average": self.previous_week_average,
        }


@dataclass(frozen=True)
class Column:
    """One column of the pain chart: one day, or several when the period is long."""

    first: dt.date
    last: dt.date
    pain: Fraction | None  # the mean of the entries in these days; None without any

    @property
    def level(self) -> int | None:
        """The mean pain rounded to a whole point (half up), the column's height."""
        if self.pain is None:
            return None
        return (2 * self.pain.numerator + self.pain.denominator) // (2 * self.pain.denominator)


S = TypeVar("S", bound=Scored)


def as_of(entries: Iterable[S], today: dt.date) -> tuple[list[S], tuple[S, ...]]:
    """The entries as every count reads them, and those dated after today.

    `log` refuses a future date, so an entry after today comes from a hand edit, a clock set
    wrong, or a journal shared between time zones. Leaving it out would hide it (a pain-10
    spreading entry dated tomorrow would not ease the plan); so history, the report and the
    plan all count it as today's, and each names it. Entries must be dataclasses (the
    journal's are).
    """
    import dataclasses

    listed = list(entries)
    future = tuple(e for e in listed if e.date > today)
    if not future:
        return listed, ()
    counted = [
        dataclasses.replace(e, date=today) if e.date > today else e  # type: ignore[type-var]
        for e in listed
    ]
    return counted, future


def period_start(today: dt.date, days: int) -> dt.date:
    """The first day of the last `days` days, today included."""
    return today - dt.timedelta(days=days - 1)


def needed_since(today: dt.date, days: int) -> dt.date:
    """The earliest date `summarise` looks at: the period's start or the trend's, if earlier."""
    return min(period_start(today, days), today - dt.timedelta(days=2 * TREND_WINDOW_DAYS - 1))


def _mean(entries: Iterable[Scored]) -> Fraction | None:
    # Exact fractions, so a change of exactly 1 point is 1, never 0.9999999. Imported here:
    # `--help` loads this module for its constants and need not pay for fractions.
    from fractions import Fraction

    pains = [e.pain for e in entries]
    return Fraction(sum(pains), len(pains)) if pains else None


def one_decimal(value: Fraction | None) -> float | None:
    """A mean pain to one decimal place, rounded half up, as every view shows it."""
    if value is None:
        return None
    # Half up, in integers: 4.25 is 4.3 (round() would give 4.2, rounding half to even).
    return (20 * value.numerator + value.denominator) // (2 * value.denominator) / 10


def _between(entries: Iterable[Scored], first: dt.date, last: dt.date) -> list[Scored]:
    return [e for e in entries if first <= e.date <= last]


def summarise(entries: Sequence[Scored], today: dt.date, days: int) -> Summary:
    """The last `days` days up to today, and the trend of the last two weeks, from `entries`."""
    start = period_start(today, days)
    in_period = _between(entries, start, today)
    week = dt.timedelta(days=TREND_WINDOW_DAYS)
    last = _mean(_between(entries, today - week + dt.timedelta(days=1), today))
    previous = _mean(_between(entries, today - 2 * week + dt.timedelta(days=1), today - week))
    trend: Trend | None = None
    if last is not None and previous is not None:
        change = last - previous
        if change <= -TREND_CHANGE:
            trend = "improving"
        elif change >= TREND_CHANGE:
            trend = "worsening"
        else:
            trend = "stable"
    return Summary(
        days=days,
        start=start,
        end=today,
        count=len(in_period),
        average=one_decimal(_mean(in_period)),
        last_week_average=one_decimal(last),
        previous_week_average=one_decimal(previous),
        trend=trend,
    )


def pain_columns(
    entries: Sequence[Scored], start: dt.date, end: dt.date, max_columns: int
) -> list[Column]:
    """Mean pain per day from `start` to `end`, or per run of days when days outnumber columns."""
    total = (end - start).days + 1
    per_column = max(1, math.ceil(total / max(1, max_columns)))
    columns = []
    for offset in range(0, total, per_column):
        first = start + dt.timedelta(days=offset)
        last = min(end, first + dt.timedelta(days=per_column - 1))
        columns.append(Column(first, last, _mean(_between(entries, first, last))))
    return columns

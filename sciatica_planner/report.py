"""The clinician's report in numbers: pain per day, its average, range and trend, sessions per
week against the plan, how each exercise went, the notes, and the plan's current adaptation.

Pure: journal entries, today's date, the catalogue and the plan's options come in as values;
renderers (render/report_*.py) only lay these numbers out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from . import progression, trend
from .safety import WEEK_DAYS
from .vocabulary import WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .models import Adaptation, Catalogue


class Logged(progression.Logged, Protocol):
    """A journal entry as the report reads it: what the summary reads, and the note and
    whether symptoms spread."""

    @property
    def note(self) -> str | None: ...

    @property
    def spreading(self) -> bool: ...


@dataclass(frozen=True)
class PlanSettings:
    """The plan options the report states, and where they came from."""

    on: tuple[str, ...]  # training days, mon..sun
    level: str
    equipment: tuple[str, ...]
    minutes: int
    prefer: str
    source: str  # in words: "your saved profile (PATH)", "the defaults (no saved profile)"


@dataclass(frozen=True)
class DayPain:
    """One day with entries: the point the chart draws for it."""

    date: dt.date
    pain: float  # the mean of the day's entries, to one decimal
    lowest: int
    highest: int
    entries: int
    session: bool  # exercises were logged that day
    spreading: bool  # an entry said symptoms spread further down the leg


@dataclass(frozen=True)
class WeekSessions:
    """Sessions in one run of up to 7 days, against the training days the plan had in it."""

    first: dt.date
    last: dt.date
    sessions: int  # days with exercises logged
    planned: int  # days in the run that are training days of the plan

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class ExerciseRecord:
    """How one exercise went in the period."""

    id: str
    name: str
    done: int  # entries that list it
    rises: int  # of those, followed the next day by pain at least 2 points higher


@dataclass(frozen=True)
class Note:
    """A note as the user typed it, with its day and pain."""

    date: dt.date
    pain: int
    text: str
    spreading: bool


@dataclass(frozen=True)
class Report:
    """Everything the clinician's page says, computed once."""

    today: dt.date
    start: dt.date
    days: int
    plan: PlanSettings
    entries: int  # in the period
    summary: trend.Summary  # the period's average and the two-week trend, as `history` has them
    lowest: int | None
    highest: int | None
    pain_days: tuple[DayPain, ...]
    weeks: tuple[WeekSessions, ...]
    exercises: tuple[ExerciseRecord, ...]
    notes: tuple[Note, ...]
    adaptation: Adaptation | None  # None: no entry in the last two weeks

    @property
    def end(self) -> dt.date:
        return self.today

    @property
    def empty(self) -> bool:
        return self.entries == 0

    @property
    def sessions(self) -> int:
        return sum(week.sessions for week in self.weeks)

    @property
    def planned(self) -> int:
        return sum(week.planned for week in self.weeks)

    @property
    def spreading_days(self) -> tuple[dt.date, ...]:
        return tuple(day.date for day in self.pain_days if day.spreading)


def build_report(
    entries: Sequence[Logged],
    today: dt.date,
    days: int,
    catalogue: Catalogue,
    plan: PlanSettings,
) -> Report:
    """The report of the `days` days up to `today` (today included)."""
    start = trend.period_start(today, days)
    known = [e for e in entries if e.date <= today]  # a clock turned back leaves no gap
    in_period = [e for e in known if e.date >= start]
    pains = [e.pain for e in in_period]
    adaptation = progression.adapt(progression.summarise(known, today), catalogue)
    return Report(
        today=today,
        start=start,
        days=days,
        plan=plan,
        entries=len(in_period),
        summary=trend.summarise(known, today, days),
        lowest=min(pains, default=None),
        highest=max(pains, default=None),
        pain_days=_pain_days(in_period, start, today),
        weeks=_weeks(in_period, start, today, plan.on),
        exercises=_exercises(in_period, catalogue),
        notes=tuple(Note(e.date, e.pain, e.note, e.spreading) for e in in_period if e.note),
        adaptation=adaptation,
    )


def _pain_days(entries: list[Logged], start: dt.date, end: dt.date) -> tuple[DayPain, ...]:
    """One DayPain for each day that has entries, oldest first."""
    total = (end - start).days + 1
    columns = trend.pain_columns(entries, start, end, total)  # one column a day
    found = []
    for column in columns:
        mean = trend.one_decimal(column.pain)
        if mean is None:
            continue
        on_day = [e for e in entries if e.date == column.first]
        found.append(
            DayPain(
                date=column.first,
                pain=mean,
                lowest=min(e.pain for e in on_day),
                highest=max(e.pain for e in on_day),
                entries=len(on_day),
                session=any(e.done for e in on_day),
                spreading=any(e.spreading for e in on_day),
            )
        )
    return tuple(found)


def _weeks(
    entries: list[Logged], start: dt.date, end: dt.date, on: tuple[str, ...]
) -> tuple[WeekSessions, ...]:
    """Runs of 7 days counted back from `end`, so the last week ends today and only the
    first may be shorter; oldest first."""
    session_days = {e.date for e in entries if e.done}
    weeks = []
    last = end
    while last >= start:
        first = max(start, last - dt.timedelta(days=WEEK_DAYS - 1))
        span = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        weeks.append(
            WeekSessions(
                first=first,
                last=last,
                sessions=sum(day in session_days for day in span),
                planned=sum(WEEKDAYS[day.weekday()] in on for day in span),
            )
        )
        last = first - dt.timedelta(days=1)
    return tuple(reversed(weeks))


def _exercises(entries: list[Logged], catalogue: Catalogue) -> tuple[ExerciseRecord, ...]:
    """Each exercise logged in the period: most often done first, then by name."""
    done: dict[str, int] = {}
    for entry in entries:
        for exercise_id in dict.fromkeys(entry.done):
            done[exercise_id] = done.get(exercise_id, 0) + 1
    rises = progression.next_day_rises(entries)
    records = []
    for exercise_id, count in done.items():
        exercise = catalogue.exercise(exercise_id)
        name = exercise.name if exercise is not None else exercise_id  # another catalogue's
        records.append(ExerciseRecord(exercise_id, name, count, rises.get(exercise_id, 0)))
    return tuple(sorted(records, key=lambda r: (-r.done, r.name.lower(), r.id)))

"""The clinician's report in numbers: pain per day, its average, range and trend, sessions per
week against the plan, how each exercise went, the notes, and the plan's current adaptation.

Pure: journal entries, today's date, the catalogue and the plan's options come in as values;
renderers (render/report_*.py) only lay these numbers out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from . import progression, trend
from .safety import WEEK_DAYS
from .vocabulary import FEELINGS, WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .journal import PsfsSeries
    from .models import Adaptation, Catalogue, PrescriptionNote
    from .psfs import PsfsTrend

# A note longer than this (or than NOTE_PAGE_LINES lines) is shortened on the page, with a
# pointer to `history --long`: one 128 KB note made a 28-day report 19 pages (issue 28). 400
# characters is a long paragraph, enough for what a clinician reads at a glance.
NOTE_PAGE_CHARS = 400
NOTE_PAGE_LINES = 6
# The page shows the latest notes only, and says how many earlier ones `history` has: a year of
# daily notes is a book, not a page, and took seconds to lay out (issue 28: 10,000 entries).
NOTES_ON_PAGE = 60


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
    avoid: tuple[str, ...] = ()  # positions left out (rule 22)
    exclude: tuple[str, ...] = ()  # exercises left out (rule 22)
    prescription: PrescriptionNote | None = None  # the clinician's file the weeks follow


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
    # Schema 3: the day's mean leg and back pain, over the entries that gave them.
    leg: float | None = None
    back: float | None = None


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
    # Schema 3: how many times it was said to feel easy, right, hard and painful.
    felt: tuple[int, int, int, int] = (0, 0, 0, 0)


@dataclass(frozen=True)
class Note:
    """A note as the user typed it, with its day and pain."""

    date: dt.date
    pain: int
    text: str
    spreading: bool
    entry: int = 0  # the entry's number, for `history` when the page shortens the note
    shortened: bool = False  # `text` is the start of a longer note


@dataclass(frozen=True)
class LegAndBack:
    """Leg and back pain over the last two weeks, as the trend compares them: each week's mean
    of the entries that gave it; `pattern` says what they show, if anything."""

    leg: tuple[float, float]  # the 7 days before, the last 7 days
    back: tuple[float, float]
    pattern: Literal["centralising", "spreading"] | None

    def words(self) -> str:
        """The pattern in plain words, with the numbers."""
        leg = f"leg pain {self.leg[0]:g}/10 then {self.leg[1]:g}/10"
        back = f"back pain {self.back[0]:g}/10 then {self.back[1]:g}/10"
        numbers = f"{leg}, {back}, the 7 days before against the last 7"
        if self.pattern == "centralising":
            return (
                f"Centralising: leg pain is easing while back pain holds ({numbers}), usually "
                "a good sign."
            )
        if self.pattern == "spreading":
            return (
                f"Spreading: leg pain is rising while back pain does not ({numbers}); "
                "symptoms moving down the leg mean easing off and a clinician's review."
            )
        return f"Neither centralising nor spreading ({numbers})."


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
    # Schema 3. Sessions are counted from the journal's first entry: the days before it are
    # not a journal's to count (None: no entry at all).
    counted_from: dt.date | None = None
    leg_and_back: LegAndBack | None = None  # None: too few leg and back pains to compare
    psfs: PsfsSeries | None = None  # the current series, if any
    psfs_trend: PsfsTrend | None = None
    future: tuple[int, ...] = ()  # entries dated after today, counted as today's
    notes_left_out: int = 0  # earlier notes than the page shows (NOTES_ON_PAGE)

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
    *,
    first_entry: dt.date | None = None,
    psfs: Sequence[PsfsSeries] = (),
) -> Report:
    """The report of the `days` days up to `today` (today included).

    `first_entry`: the date of the journal's first entry (the earliest of `entries` when not
    given); weeks before it are not counted. An entry dated after today counts as today's
    (trend.as_of) and the report names it. `psfs`: the journal's PSFS series; the report
    shows the current one.
    """
    from .psfs import trend as psfs_trend

    start = trend.period_start(today, days)
    known, future = trend.as_of(entries, today)
    first = min((e.date for e in known), default=None) if first_entry is None else first_entry
    first = min(first, today) if first is not None else None
    in_period = [e for e in known if e.date >= start]
    pains = [e.pain for e in in_period]
    noted = [e for e in in_period if e.note]
    adaptation = progression.adapt(progression.summarise(known, today), catalogue)
    counted = max(start, first) if first is not None else start
    current = psfs[-1] if psfs else None
    return Report(
        today=today,
        start=start,
        days=days,
        plan=plan,
        entries=len(in_period),
        summary=trend.summarise(known, today, days),
        lowest=min(pains, default=None),
        highest=max(pains, default=None),
        pain_days=_pain_days(in_period),
        weeks=_weeks(in_period, counted, today, plan.on),
        exercises=_exercises(in_period, catalogue),
        notes=tuple(_note(e) for e in noted[-NOTES_ON_PAGE:]),
        notes_left_out=max(0, len(noted) - NOTES_ON_PAGE),
        adaptation=adaptation,
        counted_from=first,
        leg_and_back=leg_and_back(known, today),
        psfs=current,
        psfs_trend=psfs_trend(current.ratings) if current is not None else None,
        future=tuple(getattr(e, "id", 0) for e in future),
    )


def _note(entry: Logged) -> Note:
    """A note as the page shows it: whole, or its start when it is long."""
    text = entry.note or ""
    lines = text.replace("\r\n", "\n").split("\n")
    short = "\n".join(lines[:NOTE_PAGE_LINES])[:NOTE_PAGE_CHARS]
    number = getattr(entry, "id", 0)
    return Note(entry.date, entry.pain, short, entry.spreading, number, short != text)


def _mean(values: list[int]) -> float | None:
    from fractions import Fraction

    return trend.one_decimal(Fraction(sum(values), len(values))) if values else None


def _pain_days(entries: list[Logged]) -> tuple[DayPain, ...]:
    """One DayPain for each day that has entries, oldest first; one pass over the entries."""
    by_day: dict[dt.date, list[Logged]] = {}
    for entry in entries:
        by_day.setdefault(entry.date, []).append(entry)
    found = []
    for date in sorted(by_day):
        on_day = by_day[date]
        pains = [e.pain for e in on_day]
        mean = _mean(pains)
        assert mean is not None
        found.append(
            DayPain(
                date=date,
                pain=mean,
                lowest=min(pains),
                highest=max(pains),
                entries=len(on_day),
                session=any(e.done for e in on_day),
                spreading=any(e.spreading for e in on_day),
                leg=_mean(_given(on_day, "leg")),
                back=_mean(_given(on_day, "back")),
            )
        )
    return tuple(found)


def _given(entries: Sequence[Logged], name: str) -> list[int]:
    """The entries' leg or back pains, where given (schema 3; older entries have none)."""
    return [value for e in entries if (value := getattr(e, name, None)) is not None]


def leg_and_back(entries: Sequence[Logged], today: dt.date) -> LegAndBack | None:
    """Leg and back pain, the last 7 days against the 7 before (the trend's windows): leg
    pain falling by the trend's step (1 point) or more while back pain holds or rises is
    centralising; leg pain rising by that much while back pain holds or falls is spreading
    [D1]. None unless both weeks have both."""
    week = dt.timedelta(days=trend.TREND_WINDOW_DAYS)
    split = today - week + dt.timedelta(days=1)
    earliest = split - week

    def means(name: str) -> tuple[float, float] | None:
        first = _mean(_given([e for e in entries if earliest <= e.date < split], name))
        second = _mean(_given([e for e in entries if split <= e.date <= today], name))
        return None if first is None or second is None else (first, second)

    leg, back = means("leg"), means("back")
    if leg is None or back is None:
        return None
    step = trend.TREND_CHANGE
    leg_change, back_change = round(leg[1] - leg[0], 1), round(back[1] - back[0], 1)
    pattern: Literal["centralising", "spreading"] | None = None
    if leg_change <= -step and back_change > -step:
        pattern = "centralising"
    elif leg_change >= step and back_change < step:
        pattern = "spreading"
    return LegAndBack(leg, back, pattern)


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
    felt: dict[str, list[int]] = {}
    for entry in entries:
        for exercise_id in dict.fromkeys(entry.done):
            done[exercise_id] = done.get(exercise_id, 0) + 1
        for exercise_id, how in getattr(entry, "felt", ()):
            done.setdefault(exercise_id, 0)  # said how it felt, though not logged as done
            felt.setdefault(exercise_id, [0] * len(FEELINGS))[FEELINGS.index(how)] += 1
    rises = progression.next_day_rises(entries)
    records = []
    for exercise_id, count in done.items():
        exercise = catalogue.exercise(exercise_id)
        name = exercise.name if exercise is not None else exercise_id  # another catalogue's
        easy, right, hard, painful = felt.get(exercise_id, [0] * len(FEELINGS))
        records.append(
            ExerciseRecord(
                exercise_id, name, count, rises.get(exercise_id, 0), (easy, right, hard, painful)
            )
        )
    return tuple(sorted(records, key=lambda r: (-r.done, r.name.lower(), r.id)))

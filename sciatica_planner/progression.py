"""What the journal says about the next week: a summary of the last two weeks of entries, and
the adaptation it calls for (regress, hold or progress, and the exercises to swap).

Pure: entries and today's date come in as values, so the planner never touches SQLite.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from statistics import fmean
from typing import TYPE_CHECKING, Literal, Protocol

from . import safety

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Adaptation, Catalogue, Change, PlanOptions, PrescriptionNote, WeekPlan
    from .prescription import Prescription


Direction = Literal["progress", "hold", "regress"]


class Logged(Protocol):
    """A journal entry as the summary reads it."""

    @property
    def date(self) -> dt.date: ...

    @property
    def pain(self) -> int: ...

    @property
    def done(self) -> tuple[str, ...]: ...


def _felt(entry: Logged) -> dict[str, str]:
    """How each exercise felt in this entry (schema 3; an entry without it felt nothing)."""
    return dict(getattr(entry, "felt", ()))


@dataclass(frozen=True)
class JournalSummary:
    """The journal's last two weeks, in the numbers the adaptation rules use."""

    today: dt.date
    entries: int  # in the last two weeks
    latest_pain: int | None  # the latest entry dated today or yesterday
    latest_date: dt.date | None
    last_week: float | None  # average pain, the last 7 days (today included)
    previous_week: float | None  # average pain, the 7 days before
    two_weeks: float | None  # average pain over both
    highest_recent: int | None  # the highest pain in the last 3 days
    spreading: bool  # an entry in the last 7 days says symptoms spread down the leg
    sessions: tuple[int, int]  # days with exercises logged: the previous week, the last week
    flared: tuple[str, ...]  # exercises twice followed by a next-day rise in pain
    # How exercises felt (schema 3), each in the order first met: felt painful in 2 sessions;
    # felt easy in the 2 latest sessions with it; felt hard the latest time.
    painful: tuple[str, ...] = ()
    easy: tuple[str, ...] = ()
    hard: tuple[str, ...] = ()


def summarise(entries: Iterable[Logged], today: dt.date) -> JournalSummary:
    """Summarise the entries of the last two weeks (older and future ones are left out)."""
    start = today - dt.timedelta(days=safety.ADAPT_WINDOW_DAYS - 1)
    recent = sorted((e for e in entries if start <= e.date <= today), key=lambda e: e.date)
    split = today - dt.timedelta(days=safety.WEEK_DAYS - 1)
    last = [e.pain for e in recent if e.date >= split]
    previous = [e.pain for e in recent if e.date < split]
    latest = [e for e in recent if e.date >= today - dt.timedelta(days=1)]
    high_from = today - dt.timedelta(days=safety.REGRESS_HIGH_PAIN_DAYS - 1)
    spreading_from = today - dt.timedelta(days=safety.SPREADING_DAYS - 1)
    session_days = [
        {e.date for e in recent if e.done and (e.date >= split) == week} for week in (False, True)
    ]
    return JournalSummary(
        today=today,
        entries=len(recent),
        latest_pain=latest[-1].pain if latest else None,
        latest_date=latest[-1].date if latest else None,
        last_week=fmean(last) if last else None,
        previous_week=fmean(previous) if previous else None,
        two_weeks=fmean(last + previous) if recent else None,
        highest_recent=max((e.pain for e in recent if e.date >= high_from), default=None),
        spreading=any(getattr(e, "spreading", False) for e in recent if e.date >= spreading_from),
        sessions=(len(session_days[0]), len(session_days[1])),
        flared=_flared(recent),
        **_feelings(recent),
    )


def _feelings(entries: list[Logged]) -> dict[str, tuple[str, ...]]:
    """Which exercises felt painful, easy or hard, as JournalSummary keeps them. An exercise's
    sessions are the entries that did it or said how it felt, oldest first."""
    sessions: dict[str, list[str | None]] = {}
    for entry in entries:
        felt = _felt(entry)
        for exercise_id in dict.fromkeys((*entry.done, *felt)):
            sessions.setdefault(exercise_id, []).append(felt.get(exercise_id))
    painful = [
        e for e, seen in sessions.items() if seen.count("painful") >= safety.PAINFUL_SESSIONS
    ]
    easy = [
        e
        for e, seen in sessions.items()
        if len(seen) >= safety.EASY_SESSIONS
        and all(how == "easy" for how in seen[-safety.EASY_SESSIONS :])
        and e not in painful
    ]
    hard = [e for e, seen in sessions.items() if seen[-1] == "hard" and e not in painful]
    return {"painful": tuple(painful), "easy": tuple(easy), "hard": tuple(hard)}


def _flared(entries: list[Logged]) -> tuple[str, ...]:
    """Exercises done in sessions each followed by a next-day rise in pain, twice or more; in
    the order first done."""
    return tuple(e for e, n in next_day_rises(entries).items() if n >= safety.FLARE_SESSIONS)


def next_day_rises(entries: Iterable[Logged]) -> dict[str, int]:
    """For each exercise, the sessions with it that were followed, the next day, by pain 2 or
    more points higher (against the mean of that next day's entries); only exercises with at
    least one such session, in the order first done."""
    entries = list(entries)
    by_day: dict[dt.date, list[int]] = {}
    for entry in entries:
        by_day.setdefault(entry.date, []).append(entry.pain)
    counts: dict[str, int] = {}
    for entry in entries:
        after = by_day.get(entry.date + dt.timedelta(days=1))
        if entry.done and after and fmean(after) - entry.pain >= safety.FLARE_NEXT_DAY_RISE:
            for exercise_id in dict.fromkeys(entry.done):
                counts[exercise_id] = counts.get(exercise_id, 0) + 1
    return counts


def adapt(
    summary: JournalSummary, catalogue: Catalogue, pain: int | None = None
) -> Adaptation | None:
    """The adaptation the journal calls for; None when it has no entry in the last two weeks.

    `pain`: the week's pain, when known; an exercise felt easy steps up only at pain 0-3 (and
    never in a week that eases off), so `changes` names a step-up only where one happens.
    """
    from .models import Adaptation

    if not summary.entries:
        return None
    direction, reason = _direction(summary)
    changes = [*_swaps(summary, catalogue)]
    swapped = {c.from_ for c in changes}
    can_step = direction != "regress" and (pain is None or pain <= safety.NORMAL_MAX_PAIN)
    step_up = tuple(
        e
        for e in summary.easy
        if can_step and e not in swapped and catalogue.exercise(e) is not None
    )
    hold_dose = tuple(
        e for e in summary.hard if e not in swapped and catalogue.exercise(e) is not None
    )
    for exercise_id in step_up:
        name = _name(catalogue, exercise_id)
        changes.append(
            _change(
                exercise_id,
                exercise_id,
                f"{name} felt easy in its last {safety.EASY_SESSIONS} sessions: one notch up "
                "where it is planned this week.",
            )
        )
    for exercise_id in hold_dose:
        name = _name(catalogue, exercise_id)
        changes.append(
            _change(
                exercise_id,
                exercise_id,
                f"{name} felt hard last time: it keeps its usual dose where it is planned.",
            )
        )
    return Adaptation(
        direction=direction,
        reason=reason,
        changes=tuple(changes),
        step_up=step_up,
        hold_dose=hold_dose,
    )


def _name(catalogue: Catalogue, exercise_id: str) -> str:
    exercise = catalogue.exercise(exercise_id)
    return exercise.name if exercise is not None else exercise_id


def _change(from_: str, to: str | None, reason: str) -> Change:
    from .models import Change

    return Change.model_validate({"from": from_, "to": to, "reason": reason})


def _swaps(summary: JournalSummary, catalogue: Catalogue) -> list[Change]:
    """Exercises that flared (a next-day rise, twice) or felt painful (twice), swapped for
    their easier variant or left out; one change each, in the order first met."""
    causes: dict[str, list[str]] = {}
    for exercise_id in summary.flared:
        causes.setdefault(exercise_id, []).append(
            f"pain was {safety.FLARE_NEXT_DAY_RISE} or more points higher the day after it, "
            f"{safety.FLARE_SESSIONS} times"
        )
    for exercise_id in summary.painful:
        causes.setdefault(exercise_id, []).append(
            f"it felt painful in {safety.PAINFUL_SESSIONS} sessions"
        )
    changes = []
    for exercise_id, why in causes.items():
        exercise = catalogue.exercise(exercise_id)
        if exercise is None:  # logged from another catalogue
            continue
        easier = exercise.easier if catalogue.exercise(exercise.easier or "") else None
        changes.append(
            _change(
                exercise_id,
                easier,
                f"{exercise.name}: {' and '.join(why)}; "
                + ("swapped for an easier version." if easier else "left out for now."),
            )
        )
    return changes


def _direction(summary: JournalSummary) -> tuple[Direction, str]:
    """Regress, progress or hold, with the reason in plain words."""
    rising = (
        summary.last_week is not None
        and summary.previous_week is not None
        and summary.last_week - summary.previous_week >= safety.REGRESS_WEEKLY_RISE
    )
    escalate = safety.REGRESS_SEE_CLINICIAN
    if summary.spreading:
        return "regress", (
            "You logged symptoms spreading further down the leg in the last week: this week "
            f"eases off. {escalate}"
        )
    if summary.highest_recent is not None and summary.highest_recent >= safety.REGRESS_HIGH_PAIN:
        very_bad = summary.highest_recent >= safety.VERY_BAD_PAIN_MIN
        return "regress", (
            f"You logged pain of {summary.highest_recent}/10 in the last "
            f"{safety.REGRESS_HIGH_PAIN_DAYS} days: this week eases off. "
            + (f"{safety.VERY_BAD_PAIN_ADVICE} " if very_bad else "")
            + escalate
        )
    if rising:
        return "regress", (
            f"Your pain averaged {summary.last_week:.1f}/10 this last week against "
            f"{summary.previous_week:.1f}/10 the week before: this week eases off. {escalate}"
        )
    steady = summary.last_week is not None and (
        summary.previous_week is None or summary.last_week <= summary.previous_week
    )
    active = min(summary.sessions) >= safety.PROGRESS_SESSIONS_PER_WEEK
    calm = summary.two_weeks is not None and summary.two_weeks <= safety.PROGRESS_MAX_AVERAGE
    if calm and steady and active and summary.previous_week is not None:
        return "progress", (
            f"Two calm, active weeks (pain {summary.two_weeks:.1f}/10 on average, sessions on "
            f"{summary.sessions[0]} and {summary.sessions[1]} days): this week steps up a little."
        )
    return "hold", "Your journal shows no reason to change: this week keeps its level."


def plan_program(
    catalogue: Catalogue,
    options: PlanOptions,
    weeks: int,
    summary: JournalSummary | None = None,
    prescribed: tuple[Prescription, PrescriptionNote] | None = None,
) -> list[WeekPlan]:
    """`weeks` weeks from `options.start`, one after another, in blocks of four: three that
    build, one notch a week, and a deload at 60-70% of the week before's sets; each new block
    moves an exercise that reached the top of its range up its chain (planning/climb.py). Every
    week keeps the options' seed, so the exercises stay put while the doses climb. The
    journal's adaptation shapes the first week, and an exercise it found flaring stays out
    throughout; a spreading entry protects the nerve in the first week. With a prescription
    each week follows it (its doses climbing and deloading only where `progress: journal`)."""
    from .models import Adaptation
    from .planning import plan_week
    from .planning.policy import Stage

    adaptation = adapt(summary, catalogue, options.pain) if summary is not None else None
    # Later weeks keep the swaps (an exercise that flared stays out) but climb as the
    # programme does: a step-up or held dose from how an exercise felt is the first week's.
    swaps = tuple(c for c in adaptation.changes if c.to != c.from_) if adaptation else ()
    later = (
        Adaptation(direction="hold", reason=adaptation.reason, changes=swaps)
        if swaps and adaptation
        else None
    )
    spreading = summary is not None and summary.spreading
    plans = []
    for week in range(1, weeks + 1):
        start = options.start + dt.timedelta(weeks=week - 1)
        week_options = options.model_copy(update={"start": start})
        position = (week - 1) % safety.PROGRAM_BLOCK_WEEKS
        theme: Literal["build", "deload"] = (
            "deload" if position == safety.PROGRAM_BLOCK_WEEKS - 1 else "build"
        )
        first = week == 1
        if prescribed is not None:
            from .planning.prescribed import follow

            found, note = prescribed
            plans.append(
                follow(
                    catalogue,
                    week_options,
                    found,
                    note,
                    adaptation if first else later,
                    Stage(week, theme),
                    spreading=spreading and first,
                )
            )
            continue
        plans.append(
            plan_week(
                catalogue,
                week_options,
                adaptation if first else later,
                Stage(week, theme),
                spreading=spreading and first,
            )
        )
    return plans


def volume(plan: WeekPlan) -> float:
    """A planned week's strength volume: sets x repetitions, a hold's seconds counted as
    repetitions (the one definition, planning/measures.py)."""
    from .planning.measures import dose_volume
    from .planning.policy import Dose

    return sum(
        dose_volume(Dose(e.sets, e.reps, e.hold_seconds))
        for day in plan.days
        for e in day.exercises
        if e.kind == "strength"
    )

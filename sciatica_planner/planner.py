"""Planning a week: `plan_week(catalogue, options) -> WeekPlan`. Pure: no I/O, no clock.

The steps live in `planning/`: the policy says what the options allow and how it is dosed, the
pool holds the allowed exercises, the schedule gives groups their days, each session gets one
exercise per scheduled group, the week grows evenly while it fits (balance), and the warm-up
and cool-down blocks fill the session around the main block (session).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from . import safety
from .planning.balance import (
    LEVEL_SHARE,
    Growth,
    add_strength,
    balanced,
    ceilings,
    grow,
    keeps_level,
    level_counts,
    repair,
    strength_volume,
    trains_level,
    weekly_sets,
)
from .planning.choose import context_for, fits_session, pick, taken
from .planning.lighten import lighten
from .planning.policy import Stage, policy_for
from .planning.pool import PlanError, build_pool
from .planning.schedule import schedule_week
from .planning.session import Item, Session, fill_gentle, warm_up_target, work_seconds
from .planning.timing import dose_seconds, minutes, slot_seconds
from .vocabulary import GROUPS, WEEKDAY_NAMES, WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Callable

    from .models import Adaptation, Catalogue, Exercise, PlanOptions, WeekPlan
    from .planning.policy import Policy
    from .planning.pool import Pool
    from .vocabulary import GroupId

__all__ = ["PlanError", "default_seed", "plan_week", "slot_seconds"]

# Product choice: the main block may take this share of a session, leaving the rest for the
# warm-up and cool-down (a fifth each, see planning/session.py)...
MAIN_SHARE = 0.6
# ...but never less than this for them once the warm-up takes 4 minutes (20-minute sessions):
# the warm-up, its changeovers, a hamstring stretch and a preferred-direction move.
GENTLE_MINIMUM_SECONDS = 540
GENTLE_MINIMUM_SHARE = 0.45  # reached smoothly, so a longer session never has less main time


def gentle_reserve(budget: float) -> float:
    """Seconds kept for the warm-up and cool-down of a session of `budget` seconds."""
    floor = min(GENTLE_MINIMUM_SECONDS, GENTLE_MINIMUM_SHARE * budget)
    return max((1 - MAIN_SHARE) * budget, floor)


# Contract rule 15: at pain 0-3 each session uses at least this share of --minutes, unless every
# group has reached its weekly ceiling.
TIME_USE_SHARE = 0.7
# Product choice: a flare-up session holds at most this many gentle holds.
FLARE_UP_HOLDS = 3


def default_seed(start: dt.date) -> int:
    """The seed of a week when none is given: its start date as a number, e.g. 20261130."""
    return int(start.strftime("%Y%m%d"))


def plan_week(
    catalogue: Catalogue,
    options: PlanOptions,
    adaptation: Adaptation | None = None,
    stage: Stage | None = None,
) -> WeekPlan:
    """Build the week the options ask for (a programme's week, with `stage`); raises PlanError
    when the filters leave too little."""
    policy = policy_for(options, adaptation, stage)
    fewer_than = None
    if policy.tier == "flare-safe":
        # Contract rule 8: fewer strength sets than the same options give at pain 0 (and, for
        # a week that eases off, than the week it eases from).
        eased = safety.pain_tier(options.pain) == "normal"  # by the journal, not today's pain
        calm = options if eased else options.model_copy(update={"pain": 0})
        steady = adaptation.model_copy(update={"direction": "hold"}) if adaptation else None
        try:
            baseline = _strength_week(catalogue, calm, policy_for(calm, steady), None)
        except PlanError:  # no pain-0 week to compare with: nothing to be lighter than
            baseline = None
        # ... unless that week already has one set per exercise.
        if baseline and any(i.dose.sets > 1 for s in baseline.sessions for i in s.main):
            fewer_than = baseline.sets
    volume_cap = stage.volume_cap if stage else None
    try:
        draft = _strength_week(catalogue, options, policy, fewer_than, volume_cap)
    except PlanError as error:
        if not policy.easier_first or error.filter != "--minutes":
            raise
        # Easier variants could not balance in the time: ease off with the usual exercises
        # (still flare-safe and lighter), as a pain of 4-6 would.
        policy = policy._replace(easier_first=False)
        draft = _strength_week(catalogue, options, policy, fewer_than, volume_cap)
    warnings = _fill_sessions(draft, options, policy)
    plan = _week_plan(options, policy, draft.sessions, warnings, adaptation)
    if stage is None:
        return plan
    return plan.model_copy(update={"week_of_program": stage.week, "theme": stage.theme})


@dataclass
class _Draft:
    """A week's strength work, before its warm-ups and cool-downs."""

    sessions: list[Session]
    warnings: list[str]
    pool: Pool
    ceiling: dict[str, int]
    rng: random.Random
    keeps: Callable[[list[Session]], bool]  # the week's time and rule 8, as it grows

    @property
    def sets(self) -> int:
        """Strength sets, each counted once (rule 8 compares them)."""
        return sum(item.dose.sets for s in self.sessions for item in s.main)

    @property
    def work(self) -> int:
        """The week's work: the sum of weekly_sets, a set counting for each group it trains."""
        return sum(weekly_sets(self.sessions).values())


def _strength_week(
    catalogue: Catalogue,
    options: PlanOptions,
    policy: Policy,
    fewer_than: int | None,
    volume_cap: float | None = None,
) -> _Draft:
    """The week's strength work (`_grown`); a programme's lighter week (`volume_cap`) is its
    full week with the doses lowered to the cap (planning/lighten.py), so it keeps the full
    week's balance and exercises and comes close to the cap. Where the full week cannot come
    down to the cap and stay balanced, the week is also grown afresh under the cap (and
    lowered the same way), and the lighter of the two wins, the full week of equals."""
    full = _grown(catalogue, options, policy, fewer_than)
    if volume_cap is None or policy.strength_paused:  # a flare-up's holds are the gentlest
        return full
    if lighten(full.sessions, policy, full.pool, volume_cap, full.keeps):
        return full
    try:
        capped = _grown(catalogue, options, policy, fewer_than, volume_cap)
    except PlanError:
        return full
    lighten(capped.sessions, policy, capped.pool, volume_cap, capped.keeps)
    return min((full, capped), key=lambda d: strength_volume(d.sessions))


def _grown(
    catalogue: Catalogue,
    options: PlanOptions,
    policy: Policy,
    fewer_than: int | None,
    volume_cap: float | None = None,
) -> _Draft:
    """The week's strength work, grown twice: with the best exercises for the level, and
    compact (quick exercises that train one group each, which fit a short session with many
    groups and balance more easily). The one with more work wins, the first of equals. Each way
    gives no less work for more time, so the better of the two does not either (rule 15)."""
    drafts: list[_Draft] = []
    errors: list[PlanError] = []
    for compact in (False, True) if not policy.strength_paused else (False,):
        try:
            drafts.append(_grow_week(catalogue, options, policy, fewer_than, compact, volume_cap))
        except PlanError as error:
            if error.filter != "--minutes":
                raise
            errors.append(error)
    if not drafts:
        raise errors[0]
    return max(drafts, key=lambda d: d.work)


def _grow_week(
    catalogue: Catalogue,
    options: PlanOptions,
    policy: Policy,
    fewer_than: int | None,
    compact: bool,
    volume_cap: float | None = None,
) -> _Draft:
    rng = random.Random(options.seed)
    pool = build_pool(catalogue, policy)
    dates = [
        options.start + dt.timedelta(days=k)
        for k in range(7)
        if WEEKDAYS[(options.start + dt.timedelta(days=k)).weekday()] in options.on
    ]
    together: dict[frozenset[str], int] = {}
    for found in pool.strength.values():
        for exercise in found:
            for other in exercise.groups[1:]:
                pair = frozenset((exercise.groups[0], other))
                together[pair] = together.get(pair, 0) + 1
    schedule = schedule_week(dates, rng, together)
    sessions = [Session(d, schedule.groups[d], schedule.allowed[d]) for d in dates]
    budget = options.minutes * 60
    uses: dict[str, int] = {}
    ceiling = ceilings(policy, schedule)
    main_budget = budget - gentle_reserve(budget)

    def keeps(week: list[Session]) -> bool:
        """Within the time, and at pain 4-6 lighter than the pain-0 week (rule 8)."""
        if fewer_than is not None and sum(i.dose.sets for s in week for i in s.main) >= fewer_than:
            return False
        return all(s.main_seconds() <= main_budget for s in week)

    def fits(week: list[Session]) -> bool:
        """As `keeps`; a programme's lighter week grown afresh is also within its cap."""
        return keeps(week) and (volume_cap is None or strength_volume(week) <= volume_cap)

    draft = _Draft(sessions, list(schedule.warnings), pool, ceiling, rng, keeps)
    if policy.strength_paused:
        _gentle_holds(sessions, pool, policy, uses, rng, main_budget)
        return draft
    below_level = _first_exercises(sessions, pool, policy, ceiling, uses, rng, compact, main_budget)

    def valid(week: list[Session]) -> bool:
        return balanced(weekly_sets(week))

    if not all(s.main_seconds() <= main_budget for s in sessions):
        longest = max(sessions, key=lambda s: s.main_seconds())
        needed = next(
            (
                m
                for m in range(options.minutes, 600)
                if m * 60 - gentle_reserve(m * 60) >= longest.main_seconds()
            ),
            600,
        )
        raise PlanError(
            f"{WEEKDAY_NAMES[longest.date.weekday()]}'s session needs at least "
            f"{int(needed)} minutes for its {len(longest.groups)} groups, more than "
            f"--minutes {options.minutes}; allow more minutes or more --days",
            filter="--minutes",
        )
    growth = Growth(sessions, pool, policy, ceiling, uses, rng, compact)
    if not grow(growth, fits, valid) and not (repair(growth, fits) and valid(sessions)):
        reached = ", ".join(f"{g} {n}" for g, n in weekly_sets(sessions).items())
        raise PlanError(
            f"cannot balance the week's strength work across the five groups ({reached}) "
            f"in sessions of {options.minutes} minutes; allow more --minutes, spread the "
            "--on days, or use a catalogue with more exercises that train one group",
            filter="--minutes",
        )
    if below_level and not trains_level(policy, level_counts(sessions)):
        # Quicker work below the level made the time but left the week short of its level
        # (rule 14): say the sessions are too short rather than plan beginner work instead.
        raise PlanError(
            f"sessions of {options.minutes} minutes are too short for a week of "
            f"{policy.level} work on these days; allow more --minutes or more --days",
            filter="--minutes",
        )
    return draft


def _fill_sessions(draft: _Draft, options: PlanOptions, policy: Policy) -> list[str]:
    """Warm-ups and cool-downs around the strength work; the week's warnings."""
    sessions, pool, warnings = draft.sessions, draft.pool, list(draft.warnings)
    budget = options.minutes * 60
    uses: dict[str, int] = {}
    for session in sessions:
        for item in session.main:
            uses[item.exercise.id] = uses.get(item.exercise.id, 0) + 1
    weekly = weekly_sets(sessions)
    at_ceiling = all(weekly[g] >= draft.ceiling[g] for g in GROUPS)
    fill_to = TIME_USE_SHARE * budget if policy.fills_time and not at_ceiling else 0.0
    warm_up = warm_up_target(budget)
    for session in sessions:
        fill_gentle(session, pool, policy, budget, fill_to, uses, draft.rng)
        name = WEEKDAY_NAMES[session.date.weekday()]
        warmed = work_seconds(session.warm_up)
        if budget >= safety.WARM_UP_FULL_FROM_MINUTES * 60 and warmed < warm_up:
            warnings.append(
                f"The catalogue's warm-up exercises fill only {minutes(warmed)} of the "
                f"{minutes(warm_up)} warm-up minutes on {name}: walk gently for the rest."
            )
        if session.seconds() < fill_to:
            warnings.append(
                f"{name}'s session takes about {minutes(session.seconds())} of your "
                f"{options.minutes} minutes: it holds all the strength work your level, days "
                "and equipment allow this week. An easy walk is a good use of the rest."
            )
    return warnings + _level_warnings(sessions, pool, policy, weekly)


def _first_exercises(
    sessions: list[Session],
    pool: Pool,
    policy: Policy,
    ceiling: dict[str, int],
    uses: dict[str, int],
    rng: random.Random,
    compact: bool,
    main_budget: float,
) -> bool:
    """One exercise per scheduled group and session, each required movement somewhere in the
    week (the hip group's abduction and adduction). In each session the group with the fewest
    candidates chooses first, so a scarce group is not left without an exercise. A session
    whose choices overrun its time then trades them for quicker ones that do the same job.
    True when a trade took work below what rule 14 counts."""
    below_level = False
    jobs: dict[dt.date, list[tuple[str, str | None]]] = {s.date: [] for s in sessions}
    for group in GROUPS:
        days = [s for s in sessions if group in s.groups]
        moves: tuple[str | None, ...] = pool.required_movements.get(group) or (None,)
        for i in range(max(len(days), len(moves)) if days else 0):
            jobs[days[i % len(days)].date].append((group, moves[i % len(moves)]))
    # The fewest sets a job for each group can take, kept back from the ceiling for the jobs
    # still to choose, so an exercise that also trains a group leaves it room for its own.
    fewest = {
        g: min((policy.strength_sets(e)[0] for e in pool.strength[g]), default=0) for g in GROUPS
    }
    pending = [job for session in sessions for job in jobs[session.date]]
    for session in sessions:
        todo = list(jobs[session.date])
        chosen_for: list[list[Exercise]] = []
        while todo:
            held = taken(session, pool)
            options = {
                job: [
                    e
                    for e in pool.strength[job[0]]
                    if fits_session(e, session, pool, held) and (job[1] is None or job[1] in e.tags)
                ]
                for job in todo
            }
            job = min(todo, key=lambda j: (len(options[j]), GROUPS.index(j[0])))
            todo.remove(job)
            pending.remove(job)
            group, move = job
            found = options[job]
            weekly = weekly_sets(sessions)
            counts = level_counts(sessions)
            reserved = {g: fewest[g] * sum(j[0] == g for j in pending) for g in GROUPS}
            within = [
                e
                for e in found
                if all(
                    weekly[g] + policy.strength_sets(e)[0] + reserved[g] <= ceiling[g]
                    for g in e.groups
                )
                and keeps_level(policy, counts, e, policy.strength_sets(e)[0])
            ]
            chosen = pick(within or found, context_for(session, policy, uses, weekly, compact), rng)
            if chosen is None:
                what = f"{move} exercise" if move else "strength exercise"
                raise PlanError(
                    f"no {what} for {group} fits {WEEKDAY_NAMES[session.date.weekday()]}'s "
                    "session beside its other exercises; use a catalogue with more exercises "
                    "for this group",
                    group=group,
                    filter="the catalogue",
                )
            add_strength(session, chosen, policy, uses)
            chosen_for.append(found)
        below_level |= _quicken(session, chosen_for, pool, policy, uses, main_budget)
    return below_level


def _quicken(
    session: Session,
    chosen_for: list[list[Exercise]],
    pool: Pool,
    policy: Policy,
    uses: dict[str, int],
    main_budget: float,
) -> bool:
    """While the session overruns its time, swap the one item whose quickest alternative for
    the same job (its group and required movement) saves the most time: first keeping what rule
    14 counts, and only when that cannot fit the time, any alternative (the growth that follows
    keeps the level where the week's other work allows). True when a swap left rule 14's kind."""
    crossed = False
    for strict in (True, False):
        while session.main_seconds() > main_budget:
            best: tuple[float, int, Exercise] | None = None
            for index, (item, found) in enumerate(zip(session.main, chosen_for, strict=True)):
                others = [i for k, i in enumerate(session.main) if k != index]
                trial = Session(session.date, session.groups, session.allowed, main=others)
                held = taken(trial, pool)
                for exercise in found:
                    if not fits_session(exercise, trial, pool, held) or (
                        strict and not _same_class(item.exercise, exercise)
                    ):
                        continue
                    saving = item.seconds - slot_seconds(
                        exercise, policy.strength_sets(exercise)[0]
                    )
                    if saving > 0 and (best is None or saving > best[0]):
                        best = (saving, index, exercise)
            if best is None:
                break  # nothing quicker of this kind
            _, index, exercise = best
            crossed |= not _same_class(session.main[index].exercise, exercise)
            uses[session.main[index].exercise.id] -= 1
            session.main[index] = Item(
                exercise, policy.dose(exercise, policy.strength_sets(exercise)[0]), "main"
            )
            uses[exercise.id] = uses.get(exercise.id, 0) + 1
    return crossed  # still over the time: the caller reports the minutes the session needs


def _same_class(old: Exercise, new: Exercise) -> bool:
    """A quicker swap keeps what rule 14 counts: work above beginner stays above beginner, and
    work in repetitions stays in repetitions."""
    if old.level != "beginner" and new.level == "beginner":
        return False
    return old.reps is None or new.reps is not None


def _gentle_holds(
    sessions: list[Session],
    pool: Pool,
    policy: Policy,
    uses: dict[str, int],
    rng: random.Random,
    main_budget: float,
) -> None:
    """A flare-up: a few gentle holds (rule 8) for the day's groups, at the low end of the
    range, each only where it fits the main block's time, so the warm-up and the hamstring
    stretch (rule 1) always have theirs."""
    for session in sessions:
        for group in session.groups[:FLARE_UP_HOLDS]:
            candidates = [
                e
                for e in pool.strength[group]
                if fits_session(e, session, pool)
                and session.main_seconds()
                + dose_seconds(e, policy.dose(e, policy.strength_sets(e)[0]))
                <= main_budget
            ]
            chosen = pick(candidates, context_for(session, policy, uses), rng)
            if chosen is not None:
                add_strength(session, chosen, policy, uses)


def _level_warnings(
    sessions: list[Session], pool: Pool, policy: Policy, weekly: dict[str, int]
) -> list[str]:
    """Say where the week falls short of its level: too few sets for the time (the floor), or
    too little work above beginner or in repetitions for the catalogue to offer (rule 14)."""
    if not policy.fills_time:
        return []
    warnings = []
    short = [g for g in GROUPS if weekly[g] < policy.weekly_floor]
    if short:
        warnings.append(
            f"Sessions this short give {', '.join(short)} fewer than "
            f"{policy.weekly_floor} strength sets this week, the least "
            f"{'an' if policy.level[0] in 'aeiou' else 'a'} {policy.level} week "
            "aims for; allow more --minutes if you can."
        )
    if policy.level == "beginner":
        return warnings
    strength = [i for s in sessions for i in s.main]
    total = sum(i.dose.sets for i in strength) or 1
    above = sum(i.dose.sets for i in strength if i.exercise.level != "beginner")
    reps = sum(i.dose.sets for i in strength if i.dose.reps is not None)
    if above >= LEVEL_SHARE * total and reps >= LEVEL_SHARE * total:
        return warnings
    lacking = [
        g
        for g in GROUPS
        if not any(
            e.level != "beginner" and e.reps is not None and set(e.groups) <= s.allowed
            for e in pool.strength[g]
            for s in sessions
            if g in s.groups
        )
    ]
    where = ", ".join(lacking) if lacking else "some groups"
    warnings.append(
        f"Your level and equipment offer little {policy.level} work in repetitions for "
        f"{where}, so this week leans on easier exercises and holds there."
    )
    return warnings


def _week_plan(
    options: PlanOptions,
    policy: Policy,
    sessions: list[Session],
    warnings: list[str],
    adaptation: Adaptation | None,
) -> WeekPlan:
    from .models import Day, PlannedExercise, WeekPlan

    by_date = {s.date: s for s in sessions}
    days = []
    for offset in range(7):
        date = options.start + dt.timedelta(days=offset)
        session = by_date.get(date)
        items = session.ordered() if session else []
        exercises = tuple(
            # The planner's own output is well-formed by construction: no validation pass.
            PlannedExercise.model_construct(
                id=i.exercise.id,
                name=i.exercise.name,
                kind=i.exercise.kind,
                groups=i.exercise.groups,
                level=i.exercise.level,
                equipment=i.exercise.equipment,
                flare_safe=i.exercise.flare_safe,
                tags=i.exercise.tags,
                sets=i.dose.sets,
                reps=i.dose.reps,
                hold_seconds=i.dose.hold_seconds,
                rest_seconds=i.exercise.rest_seconds,
                per_side=i.exercise.per_side,
                position=i.exercise.position,
                block=i.block,
                cues=i.exercise.cues,
                cautions=i.exercise.cautions,
            )
            for i in items
        )
        trained = session.trained() if session else set()
        days.append(
            Day.model_construct(
                date=date,
                weekday=WEEKDAY_NAMES[date.weekday()],
                rest=session is None,
                estimated_minutes=minutes(session.seconds()) if session else 0,
                groups=cast("tuple[GroupId, ...]", tuple(g for g in GROUPS if g in trained)),
                exercises=exercises,
                walk_minutes=policy.walk_minutes if session is None else 0,
            )
        )
    note = safety.pain_warning(options.pain)
    return WeekPlan.model_construct(
        schema_version=2,
        start=options.start,
        options=options,
        days=tuple(days),
        weekly_sets=cast("dict[GroupId, int]", weekly_sets(sessions)),
        warnings=tuple([note, *warnings] if note else warnings),
        adaptation=adaptation,
        disclaimer=safety.DISCLAIMER,
        red_flags=safety.RED_FLAGS,
    )

"""A programme's week climbs from its first: inside a block each build week steps every dose up
one notch (repetitions or hold, then sets, inside the range); each new block moves an exercise
that reached the top of its range to the next step of its chain; a deload keeps the week
before's exercises at 60-70% of its sets (the contract's programme paragraph)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .. import safety
from . import rules

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Exercise
    from .draft import Placed, WeekDraft
    from .policy import Dose, Policy, Stage
    from .pool import Pool


def climb(
    draft: WeekDraft,
    stage: Stage,
    policy: Policy,
    pool: Pool,
    main_budget: float,
    cut: Callable[[], bool],
) -> bool:
    """Turn week 1's draft into the stage's week, every move kept only if the week stays
    balanced, under its ceiling and inside the time (rules 5, 7 and 15). False when a build
    week could not climb above the week before (its level, equipment and time are used up)."""
    position = (stage.week - 1) % safety.PROGRAM_BLOCK_WEEKS
    notches = safety.PROGRAM_BUILD_WEEKS - 1
    moves: list[str] = []
    for block in range(stage.block + 1):
        if block:
            moves.append("chain")
        moves += ["notch"] * (notches if block < stage.block else min(position, notches))
    by_id = {e.id: e for found in pool.strength.values() for e in found}
    climbed = False
    for number, move in enumerate(moves):
        last = number == len(moves) - 1
        for letter, index, placed in draft.placed():
            draft.save()
            harder = by_id.get(placed.exercise.harder or "")
            if move == "chain" and topped(placed) and harder is not None:
                _move_up(draft, letter, index, harder, policy, pool)
            else:
                dose = step_up(placed.exercise, placed.dose)
                draft.set_dose(letter, index, dose)
                note = "one notch up from last week" if dose != placed.dose else placed.step
                draft.main[letter][index] = draft.main[letter][index]._replace(step=note)
            changed = draft.main[letter][index] != placed
            if changed and (
                _keeps(draft, policy, main_budget)
                or (_catch_up(draft, policy) and _keeps(draft, policy, main_budget))
            ):
                draft.keep()
                climbed |= last
            else:
                draft.undo()
    if stage.theme == "deload":
        deload(draft, by_id, cut)
        return True
    return climbed or not moves


def _catch_up(draft: WeekDraft, policy: Policy) -> bool:
    """After a set more for one exercise, a set more for others until the week balances again
    (rule 5): each time for an exercise of the group furthest behind that does not train the
    group furthest ahead, inside its range. Never a set less: a build week only climbs."""
    for _ in range(len(draft.placed()) * 2):
        weekly = draft.weekly()
        if rules.balanced(weekly):
            return True
        low = min(weekly, key=lambda g: weekly[g])
        high = max(weekly, key=lambda g: weekly[g])
        options = [
            (x, i, p)
            for x, i, p in draft.placed()
            if low in p.exercise.groups
            and high not in p.exercise.groups
            and p.dose.sets < p.exercise.dose_range.sets[1]
        ]
        if not options:
            return False
        x, i, p = min(options, key=lambda o: (o[2].dose.sets, o[2].seconds))
        draft.set_dose(x, i, p.dose._replace(sets=p.dose.sets + 1))
    return rules.balanced(draft.weekly())


def topped(placed: Placed) -> bool:
    """Its repetitions or hold reached the top of the range."""
    limits, dose = placed.exercise.dose_range, placed.dose
    if dose.reps is not None:
        return bool(limits.reps) and dose.reps >= limits.reps[1]  # type: ignore[index]
    return bool(limits.hold_seconds) and (dose.hold_seconds or 0) >= limits.hold_seconds[1]  # type: ignore[index]


def step_up(exercise: Exercise, dose: Dose) -> Dose:
    """One notch: 2 more repetitions or 5 s more a hold inside the range, else a set more."""
    limits = exercise.dose_range
    if dose.reps is not None and limits.reps and dose.reps < limits.reps[1]:
        return dose._replace(reps=min(limits.reps[1], dose.reps + safety.PROGRESS_REPS_STEP))
    if (
        dose.hold_seconds is not None
        and limits.hold_seconds
        and dose.hold_seconds < limits.hold_seconds[1]
    ):
        hold = min(limits.hold_seconds[1], dose.hold_seconds + safety.PROGRESS_HOLD_STEP)
        return dose._replace(hold_seconds=hold)
    if dose.sets < limits.sets[1]:
        return dose._replace(sets=dose.sets + 1)
    return dose


def _move_up(
    draft: WeekDraft, letter: str, index: int, harder: Exercise, policy: Policy, pool: Pool
) -> None:
    """The next step of the chain at its usual repetitions or hold, keeping the sets."""
    placed = draft.main[letter][index]
    session = [p.exercise for i, p in enumerate(draft.main[letter]) if i != index]
    week = [p.exercise for x, i, p in draft.placed() if not (x == letter and i == index)]
    if not (
        rules.within_groups(harder, draft.layout.groups[letter])
        and rules.no_twins(harder, session, pool.family | {placed.exercise.id: placed.exercise.id})
        and rules.one_per_pattern(harder, session)
        and rules.isometric_room(harder, session, policy)
        and rules.positions_room(harder, session)
        and rules.heavy_room(harder, week, draft.layout.days_of(letter))
    ):
        return
    low, high = harder.dose_range.sets
    dose = policy.dose(harder, min(high, max(low, placed.dose.sets)))
    step = f"moved up its chain from {placed.exercise.name.lower()}, whose top dose was reached"
    draft.main[letter][index] = placed._replace(exercise=harder, dose=dose, step=step)


def _keeps(draft: WeekDraft, policy: Policy, main_budget: float) -> bool:
    weekly = draft.weekly()
    return (
        rules.balanced(weekly)
        and rules.under_ceiling(weekly, policy)
        and all(draft.main_seconds(x) <= main_budget for x in draft.main)
    )


def deload(draft: WeekDraft, by_id: dict[str, Exercise], cut: Callable[[], bool]) -> None:
    """The week before's exercises at 60-70% of its sets, never a dose above it: `cut` takes a
    set off at a time (keeping the week balanced) until 70% is reached or the ranges' low ends
    are; heavy work gives way to the easier step of its chain (rule 16)."""
    for letter, index, placed in draft.placed():
        if "heavy" in placed.exercise.tags:
            easier = by_id.get(placed.exercise.easier or "")
            if easier is not None:
                draft.main[letter][index] = placed._replace(
                    exercise=easier,
                    dose=_no_higher(easier, placed.dose),
                    step="the easier step of its chain for a deload week",
                )
    before = {(x, i): p.dose.sets for x, i, p in draft.placed()}
    target = math.floor(safety.DELOAD_SET_SHARE[1] * draft.sets())
    while draft.sets() > target and cut():
        pass
    if draft.sets() > target:
        # The ranges' low ends (and balance) stop the sets short of 70%: the repetitions and
        # holds come down by the same share instead (inside their ranges), so the week is
        # lighter in volume.
        share = safety.DELOAD_SET_SHARE[1]
        for letter, index, placed in draft.placed():
            limits, dose = placed.exercise.dose_range, placed.dose
            if dose.reps is not None and limits.reps:
                dose = dose._replace(reps=max(limits.reps[0], math.floor(dose.reps * share)))
            if dose.hold_seconds is not None and limits.hold_seconds:
                hold = max(limits.hold_seconds[0], math.floor(dose.hold_seconds * share))
                dose = dose._replace(hold_seconds=hold)
            draft.set_dose(letter, index, dose)
    for letter, index, placed in draft.placed():
        if placed.dose.sets < before[(letter, index)]:
            note = "a deload week: fewer sets than last week, to recover"
            draft.main[letter][index] = placed._replace(step=note)


def _no_higher(exercise: Exercise, dose: Dose) -> Dose:
    """The dose clamped into the exercise's range without rising above `dose`."""
    limits = exercise.dose_range
    sets = max(limits.sets[0], min(limits.sets[1], dose.sets))
    if limits.reps:
        reps = dose.reps if dose.reps is not None else exercise.reps or limits.reps[0]
        return dose._replace(
            sets=sets, reps=max(limits.reps[0], min(limits.reps[1], reps)), hold_seconds=None
        )
    hold = dose.hold_seconds if dose.hold_seconds is not None else exercise.hold_seconds
    low, high = limits.hold_seconds or (1, 600)
    return dose._replace(sets=sets, reps=None, hold_seconds=max(low, min(high, hold or low)))

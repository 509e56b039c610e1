"""Lightening a grown week to a strength-volume cap: the lighter weeks of a programme (those
that build up to its top week, and its deload) keep the exercises of their full week and lower
the doses, so they stay balanced (contract rule 5) and inside every dose range (rule 11).

The week steps down one small move at a time, always along the same path whatever the cap:
first the repetitions and holds, a little at a time across all exercises, down to the low end
of their ranges; then sets, always from the most-trained group that can give one up while the
week stays balanced, trains its level (rule 14) and fits its time; then an extra exercise is
left out, or an exercise makes way for a lighter one that does the same job. It stops at the
first valid week within the cap, so a lower cap only goes further down the same path and never
gives more volume.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..vocabulary import GROUPS, LEVELS
from .balance import (
    MAX_MAIN_POSITIONS,
    balanced,
    dose_volume,
    level_counts,
    needed,
    strength_volume,
    trains_level,
    weekly_sets,
)
from .choose import fits_session, taken
from .policy import Dose
from .session import Item

if TYPE_CHECKING:
    from collections.abc import Callable

    from .policy import Policy
    from .pool import Pool
    from .session import Session

# Product choice: a hold is timed on a clock, so it steps down to the next multiple of 5 s
# (never below the low end of its range).
HOLD_STEP_SECONDS = 5

# A place in the week: (session index, item index in its main block).
Place = tuple[int, int]
# A move of the set descent: (session index, item index, the item that takes its place, or
# None to leave it out).
Move = tuple[int, int, "Item | None"]


def lighten(
    sessions: list[Session],
    policy: Policy,
    pool: Pool,
    cap: float,
    fits: Callable[[list[Session]], bool],
) -> bool:
    """Lower the week's strength doses until its volume is at most `cap`, the week still
    fitting (`fits`: its time, rule 8's fewer sets); False when the lightest valid week the
    path reaches is still above it (the week is left at that one)."""
    return strength_volume(sessions) <= cap or (
        _lower_doses(sessions, cap) or _lower_sets(sessions, policy, pool, cap, fits)
    )


def _lower_doses(sessions: list[Session], cap: float) -> bool:
    """Repetitions and holds step down, each step for the exercise that has kept the largest
    share of its dose (the larger volume, then the earlier, of equals), until the week is
    within `cap` or every dose is at the low end of its range."""
    start = {
        place: _amount(item.dose)
        for place, item in _strength_items(sessions)
        if _amount(item.dose) is not None
    }
    while strength_volume(sessions) > cap:
        lowerable = [
            (place, item, lower)
            for place, item in _strength_items(sessions)
            if (lower := _lower_dose(item)) is not None
        ]
        if not lowerable:
            return False
        (s, i), item, lower = min(
            lowerable,
            key=lambda found: (
                -(_amount(found[1].dose) or 0) / (start[found[0]] or 1),
                -dose_volume(found[1].dose),
                found[0],
            ),
        )
        sessions[s].main[i] = Item(item.exercise, lower, item.block)
    return True


def _lower_sets(
    sessions: list[Session],
    policy: Policy,
    pool: Pool,
    cap: float,
    fits: Callable[[list[Session]], bool],
) -> bool:
    """Sets come off one at a time, each from the most-trained group that can give one up (its
    exercise with the most sets first) while the week stays balanced and, where it did, trains
    its level; when no set can, an extra exercise is left out of a session whose other
    exercises still train its groups and the week's required movements, or an exercise makes
    way for a lighter one that does the same job. Where no move keeps the week valid (five
    groups of two sets each can only drop to one set each), the first move is made anyway and
    the descent goes on until the week is valid again. False, with the lightest valid week
    left, when the moves run out above `cap`."""
    trained = trains_level(policy, level_counts(sessions))

    def valid() -> bool:
        return (
            balanced(weekly_sets(sessions))
            and (not trained or trains_level(policy, level_counts(sessions)))
            and fits(sessions)
        )

    lightest = _snapshot(sessions)
    while strength_volume(sessions) > cap or not valid():
        if valid():
            lightest = _snapshot(sessions)
        moves = _moves(sessions, policy, pool)
        if not moves:
            for session, main in zip(sessions, lightest, strict=True):
                session.main = main
            return False
        if not any(_try(sessions, move, valid) for move in moves):
            _make(sessions, moves[0])
    return True


def _moves(sessions: list[Session], policy: Policy, pool: Pool) -> list[Move]:
    """Candidate moves, best first: a set less for the most-trained groups first, exercises
    with more sets before those with fewer (easier ones and holds first, so the week keeps
    training its level); then the exercises that could be left out, in the same order of
    groups; then the lighter exercises that could take an exercise's place."""
    weekly = weekly_sets(sessions)
    order = sorted(GROUPS, key=lambda g: (-weekly[g], GROUPS.index(g)))
    items = _strength_items(sessions)
    fewer: list[Move] = []
    drops: list[Move] = []
    swaps: list[Move] = []
    for group in order:
        of_group = sorted(
            ((place, item) for place, item in items if group in item.exercise.groups),
            key=lambda found: (
                -found[1].dose.sets,
                LEVELS.index(found[1].exercise.level),
                found[1].dose.reps is not None,
                found[0],
            ),
        )
        for (s, i), item in of_group:
            dose = item.dose
            if dose.sets > item.exercise.dose_range.sets[0]:
                less = Dose(dose.sets - 1, dose.reps, dose.hold_seconds)
                fewer.append((s, i, Item(item.exercise, less, item.block)))
            if _spare(sessions, pool, s, i):
                drops.append((s, i, None))
            swaps += [(s, i, lighter) for lighter in _lighter(sessions, policy, pool, s, i)]
    unique: dict[tuple[int, int, str | None, int], Move] = {}
    for move in fewer + drops + swaps:
        s, i, after = move
        key = (s, i, after.exercise.id if after else None, after.dose.sets if after else 0)
        unique.setdefault(key, move)
    return list(unique.values())


def _spare(sessions: list[Session], pool: Pool, s: int, i: int) -> bool:
    """The item could be left out: its session's other exercises still train each of its
    groups (the day's groups, rules 3 and 4, stay as they are), and no required movement
    depends on it alone."""
    session = sessions[s]
    others = {g for n, item in enumerate(session.main) if n != i for g in item.exercise.groups}
    return set(session.main[i].exercise.groups) <= others and not needed(sessions, pool, session, i)


def _lighter(sessions: list[Session], policy: Policy, pool: Pool, s: int, i: int) -> list[Item]:
    """Exercises that could take the item's place with less volume: the same groups, at the
    item's sets or the fewest of their range (never more than the item's), at the low end of
    their repetitions or hold; the required movement it alone gives; no heavy work it did not
    have; within the session's positions. Lightest first."""
    session = sessions[s]
    item = session.main[i]
    old = item.exercise
    trial = replace(session, main=[x for n, x in enumerate(session.main) if n != i])
    held = taken(trial, pool)
    keep = set(pool.required_movements.get(old.groups[0], ())) & set(old.tags)
    need = keep if needed(sessions, pool, session, i) else set()
    positions = {x.exercise.position for x in trial.main}
    found = []
    for exercise in pool.strength[old.groups[0]]:
        if (
            exercise.id == old.id
            or set(exercise.groups) != set(old.groups)
            or not need <= set(exercise.tags)
            or ("heavy" in exercise.tags and "heavy" not in old.tags)
            or len(positions | {exercise.position}) > MAX_MAIN_POSITIONS
            or not fits_session(exercise, trial, pool, held)
        ):
            continue
        low, high = policy.strength_sets(exercise)
        limits = exercise.dose_range
        reps = limits.reps[0] if exercise.reps is not None and limits.reps else None
        hold = limits.hold_seconds[0] if reps is None and limits.hold_seconds else None
        for sets in sorted({low, min(item.dose.sets, high)}):
            dose = Dose(sets, reps, hold)
            if low <= sets <= item.dose.sets and dose_volume(dose) < dose_volume(item.dose):
                found.append(Item(exercise, dose, item.block))
    return sorted(found, key=lambda x: (dose_volume(x.dose), x.exercise.id))


def _try(sessions: list[Session], move: Move, valid: Callable[[], bool]) -> bool:
    """Make the move if the week stays valid; else undo it."""
    saved = list(sessions[move[0]].main)
    _make(sessions, move)
    if valid():
        return True
    sessions[move[0]].main = saved
    return False


def _make(sessions: list[Session], move: Move) -> None:
    s, i, item = move
    if item is None:
        del sessions[s].main[i]
    else:
        sessions[s].main[i] = item


def _snapshot(sessions: list[Session]) -> list[list[Item]]:
    return [list(session.main) for session in sessions]


def _strength_items(sessions: list[Session]) -> list[tuple[Place, Item]]:
    return [
        ((s, i), item)
        for s, session in enumerate(sessions)
        for i, item in enumerate(session.main)
        if item.exercise.kind == "strength"
    ]


def _amount(dose: Dose) -> int | None:
    """A set's repetitions, or its hold in seconds."""
    return dose.reps if dose.reps is not None else dose.hold_seconds


def _lower_dose(item: Item) -> Dose | None:
    """The item's dose a step lower (a repetition, or a hold to the next multiple of 5 s), not
    below its range; None at the low end."""
    dose, limits = item.dose, item.exercise.dose_range
    if dose.reps is not None:
        low = limits.reps[0] if limits.reps else dose.reps
        return Dose(dose.sets, dose.reps - 1, None) if dose.reps > low else None
    if dose.hold_seconds is not None and limits.hold_seconds:
        low = limits.hold_seconds[0]
        if dose.hold_seconds > low:
            step = (dose.hold_seconds - 1) // HOLD_STEP_SECONDS * HOLD_STEP_SECONDS
            return Dose(dose.sets, None, max(low, step))
    return None

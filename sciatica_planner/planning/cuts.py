"""Time is a ceiling (rule 15), and pain 4-6 is lighter than pain 0 (rule 8): cutting sets,
then exercises, then swapping for quicker or lighter ones, each move kept only if the week
stays balanced and trains its foundations."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import WEEKDAY_NAMES
from . import rules
from .balance import MAX_MOVES, balance, even_sets, week_gap
from .draft import WeekDraft
from .fill import candidates, common, covered, days_trained, replace
from .pool import PlanError
from .timing import dose_seconds, gentle_reserve

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Exercise
    from .policy import Dose, Policy
    from .pool import Pool
    from .templates import Slot


def fit(
    draft: WeekDraft,
    policy: Policy,
    main_budget: float,
    budget_minutes: int,
    fewer_than: int | None,
    foundations: tuple[Slot, ...],
    pool: Pool,
) -> None:
    """Time is a ceiling (rule 15): while the longest session overruns, one set comes off
    (the move that keeps the week balanced and saves the most time), then a non-foundation
    exercise goes; never a dose below its range. At pain 4-6 the same cuts go on until the
    week has fewer sets than at pain 0 (rule 8). Each move depends on the week alone, never on
    the budget, so a longer budget stops earlier and keeps more work."""
    for _ in range(MAX_MOVES):
        letter = max(draft.main, key=draft.main_seconds)
        longest = draft.main_seconds(letter)
        lighter = fewer_than is not None and draft.sets() >= fewer_than
        if longest <= main_budget and not lighter:
            return
        if cut_set(draft, policy, letter if longest > main_budget else None):
            continue
        if _drop_one(draft, policy, letter, foundations, pool):
            continue
        if longest > main_budget:
            if not lighter_swap(draft, pool, policy, _longest_seconds):
                _too_short(draft, letter, budget_minutes)
            continue
        if not lighter_swap(
            draft, pool, policy, WeekDraft.sets, lambda d: _longest_seconds(d) <= main_budget
        ):
            return  # rule 8 cannot go lower: the ranges' low ends are reached
    letter = max(draft.main, key=draft.main_seconds)
    if draft.main_seconds(letter) > main_budget:  # pragma: no cover - every move saves time
        _too_short(draft, letter, budget_minutes)


def _longest_seconds(draft: WeekDraft) -> float:
    return max(draft.main_seconds(x) for x in draft.main)


def lighter_swap(
    draft: WeekDraft,
    pool: Pool,
    policy: Policy,
    measure: Callable[[WeekDraft], float],
    keeping: Callable[[WeekDraft], bool] = lambda draft: True,
) -> bool:
    """Where cuts cannot go lower (rule 8's sets, or the longest session's time): the exercise
    whose swap for another candidate of its slot most lowers the `measure`, the week balanced
    (sets evened out afresh from the ranges' low ends). False when no swap lowers it."""
    before = measure(draft)
    gap = week_gap(draft, policy)
    best: tuple[float, str, Exercise] | None = None
    for exercise_id in dict.fromkeys(e.id for e in draft.exercises()):
        where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == exercise_id]
        found = None
        for letter, index, placed in where:
            fits = candidates(draft, letter, placed.slot, pool, policy, swap=index)
            found = fits if found is None else common(found, fits)
        for exercise in found or ():
            draft.save()
            replace(draft, where, exercise, pool, policy)
            _lowest(draft, policy)
            value = measure(draft)
            keeps = (
                rules.balanced(draft.weekly())
                and value < before
                and week_gap(draft, policy) <= gap
                and keeping(draft)
            )
            draft.undo()
            if keeps and (best is None or value < best[0]):
                best = (value, exercise_id, exercise)
    if best is None:
        return False
    where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == best[1]]
    replace(draft, where, best[2], pool, policy)
    _lowest(draft, policy)
    return True


def _lowest(draft: WeekDraft, policy: Policy) -> None:
    """Every exercise at the low end of its sets, then evened out (rule 5)."""
    for letter, index, placed in draft.placed():
        low = policy.strength_sets(placed.exercise)[0]
        draft.set_dose(letter, index, placed.dose._replace(sets=low))
    even_sets(draft, policy, working=False)


def cut_set(draft: WeekDraft, policy: Policy, letter: str | None, most: int = 2) -> bool:
    """One set less (of the template `letter`, or any), or where no single cut keeps the week
    balanced, one less of each of two exercises: the cut that saves the most time and keeps
    rule 5 and rule 21's share of repetitions. False when none does."""
    placed = [
        (x, i, p)
        for x, i, p in draft.placed()
        if (letter is None or x == letter) and p.dose.sets > policy.strength_sets(p.exercise)[0]
    ]
    gap = week_gap(draft, policy)
    for size in range(1, most + 1):
        best: tuple[float, list[tuple[str, int, Dose]]] | None = None
        for chosen in itertools.combinations(placed, size):
            cuts = [(x, i, p.dose._replace(sets=p.dose.sets - 1)) for x, i, p in chosen]
            for x, i, dose in cuts:
                draft.set_dose(x, i, dose)
            keeps = rules.balanced(draft.weekly()) and week_gap(draft, policy) <= gap
            saving = sum(
                p.seconds - dose_seconds(p.exercise, d)
                for (_, _, p), (_, _, d) in zip(chosen, cuts, strict=True)
            )
            for x, i, p in chosen:
                draft.set_dose(x, i, p.dose)
            if keeps and (best is None or saving > best[0]):
                best = (saving, cuts)
        if best is not None:
            for x, i, dose in best[1]:
                draft.set_dose(x, i, dose)
            return True
    return False


def _drop_one(
    draft: WeekDraft, policy: Policy, letter: str, foundations: tuple[Slot, ...], pool: Pool
) -> bool:
    """Leave out one exercise of the template, longest first, accessories before the rest:
    only where the week still trains every foundation pattern, group and required movement,
    the session keeps its least strength exercises (rule 19), the week balances again (its
    sets evened out afresh) and the session is shorter for it."""
    items = draft.main[letter]
    if len(items) <= rules.SESSION_STRENGTH[0]:
        return False
    before = draft.main_seconds(letter)
    order = sorted(range(len(items)), key=lambda i: (not items[i].slot.optional, -items[i].seconds))
    patterns = {e.pattern for e in draft.exercises()}
    held = tuple(s for s in foundations if patterns & set(s.patterns))
    for index in order:
        days = _days_per_group(draft)
        draft.save()
        del draft.main[letter][index]
        if (
            _covers(draft, held, pool)
            and all(
                n >= min(days[g], safety.MIN_STRENGTH_DAYS_PER_GROUP)
                for g, n in _days_per_group(draft).items()
            )
            and (rules.balanced(draft.weekly()) or balance(draft, policy))
            and draft.main_seconds(letter) < before
        ):
            draft.keep()
            return True
        draft.undo()
    return False


def _days_per_group(draft: WeekDraft) -> dict[str, int]:
    """On how many days each group has strength work (rule 4)."""
    return {g: days_trained(draft, g) for g in draft.groups}


def _covers(draft: WeekDraft, foundations: tuple[Slot, ...], pool: Pool) -> bool:
    """Every foundation pattern the week had (rule 21), group and required movement still in
    the week."""
    exercises = draft.exercises()
    patterns = {e.pattern for e in exercises}
    if any(not patterns & set(s.patterns) for s in foundations):
        return False
    for group in draft.groups:
        if not any(group in e.groups for e in exercises):
            return False
        for move in pool.required_movements.get(group, ()):
            if not covered(exercises, group, move):
                return False
    return True


def _too_short(draft: WeekDraft, letter: str, budget_minutes: int) -> None:
    seconds = draft.main_seconds(letter)
    needed = next(
        m for m in range(budget_minutes, 600) if m * 60 - gentle_reserve(m * 60) >= seconds
    )
    day = WEEKDAY_NAMES[draft.layout.dates_of(letter)[0].weekday()]
    raise PlanError(
        f"{day}'s session needs at least {needed} minutes for its strength work, more than "
        f"--minutes {budget_minutes}; allow more minutes or more --days",
        filter="--minutes",
    )

"""Evening out the week's sets: rule 5's balance under rule 15's ceiling, with rules 14 and
21's shares of work above beginner and in repetitions; one set at a time, on the weekly totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import rules
from .policy import MIN_WORKING_SETS

if TYPE_CHECKING:
    from ..models import Exercise
    from .draft import Placed, WeekDraft
    from .policy import Policy

# Each balancing search stops after this many moves (a week has at most a dozen exercises of
# at most 10 sets each, so it never needs more).
MAX_MOVES = 200


def set_bounds(placed: Placed, policy: Policy, working: bool = True) -> tuple[int, int]:
    """The fewest and most sets balancing may give an exercise: its range, and at pain 0-3 at
    least the working sets the policy starts from (unless `working` is off)."""
    low, high = policy.strength_sets(placed.exercise)
    if policy.tier == "normal" and working:
        low = max(low, min(high, MIN_WORKING_SETS))
    return low, high


def strain(weekly: dict[str, int], policy: Policy) -> float:
    """How far the week is from balance (rule 5) and under the ceiling (rule 15): 0 when it is."""
    if not weekly:  # tailoring left no group to strengthen (rule 22): nothing to balance
        return 0.0
    most = max(weekly.values())
    # Each group's shortfall below the band the most-trained group sets: 0 for all when
    # balanced, and it shrinks with every set that moves a lagging group up.
    short = sum(max(0.0, most - rules.BALANCE_RATIO * n) for n in weekly.values())
    over = sum(max(0, n - policy.weekly_ceiling) for n in weekly.values())
    return short + over + (100 if min(weekly.values()) == 0 else 0)


def balance(draft: WeekDraft, policy: Policy) -> bool:
    """Even the groups out by one set at a time (rule 5, under the ceiling of rule 15), keeping
    two working sets an exercise where that can balance, else down to the ranges' low ends."""
    return even_sets(draft, policy, working=True) or even_sets(draft, policy, working=False)


def even_sets(draft: WeekDraft, policy: Policy, working: bool) -> bool:
    """Each move is the one that most reduces the current, then stays nearest the usual sets.
    Worked on the weekly totals alone, then written back."""
    placed = draft.placed()
    days = [draft.layout.days_of(x) for x, _, _ in placed]
    sets = [p.dose.sets for _, _, p in placed]
    bounds = [set_bounds(p, policy, working) for _, _, p in placed]
    weekly = draft.weekly()
    usual = sum(p.usual * n for (_, _, p), n in zip(placed, days, strict=True))
    counts = [0, 0, 0]  # sets, above beginner, in repetitions
    kinds = [_kinds(p.exercise) for _, _, p in placed]
    for kind, count, n in zip(kinds, sets, days, strict=True):
        counts = [c + k * count * n for c, k in zip(counts, kind, strict=True)]
    current = strain(weekly, policy) + _level_gap(counts, policy)
    for _ in range(MAX_MOVES):
        if current == 0:
            break
        best: tuple[float, int, int, int] | None = None
        for k, (_, _, item) in enumerate(placed):
            low, high = bounds[k]
            for change in (1, -1):
                if not low <= sets[k] + change <= high:
                    continue
                step = change * days[k]
                trial = dict(weekly)
                for group in item.exercise.groups:
                    if group in trial:  # not a group tailoring left out (rule 22)
                        trial[group] += step
                moved = [c + kind * step for c, kind in zip(counts, kinds[k], strict=True)]
                key = (
                    strain(trial, policy) + _level_gap(moved, policy),
                    abs(moved[0] - usual),
                )
                if best is None or key < best[:2]:
                    best = (*key, k, change)
        if best is None or best[0] >= current:
            break
        current, _, k, change = best
        sets[k] += change
        counts = [c + kind * change * days[k] for c, kind in zip(counts, kinds[k], strict=True)]
        for group in placed[k][2].exercise.groups:
            if group in weekly:
                weekly[group] += change * days[k]
    for (letter, index, item), count in zip(placed, sets, strict=True):
        if count != item.dose.sets:
            draft.set_dose(letter, index, item.dose._replace(sets=count))
    return current == 0


def _kinds(exercise: Exercise) -> tuple[int, int, int]:
    """What a set of it counts towards: (sets, above beginner, in repetitions)."""
    return (1, int(exercise.level != "beginner"), int(exercise.reps is not None))


def _level_gap(counts: list[int], policy: Policy) -> float:
    """Sets short of half above beginner (rule 14, intermediate and advanced) and of half in
    repetitions (rule 21), at pain 0-3; 0 elsewhere."""
    if policy.tier != "normal":
        return 0.0
    total, above, reps = counts
    gap = max(0.0, total / 2 - reps)
    if policy.level != "beginner":
        gap += max(0.0, total / 2 - above)
    return gap


def week_gap(draft: WeekDraft, policy: Policy) -> float:
    counts = [0, 0, 0]
    for x, _, p in draft.placed():
        n = p.dose.sets * draft.layout.days_of(x)
        counts = [c + k * n for c, k in zip(counts, _kinds(p.exercise), strict=True)]
    return _level_gap(counts, policy)


def reset(draft: WeekDraft, policy: Policy) -> None:
    """Every exercise back at the sets it started from."""
    for letter, index, placed in draft.placed():
        draft.set_dose(letter, index, policy.dose(placed.exercise, placed.usual))

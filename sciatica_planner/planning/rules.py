"""The contract's week rules as predicates, one each: the search keeps a move only if the rules
it touches allow it (python-constraint's split: the draft is the problem, these are the
constraints, week.py is the search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import safety
from .measures import balance_ratio

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..models import Exercise
    from .policy import Policy

# Rule 5: the most-trained group has at most this many times the sets of the least.
BALANCE_RATIO = 1.5
# Rule 19: a session holds this many strength exercises...
SESSION_STRENGTH = (3, 6)
# ... and at most this many warm-up and cool-down items each.
BLOCK_ITEMS_MAX = 3
# Rule 19: distinct strength exercises in a week (fewer at beginner: clinical.md [P1], fewer
# exercises are done better), and distinct exercises in all.
WEEK_STRENGTH_MAX = {"beginner": 6, "intermediate": 8, "advanced": 8}
WEEK_EXERCISES_MAX = 14
# Rule 20: at most this many single-leg exercises in a session.
SINGLE_LEG_MAX = 2
# Rule 21: at most this many isometric strength exercises in a session at pain 0-3.
ISOMETRIC_MAX = 1
# Where the trunk's holds belong: the patterns whose usual form is a held position.
HELD_PATTERNS = frozenset({"anti-extension", "anti-rotation", "lateral-core"})


def no_twins(exercise: Exercise, session: Iterable[Exercise], family: dict[str, str]) -> bool:
    """Rules 2 and 13: not twice in a session, and no variant of an exercise already there."""
    own = family.get(exercise.id, exercise.id)
    return all(e.id != exercise.id and family.get(e.id, e.id) != own for e in session)


def one_per_pattern(exercise: Exercise, strength: Iterable[Exercise]) -> bool:
    """Rule 20: one strength exercise per pattern, and no more than two single-leg ones."""
    strength = list(strength)
    if any(e.pattern == exercise.pattern for e in strength):
        return False
    single = sum("single-leg" in e.tags for e in strength)
    return "single-leg" not in exercise.tags or single < SINGLE_LEG_MAX


def isometric_room(exercise: Exercise, strength: Iterable[Exercise], policy: Policy) -> bool:
    """Rule 21: at pain 0-3 a session holds at most one isometric strength exercise."""
    if policy.tier != "normal" or "isometric" not in exercise.tags:
        return True
    return sum("isometric" in e.tags for e in strength) < ISOMETRIC_MAX


def heavy_room(exercise: Exercise, week: Iterable[Exercise], days: int) -> bool:
    """Rule 16: heavy work in one session a week at most (a template repeated on one day only),
    one heavy exercise at a time."""
    if "heavy" not in exercise.tags:
        return True
    return days == 1 and sum("heavy" in e.tags for e in week) < safety.MAX_HEAVY_PER_SESSION


# Rule 12: the strength block keeps to this many positions, so with a warm-up before it and a
# cool-down after it the session changes position at most four times.
MAIN_POSITIONS_MAX = 3


def positions_room(exercise: Exercise, strength: Iterable[Exercise]) -> bool:
    """Rule 12: the strength block stays within three positions."""
    positions = {e.position for e in strength}
    return exercise.position in positions or len(positions) < MAIN_POSITIONS_MAX


def within_groups(exercise: Exercise, groups: frozenset[str]) -> bool:
    """Rule 3: strength work only for the groups a session may train."""
    return set(exercise.groups) <= groups


def balanced(weekly: dict[str, int]) -> bool:
    """Rule 5: every group trained, the most at most 1.5 times the least."""
    return balance_ratio(weekly) <= BALANCE_RATIO


def under_ceiling(weekly: dict[str, int], policy: Policy) -> bool:
    """Rule 15: no group above the level's weekly ceiling."""
    return max(weekly.values(), default=0) <= policy.weekly_ceiling

"""Contract rule 22: what the user asked never to do (--avoid, --exclude) is obeyed, and where
that leaves a week without something it would have had, `warnings` says what and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import POSITIONS, group_words
from . import rules
from .fill import covered, days_trained

if TYPE_CHECKING:
    from ..models import Catalogue, Exercise
    from .draft import WeekDraft
    from .policy import Policy
    from .pool import Pool
    from .templates import Slot, Templates

FLOOR = ("kneeling", "lying")
# The needs of every session build_pool names when tailoring empties them.
NEEDS = ("warm-up", "hamstring stretch", "nerve slider or position of ease")


def asked(policy: Policy) -> str:
    """What the user asked to leave out, in words: "kneeling and lying positions and 2
    exercises you excluded"."""
    parts = []
    avoid = [p for p in POSITIONS if p in policy.avoid]
    if avoid:
        positions = "floor (kneeling and lying)" if tuple(avoid) == FLOOR else _and(avoid)
        parts.append(f"{positions} positions")
    if policy.left_out:
        count = len(policy.left_out)
        parts.append(f"{'the exercise' if count == 1 else f'the {count} exercises'} you excluded")
    return " and ".join(parts)


def took(catalogue: Catalogue, policy: Policy, slot: Slot) -> bool:
    """Did tailoring take this slot's exercises away (the week without it could train it)?"""
    if not policy.tailored:
        return False
    untailored = policy.untailored()
    return any(
        e.kind == "strength" and e.pattern in slot.patterns and untailored.allows(e)
        for e in catalogue.exercises
    )


def _said(catalogue: Catalogue, pool: Pool, slot: Slot) -> bool:
    """Is a missing foundation already said by a missing group or movement (every exercise of
    its patterns is one that group or movement would have had)?"""
    needed = {g.id: set(g.required_movements) for g in catalogue.groups}
    lost = {g: needed.get(g, set()) - set(pool.required_movements.get(g, ())) for g in needed}

    def gone(exercise: Exercise) -> bool:
        group = exercise.groups[0]
        return group not in pool.groups or bool(lost.get(group, set()) & set(exercise.tags))

    return all(
        gone(e) for e in catalogue.exercises if e.kind == "strength" and e.pattern in slot.patterns
    )


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def warnings(
    catalogue: Catalogue,
    policy: Policy,
    pool: Pool,
    draft: WeekDraft,
    templates: Templates,
) -> list[str]:
    """Where tailoring leaves the week without a need (a warm-up, the hamstring stretch, a
    group, a required movement), a foundation pattern (at pain 0-3), a full session or its
    balance: one line saying so."""
    if not policy.tailored:
        return []
    lacks = list(pool.missing)
    exercises = draft.exercises()
    if not policy.strength_paused:
        lacks += [
            f"{move} exercise of its own for the {group_words([group])}"
            for group in pool.groups
            for move in pool.required_movements.get(group, ())
            if not covered(exercises, group, move)
        ]
    if policy.tier == "normal":
        patterns = {e.pattern for e in draft.exercises()}
        lacks += [
            slot.name
            for slot in templates.foundations
            if not patterns & set(slot.patterns)
            and took(catalogue, policy, slot)
            and not _said(catalogue, pool, slot)
        ]
    found = []
    if lacks:
        found.append(
            f"Leaving out {asked(policy)} leaves this week without "
            f"{_and([_a(x) for x in lacks])}; ask a physiotherapist for one that suits you."
        )
    if not policy.strength_paused:
        least = rules.SESSION_STRENGTH[0]
        short = [x for x, items in draft.main.items() if len(items) < least and items]
        if short:
            found.append(
                f"Leaving out {asked(policy)} leaves fewer than three strength exercises for "
                f"session {_and(short)}."
            )
        weekly = draft.weekly()
        least = min(2, len(draft.layout.letters))
        once = [
            g for g in pool.groups if not draft.layout.split and 0 < days_trained(draft, g) < least
        ]
        if once:
            found.append(
                f"Leaving out {asked(policy)} leaves the {group_words(once)} strengthened on "
                "one day only this week."
            )
        if weekly and not rules.balanced(weekly):
            low = [g for g in weekly if weekly[g] == min(weekly.values())]
            found.append(
                f"Leaving out {asked(policy)} leaves the {group_words(low)} with less work "
                "than the other groups this week."
            )
    return found


def _a(what: str) -> str:
    """A need with its article ("an adduction exercise of its own for the hips"); a
    foundation pattern's name as work ("squat, sit-to-stand, step or lunge work")."""
    if what in NEEDS or " exercise" in what:
        return ("an " if what[0] in "aeiou" else "a ") + what
    return f"{what} work"

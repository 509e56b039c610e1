"""Why each planned exercise is there, and why at this dose: one plain sentence each, decided
here once and carried on the plan (`why`), so no view works it out again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import group_words

if TYPE_CHECKING:
    from ..models import Exercise
    from .draft import Placed
    from .policy import Policy


def strength_why(placed: Placed, letter: str, policy: Policy, days: int) -> str:
    """'Session A's bridge or hinge: the step of the bridge chain for a beginner; 3 sets, 1
    more than usual, to keep the five groups even, on each of its 3 days.'"""
    exercise, dose = placed.exercise, placed.dose
    if policy.strength_paused:
        return (
            f"A gentle hold for the {group_words(list(exercise.groups[:1]))} while pain is high, "
            "at the low end of its range."
        )
    where = f"Session {letter}'s {placed.slot.name}"
    if placed.slot.optional:
        where = f"An extra exercise in session {letter} for the {placed.slot.name}"
    sets, usual = dose.sets, placed.usual
    if sets > usual:
        amount = f"{sets} sets, {sets - usual} more than usual, to keep the five groups even"
    elif sets < usual:
        amount = f"{sets} sets, {usual - sets} fewer than usual, to fit your time or pain"
    else:
        amount = f"{sets} sets, its usual dose"
    repeat = f", on each of its {days} days" if days > 1 else ""
    return f"{where}: {placed.step}; {amount}{repeat}."


def gentle_why(exercise: Exercise, block: str, policy: Policy) -> str:
    """Why a warm-up, mobility or cool-down item is there."""
    tags = set(exercise.tags)
    if "position-of-ease" in tags:
        return "A resting position that may ease the back and nerve while symptoms are irritable."
    if "nerve-slider" in tags:
        return "A gentle nerve glide: it moves the sciatic nerve without stretching it."
    wanted = policy.wanted_direction
    if wanted is not None and wanted in tags:
        return f"A movement in your preferred direction ({policy.prefer}), which may ease symptoms."
    if block == "warm-up":
        return "It gets the body moving and the pulse up before the strength work."
    if "hamstrings" in exercise.groups and exercise.kind == "stretch":
        return "A gentle hamstring stretch to end with, part of every session."
    return f"A gentle stretch to end with, for the {group_words(list(exercise.groups))}."

"""Choosing an exercise: the candidate scores and the only random draws.

Each decision draws one number from the week's generator and mixes it with each candidate's
id, so adding an exercise to the catalogue leaves the other candidates' jitter unchanged.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from ..vocabulary import LEVELS
from .rules import HELD_PATTERNS
from .timing import slot_seconds

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterable, Mapping

    from ..models import Exercise
    from .policy import Policy
    from .templates import Slot

# Strength scores: lower wins. Each says what it steers.
PATTERN_ORDER = 2.5  # per place down a slot's list of patterns: the slot's first choice leads,
# even over an exercise one level below the user's
BELOW_LEVEL = 1.2  # per level below the user's, at pain 0-3: each level trains its own step
HELD = 1.5  # a held exercise outside the trunk's patterns, at pain 0-3: bed-level holds suit a
# flare, while a week at pain 0-3 builds strength with repetitions (rule 21)
EXTRA_GROUP = 0.0  # per group beyond the primary: 0, compound work is what a programme wants
EQUIPPED = 0.5  # off for an exercise that uses the user's equipment: they have it to use it
LOW_DOSE = 0.5  # per set of a range's low end above one, at pain 4-6: room for fewer sets (rule 8)
ENTRY = 0.6  # per step above its chain's entry point, at beginner: start at the bottom rung
HEAVY = 3.0  # heavy work only where nothing lighter fits the slot: never the habit of every week
QUICK = 0.1  # per minute of the usual dose: the quicker of two equals
JITTER = 0.8  # variety from week to week

# Gentle scores (warm-up, mobility, stretches).
NEW_POSITION = 0.8  # a position the session does not have yet: fewer trips to the floor
REUSED = 1.0  # off for an item the week already has: one warm-up and cool-down to learn
NERVE_TENSION = 3.0  # tensioners only when nothing gentler will do


def strength_score(exercise: Exercise, slot: Slot, policy: Policy, step: int = 0) -> float:
    """How well an exercise fills a slot (lower wins); `step`: its place in its chain."""
    pattern = exercise.pattern or ""
    total = PATTERN_ORDER * (slot.patterns.index(pattern) if pattern in slot.patterns else 0)
    if policy.tier == "normal":
        total += BELOW_LEVEL * (LEVELS.index(policy.level) - LEVELS.index(exercise.level))
        if exercise.reps is None and pattern not in HELD_PATTERNS:
            total += HELD
    total += EXTRA_GROUP * (len(exercise.groups) - 1)
    if policy.tier == "flare-safe":
        total += LOW_DOSE * (exercise.dose_range.sets[0] - 1)
    if policy.level == "beginner":
        total += ENTRY * step
    if not exercise.equipment:
        total += EQUIPPED if policy.equipment else 0.0
    if "heavy" in exercise.tags:
        total += HEAVY
    return total + QUICK * slot_seconds(exercise, exercise.sets) / 60


def scorer(slot: Slot, policy: Policy, steps: Mapping[str, int]) -> Callable[[Exercise], float]:
    """The strength score for one slot, each exercise at its place in its chain (`steps`)."""
    return lambda exercise: strength_score(exercise, slot, policy, steps.get(exercise.id, 0))


def gentle_score(exercise: Exercise, positions: frozenset[str], used: frozenset[str]) -> float:
    total = 0.0
    if positions and exercise.position not in positions:
        total += NEW_POSITION
    if exercise.id in used:
        total -= REUSED
    if "nerve-tension" in exercise.tags:
        total += NERVE_TENSION
    return total


def pick(
    candidates: Iterable[Exercise], score: Callable[[Exercise], float], rng: random.Random
) -> Exercise | None:
    """The best-scoring candidate, ties and near-ties broken by the week's seed."""
    salt = rng.getrandbits(32)
    best: tuple[float, str, Exercise] | None = None
    for exercise in candidates:
        noise = zlib.crc32(f"{salt}:{exercise.id}".encode()) / 2**32
        key = (score(exercise) + JITTER * noise, exercise.id, exercise)
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else best[2]

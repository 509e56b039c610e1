"""Choosing an exercise for a job: one candidate filter, one score, the only random draws.

Each decision draws one number from the week's generator and mixes it with each candidate's
id, so adding an exercise to the catalogue leaves the other candidates' jitter unchanged.
"""

from __future__ import annotations

import zlib
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from .. import safety
from ..vocabulary import LEVELS
from .timing import dose_seconds

if TYPE_CHECKING:
    import random
    from collections.abc import Iterable, Mapping

    from ..models import Exercise
    from .policy import Policy
    from .pool import Pool
    from .session import Session

# Score weights: lower scores win. Each says what it steers.
BELOW_LEVEL = 2.0  # per level below the user's (intermediate and up, pain 0-3): train the level
HOLD_ABOVE_BEGINNER = 1.2  # a hold where reps build strength better (same condition)
REUSE = 1.5  # per earlier use this week: a group meets different exercises on its days
EXTRA_GROUP = 0.4  # per group beyond the primary one: keeps the weekly sets even...
CROWDED_GROUP = 0.5  # ...and more per set that group already has above the primary's
QUICK = 1.0  # per minute of the lowest dose, in a compact week (a short session, many groups)
COMPACT_EXTRA_GROUP = 1.5  # per group beyond the primary, in a compact week: easier to balance
DIRECTIONAL = 1.5  # a spinal-flexion or -extension item when no direction is preferred
LOW_DOSE = 0.5  # per set of a range's low end above one, at pain 4-6: room for fewer sets
NEW_POSITION = 0.8  # a position the session does not have yet: fewer trips to the floor
NERVE_TENSION = 3.0  # tensioners only when nothing gentler will do
HEAVY = 3.0  # heavy work only now and then, never the habit of every week
JITTER = 1.0  # variety from week to week


class Context(NamedTuple):
    """What a score needs to know about the week so far."""

    policy: Policy
    uses: dict[str, int]
    positions: frozenset[str]
    weekly: Mapping[str, int] = MappingProxyType({})  # strength sets per group so far
    compact: bool = False


class Taken(NamedTuple):
    """What a session already holds, as the candidate filter asks it."""

    ids: frozenset[str]
    families: frozenset[str]
    heavy: int


def taken(session: Session, pool: Pool) -> Taken:
    items = session.items()
    return Taken(
        ids=frozenset(i.exercise.id for i in items),
        families=frozenset(pool.family.get(i.exercise.id, i.exercise.id) for i in items),
        heavy=sum("heavy" in i.exercise.tags for i in items),
    )


def fits_session(
    exercise: Exercise, session: Session, pool: Pool, held: Taken | None = None
) -> bool:
    """May this exercise join this session? Not twice, no variant twins (rule 13), strength
    only for groups free to train that day (rule 3), at most one heavy item (rule 16).
    `held` is `taken(session, pool)`, worked out once when many candidates are tried."""
    held = held or taken(session, pool)
    if exercise.id in held.ids or pool.family.get(exercise.id, exercise.id) in held.families:
        return False
    if exercise.kind == "strength" and not set(exercise.groups) <= session.allowed:
        return False
    return "heavy" not in exercise.tags or held.heavy < safety.MAX_HEAVY_PER_SESSION


def score(exercise: Exercise, context: Context) -> float:
    policy = context.policy
    total = 0.0
    if policy.fills_time:
        below = LEVELS.index(policy.level) - LEVELS.index(exercise.level)
        total += BELOW_LEVEL * below
        if policy.level != "beginner" and exercise.kind == "strength" and exercise.reps is None:
            total += HOLD_ABOVE_BEGINNER
    total += REUSE * context.uses.get(exercise.id, 0)
    if exercise.kind == "strength":
        primary = context.weekly.get(exercise.groups[0], 0)
        for group in exercise.groups[1:]:
            crowding = max(0, context.weekly.get(group, 0) - primary)
            total += EXTRA_GROUP + CROWDED_GROUP * crowding
        if policy.tier == "flare-safe":
            total += LOW_DOSE * (policy.strength_sets(exercise)[0] - 1)
        if context.compact:
            low = policy.strength_sets(exercise)[0]
            total += QUICK * dose_seconds(exercise, policy.dose(exercise, low)) / 60
            total += COMPACT_EXTRA_GROUP * (len(exercise.groups) - 1)
    if policy.prefer == "neutral" and {"spinal-flexion", "spinal-extension"} & set(exercise.tags):
        total += DIRECTIONAL
    if context.positions and exercise.position not in context.positions:
        total += NEW_POSITION
    if "nerve-tension" in exercise.tags:
        total += NERVE_TENSION
    if "heavy" in exercise.tags:
        total += HEAVY
    return total


def pick(candidates: Iterable[Exercise], context: Context, rng: random.Random) -> Exercise | None:
    """The best-scoring candidate, ties and near-ties broken by the week's seed."""
    salt = rng.getrandbits(32)
    best: tuple[float, str, Exercise] | None = None
    for exercise in candidates:
        noise = zlib.crc32(f"{salt}:{exercise.id}".encode()) / 2**32
        key = (score(exercise, context) + JITTER * noise, exercise.id, exercise)
        if best is None or key[:2] < best[:2]:
            best = key
    return None if best is None else best[2]


def context_for(
    session: Session,
    policy: Policy,
    uses: dict[str, int],
    weekly: dict[str, int] | None = None,
    compact: bool = False,
) -> Context:
    return Context(
        policy=policy,
        uses=uses,
        positions=frozenset(item.exercise.position for item in session.items()),
        weekly=weekly or {},
        compact=compact,
    )

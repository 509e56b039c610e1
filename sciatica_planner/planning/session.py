"""One session: its blocks (warm-up, main, cool-down), their order by position, and its time."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import POSITIONS
from .choose import context_for, fits_session, pick

if TYPE_CHECKING:
    import random
    from collections.abc import Iterable

    from ..models import Exercise
    from .policy import Dose, Policy
    from .pool import Pool

# Product choice: seconds to move between exercises and get set up.
CHANGEOVER_SECONDS = 20
# Contract rule 12: within a session the position changes at most this often.
MAX_POSITION_CHANGES = 4


@dataclass(frozen=True)
class Item:
    """One exercise placed in a session, with the dose it will be done at."""

    exercise: Exercise
    dose: Dose
    block: str

    @property
    def seconds(self) -> float:
        return dose_seconds(self.exercise, self.dose)

    @property
    def work_seconds(self) -> float:
        """Time spent moving: the session's time less the changeover."""
        return self.seconds - CHANGEOVER_SECONDS


@dataclass
class Session:
    """A training day as it is built: the groups it strengthens and its three blocks."""

    date: dt.date
    groups: tuple[str, ...]  # scheduled for strength work
    allowed: frozenset[str]  # groups its strength work may touch
    warm_up: list[Item] = field(default_factory=list)
    main: list[Item] = field(default_factory=list)
    cool_down: list[Item] = field(default_factory=list)

    def items(self) -> list[Item]:
        return [*self.warm_up, *self.main, *self.cool_down]

    def seconds(self) -> float:
        return sum(item.seconds for item in self.items())

    def main_seconds(self) -> float:
        return sum(item.seconds for item in self.main)

    def has(self, exercise: Exercise) -> bool:
        return any(item.exercise.id == exercise.id for item in self.items())

    def trained(self) -> set[str]:
        """The groups its strength work trains."""
        return {g for item in self.main if item.exercise.kind == "strength" for g in item.exercise.groups}

    def ordered(self) -> list[Item]:
        return order_by_position(self.warm_up, self.main, self.cool_down)

    def position_changes(self) -> int:
        return position_changes(self.ordered())


def dose_seconds(exercise: Exercise, dose: Dose) -> float:
    """Time for a dose: the work, the rests between sets, one changeover."""
    if dose.reps is not None:
        work = dose.reps * exercise.seconds_per_rep
    else:
        work = dose.hold_seconds or 0
    if exercise.per_side:
        work *= 2
    return dose.sets * work + (dose.sets - 1) * exercise.rest_seconds + CHANGEOVER_SECONDS


def slot_seconds(exercise: Exercise, sets: int) -> float:
    """Time for `sets` sets of an exercise at its usual reps or hold."""
    from .policy import Dose

    return dose_seconds(exercise, Dose(sets, exercise.reps, exercise.hold_seconds))


def minutes(seconds: float) -> int:
    return math.ceil(seconds / 60) if seconds else 0


def position_changes(items: list[Item]) -> int:
    positions = [item.exercise.position for item in items]
    return sum(a != b for a, b in itertools.pairwise(positions))


def order_by_position(warm_up: list[Item], main: list[Item], cool_down: list[Item]) -> list[Item]:
    """The blocks in order, each sorted by position (standing, seated, kneeling, lying) one way
    or the other, choosing the directions that change position least; the session opens with
    a warm-up exercise where it can (contract rule 1)."""
    rank = {p: i for i, p in enumerate(POSITIONS)}

    def sort(block: list[Item], descending: bool) -> list[Item]:
        sign = -1 if descending else 1
        return sorted(block, key=lambda i: sign * rank[i.exercise.position])

    def cost(order: list[Item]) -> tuple[bool, int]:
        opens_gently = bool(order) and order[0].exercise.kind == "warm-up"
        return (not opens_gently, position_changes(order))

    best: list[Item] = []
    best_cost: tuple[bool, int] | None = None
    # The first order tried wins ties: up from standing in the warm-up and main block.
    for directions in itertools.product((False, True), repeat=3):
        order = [
            *sort(warm_up, directions[0]),
            *sort(main, directions[1]),
            *sort(cool_down, directions[2]),
        ]
        if best_cost is None or cost(order) < best_cost:
            best, best_cost = order, cost(order)
    return best


def keeps_positions(session: Session, item: Item) -> bool:
    """Adding the item keeps the session within the contract's position changes."""
    blocks = {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}
    trial = {name: [*items, item] if name == item.block else items for name, items in blocks.items()}
    order = order_by_position(trial["warm-up"], trial["main"], trial["cool-down"])
    return position_changes(order) <= MAX_POSITION_CHANGES


# Product choice: the cool-down's stretches for the day's groups take up to a fifth of the
# session, after the hamstring stretch every session has (contract rule 1).
COOL_DOWN_SHARE = 0.2


def warm_up_target(budget: float) -> float:
    """Seconds of warm-up work a session of `budget` seconds starts with (safety.py)."""
    if budget >= safety.WARM_UP_FULL_FROM_MINUTES * 60:
        return min(
            safety.WARM_UP_MAX_SECONDS,
            max(safety.WARM_UP_MIN_SECONDS, safety.WARM_UP_SHARE * budget),
        )
    return safety.WARM_UP_SHARE * budget


def fill_gentle(
    session: Session,
    pool: Pool,
    policy: Policy,
    budget: float,
    fill_to: float,
    uses: dict[str, int],
    rng: random.Random,
) -> None:
    """Add the warm-up and cool-down around the main block: the hamstring stretch (rule 1), a
    warm-up worth the name (rule 12), the preferred direction (rule 17), stretches for the
    day's groups, then gentle extras until the session lasts `fill_to` seconds."""

    def add(candidates: Iterable[Exercise], block: str, required: bool = False) -> bool:
        fitting = []
        for exercise in candidates:
            if not fits_session(exercise, session, pool):
                continue
            item = gentle_item(exercise, block, policy)
            if session.seconds() + item.seconds > budget:
                continue
            if keeps_positions(session, item) or required:
                fitting.append(exercise)
        if required:  # rather a position change too many than a missing rule-1 stretch
            within = [e for e in fitting if keeps_positions(session, gentle_item(e, block, policy))]
            fitting = within or fitting
        chosen = pick(fitting, context_for(session, policy, uses), rng)
        if chosen is None:
            return False
        getattr_block(session, block).append(gentle_item(chosen, block, policy))
        uses[chosen.id] = uses.get(chosen.id, 0) + 1
        return True

    add(pool.hamstring_stretches(), "cool-down", required=True)
    warm_kinds = (*pool.warm_ups, *pool.mobility)
    add(pool.warm_ups, "warm-up", required=True)
    wanted = policy.wanted_direction
    if wanted is not None:
        directional = [e for e in (*warm_kinds, *pool.stretches) if wanted in e.tags]
        add([e for e in directional if e.kind != "stretch"], "warm-up") or add(
            [e for e in directional if e.kind == "stretch"], "cool-down"
        )
    if policy.strength_paused:
        add([e for e in pool.mobility if "nerve-slider" in e.tags], "warm-up")
    target = warm_up_target(budget)
    while _work(session.warm_up) < target and add(warm_kinds, "warm-up"):
        pass
    trained = session.trained() or set(session.groups)
    cool_target = COOL_DOWN_SHARE * budget
    while _work(session.cool_down) < cool_target:
        stretched = {g for item in session.cool_down for g in item.exercise.groups}
        wanted_groups = trained - stretched
        if not wanted_groups or not add(
            [e for e in pool.stretches if wanted_groups & set(e.groups)], "cool-down"
        ):
            break
    while session.seconds() < fill_to and (
        add(pool.stretches, "cool-down") or add(warm_kinds, "warm-up")
    ):
        pass


def gentle_item(exercise: Exercise, block: str, policy: Policy) -> Item:
    """A warm-up, mobility or stretch item at its dose (a stretch long enough for rule 12)."""
    dose = policy.stretch_dose(exercise) if exercise.kind == "stretch" else None
    if dose is None:
        dose = policy.dose(exercise, exercise.sets)
    return Item(exercise, dose, block)


def getattr_block(session: Session, block: str) -> list[Item]:
    return {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}[
        block
    ]


def _work(items: list[Item]) -> float:
    return sum(item.work_seconds for item in items)

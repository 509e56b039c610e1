"""One session: its blocks (warm-up, main, cool-down), their order by position, and its time."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import POSITIONS
from .choose import context_for, fits_session, pick, taken
from .policy import Dose
from .timing import CHANGEOVER_SECONDS, dose_seconds

if TYPE_CHECKING:
    import datetime as dt
    import random
    from collections.abc import Iterable

    from ..models import Exercise
    from ..vocabulary import Block
    from .policy import Policy
    from .pool import Pool

# Contract rule 12: within a session the position changes at most this often.
MAX_POSITION_CHANGES = 4


@dataclass(frozen=True)
class Item:
    """One exercise placed in a session, with the dose it will be done at."""

    exercise: Exercise
    dose: Dose
    block: Block

    @cached_property
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
        return {
            g
            for item in self.main
            if item.exercise.kind == "strength"
            for g in item.exercise.groups
        }

    def ordered(self) -> list[Item]:
        return order_by_position(self.warm_up, self.main, self.cool_down)

    def position_changes(self) -> int:
        return position_changes(self.ordered())


def position_changes(items: list[Item]) -> int:
    positions = [item.exercise.position for item in items]
    return sum(a != b for a, b in itertools.pairwise(positions))


RANK = {p: i for i, p in enumerate(POSITIONS)}


def order_by_position(warm_up: list[Item], main: list[Item], cool_down: list[Item]) -> list[Item]:
    """The blocks in order, each sorted by position (standing, seated, kneeling, lying) one way
    or the other, choosing the directions that change position least; the session opens with
    a warm-up exercise where it can (contract rule 1)."""
    directions, _ = _best_directions(warm_up, main, cool_down)
    order: list[Item] = []
    for block, descending in zip((warm_up, main, cool_down), directions, strict=True):
        sign = -1 if descending else 1
        order += sorted(
            block,
            key=lambda i: (sign * RANK[i.exercise.position], i.exercise.kind != "warm-up"),
        )
    return order


def _best_directions(
    warm_up: list[Item], main: list[Item], cool_down: list[Item]
) -> tuple[tuple[bool, ...], tuple[bool, int]]:
    """The sort direction of each block and its cost (not opening with a warm-up exercise,
    position changes), worked out from each block's positions alone: a sorted block changes
    position once between each of its positions."""
    blocks = [sorted({RANK[i.exercise.position] for i in b}) for b in (warm_up, main, cool_down)]
    gentle = {RANK[i.exercise.position] for i in warm_up if i.exercise.kind == "warm-up"}
    best: tuple[tuple[bool, ...], tuple[bool, int]] | None = None
    # The first directions tried win ties: up from standing in every block.
    for directions in itertools.product((False, True), repeat=3):
        changes, last, first = 0, None, None
        for ranks, descending in zip(blocks, directions, strict=True):
            if not ranks:
                continue
            start, end = (ranks[-1], ranks[0]) if descending else (ranks[0], ranks[-1])
            first = start if first is None else first
            changes += len(ranks) - 1 + (last is not None and last != start)
            last = end
        cost = (first is not None and first not in gentle, changes)
        if best is None or cost < best[1]:
            best = (directions, cost)
    assert best is not None
    return best


def keeps_positions(session: Session, item: Item) -> bool:
    """Adding the item keeps the session within the contract's position changes."""
    blocks = {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}
    trial = {
        name: [*items, item] if name == item.block else items for name, items in blocks.items()
    }
    _, (closed, changes) = _best_directions(trial["warm-up"], trial["main"], trial["cool-down"])
    if closed and session.warm_up:  # it would no longer open with a warm-up exercise
        _, (was_closed, _) = _best_directions(session.warm_up, session.main, session.cool_down)
        if not was_closed:
            return False
    return changes <= MAX_POSITION_CHANGES


# Product choice: the cool-down's stretches for the day's groups take up to a fifth of the
# session, after the hamstring stretch every session has (contract rule 1).
COOL_DOWN_SHARE = 0.2
# A warm-up item of this many seconds of steady movement raises the pulse (a walk, marching).
PULSE = 90
# Holds grow in steps a person can time: half-minutes for a walk, 5 s for a stretch.
LONG_HOLD, LONG_HOLD_GRAIN, HOLD_GRAIN = 60, 30, 5


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

    def add(
        candidates: Iterable[Exercise], block: Block, required: bool = False, reserve: float = 0
    ) -> bool:
        spare = budget - session.seconds() - reserve
        # Whether an item keeps the position rule depends only on its position and kind.
        keeps: dict[tuple[str, bool], bool] = {}
        fitting, within, items = [], [], {}
        held = taken(session, pool)
        for exercise in candidates:
            if not fits_session(exercise, session, pool, held):
                continue
            item = gentle_item(exercise, block, policy)
            if item.seconds > spare and required:  # a short session: the range's low end
                item = gentle_item(exercise, block, policy, smallest=True)
            if item.seconds > spare:
                continue
            key = (exercise.position, exercise.kind == "warm-up")
            if key not in keeps:
                keeps[key] = keeps_positions(session, item)
            items[exercise.id] = item
            fitting.append(exercise)
            if keeps[key]:
                within.append(exercise)
        # Rather a position change too many than a missing warm-up or rule-1 stretch.
        context = context_for(session, policy, uses)
        chosen = pick(within or (fitting if required else []), context, rng)
        if chosen is None:
            return False
        getattr_block(session, block).append(items[chosen.id])
        uses[chosen.id] = uses.get(chosen.id, 0) + 1
        return True

    # Rule 1 needs both a warm-up and a hamstring stretch: keep room for the smallest warm-up.
    smallest = min(gentle_item(e, "warm-up", policy, smallest=True).seconds for e in pool.warm_ups)
    add(pool.hamstring_stretches(), "cool-down", required=True, reserve=smallest) or add(
        pool.hamstring_stretches(), "cool-down", required=True
    )
    wanted = policy.wanted_direction
    directional = [
        e for e in (*pool.warm_ups, *pool.mobility, *pool.stretches) if wanted and wanted in e.tags
    ]
    # Room kept for the preferred direction (rule 17) while the warm-up is chosen.
    reserve = min((gentle_item(e, "warm-up", policy).seconds for e in directional), default=0)
    # A pulse raiser first (a walk, marching), where one fits: the warm-up NHS inform describes.
    pulse = [e for e in pool.warm_ups if gentle_item(e, "warm-up", policy).work_seconds >= PULSE]
    add(pulse, "warm-up", required=True, reserve=reserve) or add(
        pool.warm_ups, "warm-up", required=True, reserve=reserve
    ) or add(pool.warm_ups, "warm-up", required=True)
    if directional:
        add([e for e in directional if e.kind != "stretch"], "warm-up", required=True) or add(
            [e for e in directional if e.kind == "stretch"], "cool-down", required=True
        )
    if policy.strength_paused:
        add([e for e in pool.mobility if "nerve-slider" in e.tags], "warm-up")
    target = warm_up_target(budget)
    pulse_ids = {e.id for e in pulse}
    dynamic = [e for e in (*pool.warm_ups, *pool.mobility) if e.id not in pulse_ids]
    while work_seconds(session.warm_up) < target and (
        _lengthen(session, session.warm_up, budget, target - work_seconds(session.warm_up))
        or add(dynamic, "warm-up")
        or add(pool.warm_ups, "warm-up")
    ):
        pass
    trained = session.trained() or set(session.groups)
    cool_target = COOL_DOWN_SHARE * budget
    while work_seconds(session.cool_down) < cool_target:
        stretched = {g for item in session.cool_down for g in item.exercise.groups}
        wanted_groups = trained - stretched
        if not wanted_groups or not add(
            [e for e in pool.stretches if wanted_groups & set(e.groups)], "cool-down"
        ):
            break

    # Contract rule 15: more stretches and gentle work, then longer gentle doses, until the time
    # is used; the warm-up never grows past its longest (safety.WARM_UP_MAX_SECONDS).
    def warm_room() -> bool:
        return work_seconds(session.warm_up) < safety.WARM_UP_MAX_SECONDS

    while session.seconds() < fill_to and (
        add(pool.stretches, "cool-down")
        or (warm_room() and add(dynamic, "warm-up"))
        or _lengthen(session, session.cool_down, budget, fill_to - session.seconds())
        or (
            warm_room() and _lengthen(session, session.warm_up, budget, fill_to - session.seconds())
        )
    ):
        pass


def _lengthen(session: Session, block: list[Item], budget: float, wanted: float) -> bool:
    """One gentle item a little longer, inside its range and the budget: a hold of a pulse
    raiser up to what is wanted, else one set more. False when none can grow."""
    for index, item in enumerate(block):
        exercise, dose = item.exercise, item.dose
        limits = exercise.dose_range
        room = budget - session.seconds()
        if (
            dose.hold_seconds
            and limits.hold_seconds
            and (dose.sets == 1 or exercise.kind == "stretch")
        ):
            step = int(min(wanted, room) / dose.sets / (2 if exercise.per_side else 1))
            # In whole half-minutes for a long hold (a walk), whole 5 s for a stretch.
            grain = LONG_HOLD_GRAIN if dose.hold_seconds >= LONG_HOLD else HOLD_GRAIN
            longer = min(limits.hold_seconds[1], dose.hold_seconds + step - step % grain)
            if longer > dose.hold_seconds:
                block[index] = Item(exercise, replace(dose, hold_seconds=longer), item.block)
                return True
        if dose.sets < limits.sets[1]:
            grown = Item(exercise, replace(dose, sets=dose.sets + 1), item.block)
            if grown.seconds - item.seconds <= room:
                block[index] = grown
                return True
    return False


def gentle_item(exercise: Exercise, block: Block, policy: Policy, smallest: bool = False) -> Item:
    """A warm-up, mobility or stretch item at its dose (a stretch long enough for rule 12), or
    at the low end of its range when a short session needs the smallest."""
    dose = policy.stretch_dose(exercise) if exercise.kind == "stretch" else None
    if dose is None and smallest:
        limits = exercise.dose_range
        dose = Dose(
            limits.sets[0],
            limits.reps[0] if limits.reps else None,
            limits.hold_seconds[0] if limits.hold_seconds else None,
        )
    if dose is None:
        dose = policy.dose(exercise, exercise.sets)
    return Item(exercise, dose, block)


def getattr_block(session: Session, block: Block) -> list[Item]:
    return {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}[block]


def work_seconds(items: list[Item]) -> float:
    return sum(item.work_seconds for item in items)

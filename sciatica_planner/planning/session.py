"""One session: its blocks (warm-up, main, cool-down), their order by position, and its time."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import GROUPS, POSITIONS
from .choose import gentle_score, pick
from .policy import Dose
from .rules import BLOCK_ITEMS_MAX, no_twins
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
    why: str = ""  # one plain sentence: why it is here, and at this dose

    @cached_property
    def seconds(self) -> float:
        return dose_seconds(self.exercise, self.dose)

    @property
    def work_seconds(self) -> float:
        """Time spent moving: the session's time less the changeover."""
        return self.seconds - CHANGEOVER_SECONDS


@dataclass
class Session:
    """A training day as it is built: its template and its three blocks."""

    date: dt.date
    letter: str  # the template it repeats: A or B
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
    used: frozenset[str],
    rng: random.Random,
    room: int = 99,
) -> None:
    """Add the warm-up and cool-down around the main block: the hamstring stretch, or in a week
    that protects the nerve a slider or a position of ease (rule 1), a warm-up worth the name
    (rule 12), the preferred direction (rule 17), then stretches for the day's groups; at most
    three items a block (rule 19). `used`: gentle items the week already has, preferred, so the
    week keeps one warm-up and cool-down to learn; at most `room` items the week does not have
    yet (rule 19's fourteen exercises a week)."""
    filler = _Filler(session, pool, policy, budget, set(used), rng, room)
    filler.essentials()
    filler.warm_up(warm_up_target(budget))
    filler.cool_down(COOL_DOWN_SHARE * budget)


def top_up_essentials(
    session: Session,
    pool: Pool,
    policy: Policy,
    budget: float,
    used: frozenset[str],
    rng: random.Random,
) -> None:
    """Around a prescribed session's own warm-up and cool-down, what the contract still asks of
    every session: a warm-up (rule 1), the hamstring stretch or, protecting the nerve, a slider
    or position of ease (rules 1 and 23), and the preferred direction (rule 17); each only
    where the session lacks it."""
    filler = _Filler(session, pool, policy, budget, set(used), rng, BLOCK_ITEMS_MAX * 2)
    present = [i.exercise for i in session.items()]
    if not any(e.kind == "warm-up" for e in present):
        filler.add(pool.warm_ups, "warm-up", True)
    if policy.protect_nerve:
        relief = {"nerve-slider", "position-of-ease"}
        if not any(relief & set(e.tags) for e in present):
            filler.add(pool.positions_of_ease(), "cool-down", True) or filler.add(
                pool.sliders(), "warm-up", True
            )
    elif not any(e.kind == "stretch" and "hamstrings" in e.groups for e in present):
        filler.add(pool.hamstring_stretches(), "cool-down", True)
    wanted = policy.wanted_direction
    if wanted is not None and not any(wanted in e.tags for e in present):
        directional = [
            e for e in (*pool.warm_ups, *pool.mobility, *pool.stretches) if wanted in e.tags
        ]
        filler.add(directional, "warm-up", True)


@dataclass
class _Filler:
    """Gentle work added to one session, each item only if it fits the time and positions."""

    session: Session
    pool: Pool
    policy: Policy
    budget: float
    used: set[str]
    rng: random.Random
    room: int

    def add(
        self,
        candidates: Iterable[Exercise],
        block: Block,
        required: bool = False,
        reserve: float = 0,
    ) -> bool:
        """The best candidate that fits, leaving `reserve` seconds; a `required` one may take
        the low end of its range, or a position change too many, rather than be missing."""
        session, policy = self.session, self.policy
        if len(block_items(session, block)) >= BLOCK_ITEMS_MAX:
            return False
        spare = self.budget - session.seconds() - reserve
        keeps: dict[tuple[str, bool], bool] = {}
        fitting, within, items = [], [], {}
        present = [i.exercise for i in session.items()]
        candidates = list(candidates)
        known = [e for e in candidates if e.id in self.used]
        if self.room <= 0 and (known or not required):
            candidates = known
        for exercise in candidates:
            if not no_twins(exercise, present, self.pool.family):
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
        positions = frozenset(item.exercise.position for item in session.items())
        used = frozenset(self.used)
        chosen = pick(
            within or (fitting if required else []),
            lambda e: gentle_score(e, positions, used),
            self.rng,
        )
        if chosen is None:
            return False
        block_items(session, block).append(items[chosen.id])
        if chosen.id not in self.used:
            self.used.add(chosen.id)
            self.room -= 1
        return True

    def essentials(self) -> None:
        """A hamstring stretch, or a slider or position of ease, and a warm-up (rule 1), and
        the preferred direction (rule 17)."""
        pool, policy = self.pool, self.policy
        smallest = min(
            (gentle_item(e, "warm-up", policy, smallest=True).seconds for e in pool.warm_ups),
            default=0,
        )
        if policy.protect_nerve:
            # Rule 23: relief in place of the stretch, a position of ease to end with.
            self.add(pool.positions_of_ease(), "cool-down", True, smallest) or self.add(
                pool.sliders(), "warm-up", True, smallest
            )
        else:
            stretches = pool.hamstring_stretches()
            self.add(stretches, "cool-down", True, smallest) or self.add(
                stretches, "cool-down", True
            )
        wanted = policy.wanted_direction
        directional = [
            e for e in (*pool.warm_ups, *pool.mobility, *pool.stretches) if wanted in e.tags
        ]
        reserve = min((gentle_item(e, "warm-up", policy).seconds for e in directional), default=0)
        # A pulse raiser first (a walk, marching), where one fits: the warm-up NHS inform
        # describes; one that can last the whole warm-up's least, where there is one.
        long = [
            e
            for e in self.pulse()
            if (e.dose_range.hold_seconds or (0, 0))[1] >= safety.WARM_UP_MIN_SECONDS
        ]
        self.add(long, "warm-up", True, reserve) or self.add(
            self.pulse(), "warm-up", True, reserve
        ) or self.add(pool.warm_ups, "warm-up", True, reserve) or self.add(
            pool.warm_ups, "warm-up", True
        )
        if directional:
            self.add(
                [
                    e
                    for e in directional
                    if e.kind != "stretch" and "position-of-ease" not in e.tags
                ],
                "warm-up",
                True,
            ) or self.add(
                [e for e in directional if e.kind == "stretch" or "position-of-ease" in e.tags],
                "cool-down",
                True,
            )
        if policy.protect_nerve:
            self.add(pool.sliders(), "warm-up")

    def pulse(self) -> list[Exercise]:
        return [
            e
            for e in self.pool.warm_ups
            if gentle_item(e, "warm-up", self.policy).work_seconds >= PULSE
        ]

    def dynamic(self) -> list[Exercise]:
        """Warm-up and mobility moves other than the pulse raisers and resting positions."""
        pulse = {e.id for e in self.pulse()}
        return [
            e
            for e in (*self.pool.warm_ups, *self.pool.mobility)
            if e.id not in pulse and "position-of-ease" not in e.tags
        ]

    def warm_up(self, target: float) -> None:
        """The pulse raiser lengthened, then dynamic moves, to `target` seconds of work."""
        session, dynamic = self.session, self.dynamic()
        while work_seconds(session.warm_up) < target and (
            _lengthen(session, session.warm_up, self.budget, target - work_seconds(session.warm_up))
            or self.add(dynamic, "warm-up")
            or self.add(self.pool.warm_ups, "warm-up")
        ):
            pass

    def cool_down(self, target: float) -> None:
        """A stretch (or, protecting the nerve, a resting position) for the groups the session
        trained, up to `target` seconds of work."""
        session = self.session
        trained = session.trained() or set(GROUPS)
        ease = self.pool.positions_of_ease() if self.policy.protect_nerve else ()
        while work_seconds(session.cool_down) < target:
            stretched = {g for item in session.cool_down for g in item.exercise.groups}
            wanted = trained - stretched
            if not wanted or not self.add(
                [e for e in (*self.pool.stretches, *ease) if wanted & set(e.groups)], "cool-down"
            ):
                break


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
                block[index] = Item(exercise, dose._replace(hold_seconds=longer), item.block)
                return True
        if dose.sets < limits.sets[1]:
            grown = Item(exercise, dose._replace(sets=dose.sets + 1), item.block)
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


def block_items(session: Session, block: Block) -> list[Item]:
    return {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}[block]


def work_seconds(items: list[Item]) -> float:
    return sum(item.work_seconds for item in items)

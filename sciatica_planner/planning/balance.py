"""Growing the week's strength work evenly: the measure of balance, the moves, the stop rule.

The week grows from its smallest form one move at a time, always for the least-trained group:
a set more on an exercise it already does, else a further ("accessory") exercise. Moves never
look at the time budget, so the sequence of weeks is the same whatever the budget; the planner
keeps the last balanced week of the sequence that fits. A longer budget therefore never gives
less work (contract rule 15), and each group stops at its ceiling, which no week exceeds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..vocabulary import GROUPS, LEVELS
from .choose import context_for, fits_session, pick, taken
from .session import Item

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from ..models import Exercise
    from .policy import Dose, Policy
    from .pool import Pool
    from .schedule import Schedule
    from .session import Session

# Contract rule 5: the most-trained group has at most 1.5 times the sets of the least.
BALANCE_RATIO = 1.5
# Contract rule 14: at intermediate and advanced, at least this share of the week's strength
# sets come from exercises above beginner level, and at least this share are repetitions.
LEVEL_SHARE = 0.5
# Product choice: a session's strength list stays short enough to follow on a painful day.
MAX_STRENGTH_PER_SESSION = 8
# Product choice: an accessory joins with its usual sets, or with two where only two fit.
MIN_ENTRY_SETS = 2
# Product choice: three different exercises for one group in a session is plenty.
MAX_EXERCISES_PER_GROUP = 3
# Product choice: the main block uses at most three positions (fewer trips to the floor).
MAX_MAIN_POSITIONS = 3
# Swaps at the end of growth, a bound so that growing always stops.
MAX_SWAPS = 20
# Moves of the balance repair; each lowers the imbalance, so this only bounds the cost.
MAX_REPAIRS = 200


def weekly_sets(sessions: list[Session]) -> dict[str, int]:
    """Sets of strength work per group, a set counting for every group its exercise trains."""
    weekly = dict.fromkeys(GROUPS, 0)
    for session in sessions:
        for item in session.main:
            if item.exercise.kind == "strength":
                for group in item.exercise.groups:
                    weekly[group] += item.dose.sets
    return weekly


def strength_volume(sessions: list[Session]) -> float:
    """Sets x repetitions of the strength work, a hold's seconds counted as repetitions at one
    per 3 s (the contract's measure of a programme's volume)."""
    return sum(
        dose_volume(i.dose) for s in sessions for i in s.main if i.exercise.kind == "strength"
    )


def dose_volume(dose: Dose) -> float:
    """One dose's share of strength_volume."""
    return dose.sets * (dose.reps if dose.reps is not None else (dose.hold_seconds or 0) / 3)


def level_counts(sessions: list[Session]) -> tuple[int, int, int]:
    """The week's strength sets, those above beginner and those in repetitions."""
    items = [i for s in sessions for i in s.main]
    return (
        sum(i.dose.sets for i in items),
        sum(i.dose.sets for i in items if i.exercise.level != "beginner"),
        sum(i.dose.sets for i in items if i.dose.reps is not None),
    )


def keeps_level(
    policy: Policy, counts: tuple[int, int, int], exercise: Exercise, sets: int
) -> bool:
    """Contract rule 14, at intermediate and advanced with pain 0-3: sets of beginner work or
    of holds join only while half the week's sets stay above beginner and in repetitions, so
    a week that trains the level keeps training it as it grows."""
    total, above, reps = counts
    return trains_level(
        policy,
        (
            total + sets,
            above + (sets if exercise.level != "beginner" else 0),
            reps + (sets if exercise.reps is not None else 0),
        ),
    )


def trains_level(policy: Policy, counts: tuple[int, int, int]) -> bool:
    """Half the week's sets above beginner and half in repetitions, where rule 14 applies."""
    if not policy.fills_time or policy.level == "beginner":
        return True
    total, above, reps = counts
    return above >= LEVEL_SHARE * total and reps >= LEVEL_SHARE * total


def balanced(weekly: dict[str, int]) -> bool:
    low, high = min(weekly.values()), max(weekly.values())
    return low > 0 and high <= BALANCE_RATIO * low


def ceilings(policy: Policy, schedule: Schedule) -> dict[str, int]:
    """Each group's weekly ceiling: the level's, or less where the group trains on fewer days
    than it takes to reach it at the session cap."""
    return {
        g: min(policy.weekly_ceiling, max(1, schedule.days_of(g)) * policy.session_cap)
        for g in GROUPS
    }


@dataclass
class Growth:
    """The week being grown, and what each move may change."""

    sessions: list[Session]
    pool: Pool
    policy: Policy
    ceiling: dict[str, int]
    uses: dict[str, int]
    rng: random.Random
    compact: bool = False  # prefer quick exercises that train one group (choose.py)
    swaps: int = 0
    level_counts: tuple[int, int, int] = (0, 0, 0)

    def session_sets(self, session: Session, group: str) -> int:
        return sum(
            item.dose.sets
            for item in session.main
            if item.exercise.kind == "strength" and group in item.exercise.groups
        )

    def room(self, session: Session, exercise: Exercise, sets: int, weekly: dict[str, int]) -> bool:
        """Adding `sets` sets keeps every group it trains within its weekly and session caps,
        and the week at its level (rule 14)."""
        return self.keeps_level(exercise, sets) and all(
            weekly[g] + sets <= self.ceiling[g]
            and self.session_sets(session, g) + sets <= self.policy.session_cap
            for g in exercise.groups
        )

    def count_level(self) -> None:
        """Worked out again before each move, as each move changes at most one exercise."""
        self.level_counts = level_counts(self.sessions)

    def keeps_level(self, exercise: Exercise, sets: int) -> bool:
        return keeps_level(self.policy, self.level_counts, exercise, sets)

    def step(self) -> bool:
        """One move, for the least-trained group that can take one; False when none can.

        Every exercise first reaches its usual dose; only then do groups gain accessories and
        sets beyond the usual dose, so a short budget keeps real doses over many exercises.
        """
        weekly = weekly_sets(self.sessions)
        self.count_level()
        groups = sorted(
            (g for g in GROUPS if weekly[g] < self.ceiling[g]),
            key=lambda g: (weekly[g], GROUPS.index(g)),
        )
        if any(self._raise(g, weekly, up_to_usual=True) for g in groups):
            return True
        if any(
            self._accessory(g, weekly) or self._raise(g, weekly, up_to_usual=False) for g in groups
        ):
            return True
        if any(self._keeping_level(self._trade, g, weekly) for g in groups):
            return True
        if self.swaps < MAX_SWAPS and any(
            self._keeping_level(self._swap, g, weekly) for g in groups
        ):
            self.swaps += 1
            return True
        return False

    def _keeping_level(
        self, move: Callable[[str, dict[str, int]], bool], group: str, weekly: dict[str, int]
    ) -> bool:
        """Make a last-mile move only if a week that trains its level still does (rule 14)."""
        before = _snapshot(self.sessions)
        trained = self.keeps_level_now()
        if not move(group, weekly):
            return False
        if trained and not self.keeps_level_now():
            for session, main in zip(self.sessions, before, strict=True):
                session.main = main
            return False
        return True

    def keeps_level_now(self) -> bool:
        return trains_level(self.policy, level_counts(self.sessions))

    def _trade(self, group: str, weekly: dict[str, int]) -> bool:
        """The last mile: a set more for an exercise of the group whose other groups are full,
        paid for by a set less of another exercise of each full group. The group gains a set
        and no group passes its ceiling."""
        for session in self.sessions:
            for index, item in enumerate(session.main):
                exercise = item.exercise
                if group not in exercise.groups:
                    continue
                if item.dose.sets >= self.policy.strength_sets(exercise)[1]:
                    continue
                payers = []
                for other in exercise.groups:
                    if other == group:
                        continue
                    over_week = weekly[other] + 1 > self.ceiling[other]
                    over_session = self.session_sets(session, other) + 1 > self.policy.session_cap
                    if not (over_week or over_session):
                        continue
                    payer = self._payer(other, group, session if over_session else None, item)
                    if payer is None:
                        break
                    payers.append(payer)
                else:
                    gained = len(exercise.groups) - sum(
                        len(owner.main[at].exercise.groups) for owner, at in payers
                    )
                    # Each trade adds to the week's group-sets, so trading always stops.
                    if (
                        not payers
                        or gained <= 0
                        or self.session_sets(session, group) + 1 > self.policy.session_cap
                    ):
                        continue
                    for owner, at in payers:
                        paid = owner.main[at]
                        owner.main[at] = Item(
                            paid.exercise,
                            self.policy.dose(paid.exercise, paid.dose.sets - 1),
                            "main",
                        )
                    session.main[index] = Item(
                        exercise, self.policy.dose(exercise, item.dose.sets + 1), "main"
                    )
                    return True
        return False

    def _payer(
        self, group: str, spared: str, session: Session | None, skip: Item
    ) -> tuple[Session, int] | None:
        """An exercise of `group` (in `session`, if given) that can give up a set without
        touching `spared`."""
        for owner in [session] if session is not None else self.sessions:
            for at, item in enumerate(owner.main):
                e = item.exercise
                if (
                    item is not skip
                    and e.groups[0] == group
                    and spared not in e.groups
                    and item.dose.sets > self.policy.strength_sets(e)[0]
                ):
                    return owner, at
        return None

    def _swap(self, group: str, weekly: dict[str, int]) -> bool:
        """The last mile: a group held below its ceiling because its exercise also trains a
        group already there swaps that exercise for one that trains fewer full groups."""
        full = {g for g in GROUPS if weekly[g] >= self.ceiling[g]}
        for session in self.sessions:
            for index, item in enumerate(session.main):
                old = item.exercise
                if old.groups[0] != group or not full & set(old.groups[1:]):
                    continue
                keep = set(self.pool.required_movements.get(group, ())) & set(old.tags)
                candidates_need = (
                    keep if needed(self.sessions, self.pool, session, index) else set()
                )
                rest = [i for n, i in enumerate(session.main) if n != index]
                trial = replace(session, main=rest)
                candidates = []
                for e in self.pool.strength[group]:
                    low, high = self.policy.strength_sets(e)
                    sets = min(max(item.dose.sets, low), high)
                    if (
                        len(full & set(e.groups)) < len(full & set(old.groups))
                        and candidates_need <= set(e.tags)
                        and fits_session(e, trial, self.pool)
                        and all(
                            weekly[g] - (item.dose.sets if g in old.groups else 0) + sets
                            <= self.ceiling[g]
                            for g in e.groups
                        )
                    ):
                        candidates.append(e)
                chosen = pick(
                    candidates,
                    context_for(trial, self.policy, self.uses, weekly, self.compact),
                    self.rng,
                )
                if chosen is not None:
                    low, high = self.policy.strength_sets(chosen)
                    sets = min(max(item.dose.sets, low), high)
                    session.main[index] = Item(chosen, self.policy.dose(chosen, sets), "main")
                    self.uses[chosen.id] = self.uses.get(chosen.id, 0) + 1
                    return True
        return False

    def _raise(self, group: str, weekly: dict[str, int], up_to_usual: bool) -> bool:
        """A set more on an exercise that trains the group: first up to its usual dose, later
        up to the top of its range (contract rule 11 keeps every dose inside the range)."""
        best: tuple[tuple[object, ...], Session, int] | None = None
        for session in self.sessions:
            for index, item in enumerate(session.main):
                exercise = item.exercise
                if exercise.kind != "strength" or group not in exercise.groups:
                    continue
                high = self.policy.strength_sets(exercise)[1]
                if up_to_usual:
                    high = self.policy.usual_sets(exercise)
                if item.dose.sets >= high or not self.room(session, exercise, 1, weekly):
                    continue
                key = (
                    exercise.groups[0] != group,
                    self._below_level(exercise),
                    item.dose.sets,
                    session.main_seconds(),
                    session.date,
                )
                if best is None or key < best[0]:
                    best = (key, session, index)
        if best is None:
            return False
        _, session, index = best
        item = session.main[index]
        session.main[index] = Item(
            item.exercise, self.policy.dose(item.exercise, item.dose.sets + 1), "main"
        )
        return True

    def _below_level(self, exercise: Exercise) -> int:
        if not self.policy.fills_time:
            return 0
        return LEVELS.index(self.policy.level) - LEVELS.index(exercise.level)

    def _accessory(self, group: str, weekly: dict[str, int]) -> bool:
        """A further exercise for the group, in its least-loaded session that can take one."""
        days = sorted(
            (s for s in self.sessions if group in s.allowed),
            key=lambda s: (group not in s.groups, s.main_seconds(), s.date),
        )
        for session in days:
            strength = [i for i in session.main if i.exercise.kind == "strength"]
            if len(strength) >= MAX_STRENGTH_PER_SESSION:
                continue
            if sum(i.exercise.groups[0] == group for i in strength) >= MAX_EXERCISES_PER_GROUP:
                continue
            positions = {i.exercise.position for i in session.main}
            held = taken(session, self.pool)
            candidates = [
                e
                for e in self.pool.strength[group]
                if fits_session(e, session, self.pool, held)
                and self.room(session, e, self.entry_sets(e), weekly)
                and len(positions | {e.position}) <= MAX_MAIN_POSITIONS
            ]
            chosen = pick(
                candidates,
                context_for(session, self.policy, self.uses, weekly, self.compact),
                self.rng,
            )
            if chosen is not None:
                usual = self.policy.usual_sets(chosen)
                fits_usual = self.room(session, chosen, usual, weekly)
                sets = usual if fits_usual else self.entry_sets(chosen)
                add_strength(session, chosen, self.policy, self.uses, sets)
                return True
        return False

    def entry_sets(self, exercise: Exercise) -> int:
        """The fewest sets an accessory joins with: two where its range allows (no token single
        sets), so a group a few sets short of its ceiling can still reach it."""
        low, high = self.policy.strength_sets(exercise)
        return min(max(low, MIN_ENTRY_SETS), high, self.policy.usual_sets(exercise))


def add_strength(
    session: Session,
    exercise: Exercise,
    policy: Policy,
    uses: dict[str, int],
    sets: int | None = None,
) -> None:
    """An exercise joins the main block, at the low end of its range unless told otherwise."""
    sets = policy.strength_sets(exercise)[0] if sets is None else sets
    session.main.append(Item(exercise, policy.dose(exercise, sets), "main"))
    uses[exercise.id] = uses.get(exercise.id, 0) + 1


def grow(
    growth: Growth,
    fits: Callable[[list[Session]], bool],
    valid: Callable[[list[Session]], bool],
) -> bool:
    """Grow until nothing can grow or the week no longer fits; leave the sessions at the valid
    week with the most work on the way (the sum of weekly_sets; the latest of equals). When no
    week on the way was valid, leave them at the last week that fitted and return False."""
    best: tuple[int, list[list[Item]]] | None = None
    fitted = _snapshot(growth.sessions)
    while True:
        if valid(growth.sessions):
            total = sum(weekly_sets(growth.sessions).values())
            if best is None or total >= best[0]:
                best = (total, _snapshot(growth.sessions))
        if not growth.step() or not fits(growth.sessions):
            break
        fitted = _snapshot(growth.sessions)
    for session, main in zip(growth.sessions, best[1] if best else fitted, strict=True):
        session.main = main
    return best is not None


def imbalance(weekly: dict[str, int]) -> tuple[float, int, int]:
    """How far a week is from balance, to be lowered move by move: how far the most-trained
    group is above 1.5 times the least-trained, then how many groups sit at that top and
    (fewer is better) how few at the bottom."""
    values = list(weekly.values())
    low, high = min(values), max(values)
    return (high - BALANCE_RATIO * low, values.count(high), values.count(low))


def repair(growth: Growth, fits: Callable[[list[Session]], bool]) -> bool:
    """A small local search for a week that grew out of balance before it could catch up (a
    short session, groups whose exercises also train others): a set less where the most-trained
    groups are, a set more where the least-trained are, or an extra exercise dropped. Each kept
    move lowers `imbalance`, so the search stops; True when the week ends balanced."""
    for _ in range(MAX_REPAIRS):
        weekly = weekly_sets(growth.sessions)
        growth.count_level()
        if balanced(weekly):
            return True
        before = imbalance(weekly)
        if not any(_try(growth, move, before, fits) for move in _repairs(growth, weekly)):
            return False
    return balanced(weekly_sets(growth.sessions))


# A repair move: (session, item index, change of sets (0 drops the item), or a lighter
# exercise of the same group to take the item's place).
Repair = tuple["Session", int, "int | Exercise"]


def _repairs(growth: Growth, weekly: dict[str, int]) -> list[Repair]:
    """Candidate moves, gentlest first."""
    high, low = max(weekly.values()), min(weekly.values())
    moves: list[Repair] = []
    for session in growth.sessions:
        primaries: dict[str, int] = {}
        for item in session.main:
            primaries[item.exercise.groups[0]] = primaries.get(item.exercise.groups[0], 0) + 1
        for index, item in enumerate(session.main):
            groups = item.exercise.groups
            low_sets, high_sets = growth.policy.strength_sets(item.exercise)
            if any(weekly[g] == high for g in groups):
                if item.dose.sets > low_sets:
                    moves.append((session, index, -1))
                if primaries[groups[0]] > 1 and not needed(
                    growth.sessions, growth.pool, session, index
                ):
                    moves.append((session, index, 0))
                moves += [(session, index, e) for e in _lighter(growth, session, index)]
            if (
                any(weekly[g] == low for g in groups)
                and item.dose.sets < high_sets
                and growth.room(session, item.exercise, 1, weekly)
            ):
                moves.append((session, index, +1))
    return moves


def _lighter(growth: Growth, session: Session, index: int) -> list[Exercise]:
    """Exercises of the item's group that could take its place with fewer sets or fewer groups,
    keeping a required movement the week needs."""
    item = session.main[index]
    old = item.exercise
    trial = replace(session, main=[i for n, i in enumerate(session.main) if n != index])
    held = taken(trial, growth.pool)
    keep = set(growth.pool.required_movements.get(old.groups[0], ())) & set(old.tags)
    need = keep if needed(growth.sessions, growth.pool, session, index) else set()
    return [
        e
        for e in growth.pool.strength[old.groups[0]]
        if need <= set(e.tags)
        and (growth.policy.strength_sets(e)[0] < item.dose.sets or set(e.groups) < set(old.groups))
        and fits_session(e, trial, growth.pool, held)
    ]


def needed(sessions: list[Session], pool: Pool, session: Session, index: int) -> bool:
    """The item is the week's only one of a required movement (the hip group's abduction)."""
    exercise = session.main[index].exercise
    moves = set(pool.required_movements.get(exercise.groups[0], ())) & set(exercise.tags)
    others = [
        i.exercise
        for s in sessions
        for n, i in enumerate(s.main)
        if not (s is session and n == index) and i.exercise.groups[0] == exercise.groups[0]
    ]
    return any(not any(m in e.tags for e in others) for m in moves)


def _try(
    growth: Growth,
    move: Repair,
    before: tuple[float, int, int],
    fits: Callable[[list[Session]], bool],
) -> bool:
    """Make the move if the week still fits and is better balanced; else undo it."""
    session, index, change = move
    saved = list(session.main)
    item = session.main[index]
    if not isinstance(change, int):
        sets = growth.policy.strength_sets(change)[0]
        session.main[index] = Item(change, growth.policy.dose(change, sets), "main")
    elif change == 0:
        del session.main[index]
    else:
        sets = item.dose.sets + change
        session.main[index] = Item(item.exercise, growth.policy.dose(item.exercise, sets), "main")
    was_level = keeps_level(
        growth.policy, level_counts_of(saved, growth, session), item.exercise, 0
    )
    if (
        fits(growth.sessions)
        and imbalance(weekly_sets(growth.sessions)) < before
        and (
            not was_level
            or keeps_level(growth.policy, level_counts(growth.sessions), item.exercise, 0)
        )
    ):
        return True
    session.main = saved
    return False


def level_counts_of(main: list[Item], growth: Growth, session: Session) -> tuple[int, int, int]:
    """level_counts of the week with `main` as this session's main block."""
    return level_counts([replace(s, main=main) if s is session else s for s in growth.sessions])


def _snapshot(sessions: list[Session]) -> list[list[Item]]:
    return [list(session.main) for session in sessions]

"""Planning a week: `plan_week(catalogue, options) -> WeekPlan`. Pure: no I/O, no clock.

The week is built by construction, not by generate-and-retry:
1. each group gets two training days that are not back to back (48 h recovery), spread so that
   every session carries a similar number of groups;
2. each training day gets a warm-up, one strength exercise per scheduled group (only exercises
   whose every group is free to train that day), and a hamstring stretch;
3. sets are trimmed until each day fits the time budget;
4. extra ("accessory") strength work goes to the least-trained group while time allows, then
   gentle extras (a nerve glide or mobility move, another stretch);
5. sets are evened out until the weekly sets per group are balanced.
Every step reads each exercise a bounded number of times, so the cost is linear in the catalogue.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import safety
from .errors import SciaticaPlanError
from .vocabulary import GROUPS, LEVELS, WEEKDAY_NAMES, WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Catalogue, Exercise, PlanOptions, WeekPlan

# Product choices: seconds to move between exercises, and how much strength work one session
# holds however long the budget (a short list is easier to follow on a painful day).
CHANGEOVER_SECONDS = 20
MAX_STRENGTH_PER_DAY = 6
MAX_PER_GROUP_PER_DAY = 2
# The contract's balance rule: the most-trained group has at most 1.5x the sets of the least.
BALANCE_RATIO = 1.5
HIP_GROUP = "hip-abductors-adductors"
HIP_MOVES = ("abduction", "adduction")
GENTLE_KINDS = ("warm-up", "mobility", "stretch")


class PlanError(SciaticaPlanError):
    """The catalogue and the chosen filters cannot make the week the contract promises."""

    def __init__(self, message: str, group: str | None = None, filter: str | None = None) -> None:
        super().__init__(message)
        self.group, self.filter = group, filter


@dataclass
class _Slot:
    """One exercise placed on one day, with the sets it will be done for."""

    exercise: Exercise
    sets: int
    core: bool = False  # the exercise that trains a scheduled group: never removed

    @property
    def strength(self) -> bool:
        return self.exercise.kind == "strength"


@dataclass
class _Day:
    date: dt.date
    scheduled: list[str] = field(default_factory=list)
    slots: list[_Slot] = field(default_factory=list)
    neighbours: list[_Day] = field(default_factory=list)

    def snapshot(self) -> list[tuple[_Slot, Exercise, int]]:
        return [(slot, slot.exercise, slot.sets) for slot in self.slots]

    def restore(self, saved: list[tuple[_Slot, Exercise, int]]) -> None:
        """Undo changes since the snapshot, keeping the same slot objects."""
        for slot, exercise, sets in saved:
            slot.exercise, slot.sets = exercise, sets
        self.slots = [slot for slot, _, _ in saved]

    def trained(self) -> set[str]:
        return {g for slot in self.slots if slot.strength for g in slot.exercise.groups}

    def blocked(self) -> set[str]:
        """Groups that trained, or will train, the day before or after (48 h recovery)."""
        return {g for day in self.neighbours for g in (*day.scheduled, *day.trained())}

    def has(self, exercise: Exercise) -> bool:
        return any(slot.exercise.id == exercise.id for slot in self.slots)

    def seconds(self) -> float:
        return sum(slot_seconds(slot.exercise, slot.sets) for slot in self.slots)

    def minutes(self) -> int:
        return math.ceil(self.seconds() / 60) if self.slots else 0


def slot_seconds(exercise: Exercise, sets: int) -> float:
    """Time for `sets` sets of an exercise: the work, the rests between sets, one changeover."""
    if exercise.reps is not None:
        work = exercise.reps * exercise.seconds_per_rep
    else:
        work = exercise.hold_seconds or 0
    if exercise.per_side:
        work *= 2
    return sets * work + (sets - 1) * exercise.rest_seconds + CHANGEOVER_SECONDS


def default_seed(start: dt.date) -> int:
    """The seed of a week when none is given: its start date as a number, e.g. 20261130."""
    return int(start.strftime("%Y%m%d"))


def plan_week(catalogue: Catalogue, options: PlanOptions) -> WeekPlan:
    """Build the week the options ask for; raises PlanError when the filters leave too little."""
    tier = safety.pain_tier(options.pain)
    builder = _WeekBuilder(catalogue, options, tier)
    if tier != "flare-safe":
        builder.build()
        return builder.to_model()
    # Moderate pain: the pain-0 week made lighter, so it is the routine the user knows, with
    # flare-safe swaps and fewer sets (the contract compares the two).
    baseline = _WeekBuilder(catalogue, options.model_copy(update={"pain": 0}), "normal")
    baseline.build()
    builder.check_pool()  # a filter that empties a group is the user's to hear about
    try:
        builder.build_lighter(baseline)
    except PlanError:  # no flare-safe swap fits: plan the lighter week from scratch instead
        builder = _WeekBuilder(catalogue, options, tier)
        builder.build()
    builder.cut_below(baseline)
    return builder.to_model()


class _WeekBuilder:
    def __init__(self, catalogue: Catalogue, options: PlanOptions, tier: safety.PainTier) -> None:
        self.options, self.tier = options, tier
        self.rng = random.Random(options.seed)
        self.budget = options.minutes * 60
        self.warnings: list[str] = []
        self.pool = [e for e in catalogue.exercises if self._eligible(e)]
        self.catalogue = catalogue
        self.dates = [options.start + dt.timedelta(days=k) for k in range(7)]
        chosen = set(options.on)
        self.training = [_Day(d) for d in self.dates if WEEKDAYS[d.weekday()] in chosen]
        for a, b in zip(self.training, self.training[1:], strict=False):
            if (b.date - a.date).days == 1:
                a.neighbours.append(b)
                b.neighbours.append(a)
        self.strength: dict[str, list[Exercise]] = {g: [] for g in GROUPS}
        for exercise in self.pool:
            if exercise.kind == "strength":
                self.strength[exercise.groups[0]].append(exercise)
        self.used: dict[str, int] = {}
        self.hip_moves: dict[tuple[dt.date, int], str] = {}

    # -- which exercises may be used ------------------------------------------------------

    def _within_filters(self, exercise: Exercise) -> bool:
        level_ok = LEVELS.index(exercise.level) <= LEVELS.index(self.options.level)
        return level_ok and set(exercise.equipment) <= set(self.options.equipment)

    def _eligible(self, exercise: Exercise) -> bool:
        if not self._within_filters(exercise):
            return False
        if self.tier == "normal":
            return True
        if not exercise.flare_safe:
            return False
        if self.tier == "flare-up":
            return exercise.kind in GENTLE_KINDS or "isometric" in exercise.tags
        return True

    def _fail(self, what: str, group: str | None = None) -> PlanError:
        """Name the filter that emptied the choice, checking them in the order a user sets them."""

        def matches(exercise: Exercise) -> bool:
            if what == "hamstring stretch":
                return exercise.kind == "stretch" and "hamstrings" in exercise.groups
            if what == "warm-up":
                return exercise.kind == "warm-up"
            kind_ok = exercise.kind == "strength" and exercise.groups[0] == group
            move = what.split(maxsplit=1)[0]
            return kind_ok and (move not in HIP_MOVES or move in exercise.tags)

        candidates = [e for e in self.catalogue.exercises if matches(e)]
        level = [e for e in candidates if LEVELS.index(e.level) <= LEVELS.index(self.options.level)]
        equipped = [e for e in level if set(e.equipment) <= set(self.options.equipment)]
        gear = ",".join(self.options.equipment) or "none"
        if not candidates:
            culprit = "the catalogue"
        elif not level:
            culprit = f"--level {self.options.level}"
        elif not equipped:
            culprit = f"--equipment {gear}"
        else:
            culprit = f"--pain {self.options.pain} (flare-safe exercises only)"
        target = f"{what} for {group}" if group else what
        return PlanError(
            f"no {target} fits {culprit}; try a higher --level, more --equipment, "
            "or another catalogue",
            group=group,
            filter=culprit,
        )

    # -- building -------------------------------------------------------------------------

    def build(self) -> None:
        self.check_pool()
        self._schedule()
        self.hip_moves = self._hip_moves()
        for day in self.training:
            self._fill_core(day)
        for day in self.training:
            self._fit_time(day)
        if self.tier == "normal":
            self._add_accessories()
        for day in self.training:
            self._add_gentle_extras(day)
        if self.tier != "flare-up":
            self._balance()

    def build_lighter(self, baseline: _WeekBuilder) -> None:
        """The baseline week with flare-safe swaps and one set fewer of each strength exercise."""
        self.warnings = list(baseline.warnings)
        for day, known in zip(self.training, baseline.training, strict=True):
            day.scheduled = list(known.scheduled)
        for day, known in zip(self.training, baseline.training, strict=True):
            for slot in known.slots:
                exercise = self._flare_safe_swap(day, slot.exercise)
                if exercise is None:
                    if slot.core:
                        raise PlanError("no flare-safe swap", filter=f"--pain {self.options.pain}")
                    continue
                sets = max(1, slot.sets - 1) if slot.strength else slot.sets
                day.slots.append(_Slot(exercise, min(sets, exercise.sets), slot.core))
        for day in self.training:
            self._fit_time(day)
        self._balance()

    def _flare_safe_swap(self, day: _Day, exercise: Exercise) -> Exercise | None:
        """The exercise itself if flare-safe, else the closest flare-safe one for the same job."""
        blocked = day.blocked()
        recovered = exercise.kind != "strength" or not blocked.intersection(exercise.groups)
        if exercise.flare_safe and not day.has(exercise) and recovered:
            return exercise
        same_job = [
            e
            for e in self.pool
            if e.kind == exercise.kind
            and e.groups[0] == exercise.groups[0]
            and not day.has(e)
            and (e.kind != "strength" or not blocked.intersection(e.groups))
            and (
                exercise.groups[0] != HIP_GROUP
                or not set(HIP_MOVES) & set(exercise.tags)
                or set(HIP_MOVES) & set(exercise.tags) & set(e.tags)
            )
        ]
        if exercise.kind == "stretch" and "hamstrings" in exercise.groups:
            same_job = [e for e in same_job if "hamstrings" in e.groups]
        if exercise.kind == "warm-up":
            same_job = [e for e in self.pool if e.kind == "warm-up" and not day.has(e)]
        if not same_job:
            return None
        # Keep the trained groups where possible, so the week stays balanced.
        return max(
            same_job,
            key=lambda e: (
                len(set(e.groups) & set(exercise.groups))
                - len(set(e.groups) - set(exercise.groups)),
                -self.used.get(e.id, 0),
                self.rng.random(),
            ),
        )

    def check_pool(self) -> None:
        if not any(e.kind == "warm-up" for e in self.pool):
            raise self._fail("warm-up")
        if not self._hamstring_stretches():
            raise self._fail("hamstring stretch")
        if self.tier == "flare-up":
            return
        for group in GROUPS:
            if not self.strength[group]:
                raise self._fail("strength exercise", group)
        for move in HIP_MOVES:
            if not any(move in e.tags for e in self.strength[HIP_GROUP]):
                raise self._fail(f"{move} exercise", HIP_GROUP)

    def _hamstring_stretches(self) -> list[Exercise]:
        return [e for e in self.pool if e.kind == "stretch" and "hamstrings" in e.groups]

    def _schedule(self) -> None:
        """Give every group its strength days: two not back to back, loads kept even."""
        days = self.training
        pairs = [(a, b) for i, a in enumerate(days) for b in days[i + 1 :] if b not in a.neighbours]
        groups = list(GROUPS)
        self.rng.shuffle(groups)
        for group in groups:
            if pairs:
                jitter = [self.rng.random() for _ in pairs]
                a, b = min(
                    zip(pairs, jitter, strict=True),
                    key=lambda pj: (
                        len(pj[0][0].scheduled) + len(pj[0][1].scheduled),
                        max(len(pj[0][0].scheduled), len(pj[0][1].scheduled)),
                        -(pj[0][1].date - pj[0][0].date).days,
                        pj[1],
                    ),
                )[0]
                a.scheduled.append(group)
                b.scheduled.append(group)
            else:
                day = min(days, key=lambda d: (len(d.scheduled), self.rng.random()))
                day.scheduled.append(group)
        for day in days:
            day.scheduled.sort(key=GROUPS.index)
        if not pairs:
            names = " and ".join(WEEKDAY_NAMES[d.date.weekday()] for d in days)
            self.warnings.append(
                f"{names} are back to back, so each group is strengthened on one day only: "
                "muscles need 48 hours to recover. Spread your days (for example --on mon,thu) "
                "to train every group twice."
            )
        for day in days:
            if not day.scheduled:
                self.warnings.append(
                    f"{WEEKDAY_NAMES[day.date.weekday()]} falls between two strength days, so "
                    "it holds warm-up, mobility and stretches only, to give muscles 48 hours "
                    "to recover."
                )

    def _hip_moves(self) -> dict[tuple[dt.date, int], str]:
        """Which hip slots get abduction and which adduction, so the week has both."""
        hip_days = [d for d in self.training if HIP_GROUP in d.scheduled]
        moves = list(HIP_MOVES)
        self.rng.shuffle(moves)
        if len(hip_days) == 1:
            return {(hip_days[0].date, 0): moves[0], (hip_days[0].date, 1): moves[1]}
        return {(day.date, 0): moves[i % 2] for i, day in enumerate(hip_days)}

    def _fill_core(self, day: _Day) -> None:
        warm_ups = [e for e in self.pool if e.kind == "warm-up"]
        day.slots.append(_Slot(self._pick(warm_ups, day), 1, core=True))
        if self.tier == "flare-up":
            self._fill_flare_up(day)
        else:
            hip_moves = self.hip_moves
            for group in day.scheduled:
                slots = 2 if (day.date, 1) in hip_moves and group == HIP_GROUP else 1
                for index in range(slots):
                    move = hip_moves.get((day.date, index)) if group == HIP_GROUP else None
                    exercise = self._pick_strength(day, group, move)
                    if exercise is None:
                        raise PlanError(
                            f"no strength exercise for {group} fits "
                            f"{WEEKDAY_NAMES[day.date.weekday()]} without training a group "
                            "that needs its 48 hours of rest; add single-group exercises "
                            "to the catalogue",
                            group=group,
                            filter="recovery",
                        )
                    day.slots.append(_Slot(exercise, self._start_sets(exercise), core=True))
        day.slots.append(_Slot(self._pick(self._hamstring_stretches(), day), 1, core=True))

    def _fill_flare_up(self, day: _Day) -> None:
        """Gentle work only: a nerve glide or mobility move and light holds for the day's groups."""
        gentle = [e for e in self.pool if e.kind == "mobility"]
        if gentle:
            day.slots.append(_Slot(self._pick(gentle, day), 1, core=True))
        for group in day.scheduled:
            exercise = self._pick_strength(day, group, None)
            if exercise is not None:
                day.slots.append(_Slot(exercise, 1))

    def _start_sets(self, exercise: Exercise) -> int:
        # Moderate pain starts every strength exercise one set lighter (product choice).
        if self.tier == "flare-safe":
            return max(1, exercise.sets - 1)
        return exercise.sets

    def _pick(self, candidates: Iterable[Exercise], day: _Day) -> Exercise:
        """A seeded choice that rotates: exercises used less this week come first."""
        fresh = [e for e in candidates if not day.has(e)]
        chosen = min(fresh, key=lambda e: (self.used.get(e.id, 0), self.rng.random()))
        self.used[chosen.id] = self.used.get(chosen.id, 0) + 1
        return chosen

    def _allowed(self, exercise: Exercise, day: _Day, blocked: set[str]) -> bool:
        return not day.has(exercise) and not blocked.intersection(exercise.groups)

    def _score(self, exercise: Exercise, weekly: dict[str, int]) -> float:
        """Lower is better: few extra groups (for balance), fresh this week, at the user's level."""
        extra = sum(0.3 + weekly[g] / 20 for g in exercise.groups[1:])
        below = LEVELS.index(self.options.level) - LEVELS.index(exercise.level)
        return extra + 1.5 * self.used.get(exercise.id, 0) + 0.4 * below + 1.2 * self.rng.random()

    def _pick_strength(self, day: _Day, group: str, move: str | None) -> Exercise | None:
        blocked = day.blocked()
        weekly = self.weekly_sets()
        candidates = [
            e
            for e in self.strength[group]
            if self._allowed(e, day, blocked) and (move is None or move in e.tags)
        ]
        if self.tier == "flare-up":
            candidates = [e for e in candidates if "isometric" in e.tags]
        if not candidates:
            return None
        chosen = min(candidates, key=lambda e: self._score(e, weekly))
        self.used[chosen.id] = self.used.get(chosen.id, 0) + 1
        return chosen

    # -- time -----------------------------------------------------------------------------

    def _fit_time(self, day: _Day) -> None:
        """Trim sets (the most-trained groups first) until the day fits; then swap to quicker."""
        while day.seconds() > self.budget:
            slot = self._trim_candidate(day.slots)
            if slot is None:
                break
            slot.sets -= 1
        if day.seconds() <= self.budget:
            return
        for slot in day.slots:
            if slot.core and slot.strength:
                quicker = [slot.exercise, *self._replacements(day, slot)]
                slot.exercise = min(quicker, key=lambda e: slot_seconds(e, 1))
        for slot in [s for s in day.slots if not s.core]:
            day.slots.remove(slot)
        if day.seconds() > self.budget:
            minimum = math.ceil(day.seconds() / 60)
            raise PlanError(
                f"{WEEKDAY_NAMES[day.date.weekday()]}'s session needs at least {minimum} "
                f"minutes for its {len(day.scheduled)} groups, more than --minutes "
                f"{self.options.minutes}; allow more minutes or more --days",
                filter="--minutes",
            )

    def _replacements(self, day: _Day, slot: _Slot) -> list[Exercise]:
        """Exercises that could take a strength slot's place without breaking a rule."""
        blocked = day.blocked()
        current = slot.exercise
        # A hip slot keeps its movement, so the week still has both abduction and adduction.
        moves = set(HIP_MOVES) & set(current.tags) if current.groups[0] == HIP_GROUP else set()
        return [
            e
            for e in self.strength[current.groups[0]]
            if not day.has(e)
            and not blocked.intersection(e.groups)
            and (not moves or moves & set(e.tags))
            and (self.tier != "flare-up" or "isometric" in e.tags)
        ]

    def _trim_candidate(self, slots: list[_Slot]) -> _Slot | None:
        """The slot to lose a set: most sets first, then the most-trained groups."""
        weekly = self.weekly_sets()
        trimmable = [s for s in slots if s.sets > 1]
        if not trimmable:
            return None
        return max(
            trimmable,
            key=lambda s: (s.sets, min(weekly[g] for g in s.exercise.groups) if s.strength else 0),
        )

    # -- filling and balance -------------------------------------------------------------

    def weekly_sets(self) -> dict[str, int]:
        weekly = dict.fromkeys(GROUPS, 0)
        for day in self.training:
            for slot in day.slots:
                if slot.strength:
                    for group in slot.exercise.groups:
                        weekly[group] += slot.sets
        return weekly

    def _ratio(self) -> float:
        weekly = self.weekly_sets()
        low = min(weekly.values())
        return math.inf if low == 0 else max(weekly.values()) / low

    def _add_accessories(self) -> None:
        """More strength work for the least-trained group while time and balance allow."""
        exhausted: set[str] = set()
        while len(exhausted) < len(GROUPS):
            weekly = self.weekly_sets()
            group = min((g for g in GROUPS if g not in exhausted), key=lambda g: weekly[g])
            if not self._add_one_accessory(group):
                exhausted.add(group)

    def _add_one_accessory(self, group: str) -> bool:
        before = self._ratio()
        for day in sorted(self.training, key=lambda d: d.seconds()):
            strength = [slot.exercise for slot in day.slots if slot.strength]
            if (
                group not in day.scheduled
                or len(strength) >= MAX_STRENGTH_PER_DAY
                or sum(e.groups[0] == group for e in strength) >= MAX_PER_GROUP_PER_DAY
            ):
                continue
            exercise = self._pick_strength(day, group, None)
            if exercise is None:
                continue
            self.used[exercise.id] -= 1  # counted again below if it stays
            for sets in range(exercise.sets, 0, -1):
                if day.seconds() + slot_seconds(exercise, sets) > self.budget:
                    continue
                slot = _Slot(exercise, sets)
                day.slots.insert(len(day.slots) - 1, slot)
                if self._ratio() <= max(BALANCE_RATIO, before):
                    self.used[exercise.id] += 1
                    return True
                day.slots.remove(slot)
        return False

    def _add_gentle_extras(self, day: _Day) -> None:
        """Use spare time for a nerve glide or mobility move and a stretch for the day's groups."""
        trained = day.trained() or set(day.scheduled)
        # Extras are optional, so only flare-safe ones: a press-up suits some backs, not all.
        gentle = [e for e in self.pool if e.flare_safe]
        wanted = [
            [e for e in gentle if e.kind == "mobility"],
            [e for e in gentle if e.kind == "stretch" and trained.intersection(e.groups)],
        ]
        for candidates in wanted:
            fitting = [
                e
                for e in candidates
                if not day.has(e) and day.seconds() + slot_seconds(e, e.sets) <= self.budget
            ]
            if fitting:
                exercise = self._pick(fitting, day)
                position = 1 if exercise.kind == "mobility" else len(day.slots)
                day.slots.insert(position, _Slot(exercise, exercise.sets))

    def _imbalance(self) -> tuple[float, int, int]:
        """A measure every kept balancing change must lower: how far the most-trained group is
        above 1.5x the least-trained, then how many groups sit at that low and at that high."""
        weekly = list(self.weekly_sets().values())
        low, high = min(weekly), max(weekly)
        return (high - BALANCE_RATIO * low, weekly.count(low), weekly.count(high))

    def _balanced(self) -> bool:
        weekly = self.weekly_sets().values()
        return min(weekly) > 0 and max(weekly) <= BALANCE_RATIO * min(weekly)

    def _balance(self, add_sets: bool = True) -> None:
        """Even out weekly sets with small changes, keeping each only if it helps.

        Every kept change lowers `_imbalance` (in tuple order), so the loop cannot cycle.
        """
        for _ in range(500):
            if self._balanced():
                return
            score = self._imbalance()
            moves = self._balance_moves(add_sets)
            if not any(self._improves(move, score) for move in moves):
                break
        raise self._unbalanced()

    def _balance_moves(self, add_sets: bool) -> Iterable[tuple[_Day, _Slot, Exercise | None, int]]:
        """Candidate changes, gentlest first: a set less where the most-trained groups are, a
        set more where the least-trained are, a swap to an exercise with fewer extra groups,
        and dropping an accessory."""
        weekly = self.weekly_sets()
        high, low = max(weekly.values()), min(weekly.values())
        slots = self._strength_slots()
        for day, slot in slots:
            if slot.sets > 1 and any(weekly[g] == high for g in slot.exercise.groups):
                yield day, slot, slot.exercise, slot.sets - 1
        for day, slot in slots:
            if (
                add_sets
                and slot.sets < slot.exercise.sets
                and any(weekly[g] == low for g in slot.exercise.groups)
            ):
                yield day, slot, slot.exercise, slot.sets + 1
        for day, slot in slots:
            if len(slot.exercise.groups) > 1:
                for exercise in self._replacements(day, slot):
                    if len(exercise.groups) < len(slot.exercise.groups):
                        yield day, slot, exercise, min(slot.sets, exercise.sets)
        for day, slot in slots:
            if not slot.core:
                yield day, slot, None, 0

    def _improves(
        self, move: tuple[_Day, _Slot, Exercise | None, int], score: tuple[float, int, int]
    ) -> bool:
        """Make the change if the day still fits and the week is better balanced; else undo."""
        day, slot, exercise, sets = move
        saved = day.snapshot()
        if exercise is None:
            day.slots.remove(slot)
        else:
            slot.exercise, slot.sets = exercise, sets
        if self._make_room(day) and self._imbalance() < score:
            return True
        day.restore(saved)
        return False

    def _unbalanced(self) -> PlanError:
        weekly = ", ".join(f"{g} {n}" for g, n in self.weekly_sets().items())
        if any(s.sets < s.exercise.sets for _, s in self._strength_slots()):
            return PlanError(
                f"a balanced week ({weekly} sets so far) does not fit sessions of "
                f"{self.options.minutes} minutes on these days; allow more --minutes or "
                "spread the --on days",
                filter="--minutes",
            )
        return PlanError(
            f"cannot balance the week's strength work across the five groups ({weekly}); "
            "the catalogue needs more exercises that train one group",
            filter="balance",
        )

    def _strength_slots(self) -> list[tuple[_Day, _Slot]]:
        return [(d, s) for d in self.training for s in d.slots if s.strength]

    def _make_room(self, day: _Day) -> bool:
        """Fit the day into the budget by giving up optional gentle work; False if it cannot."""
        while day.seconds() > self.budget:
            extras = [s for s in day.slots if not s.core and not s.strength]
            gentle = [s for s in day.slots if not s.strength and s.sets > 1]
            if extras:
                day.slots.remove(max(extras, key=lambda s: slot_seconds(s.exercise, s.sets)))
            elif gentle:
                max(gentle, key=lambda s: s.sets).sets -= 1
            else:
                return False
        return True

    def cut_below(self, baseline: _WeekBuilder) -> None:
        """Moderate pain: fewer strength sets in the week than the same options at pain 0."""
        target = sum(s.sets for _, s in baseline._strength_slots())
        if all(s.sets == 1 for _, s in baseline._strength_slots()):
            return
        while sum(s.sets for _, s in self._strength_slots()) >= target:
            if not any(self._lighter_and_balanced(slot) for slot in self._cut_candidates()):
                raise self._unbalanced()

    def _cut_candidates(self) -> list[_Slot]:
        """Slots that could lose a set (or, accessories, go): most-trained groups first."""
        weekly = self.weekly_sets()
        slots = [s for _, s in self._strength_slots()]
        trimmable = sorted(
            (s for s in slots if s.sets > 1),
            key=lambda s: -min(weekly[g] for g in s.exercise.groups),
        )
        return trimmable + [s for s in slots if not s.core and s.sets == 1]

    def _lighter_and_balanced(self, slot: _Slot) -> bool:
        """Take one set from the slot, then rebalance without adding sets; undo if impossible."""
        saved = [day.snapshot() for day in self.training]
        if slot.sets > 1:
            slot.sets -= 1
        else:
            for day in self.training:
                if slot in day.slots:
                    day.slots.remove(slot)
        try:
            self._balance(add_sets=False)
        except PlanError:
            for day, snapshot in zip(self.training, saved, strict=True):
                day.restore(snapshot)
            return False
        return True

    # -- the result -----------------------------------------------------------------------

    def to_model(self) -> WeekPlan:
        from .models import Day, PlannedExercise, WeekPlan

        by_date = {day.date: day for day in self.training}
        days = []
        for date in self.dates:
            day = by_date.get(date)
            slots = day.slots if day else []
            exercises = tuple(
                # The planner's own output is well-formed by construction: no validation pass.
                PlannedExercise.model_construct(
                    id=s.exercise.id,
                    name=s.exercise.name,
                    kind=s.exercise.kind,
                    groups=s.exercise.groups,
                    level=s.exercise.level,
                    equipment=s.exercise.equipment,
                    flare_safe=s.exercise.flare_safe,
                    tags=s.exercise.tags,
                    sets=s.sets,
                    reps=s.exercise.reps,
                    hold_seconds=s.exercise.hold_seconds,
                    rest_seconds=s.exercise.rest_seconds,
                )
                for s in slots
            )
            trained = day.trained() if day else set()
            days.append(
                Day.model_construct(
                    date=date,
                    weekday=WEEKDAY_NAMES[date.weekday()],
                    rest=day is None,
                    estimated_minutes=day.minutes() if day else 0,
                    groups=tuple(g for g in GROUPS if g in trained),
                    exercises=exercises,
                )
            )
        warnings = list(self.warnings)
        note = safety.pain_warning(self.options.pain)
        if note:
            warnings.insert(0, note)
        return WeekPlan.model_construct(
            schema_version=1,
            start=self.options.start,
            options=self.options,
            days=tuple(days),
            weekly_sets=self.weekly_sets(),
            warnings=tuple(warnings),
            disclaimer=safety.DISCLAIMER,
            red_flags=safety.RED_FLAGS,
        )

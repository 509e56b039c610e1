"""What a week may hold and how it doses: every decision that a pain tier, the level, the
equipment and the directional preference make, in one frozen `Policy`.

The rest of the planner asks the policy and never tests a pain score itself.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal, NamedTuple

from .. import safety
from .pool import fits

if TYPE_CHECKING:
    from ..models import Adaptation, Exercise, PlanOptions

# Kinds of work allowed in a flare-up besides gentle isometric holds (contract rule 8).
GENTLE_KINDS = frozenset({"warm-up", "mobility", "stretch"})
# The tag a preference excludes (contract rule 17).
OPPOSITE = {"extension": "spinal-flexion", "flexion": "spinal-extension"}
WANTED = {"extension": "spinal-extension", "flexion": "spinal-flexion"}
# At pain 0-3 a strength exercise gets at least two sets, where its range and the time allow:
# one set reads as a token dose, and ACSM gives 2-4 sets for most adults [A2] (product choice).
MIN_WORKING_SETS = 2


class Dose(NamedTuple):
    sets: int
    reps: int | None
    hold_seconds: int | None


class Stage(NamedTuple):
    """A week's place in a programme (progression.plan_program)."""

    week: int  # 1-based
    theme: Literal["build", "deload"]

    @property
    def block(self) -> int:
        """The week's block of four, from 0."""
        return (self.week - 1) // safety.PROGRAM_BLOCK_WEEKS


class Policy(NamedTuple):
    """The rules of one week, derived from its options."""

    level: str
    equipment: frozenset[str]
    pain: int
    tier: safety.PainTier
    prefer: str
    weekly_ceiling: int  # strength sets per group per week
    weekly_floor: int
    stretch_seconds: int  # per side, for every stretch
    walk_minutes: int
    allow_heavy: bool
    # From the journal (progression.adapt): a week that eases off takes the easier variant of
    # each exercise; one that progresses doses one notch up; flared exercises are left out.
    easier_first: bool = False
    progressing: bool = False
    excluded: frozenset[str] = frozenset()
    # Per exercise, from how it felt (Adaptation.step_up and hold_dose): one notch up even when
    # the week does not progress, or its usual dose even when it does.
    stepped_up: frozenset[str] = frozenset()
    held: frozenset[str] = frozenset()
    # Contract rule 23: a flare-up or a spreading entry in the journal's last week. No item that
    # loads the nerve and no end-range stretch; relief is walking, positions of ease, sliders.
    protect_nerve: bool = False
    # Contract rule 22: what the user asked never to do: positions and exercises.
    avoid: frozenset[str] = frozenset()
    left_out: frozenset[str] = frozenset()

    @property
    def tailored(self) -> bool:
        return bool(self.avoid or self.left_out)

    def untailored(self) -> Policy:
        """The same week without the user's --avoid and --exclude: what tailoring took away is
        what this allows and the policy does not."""
        return self._replace(avoid=frozenset(), left_out=frozenset())

    @property
    def strength_paused(self) -> bool:
        """A flare-up: gentle work only, strength items are light holds shown as gentle."""
        return self.tier == "flare-up"

    @property
    def fills_time(self) -> bool:
        """Contract rule 15 (time is used) and rule 14 (the level is trained) hold at pain 0-3."""
        return self.tier == "normal"

    @property
    def wanted_direction(self) -> str | None:
        """The spinal-movement tag each session includes, if the user has a preference."""
        return WANTED.get(self.prefer)

    def allows(self, exercise: Exercise) -> bool:
        """May this exercise appear in this week at all?"""
        if exercise.id in self.excluded or not fits(exercise, self.level, self.equipment):
            return False
        if exercise.id in self.left_out or exercise.position in self.avoid:
            return False
        tags = exercise.tags
        if self.tier != "normal" and not exercise.flare_safe:
            return False
        if self.strength_paused and not (exercise.kind in GENTLE_KINDS or "isometric" in tags):
            return False
        if "nerve-tension" in tags and self.pain > safety.NERVE_TENSION_MAX_PAIN:
            return False
        if self.protect_nerve and (
            exercise.kind == "stretch" or {"nerve-tension", "nerve-load"} & set(tags)
        ):
            return False
        if "position-of-ease" in tags and not self.protect_nerve:
            return False  # a resting position: relief in a flare, not a training day's work
        if "heavy" in tags and (not self.allow_heavy or exercise.kind != "strength"):
            return False  # heavy work is strength work, placed one session a week (rule 16)
        excluded = OPPOSITE.get(self.prefer)
        if excluded is not None and excluded in tags:
            return False
        # Neutral leans neither way (rule 17): no item that bends the spine one way only.
        if self.prefer == "neutral" and {"spinal-flexion", "spinal-extension"} & set(tags):
            return False
        return exercise.kind != "stretch" or self.stretch_dose(exercise) is not None

    def steps_up(self, exercise: Exercise) -> bool:
        """Does this strength exercise's dose go one notch above its usual this week? In a
        progressing week unless it felt hard; else when it felt easy, at pain 0-3 only."""
        if exercise.kind != "strength" or self.tier != "normal" or exercise.id in self.held:
            return False
        return self.progressing or exercise.id in self.stepped_up

    def strength_sets(self, exercise: Exercise) -> tuple[int, int]:
        """The fewest and most sets a plan may give a strength exercise."""
        low, high = exercise.dose_range.sets
        if self.tier == "flare-safe":
            # No more than the usual starting dose: "less load" [S3]; the week as a whole also
            # has fewer sets than at pain 0 (the planner's rule 8).
            high = max(low, min(high, exercise.sets))
        elif self.tier == "flare-up":
            high = low
        return low, high

    def usual_sets(self, exercise: Exercise) -> int:
        """The sets a strength exercise reaches before any group gets more exercises: its usual
        dose, at least two at pain 0-3 where the range allows; one more in a progressing week
        whose repetitions or hold are already at the top of the range."""
        high = self.strength_sets(exercise)[1]
        usual = max(exercise.sets, MIN_WORKING_SETS) if self.tier == "normal" else exercise.sets
        base = self.dose(exercise, usual)
        if self.steps_up(exercise) and (base.reps, base.hold_seconds) == (
            exercise.reps,
            exercise.hold_seconds,
        ):
            usual += 1  # no room for a longer hold or more repetitions: a set more instead
        return min(usual, high)

    def dose(self, exercise: Exercise, sets: int) -> Dose:
        """Reps or hold for `sets` sets: the usual dose, the range's low end in a flare-up."""
        limits = exercise.dose_range
        if self.tier == "flare-up" and exercise.kind == "strength":
            reps = limits.reps[0] if limits.reps else None
            hold = limits.hold_seconds[0] if limits.hold_seconds else None
            return Dose(sets, reps, hold)
        if self.steps_up(exercise):
            reps, hold = exercise.reps, exercise.hold_seconds
            if reps is not None and limits.reps:
                reps = min(limits.reps[1], reps + safety.PROGRESS_REPS_STEP)
            if hold is not None and limits.hold_seconds:
                hold = min(limits.hold_seconds[1], hold + safety.PROGRESS_HOLD_STEP)
            return Dose(sets, reps, hold)
        return Dose(sets, exercise.reps, exercise.hold_seconds)

    def stretch_dose(self, exercise: Exercise) -> Dose | None:
        """Enough holds for `stretch_seconds` a side (contract rule 12), inside the range;
        None when the range cannot reach it."""
        holds = exercise.dose_range.hold_seconds
        if holds is None:  # a stretch dosed in repetitions: keep its usual dose
            return Dose(exercise.sets, exercise.reps, None)
        low_sets, high_sets = exercise.dose_range.sets
        for hold in sorted({exercise.hold_seconds or holds[0], holds[1]}):
            sets = max(low_sets, math.ceil(self.stretch_seconds / hold))
            if sets <= high_sets:
                return Dose(sets, None, hold)
        return None


def policy_for(
    options: PlanOptions,
    adaptation: Adaptation | None = None,
    stage: Stage | None = None,
    spreading: bool = False,
) -> Policy:
    """The policy of a week with these options and the journal's adaptation. A week that eases
    off is planned as at pain 4-6 (flare-safe work, fewer sets) with easier variants; one that
    progresses only when today's pain allows the normal routine. In a programme, heavy work
    waits until after the first week and never comes in a deload. `spreading`: the journal's
    last week logged symptoms spreading down the leg (rule 23)."""
    tier = safety.pain_tier(options.pain)
    direction = adaptation.direction if adaptation else "hold"
    if direction == "regress" and tier == "normal":
        tier = "flare-safe"
    return Policy(
        level=options.level,
        equipment=frozenset(options.equipment),
        pain=options.pain,
        tier=tier,
        prefer=options.prefer,
        weekly_ceiling=safety.WEEKLY_SET_CEILING[options.level],
        weekly_floor=safety.WEEKLY_SET_FLOOR[options.level],
        stretch_seconds=(
            safety.STRETCH_SECONDS_NORMAL if tier == "normal" else safety.STRETCH_SECONDS_MODERATE
        ),
        walk_minutes=safety.WALK_MINUTES[tier],
        allow_heavy=(
            options.level == safety.HEAVY_LEVEL
            and options.pain <= safety.HEAVY_MAX_PAIN
            and direction != "regress"
            and (stage is None or (stage.week > 1 and stage.theme == "build"))
        ),
        easier_first=direction == "regress",
        progressing=tier == "normal" and direction == "progress",
        # A change whose `to` is its `from` keeps the exercise and only sets its dose.
        excluded=(
            frozenset(c.from_ for c in adaptation.changes if c.to != c.from_)
            if adaptation
            else frozenset()
        ),
        stepped_up=frozenset(adaptation.step_up) if adaptation else frozenset(),
        held=frozenset(adaptation.hold_dose) if adaptation else frozenset(),
        protect_nerve=tier == "flare-up" or spreading,
        avoid=frozenset(options.avoid),
        left_out=frozenset(options.exclude),
    )

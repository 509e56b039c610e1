"""The time model: how long a dose takes, with the changeover between exercises."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..models import Exercise
    from .policy import Dose

# Product choice: seconds to move between exercises and get set up.
CHANGEOVER_SECONDS = 20


def dose_seconds(exercise: Exercise, dose: Dose) -> float:
    """Time for a dose: the work, the rests between sets, one changeover."""
    work = dose.reps * exercise.seconds_per_rep if dose.reps is not None else dose.hold_seconds or 0
    if exercise.per_side:
        work *= 2
    return dose.sets * work + (dose.sets - 1) * exercise.rest_seconds + CHANGEOVER_SECONDS


def slot_seconds(exercise: Exercise, sets: int) -> float:
    """Time for `sets` sets of an exercise at its usual reps or hold."""
    from .policy import Dose

    return dose_seconds(exercise, Dose(sets, exercise.reps, exercise.hold_seconds))


def minutes(seconds: float) -> int:
    # Rounded first: a sum of fractional seconds must not tip a whole budget into a minute more.
    return math.ceil(round(seconds, 6) / 60) if seconds else 0


# Product choice: the main block may take this share of a session, leaving the rest for the
# warm-up and cool-down (a fifth each, see session.py)...
MAIN_SHARE = 0.6
# ...but never less than this for them once the warm-up takes 4 minutes (20-minute sessions):
# the warm-up, its changeovers, a hamstring stretch and a preferred-direction move.
GENTLE_MINIMUM_SECONDS = 540
GENTLE_MINIMUM_SHARE = 0.45  # reached smoothly, so a longer session never has less main time


def gentle_reserve(budget: float) -> float:
    """Seconds kept for the warm-up and cool-down of a session of `budget` seconds."""
    floor = min(GENTLE_MINIMUM_SECONDS, GENTLE_MINIMUM_SHARE * budget)
    return max((1 - MAIN_SHARE) * budget, floor)

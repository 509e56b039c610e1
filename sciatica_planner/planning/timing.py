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

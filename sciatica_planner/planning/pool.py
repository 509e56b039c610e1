"""The eligible exercises, indexed; the one level and equipment filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import LEVELS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..models import Exercise


def fits(exercise: Exercise, level: str, equipment: Iterable[str]) -> bool:
    """Within the user's level (a level includes the ones below it) and equipment."""
    return LEVELS.index(exercise.level) <= LEVELS.index(level) and set(exercise.equipment) <= set(
        equipment
    )

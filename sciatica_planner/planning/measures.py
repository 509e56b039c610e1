"""What a week holds, measured: weekly sets, strength volume and the level shares, one
definition each. Planning, progression and the tests all measure with these."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import GROUPS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .policy import Dose


# The contract's volume: a hold's seconds count as repetitions at one per 3 s (about the time
# of one controlled repetition), so holds and repetitions add up in one number.
SECONDS_PER_COUNTED_REP = 3


def weekly_sets(items: Iterable[tuple[tuple[str, ...], int]]) -> dict[str, int]:
    """Strength sets per group: each (groups, sets) pair counts its sets for every group it
    trains (the contract's `weekly_sets`), in the vocabulary's order."""
    totals = dict.fromkeys(GROUPS, 0)
    for groups, sets in items:
        for group in groups:
            totals[group] += sets
    return totals


def dose_volume(dose: Dose) -> float:
    """Sets x repetitions of one dose, a hold's seconds counted as repetitions."""
    per_set = (
        dose.reps if dose.reps is not None else (dose.hold_seconds or 0) / SECONDS_PER_COUNTED_REP
    )
    return dose.sets * per_set


def balance_ratio(weekly: dict[str, int]) -> float:
    """Most over fewest weekly sets (rule 5 keeps it at most 1.5); infinite when a group has
    none."""
    if not weekly:
        return 1.0
    low = min(weekly.values())
    return max(weekly.values()) / low if low else float("inf")

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
    low = min(weekly.values())
    return max(weekly.values()) / low if low else float("inf")


def shares(items: Iterable[tuple[str, bool, int]]) -> tuple[float, float]:
    """Of (level, rep-based, sets) triples: the share of sets above beginner and the share in
    repetitions (rules 14 and 21); (1, 1) for no sets."""
    total = above = reps = 0
    for level, rep_based, sets in items:
        total += sets
        above += sets if level != "beginner" else 0
        reps += sets if rep_based else 0
    return (above / total, reps / total) if total else (1.0, 1.0)

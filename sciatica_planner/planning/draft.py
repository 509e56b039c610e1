"""WeekDraft: the strength work of the week being built, by template, with undo. The only
mutable state of the planner; every move the search makes goes through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..vocabulary import GROUPS
from .measures import dose_volume, weekly_sets
from .timing import dose_seconds

if TYPE_CHECKING:
    from ..models import Exercise
    from .policy import Dose
    from .schedule import Layout
    from .templates import Slot


class Placed(NamedTuple):
    """A strength exercise in a template: its dose, the slot it fills and why this step of its
    chain (the start of its `why`)."""

    exercise: Exercise
    dose: Dose
    slot: Slot
    step: str
    usual: int  # the sets it started from, before balance, time and pain moved them

    @property
    def seconds(self) -> float:
        return dose_seconds(self.exercise, self.dose)


@dataclass
class WeekDraft:
    """The week's strength work: each template's exercises, repeated on its days."""

    layout: Layout
    main: dict[str, list[Placed]]
    # The groups the week can strengthen: all five, unless --avoid or --exclude left one
    # without an exercise (rule 22). Balance and recovery count these.
    groups: tuple[str, ...] = GROUPS
    _saved: list[dict[str, list[Placed]]] = field(default_factory=list)

    def save(self) -> None:
        self._saved.append({x: list(items) for x, items in self.main.items()})

    def undo(self) -> None:
        self.main = self._saved.pop()

    def keep(self) -> None:
        self._saved.pop()

    def placed(self) -> list[tuple[str, int, Placed]]:
        return [(x, i, p) for x, items in self.main.items() for i, p in enumerate(items)]

    def exercises(self) -> list[Exercise]:
        return [p.exercise for items in self.main.values() for p in items]

    def distinct(self) -> set[str]:
        return {e.id for e in self.exercises()}

    def totals(self) -> dict[str, int]:
        """The contract's weekly_sets: each template's sets on each of its days."""
        return weekly_sets(
            (p.exercise.groups, p.dose.sets * self.layout.days_of(x))
            for x, items in self.main.items()
            for p in items
        )

    def weekly(self) -> dict[str, int]:
        """The weekly sets of the groups the week can strengthen, which balance counts."""
        totals = self.totals()
        if len(self.groups) == len(totals):
            return totals
        return {g: totals[g] for g in self.groups}

    def sets(self) -> int:
        """Strength sets in the week, each counted once (rule 8 compares them)."""
        return sum(p.dose.sets * self.layout.days_of(x) for x, _, p in self.placed())

    def volume(self) -> float:
        return sum(dose_volume(p.dose) * self.layout.days_of(x) for x, _, p in self.placed())

    def main_seconds(self, letter: str) -> float:
        return sum(p.seconds for p in self.main[letter])

    def set_dose(self, letter: str, index: int, dose: Dose) -> None:
        self.main[letter][index] = self.main[letter][index]._replace(dose=dose)

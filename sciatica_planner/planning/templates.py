"""Session templates A and B as pattern slots (data from the catalogue), and the foundation
patterns every week at pain 0-3 trains (contract rules 19 and 21)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..vocabulary import GROUPS

if TYPE_CHECKING:
    from ..models import Catalogue


class Slot(NamedTuple):
    """One place in a session for a strength exercise of one of `patterns` (preferred first)."""

    name: str
    patterns: tuple[str, ...]
    why: str
    optional: bool = False  # an accessory, added only where the week needs it


class Templates(NamedTuple):
    A: tuple[Slot, ...]
    B: tuple[Slot, ...]
    foundations: tuple[Slot, ...]  # rule 21: each trained every week at pain 0-3


def templates_of(catalogue: Catalogue) -> Templates:
    """The catalogue's templates; a catalogue without them gets one slot per group (and per
    required movement), with every pattern its exercises have, so any catalogue plans."""
    foundations = tuple(_slot(s) for s in catalogue.foundation_patterns)
    given = catalogue.session_templates
    if given is not None:
        return Templates(
            A=tuple(_slot(s) for s in given.A),
            B=tuple(_slot(s) for s in given.B),
            foundations=foundations,
        )
    slots = []
    for group in catalogue.groups:
        strength = [
            e for e in catalogue.exercises if e.kind == "strength" and e.groups[0] == group.id
        ]
        for move in group.required_movements or (None,):
            found = [e for e in strength if move is None or move in e.tags]
            patterns = tuple(dict.fromkeys(e.pattern for e in found if e.pattern))
            if patterns:
                what = f"{group.name.lower()}" + (f" ({move})" if move else "")
                slots.append(Slot(what, patterns, f"Trains the {what}."))
    slots.sort(key=lambda s: GROUPS.index(_group_of(catalogue, s)))
    return Templates(A=tuple(slots), B=(), foundations=foundations)


def _group_of(catalogue: Catalogue, slot: Slot) -> str:
    for exercise in catalogue.exercises:
        if exercise.kind == "strength" and exercise.pattern in slot.patterns:
            return exercise.groups[0]
    return GROUPS[0]


def _slot(data: object) -> Slot:
    return Slot(
        name=data.name,  # type: ignore[attr-defined]
        patterns=tuple(data.patterns),  # type: ignore[attr-defined]
        why=data.why,  # type: ignore[attr-defined]
        optional=data.optional,  # type: ignore[attr-defined]
    )

"""Hypothesis strategies: PLAN OPTIONS and small random catalogues."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from sciatica_planner.models import Catalogue, PlanOptions
from sciatica_planner.vocabulary import (
    DEFAULT_SPREAD,
    EQUIPMENT,
    GROUPS,
    LEVELS,
    PATTERNS,
    POSITIONS,
    PREFERENCES,
    WEEKDAYS,
)


@st.composite
def weekdays(draw: st.DrawFn) -> tuple[str, ...]:
    """Either the default spread for a number of days, or any 2-6 distinct weekdays."""
    count = draw(st.integers(2, 6))
    if draw(st.booleans()):
        return DEFAULT_SPREAD[count]
    chosen = draw(st.lists(st.sampled_from(WEEKDAYS), min_size=count, max_size=count, unique=True))
    return tuple(sorted(chosen, key=WEEKDAYS.index))


@st.composite
def plan_options(draw: st.DrawFn, pain: st.SearchStrategy[int] | None = None) -> PlanOptions:
    on = draw(weekdays())
    return PlanOptions(
        days=len(on),
        on=on,
        level=draw(st.sampled_from(LEVELS)),
        equipment=tuple(e for e in EQUIPMENT if e in draw(st.sets(st.sampled_from(EQUIPMENT)))),
        minutes=draw(st.integers(10, 120)),
        pain=draw(pain if pain is not None else st.integers(0, 10)),
        seed=draw(st.integers(0, 2**32)),
        prefer=draw(st.sampled_from(PREFERENCES)),
        start=draw(st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))),
    )


def _exercise(
    exercise_id: str,
    kind: str,
    groups: list[str],
    *,
    level: str = "beginner",
    equipment: list[str] | None = None,
    flare_safe: bool = True,
    tags: list[str] | None = None,
    sets: int = 2,
    reps: int | None = 10,
    hold: int | None = None,
    seconds_per_rep: float = 3,
    per_side: bool = False,
    rest: int = 30,
    position: str = "lying",
    ranged: bool = True,
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "kind": kind,
        "groups": groups,
        "level": level,
        "equipment": equipment or [],
        "sets": sets,
        "rest_seconds": rest,
        "flare_safe": flare_safe,
        "tags": tags or [],
        "steps": ["Do it slowly."],
        "source": "added",
        "per_side": per_side,
        "position": position,
    }
    if hold is not None:
        entry["hold_seconds"] = hold
    else:
        entry["reps"] = reps
        entry["seconds_per_rep"] = seconds_per_rep
    if ranged:
        # A range around the usual dose, as a clinician would give (stretches reach 60 s).
        entry["dose_range"] = {"sets": [1, max(sets, 4 if kind == "stretch" else 3)]}
        if hold is not None:
            entry["dose_range"]["hold_seconds"] = [min(hold, 15), max(hold, 30)]
        else:
            entry["dose_range"]["reps"] = [max(1, reps - 2), reps + 2]  # type: ignore[operator]
    return entry


def minimal_catalogue_data() -> dict[str, Any]:
    """The smallest catalogue every plan can be made from: one gentle exercise of each need."""
    exercises = [
        {
            **_exercise("warm-up", "warm-up", ["lower-back"], sets=1, hold=180, reps=None),
            "dose_range": {"sets": [1, 1], "hold_seconds": [60, 300]},
        },
        _exercise("hamstring-stretch", "stretch", ["hamstrings"], sets=3, hold=20, reps=None),
    ]
    for group in GROUPS:
        if group == "hip-abductors-adductors":
            for move in ("abduction", "adduction"):
                exercises.append(_exercise(f"hip-{move}", "strength", [group], tags=[move]))
        else:
            exercises.append(_exercise(f"{group}-basic", "strength", [group]))
    exercises.append(  # relief in a flare-up, where no stretch is planned (contract rule 23)
        {
            **_exercise("rest-position", "mobility", ["lower-back"], sets=1, hold=120, reps=None),
            "tags": ["position-of-ease"],
            "dose_range": {"sets": [1, 1], "hold_seconds": [60, 300]},
        }
    )
    return {
        "groups": [
            {"id": g, "name": g.title(), "muscles": [g], "why": "It supports the spine."}
            | ({"required_movements": ["abduction", "adduction"]} if g == GROUPS[-1] else {})
            for g in GROUPS
        ],
        "exercises": exercises,
    }


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    """A minimal catalogue plus random extra exercises, some training several groups."""
    data = minimal_catalogue_data()
    extras = draw(st.integers(0, 25))
    names = [f"extra-{index}" for index in range(extras)]
    for index in range(extras):
        kind = draw(
            st.sampled_from(["strength", "strength", "strength", "stretch", "mobility", "warm-up"])
        )
        groups = draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True))
        tags: list[str] = []
        if kind == "strength" and groups[0] == "hip-abductors-adductors":
            tags.append(draw(st.sampled_from(["abduction", "adduction"])))
        tags += draw(
            st.lists(
                st.sampled_from(
                    ["isometric", "nerve-slider", "nerve-tension", "heavy", "spinal-flexion",
                     "spinal-extension", "nerve-load", "position-of-ease", "single-leg"]
                ),
                max_size=2,
                unique=True,
            )
        )  # fmt: skip
        if kind == "strength" and "isometric" in tags:
            tags = [t for t in tags if t not in ("spinal-flexion", "spinal-extension")]
        hold = draw(st.one_of(st.none(), st.integers(5, 60)))
        data["exercises"].append(
            _exercise(
                f"extra-{index}",
                kind,
                groups,
                level=draw(st.sampled_from(LEVELS)),
                equipment=draw(st.lists(st.sampled_from(EQUIPMENT), max_size=2, unique=True)),
                flare_safe=draw(st.booleans()),
                tags=tags,
                sets=draw(st.integers(1, 5)),
                hold=hold,
                reps=None if hold else draw(st.integers(3, 20)),
                seconds_per_rep=draw(st.sampled_from([2, 3, 4, 6])),
                per_side=draw(st.booleans()),
                rest=draw(st.integers(0, 120)),
                position=draw(st.sampled_from(POSITIONS)),
                ranged=draw(st.booleans()),
            )
        )
        if kind == "strength" and draw(st.booleans()):  # a pattern of its own, else inferred
            data["exercises"][-1]["pattern"] = draw(st.sampled_from(PATTERNS))
        if index and draw(st.booleans()):  # variants, for the no-twins rule
            data["exercises"][-1]["easier"] = names[draw(st.integers(0, index - 1))]
    if draw(st.booleans()):
        data |= _templates(draw, data)
    return data


def _templates(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """Session templates and foundation patterns from the patterns the catalogue has: one to
    three foundations, and A and B of two to five slots each, some optional."""
    catalogue = Catalogue.model_validate(data)
    present = sorted({e.pattern for e in catalogue.exercises if e.pattern})

    def slot(name: str, optional: bool = False) -> dict[str, Any]:
        patterns = draw(st.lists(st.sampled_from(present), min_size=1, max_size=3, unique=True))
        return {"name": name, "patterns": patterns, "why": "A test slot.", "optional": optional}

    a = [slot(f"a{k}") for k in range(draw(st.integers(2, 5)))]
    b = [slot(f"b{k}", draw(st.booleans())) for k in range(draw(st.integers(0, 5)))]
    foundations = [slot(f"f{k}") for k in range(draw(st.integers(0, 3)))]
    return {"session_templates": {"A": a, "B": b}, "foundation_patterns": foundations}

"""The pydantic models: the catalogue as read from YAML, the plan options and a planned week."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .vocabulary import (
    DAYS_MAX,
    DAYS_MIN,
    GROUPS,
    MINUTES_MAX,
    MINUTES_MIN,
    PAIN_MAX,
    PAIN_MIN,
    Equipment,
    GroupId,
    Kind,
    Level,
    Source,
    Tag,
    Weekday,
)

# Unicode's control characters (category Cc): C0, DEL and C1. Escape sequences start with one.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _no_control_characters(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"must not contain control characters (found {found.group()!r})")
    return value


# Strip before checking the length, so a name of spaces only counts as empty.
Text = Annotated[
    str,
    AfterValidator(str.strip),
    Field(min_length=1),
    AfterValidator(_no_control_characters),
]
# Ids stay short enough to show unwrapped in an 80-column table.
ExerciseId = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
# strict: YAML reads `sets: yes` as True, which lax mode would turn into 1 set.
Positive = Annotated[int, Field(ge=1, strict=True)]
Pain = Annotated[int, Field(ge=PAIN_MIN, le=PAIN_MAX)]


def _located(path: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """A catalogue-wide error that still knows where in the file it belongs."""
    return PydanticCustomError("catalogue", message, {"path": path})


class Model(BaseModel):
    """Every model forbids unknown keys (a typo is an error) and cannot change once built."""

    # Schemas are built on first use, so a command pays only for the models it touches.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, defer_build=True)


class Group(Model):
    id: GroupId
    name: Text
    muscles: tuple[Text, ...] = Field(min_length=1)
    why: Text


class Exercise(Model):
    id: ExerciseId
    name: Text
    kind: Kind
    groups: tuple[GroupId, ...] = Field(min_length=1)
    level: Level
    equipment: tuple[Equipment, ...] = ()
    # Upper bounds keep a typo (sets: 1000) from making an impossible session.
    sets: Annotated[Positive, Field(le=10)]
    reps: Annotated[Positive, Field(le=100)] | None = None
    hold_seconds: Annotated[Positive, Field(le=600)] | None = None
    rest_seconds: int = Field(ge=0, le=600, strict=True)
    flare_safe: bool
    tags: tuple[Tag, ...] = ()
    steps: tuple[Text, ...] = Field(min_length=1)
    cues: tuple[Text, ...] = ()
    cautions: tuple[Text, ...] = ()
    easier: ExerciseId | None = None
    harder: ExerciseId | None = None
    source: Source
    # Catalogue-only fields, left out of the exercise JSON of the contract.
    seconds_per_rep: float = Field(default=3.0, gt=0, le=60, exclude=True)
    per_side: bool = Field(default=False, exclude=True)
    dose_note: Text | None = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _check_dose_and_lists(self) -> Exercise:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("set exactly one of reps and hold_seconds")
        for field in ("groups", "equipment", "tags"):
            values = getattr(self, field)
            if len(set(values)) != len(values):
                raise ValueError(f"{field} lists the same value twice")
        if self.id in (self.easier, self.harder):
            raise ValueError("easier and harder must name other exercises, not this one")
        if (
            self.kind == "strength"
            and self.groups[0] == "hip-abductors-adductors"
            and not {"abduction", "adduction"} & set(self.tags)
        ):
            raise ValueError("hip strength work needs the tag abduction or adduction")
        return self

    def trains(self, group: str) -> bool:
        return group in self.groups


class Catalogue(Model):
    groups: tuple[Group, ...]
    exercises: tuple[Exercise, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> Catalogue:
        group_ids = [group.id for group in self.groups]
        missing = [group for group in GROUPS if group not in group_ids]
        if missing:
            raise _located(("groups",), f"missing the group(s) {', '.join(missing)}")
        for index, group_id in enumerate(group_ids):
            if group_id in group_ids[:index]:
                raise _located(("groups", index, "id"), f"{group_id!r} is listed twice")
        seen: set[str] = set()
        for index, exercise in enumerate(self.exercises):
            if exercise.id in seen:
                raise _located(("exercises", index, "id"), f"{exercise.id!r} is used twice")
            seen.add(exercise.id)
        for index, exercise in enumerate(self.exercises):
            for link in ("easier", "harder"):
                target = getattr(exercise, link)
                if target is not None and target not in seen:
                    raise _located(
                        ("exercises", index, link),
                        f"names {target!r}, which is not an exercise in this catalogue",
                    )
        return self

    @cached_property
    def by_id(self) -> dict[str, Exercise]:
        """Exercises by id, built once: views look up every planned exercise."""
        return {e.id: e for e in self.exercises}

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self.by_id.get(exercise_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)


class PlanOptions(Model):
    """What the user asked of a week: the nine PLAN OPTIONS, resolved."""

    days: int = Field(ge=DAYS_MIN, le=DAYS_MAX)
    on: tuple[Weekday, ...]
    level: Level = "beginner"
    equipment: tuple[Equipment, ...] = ()
    minutes: int = Field(default=30, ge=MINUTES_MIN, le=MINUTES_MAX)
    pain: Pain = 0
    seed: int
    start: dt.date = Field(exclude=True)

    @model_validator(mode="after")
    def _check_days(self) -> PlanOptions:
        if len(self.on) != self.days or len(set(self.on)) != len(self.on):
            raise ValueError("on must list `days` distinct weekdays")
        return self


class PlannedExercise(Model):
    id: str
    name: str
    kind: Kind
    groups: tuple[GroupId, ...]
    level: Level
    equipment: tuple[Equipment, ...]
    flare_safe: bool
    tags: tuple[Tag, ...]
    sets: Positive
    reps: Positive | None
    hold_seconds: Positive | None
    rest_seconds: int


class Day(Model):
    date: dt.date
    weekday: str
    rest: bool
    estimated_minutes: int
    groups: tuple[GroupId, ...]
    exercises: tuple[PlannedExercise, ...]


class Adaptation(Model):
    direction: Literal["progress", "hold", "regress"]
    reason: str


class WeekPlan(Model):
    schema_version: Literal[1] = 1
    start: dt.date
    options: PlanOptions
    days: tuple[Day, ...]
    weekly_sets: dict[GroupId, int]
    warnings: tuple[str, ...]
    adaptation: Adaptation | None = None
    disclaimer: str
    red_flags: tuple[str, ...]

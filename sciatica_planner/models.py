"""The pydantic models: the catalogue as read from YAML, the plan options and a planned week.

Annotations here are objects, not strings (no `from __future__ import annotations`): pydantic
would otherwise evaluate each one as every command starts, about a millisecond more.
"""

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .text import describe, forbidden, is_control
from .vocabulary import (
    DAYS_MAX,
    DAYS_MIN,
    EXERCISE_ID_MAX,
    EXERCISE_ID_PATTERN,
    GROUPS,
    MINUTES_MAX,
    MINUTES_MIN,
    PAIN_MAX,
    PAIN_MIN,
    Block,
    Equipment,
    GroupId,
    Kind,
    Level,
    Pattern,
    Position,
    Prefer,
    Source,
    Tag,
    Weekday,
    inferred_pattern,
)


def _no_control_characters(value: str) -> str:
    """Catalogue text holds no control characters (escape sequences start with one) and no
    hidden ones (bidi overrides, zero-width characters, tags...): text.forbidden says which."""
    found = forbidden(value)
    if found is None:
        return value
    if is_control(found):
        raise ValueError(f"must not contain control characters (found {found!r})")
    raise ValueError(
        f"must not contain invisible or direction-changing characters (found {describe(found)})"
    )


# Strip before checking the length, so a name of spaces only counts as empty.
Text = Annotated[
    str,
    AfterValidator(str.strip),
    Field(min_length=1),
    AfterValidator(_no_control_characters),
]
# Ids stay short enough to show unwrapped in an 80-column table.
ExerciseId = Annotated[str, Field(pattern=EXERCISE_ID_PATTERN, max_length=EXERCISE_ID_MAX)]
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
    # Movements (tags) that each week must train for this group, e.g. the hip group's
    # abduction and adduction. Data, so a catalogue can change them without code.
    required_movements: tuple[Tag, ...] = ()


# Upper bounds keep a typo (sets: 1000) from making an impossible session.
SetCount = Annotated[Positive, Field(le=10)]
RepCount = Annotated[Positive, Field(le=100)]
HoldSeconds = Annotated[Positive, Field(le=600)]


def _ordered(bounds: tuple[int, int]) -> tuple[int, int]:
    if bounds[0] > bounds[1]:
        raise ValueError(f"the low end {bounds[0]} is above the high end {bounds[1]}")
    return bounds


class DoseRange(Model):
    """The range a clinician would prescribe; plans and progression choose doses inside it."""

    sets: Annotated[tuple[SetCount, SetCount], AfterValidator(_ordered)]
    reps: Annotated[tuple[RepCount, RepCount], AfterValidator(_ordered)] | None = None
    hold_seconds: Annotated[tuple[HoldSeconds, HoldSeconds], AfterValidator(_ordered)] | None = None


def _drawable_pose(pose: dict[str, Any]) -> dict[str, Any]:
    """A pose the figures module can draw: a known base, known joints, angles in range."""
    from .figures.poses import PoseError, check_pose

    try:
        check_pose(pose)
    except PoseError as error:
        raise ValueError(str(error)) from None
    return pose


def _known_prop(prop: str) -> str:
    from .figures.poses import PoseError
    from .figures.props import parse_prop

    try:
        parse_prop(prop)
    except PoseError as error:
        raise ValueError(str(error)) from None
    return prop


# A pose is a base position and joint angles in degrees (docs/figures.md); the figures module
# gives them meaning and checks them, so an unknown joint or a knee bending backwards is a
# catalogue error that names the exercise and the field.
PoseKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=40)]
Pose = Annotated[dict[PoseKey, Any], AfterValidator(_drawable_pose)]
PropName = Annotated[
    str,
    Field(pattern=r"^[a-z][a-z0-9-]*(@[a-z][a-z0-9-]*){0,2}$", max_length=80),
    AfterValidator(_known_prop),
]


class Figure(Model):
    """The drawing of an exercise: a start pose, an optional end pose, and its props."""

    start: Pose
    end: Pose | None = None
    props: tuple[PropName, ...] = ()


class Exercise(Model):
    id: ExerciseId
    name: Text
    kind: Kind
    groups: tuple[GroupId, ...] = Field(min_length=1)
    level: Level
    equipment: tuple[Equipment, ...] = ()
    # The usual starting dose; it lies inside dose_range.
    sets: SetCount
    reps: RepCount | None = None
    hold_seconds: HoldSeconds | None = None
    rest_seconds: int = Field(ge=0, le=600, strict=True)
    flare_safe: bool
    tags: tuple[Tag, ...] = ()
    steps: tuple[Text, ...] = Field(min_length=1)
    cues: tuple[Text, ...] = ()
    cautions: tuple[Text, ...] = ()
    easier: ExerciseId | None = None
    harder: ExerciseId | None = None
    source: Source
    # Schema 2.
    per_side: bool = False
    position: Position
    # Optional in a catalogue file, for catalogues written before schema 2: without it the
    # range is the starting dose alone, so a plan never changes that dose.
    dose_range: DoseRange = None  # type: ignore[assignment]  # filled in by _default_range
    figure: Figure | None = None
    # Schema 3: the movement pattern of strength work (None for other kinds). A catalogue entry
    # without one gets it inferred (_infer_pattern), so older and imported catalogues still load.
    pattern: Pattern | None = None
    # Catalogue-only fields, left out of the exercise JSON of the contract.
    seconds_per_rep: float = Field(default=3.0, gt=0, le=60, exclude=True)
    dose_note: Text | None = Field(default=None, exclude=True)

    @model_validator(mode="before")
    @classmethod
    def _default_range(cls, data: object) -> object:
        # Without `sets` the missing field is the one problem to report, not the range too.
        if isinstance(data, dict) and data.get("dose_range") is None and "sets" in data:
            sets, reps, hold = data.get("sets"), data.get("reps"), data.get("hold_seconds")
            data = {
                **data,
                "dose_range": {
                    "sets": (sets, sets),
                    "reps": None if reps is None else (reps, reps),
                    "hold_seconds": None if hold is None else (hold, hold),
                },
            }
        return data

    @model_validator(mode="before")
    @classmethod
    def _infer_pattern(cls, data: object) -> object:
        """Strength work without a `pattern` (a catalogue written before schema 3, or imported)
        gets the one vocabulary.inferred_pattern gives: from its tags first, else from its
        primary group. Other kinds are left alone, so a pattern they give is an error below."""
        if (
            isinstance(data, dict)
            and data.get("kind") == "strength"
            and data.get("pattern") is None
        ):
            pattern = inferred_pattern(data.get("tags"), data.get("groups"))
            if pattern is not None:
                data = {**data, "pattern": pattern}
        return data

    @model_validator(mode="after")
    def _check_dose_and_lists(self) -> Self:
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("set exactly one of reps and hold_seconds")
        if self.kind != "strength" and self.pattern is not None:
            raise ValueError(
                f"pattern is for strength work only; leave it out of a {self.kind} exercise"
            )
        if self.kind == "strength" and self.pattern is None:
            raise ValueError("strength work needs a pattern")
        for field in ("groups", "equipment", "tags"):
            values = getattr(self, field)
            if len(set(values)) != len(values):
                raise ValueError(f"{field} lists the same value twice")
        if self.id in (self.easier, self.harder):
            raise ValueError("easier and harder must name other exercises, not this one")
        self._check_range()
        return self

    def _check_range(self) -> None:
        limits = self.dose_range
        for name, value, bounds in (
            ("sets", self.sets, limits.sets),
            ("reps", self.reps, limits.reps),
            ("hold_seconds", self.hold_seconds, limits.hold_seconds),
        ):
            if (value is None) != (bounds is None):
                raise ValueError(
                    f"dose_range.{name} must be given exactly when {name} is"
                    if value is not None
                    else f"dose_range.{name} is given, but the exercise has no {name}"
                )
            if value is not None and bounds is not None and not bounds[0] <= value <= bounds[1]:
                raise ValueError(
                    f"{name} {value} lies outside dose_range.{name} [{bounds[0]}, {bounds[1]}]"
                )

    def trains(self, group: str) -> bool:
        return group in self.groups


class PatternSlot(Model):
    """One place in a session (or one foundation every week trains): the patterns that fill it."""

    name: Text  # e.g. "bridge or hinge"
    patterns: tuple[Pattern, ...] = Field(min_length=1)  # in order of preference
    why: Text  # one plain sentence: why a programme has this slot
    # An accessory the planner adds only where the week needs it (for balance).
    optional: bool = False


class SessionTemplates(Model):
    """The sessions a week repeats (contract rule 19): A, and B to alternate with it."""

    A: tuple[PatternSlot, ...] = Field(min_length=1)
    B: tuple[PatternSlot, ...] = ()


class Catalogue(Model):
    groups: tuple[Group, ...]
    # Schema 3, both optional so older catalogue files still load: the patterns every week at
    # pain 0..3 trains (contract rule 21) and the session templates the planner fills (rule 19).
    foundation_patterns: tuple[PatternSlot, ...] = ()
    session_templates: SessionTemplates | None = None
    exercises: tuple[Exercise, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_references(self) -> Self:
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
        required = {group.id: set(group.required_movements) for group in self.groups}
        for index, exercise in enumerate(self.exercises):
            moves = required.get(exercise.groups[0], set())
            if exercise.kind == "strength" and moves and not moves & set(exercise.tags):
                raise _located(
                    ("exercises", index, "tags"),
                    f"strength work for {exercise.groups[0]} needs one of the tags "
                    f"{', '.join(sorted(moves))} (the group's required_movements)",
                )
            for link in ("easier", "harder"):
                target = getattr(exercise, link)
                if target is not None and target not in seen:
                    raise _located(
                        ("exercises", index, link),
                        f"names {target!r}, which is not an exercise in this catalogue",
                    )
        self._check_patterns()
        return self

    def _check_patterns(self) -> None:
        """Every foundation pattern, and at least one pattern of every template slot that is not
        optional, is the pattern of some strength exercise here: a slot nothing can fill is the
        file's mistake (an optional accessory may go unfilled)."""
        trained = {e.pattern for e in self.exercises if e.kind == "strength"}
        for index, slot in enumerate(self.foundation_patterns):
            for place, pattern in enumerate(slot.patterns):
                if pattern not in trained:
                    raise _located(
                        ("foundation_patterns", index, "patterns", place),
                        f"no strength exercise in this catalogue has the pattern {pattern!r}",
                    )
        if self.session_templates is None:
            return
        for name in ("A", "B"):
            for index, slot in enumerate(getattr(self.session_templates, name)):
                if not slot.optional and not trained & set(slot.patterns):
                    raise _located(
                        ("session_templates", name, index, "patterns"),
                        "no strength exercise in this catalogue has any of the patterns "
                        + ", ".join(slot.patterns),
                    )

    @cached_property
    def by_id(self) -> dict[str, Exercise]:
        """Exercises by id, built once: views look up every planned exercise."""
        return {e.id: e for e in self.exercises}

    def exercise(self, exercise_id: str) -> Exercise | None:
        return self.by_id.get(exercise_id)

    def group(self, group_id: str) -> Group:
        return next(g for g in self.groups if g.id == group_id)


class PlanOptions(Model):
    """What the user asked of a week: the PLAN OPTIONS, resolved."""

    days: int = Field(ge=DAYS_MIN, le=DAYS_MAX)
    on: tuple[Weekday, ...]
    level: Level = "beginner"
    equipment: tuple[Equipment, ...] = ()
    minutes: int = Field(default=30, ge=MINUTES_MIN, le=MINUTES_MAX)
    pain: Pain = 0
    seed: int
    prefer: Prefer = "neutral"
    # Where the pain came from: "options" (--pain), "default" (none given) or the journal.
    pain_from: str = "default"
    # Contract rule 22: positions (--avoid) and exercises (--exclude) never to plan. Kept out
    # of the JSON, whose options the contract lists exactly; `warnings` names what they cost.
    avoid: tuple[Position, ...] = Field(default=(), exclude=True)
    exclude: tuple[str, ...] = Field(default=(), exclude=True)
    start: dt.date = Field(exclude=True)

    @model_validator(mode="after")
    def _check_days(self) -> Self:
        _check_days(self.days, self.on)
        return self

    @classmethod
    def checked(cls, **values: Any) -> "PlanOptions":
        """Options from values already checked one by one: the command line's types, the
        profile's reader and the journal's reader check every value the fields allow. Only
        the rule across fields is checked again; validating the rest a second time would
        build pydantic's validator, a fifth of a plan command's start-up (docs/benchmarks.md).
        tests/test_cli_plan.py checks that these options equal validated ones."""
        options = cls.model_construct(**values)
        _check_days(options.days, options.on)
        return options


def _check_days(days: int, on: tuple[str, ...]) -> None:
    if len(on) != days or len(set(on)) != len(on):
        raise ValueError("on must list `days` distinct weekdays")


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
    per_side: bool
    position: Position
    block: Block
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    # Schema 3: the movement pattern (strength only) and why it is there, at this dose.
    pattern: Pattern | None = None
    why: str = ""


class Day(Model):
    date: dt.date
    weekday: str
    rest: bool
    estimated_minutes: int
    groups: tuple[GroupId, ...]
    exercises: tuple[PlannedExercise, ...]
    # On a rest day, the suggested easy walk in minutes (0: none); on a training day 0.
    walk_minutes: int = 0
    # Schema 3: the session template a training day repeats, A or B; None on a rest day.
    session: Literal["A", "B"] | None = None


class Change(Model):
    """One exercise the journal changed: swapped for an easier one, or left out (`to` None)."""

    # `from` is a Python keyword: the field is `from_`, its key in data and JSON `from`.
    model_config = ConfigDict(serialize_by_alias=True)

    from_: ExerciseId = Field(alias="from")
    to: ExerciseId | None
    reason: str


class Adaptation(Model):
    """How the journal's last two weeks change the plan (CONTRACT.md, journal-aware weeks)."""

    direction: Literal["progress", "hold", "regress"]
    reason: str
    changes: tuple[Change, ...] = ()
    # Schema 3 (issue 24), from how each exercise felt: exercises felt `easy` in their last two
    # sessions step up one notch where they are planned, even in a `hold` week (at pain 0-3);
    # exercises felt `hard` keep their usual dose, even in a `progress` week. `changes` names
    # each, with `from` and `to` the same exercise (it stays in the week).
    step_up: tuple[ExerciseId, ...] = ()
    hold_dose: tuple[ExerciseId, ...] = ()


class PrescriptionNote(Model):
    """Where a week's prescription came from (schema 3): who wrote it, when, its review date."""

    by: str | None
    date: dt.date
    review: dt.date | None
    path: str
    notes: str | None = None
    # journal: the journal may step its doses up or ease them; fixed: only pain eases them.
    progress: Literal["journal", "fixed"] = "journal"


class WeekPlan(Model):
    schema_version: Literal[3] = 3
    start: dt.date
    options: PlanOptions
    days: tuple[Day, ...]
    weekly_sets: dict[GroupId, int]
    warnings: tuple[str, ...]
    adaptation: Adaptation | None = None
    disclaimer: str
    red_flags: tuple[str, ...]
    # A programme's weeks (`program`): which week (1-based) and whether it builds or deloads.
    week_of_program: int | None = None
    theme: Literal["build", "deload"] | None = None
    # Schema 3: the clinician's prescription the week follows, if any.
    prescription: PrescriptionNote | None = None

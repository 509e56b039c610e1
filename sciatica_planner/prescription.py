"""A clinician's prescription: a small YAML file naming the exercises, doses and days a week
follows (CONTRACT.md, "Prescriptions"). Read, checked against the catalogue, and turned into
one `Prescription` value, or one `PrescriptionError` naming the file, the line and the field.

Pure: no click, no rich. The planner follows it (planning/prescribed.py); the command line
finds the file and shows the error.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .errors import SciaticaPlanError
from .models import ExerciseId, HoldSeconds, RepCount, SetCount
from .text import describe, forbidden, visible
from .vocabulary import (
    AVOID_WORDS,
    DAYS_MAX,
    DAYS_MIN,
    DEFAULT_SPREAD,
    Weekday,
    avoided_positions,
)

if TYPE_CHECKING:
    from pathlib import Path

    import yaml

    from .models import Catalogue, Exercise, PlannedExercise, WeekPlan

# What a missing file is called, so a plan command can add how to plan without it.
MISSING = "does not exist; check the path"
# The format's version: a file says `prescription: 1`.
FORMAT_VERSION = 1
# A prescription is a page of text; anything far larger is not one (and is not read whole).
MAX_BYTES = 256 * 1024
# A session a person does at home holds a handful of exercises; a typo is not a programme.
SESSION_ITEMS_MAX = 12
BLOCK_ITEMS_MAX = 6
# Short enough for the handout's line, long enough for a name and qualifications.
BY_MAX_CHARS = 120
NOTES_MAX_CHARS = 1000


class PrescriptionError(SciaticaPlanError):
    """A prescription file cannot be read or is not a valid prescription."""

    def __init__(
        self, path: str, problem: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.path, self.problem, self.line, self.field = path, problem, line, field
        shown = visible(path)
        where = shown if line is None else f"{shown}:{line}"
        what = problem if field is None else f"{field}: {problem}"
        super().__init__(f"{where}: {what}")


def _inert(text: str) -> str:
    """Free text shown on a handout: printable, with no character that hides or reorders
    text. Line breaks and tabs are allowed in notes."""
    found = forbidden(text, allowed=frozenset("\n\t"))
    if found is not None:
        raise ValueError(
            f"holds an invisible or control character ({describe(found)}); type it without it"
        )
    return text.strip()


By = Annotated[str, Field(min_length=1, max_length=BY_MAX_CHARS), AfterValidator(_inert)]
Notes = Annotated[str, Field(min_length=1, max_length=NOTES_MAX_CHARS), AfterValidator(_inert)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dosed(_Strict):
    """One exercise of a session at the clinician's dose; a dose left out is the catalogue's
    usual one."""

    id: ExerciseId
    sets: SetCount | None = None
    reps: RepCount | None = None
    hold_seconds: HoldSeconds | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if self.reps is not None and self.hold_seconds is not None:
            raise ValueError("give reps or hold_seconds, not both")
        return self


Session = Annotated[tuple[Dosed, ...], Field(min_length=1, max_length=SESSION_ITEMS_MAX)]
Block = Annotated[tuple[ExerciseId, ...], Field(max_length=BLOCK_ITEMS_MAX)]


class Sessions(_Strict):
    A: Session
    B: Session | None = None


def _positions(words: tuple[str, ...]) -> tuple[str, ...]:
    chosen = avoided_positions(list(words))
    if isinstance(chosen, str):
        raise ValueError(f"{chosen!r} is not a position; choose from {', '.join(AVOID_WORDS)}")
    return chosen


def _distinct_days(days: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(days)) != len(days):
        raise ValueError("lists a day twice")
    return days


class Prescription(_Strict):
    """A prescription file's content, checked on its own (ids against the catalogue: `read`)."""

    prescription: Literal[1]
    by: By | None = None
    date: dt.date
    review: dt.date | None = None
    on_days: (
        Annotated[
            tuple[Weekday, ...],
            Field(min_length=DAYS_MIN, max_length=DAYS_MAX),
            AfterValidator(_distinct_days),
        ]
        | None
    ) = None
    days: Annotated[int, Field(ge=DAYS_MIN, le=DAYS_MAX, strict=True)] | None = None
    sessions: Sessions
    warm_up: Block | None = None
    cool_down: Block | None = None
    progress: Literal["journal", "fixed"] = "journal"
    avoid: Annotated[tuple[str, ...], AfterValidator(_positions)] = ()
    exclude: tuple[ExerciseId, ...] = ()
    notes: Notes | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.on_days is not None and self.days is not None and self.days != len(self.on_days):
            raise ValueError(
                f"days {self.days} conflicts with on_days ({len(self.on_days)} days); keep one"
            )
        if self.review is not None and self.review < self.date:
            raise ValueError(f"review {self.review} is before the prescription's date {self.date}")
        return self

    def training_days(self) -> tuple[str, ...] | None:
        """The days the file sets, if it sets them: on_days, else days spread over the week."""
        if self.on_days is not None:
            from .vocabulary import WEEKDAYS

            return tuple(sorted(self.on_days, key=WEEKDAYS.index))
        return DEFAULT_SPREAD[self.days] if self.days is not None else None

    def letters(self) -> tuple[str, ...]:
        return ("A", "B") if self.sessions.B else ("A",)

    def session(self, letter: str) -> tuple[Dosed, ...]:
        return self.sessions.A if letter == "A" else self.sessions.B or ()


def load_prescription(path: Path, catalogue: Catalogue) -> Prescription:
    """The prescription at `path`, checked against the catalogue; PrescriptionError otherwise."""
    from .files import InputError, MissingFileError, read_regular_file

    name = str(path)
    try:
        data = read_regular_file(path, MAX_BYTES, what="a prescription file")
    except MissingFileError:
        raise PrescriptionError(name, MISSING) from None
    except InputError as error:
        raise PrescriptionError(name, error.problem) from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PrescriptionError(name, "is not UTF-8 text", line=line) from None
    return read_prescription(text, name, catalogue)


def read_prescription(text: str, name: str, catalogue: Catalogue) -> Prescription:
    """A prescription's text (`name` says where it came from, for errors) checked."""
    from pydantic import ValidationError

    root = _document(text, name)
    data = _plain(root, name)
    if not isinstance(data, dict):
        raise PrescriptionError(
            name, "must be a mapping that starts with `prescription: 1`", line=1
        )
    try:
        found = Prescription.model_validate(data)
    except ValidationError as error:
        raise _described(name, root, data, error) from None
    _check_ids(found, name, root, catalogue)
    return found


def _document(text: str, name: str) -> yaml.Node:
    import yaml

    from .catalogue import CatalogueError, _compose

    if not text.strip():
        raise PrescriptionError(name, "is empty")
    try:
        return _compose(name, text)  # type: ignore[arg-type]
    except CatalogueError as error:
        raise PrescriptionError(name, error.problem, line=error.line) from None
    except yaml.YAMLError as error:  # pragma: no cover - _compose words every YAML error
        raise PrescriptionError(name, f"YAML error: {error}") from None


# The tags of the plain YAML a prescription is written in; dates stay text for pydantic.
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:timestamp": str,
}


def _plain(root: yaml.Node, name: str) -> Any:
    """The document as plain data: mappings with text keys, lists, text, whole numbers and
    dates, and nulls. Anchors, aliases, tags, repeated keys and other scalars have no place in
    a prescription: each is an error at its line."""
    import yaml

    seen: set[int] = set()

    def fail(node: yaml.Node, problem: str) -> PrescriptionError:
        return PrescriptionError(name, problem, line=node.start_mark.line + 1)

    def build(node: yaml.Node) -> Any:
        if id(node) in seen:
            raise fail(node, "uses an anchor and an alias (&, *); write each value out instead")
        seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:bool":
                raise fail(node, f"{visible(node.value, limit=20)} is read as true or false here")
            convert = _PLAIN_TAGS.get(tag)
            if not tag.startswith("tag:yaml.org,2002:") or tag.count(":") > 2:
                raise fail(
                    node,
                    f"uses the YAML tag {visible(tag, limit=60)}, which a "
                    "prescription does not take",
                )
            if convert is None or (convert is int and len(node.value) > len("10000")):
                raise fail(
                    node, f"{visible(node.value, limit=40)} is not a value a prescription takes"
                )
            return convert(node.value.replace("_", "") if convert is int else node.value)
        if isinstance(node, yaml.SequenceNode) and tag == "tag:yaml.org,2002:seq":
            return [build(item) for item in node.value]
        if isinstance(node, yaml.MappingNode) and tag == "tag:yaml.org,2002:map":
            result: dict[str, Any] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
                    if isinstance(key, yaml.ScalarNode) and key.value.lower() in ("on", "yes"):
                        raise fail(key, f"YAML reads `{key.value}:` as true; write on_days:")
                    raise fail(key, "keys must be plain words")
                if key.value in result:
                    raise fail(key, f"the key {visible(key.value, limit=40)!s} appears twice")
                result[key.value] = build(value)
            return result
        raise fail(
            node, f"uses the YAML tag {visible(tag, limit=60)}, which a prescription does not take"
        )

    try:
        return build(root)
    except RecursionError:
        raise PrescriptionError(name, "is nested too deeply") from None


def _described(name: str, root: yaml.Node, data: Any, error: Any) -> PrescriptionError:
    from .catalogue import _dotted, _line_of, _problem

    errors = error.errors(include_url=False)
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    # pydantic names the validator in the location of a union's or a function's error.
    loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and "[" in p))
    problem = _problem(first)
    if first["type"] == "extra_forbidden" and isinstance(loc[-1], str):
        problem += _did_you_mean(str(loc[-1]), _known_keys(loc))
    if len(errors) > 1:
        problem += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return PrescriptionError(
        name, problem, line=_line_of(root, loc), field=_dotted(loc, data) or None
    )


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    if len(loc) == 1:
        return list(Prescription.model_fields)
    if loc[0] == "sessions" and len(loc) == 2:
        return list(Sessions.model_fields)
    return list(Dosed.model_fields)


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else f"; keys: {', '.join(choices)}"


def _check_ids(found: Prescription, name: str, root: yaml.Node, catalogue: Catalogue) -> None:
    """Every id in the catalogue, no id twice in one session (contract rule 2), strength work
    in the sessions and none in the warm-up or cool-down."""
    from .catalogue import _line_of

    by_id = catalogue.by_id

    def fail(loc: tuple[Any, ...], problem: str) -> PrescriptionError:
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")
        return PrescriptionError(name, problem, line=_line_of(root, loc), field=field)

    def known(exercise_id: str, loc: tuple[Any, ...]) -> None:
        if exercise_id not in by_id:
            import difflib

            near = difflib.get_close_matches(exercise_id, list(by_id), n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(near)}?" if near else ""
            raise fail(loc, f"{exercise_id} is not in the catalogue{hint}")

    for exercise_id_index, exercise_id in enumerate(found.exclude):
        known(exercise_id, ("exclude", exercise_id_index))
    gentle = {"warm_up": found.warm_up or (), "cool_down": found.cool_down or ()}
    for block, ids in gentle.items():
        for index, exercise_id in enumerate(ids):
            known(exercise_id, (block, index))
            if by_id[exercise_id].kind == "strength":
                raise fail((block, index), f"{exercise_id} is strength work: put it in a session")
    for letter in found.letters():
        seen: set[str] = {*gentle["warm_up"], *gentle["cool_down"]}
        for index, item in enumerate(found.session(letter)):
            loc = ("sessions", letter, index, "id")
            known(item.id, loc)
            if item.id in seen:
                raise fail(loc, f"{item.id} is in session {letter} twice (with its warm-up)")
            seen.add(item.id)


# `prescription new` suggests a review this many weeks on: long enough for strength work to
# show, short enough that a plan is not followed for months unchecked (product choice).
REVIEW_AFTER_WEEKS = 6


def prescription_text(week: WeekPlan, catalogue: Catalogue, today: dt.date) -> str:
    """A week as a prescription file to edit: its sessions' exercises and doses, its days, the
    first session's warm-up and cool-down and the week's tailoring, each line commented."""
    from .vocabulary import WEEKDAYS

    sessions: dict[str, list[PlannedExercise]] = {}
    gentle: dict[str, list[str]] = {}
    for day in week.days:
        if day.session is None or day.session in sessions:
            continue
        sessions[day.session] = [e for e in day.exercises if e.block == "main"]
        if day.session == "A":
            for block in ("warm-up", "cool-down"):
                gentle[block] = [e.id for e in day.exercises if e.block == block]
    on = [d for d in WEEKDAYS if d in week.options.on]
    review = today + dt.timedelta(weeks=REVIEW_AFTER_WEEKS)
    lines = [
        "# A prescription for sciatica-plan: every plan (week, today, guide, export, program)",
        "# follows it when given with --prescription FILE, or saved with",
        "# `sciatica-plan profile set --prescription FILE`.",
        "# Ids: `sciatica-plan exercises` lists them, `sciatica-plan show ID` explains one.",
        "# Check your edits with: sciatica-plan prescription check FILE",
        "# Safety still comes first: pain, flare-ups, spreading symptoms, recovery between",
        "# sessions, --avoid and --exclude apply on top of what this file says.",
        f"prescription: {FORMAT_VERSION}",
        'by: null                 # who prescribed it, shown on the handout: "A. Physio, MCSP"',
        f"date: {today.isoformat()}",
        f"review: {review.isoformat()}       # after it, every plan says a review is due; or null",
        f"on_days: [{', '.join(on)}]{' ' * max(1, 17 - len(', '.join(on)))}"
        "# or days: N; --days/--on typed on the command line win",
        "sessions:                # A, and B if given, take turns over the training days",
    ]
    for letter, items in sessions.items():
        lines.append(f"  {letter}:")
        for item in items:
            dose = f"sets: {item.sets}, " + (
                f"reps: {item.reps}"
                if item.reps is not None
                else f"hold_seconds: {item.hold_seconds}"
            )
            entry = f"    - {{id: {item.id}, {dose}}}"
            usual = _usual(catalogue, item.id)
            lines.append(f"{entry.ljust(58)} # {item.name}{usual}")
    for block, key in (("warm-up", "warm_up"), ("cool-down", "cool_down")):
        ids = gentle.get(block, [])
        lines.append(f"{key}: [{', '.join(ids)}]")
    lines[-2] += "   # null: the planner chooses them"
    lines += [
        "progress: journal        # the journal may step doses up or ease them; fixed: it may not",
        f"avoid: [{', '.join(week.options.avoid)}]"
        "                # positions to leave out: standing, seated, kneeling, lying, floor",
        f"exclude: [{', '.join(week.options.exclude)}]              # exercise ids never to plan",
        'notes: null              # a line for the handout, in quotes: "Little and often."',
    ]
    return "\n".join(lines) + "\n"


def _usual(catalogue: Catalogue, exercise_id: str) -> str:
    exercise = catalogue.by_id.get(exercise_id)
    return f"; usual {usual_range(exercise)}" if exercise is not None else ""


def usual_range(exercise: Exercise) -> str:
    """An exercise's dose range in words: '2-4 sets of 8-12 repetitions'."""
    limits = exercise.dose_range
    sets = f"{limits.sets[0]}-{limits.sets[1]} sets"
    if limits.reps:
        return f"{sets} of {limits.reps[0]}-{limits.reps[1]} repetitions"
    if limits.hold_seconds:
        return f"{sets} of {limits.hold_seconds[0]}-{limits.hold_seconds[1]} s holds"
    return sets

"""free-exercise-db's `exercises.json` turned into a catalogue of ours, through one mapping table.

free-exercise-db (github.com/yuhonas/free-exercise-db, public domain) describes about 870 gym
exercises. Its fields are coarser than ours and none of its entries was written with sciatica in
mind, so the mapping is conservative: whatever has no clear equivalent is left out and counted,
and every imported exercise is `flare_safe: false`, `source: imported`, has no figure, and carries
a caution saying that it was not reviewed for sciatica.

The published file has quirks the import takes in its stride: instructions that are empty strings
(dropped) or hold a line break (split there), entries with no instructions at all (left out), and
`null` force, mechanic and equipment (the first two are not read; no equipment is left out). An
entry that cannot be read or mapped is left out with its reason, counted in the summary; only a
file that is not a JSON list of exercises (or too large to be one) is an error.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import SciaticaPlanError
from ..models import Text
from ..vocabulary import EQUIPMENT, GROUPS, TAGS, inferred_pattern
from . import IMPORTED_CAUTION

if TYPE_CHECKING:
    from pathlib import Path

SOURCE_NAME = "free-exercise-db"
# Imported ids keep their origin, so they never collide with ours (which never use the prefix).
ID_PREFIX = "fedb-"
ID_MAX_LENGTH = 40  # models.ExerciseId's limit
# The whole database is about 1 MB. Reading at most sixteen times that (counted in bytes read,
# not in the size a file claims) bounds the memory any input can take.
MAX_BYTES = 16 * 1024 * 1024
CAUTION = IMPORTED_CAUTION
# A reason quotes the value it could not map; a hostile file's value is cut to this length.
REASON_MAX_LENGTH = 100


@dataclass(frozen=True)
class Dose:
    """A starting dose and the range a plan may choose from, for one kind and level."""

    sets: int
    sets_range: tuple[int, int]
    reps: int | None
    reps_range: tuple[int, int] | None
    hold_seconds: int | None
    hold_range: tuple[int, int] | None
    rest_seconds: int


@dataclass(frozen=True)
class Mapping:
    """Every decision of the import, in one place (the table below)."""

    # Their muscle -> (our group, the movement tag it implies when it is a main muscle), or None
    # where the muscle is none of our five groups.
    muscles: dict[str, tuple[str, str | None] | None]
    # Their category -> our kind, or None: left out.
    categories: dict[str, str | None]
    levels: dict[str, str]
    # Their equipment -> ours (empty: none needed), or None: left out.
    equipment: dict[str | None, tuple[str, ...] | None]
    # Equipment whose lifts count as heavy loading (contract: barbell lifts are `heavy`).
    heavy_equipment: frozenset[str]
    # A word in the instructions that shows our equipment is needed too.
    props: dict[str, str]
    # Our position -> the words that name it in the first instruction (the starting position).
    positions: dict[str, tuple[str, ...]]
    # Words that show the dose is for each side.
    per_side: tuple[str, ...]
    # (kind, level) -> the dose.
    doses: dict[tuple[str, str], Dose]
    # Stretches of these groups are tagged `nerve-tension`: the data cannot tell a bent knee
    # from a straight one, so assume the straight knee that tensions the sciatic nerve.
    nerve_tension_stretches: frozenset[str]
    # Stretches led by these groups are left out: the data does not say whether they bend the
    # spine forward or backward, which a directional preference needs to know.
    undirected_stretches: frozenset[str]
    # A strength exercise's movement pattern from words in its name, the first that matches;
    # without a match, vocabulary.inferred_pattern (its tags, then its primary group).
    patterns: tuple[tuple[str, str], ...]


# ACSM 2011 [A1, A2] and ACSM 2009 [A4] (see safety.py for the sources): 8-12 repetitions, 2-4
# sets for most adults and 1-3 for novices; stretches held 10-30 s, 2-4 times, about 60 s in all.
_STRENGTH_REPS, _STRENGTH_REPS_RANGE = 10, (8, 12)
_STRETCH = Dose(2, (2, 4), None, None, 30, (10, 30), 15)

FREE_EXERCISE_DB: Final = Mapping(
    muscles={
        "glutes": ("glutes", None),
        "hamstrings": ("hamstrings", None),
        "quadriceps": ("quadriceps", None),
        "lower back": ("lower-back", None),
        "abductors": ("hip-abductors-adductors", "abduction"),
        "adductors": ("hip-abductors-adductors", "adduction"),
        # Upper body, abdominals and calves: none of the five groups.
        "abdominals": None,
        "biceps": None,
        "calves": None,
        "chest": None,
        "forearms": None,
        "lats": None,
        "middle back": None,
        "neck": None,
        "shoulders": None,
        "traps": None,
        "triceps": None,
    },
    categories={
        "strength": "strength",
        "stretching": "stretch",
        # Jumps, maximal lifts and conditioning have no place in a sciatica routine.
        "plyometrics": None,
        "powerlifting": None,
        "olympic weightlifting": None,
        "strongman": None,
        "cardio": None,
    },
    levels={"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"},
    equipment={
        "body only": (),
        "bands": ("band",),
        "dumbbell": ("dumbbells",),
        "kettlebells": ("kettlebell",),
        "barbell": ("barbell",),
        "machine": ("machine",),
        "cable": ("machine",),
        "exercise ball": ("ball",),
        # No equivalent in our vocabulary, or not stated (a partner, a foam roll, ...).
        "medicine ball": None,
        "foam roll": None,
        "e-z curl bar": None,
        "other": None,
        None: None,
    },
    heavy_equipment=frozenset({"barbell"}),
    props={"bench": "bench"},
    positions={
        "lying": ("lie", "lying", "on your back", "on your stomach", "face down", "face up"),
        "kneeling": ("kneel", "kneeling", "hands and knees", "all fours"),
        "seated": ("sit", "seated", "sitting"),
        "standing": ("stand", "standing"),
    },
    per_side=(
        "other side",
        "other leg",
        "opposite side",
        "opposite leg",
        "each side",
        "each leg",
        "switch sides",
        "switch legs",
    ),
    doses={
        # Rests as in the bundled catalogue's strength work: a minute, longer at advanced level.
        ("strength", "beginner"): Dose(
            2, (1, 3), _STRENGTH_REPS, _STRENGTH_REPS_RANGE, None, None, 60
        ),
        ("strength", "intermediate"): Dose(
            3, (2, 4), _STRENGTH_REPS, _STRENGTH_REPS_RANGE, None, None, 60
        ),
        ("strength", "advanced"): Dose(
            3, (2, 4), _STRENGTH_REPS, _STRENGTH_REPS_RANGE, None, None, 90
        ),
        ("stretch", "beginner"): _STRETCH,
        ("stretch", "intermediate"): _STRETCH,
        ("stretch", "advanced"): _STRETCH,
    },
    nerve_tension_stretches=frozenset({"hamstrings"}),
    undirected_stretches=frozenset({"lower-back"}),
    patterns=(
        # Split stances before squats: a "split squat" is a lunge.
        ("split squat", "lunge"),
        ("lunge", "lunge"),
        ("step-up", "step"),
        ("step up", "step"),
        ("step-down", "step"),
        ("deadlift", "hinge"),
        ("good morning", "hinge"),
        # Side bridges before bridges: a "side bridge" is lateral core work.
        ("side plank", "lateral-core"),
        ("side bridge", "lateral-core"),
        ("hip thrust", "bridge"),
        ("bridge", "bridge"),
        ("butt lift", "bridge"),
        ("hip lift", "bridge"),
        ("leg curl", "knee-flexion"),
        ("hamstring curl", "knee-flexion"),
        ("glute ham raise", "knee-flexion"),
        ("leg extension", "knee-extension"),
        ("squat", "squat"),
        ("leg press", "squat"),
        ("abduction", "hip-abduction"),
        ("abductor", "hip-abduction"),
        ("adduction", "hip-adduction"),
        ("adductor", "hip-adduction"),
        ("kickback", "hip-extension"),
        ("hip extension", "hip-extension"),
        ("hyperextension", "back-extension"),
        ("back extension", "back-extension"),
        ("superman", "back-extension"),
        ("back raise", "back-extension"),
        ("plank", "anti-extension"),
        ("bird dog", "anti-rotation"),
    ),
)


class ImportFileError(SciaticaPlanError):
    """The file to import could not be read, is not a list of exercises, or gave none we keep."""

    def __init__(
        self, path: Path, problem: str, entry: int | None = None, entry_id: object = None
    ) -> None:
        self.path, self.problem, self.entry = path, problem, entry
        where = str(path)
        if entry is not None:
            where += f": entry {entry + 1}"
            if isinstance(entry_id, str) and entry_id.isprintable():
                where += f" (id {entry_id[:80]!r})"
        super().__init__(f"{where}: {problem}")


class FreeExercise(BaseModel):
    """One entry of free-exercise-db, as far as the import reads it (other keys are ignored)."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True, populate_by_name=True)

    id: Text
    name: Text
    level: str
    category: str
    equipment: str | None
    primary_muscles: list[str] = Field(alias="primaryMuscles")
    secondary_muscles: list[str] = Field(alias="secondaryMuscles")
    instructions: list[Text]

    @field_validator("instructions", mode="before")
    @classmethod
    def _usable_steps(cls, value: object) -> object:
        """The published file has empty strings among some entries' instructions, and a line
        break inside one: drop the empty ones and split a step at its line breaks (an entry left
        with no steps is then left out, by map_exercise). Other items are checked as they are."""
        if not isinstance(value, list):
            return value
        steps: list[object] = []
        for item in value:
            if isinstance(item, str):
                steps.extend(line for line in item.splitlines() if line.strip())
            else:
                steps.append(item)
        return steps


@dataclass
class Imported:
    """What an import read, kept and left out, and the catalogue it makes."""

    path: Path
    read: int
    exercises: list[dict[str, Any]]
    bundled: dict[str, Any]  # the bundled catalogue's data: its groups, and its exercises if kept
    left_out: Counter[str] = field(default_factory=Counter)

    def per_group(self) -> dict[str, int]:
        counts = Counter(e["groups"][0] for e in self.exercises)
        return {group: counts[group] for group in GROUPS}

    def catalogue_data(self) -> dict[str, Any]:
        """The bundled groups, the bundled exercises (unless left out) and the imported ones,
        with the bundled foundation patterns and session templates cut to the patterns these
        exercises train (without the bundled exercises, an import may have no hinge, say)."""
        exercises = [*self.bundled["exercises"], *self.exercises]
        trained = {e.get("pattern") for e in exercises if e.get("kind") == "strength"}
        data = {**self.bundled, "exercises": exercises}
        if "foundation_patterns" in data:
            data["foundation_patterns"] = _slots_within(data["foundation_patterns"], trained)
        templates = data.get("session_templates")
        if isinstance(templates, dict):
            fitted = {name: _slots_within(slots, trained) for name, slots in templates.items()}
            data["session_templates"] = fitted if fitted.get("A") else None
        return data

    def catalogue_yaml(self) -> str:
        """The catalogue file's text, checked against the models before anyone writes it."""
        import yaml

        from ..models import Catalogue

        data = self.catalogue_data()
        if not self.exercises:
            raise ImportFileError(self.path, "no exercise could be imported (see the summary)")
        try:
            Catalogue.model_validate(data)
        except ValidationError as error:  # the mapping's own mistake: never write it
            first = error.errors(include_url=False)[0]
            loc = first.get("ctx", {}).get("path", first["loc"])
            where = ".".join(str(part) for part in loc)
            raise ImportFileError(
                self.path, f"the imported catalogue is not valid: {where}: {first['msg']}"
            ) from None
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        body = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        return _header(len(self.exercises), len(self.bundled["exercises"])) + body


def _slots_within(slots: list[dict[str, Any]], trained: set[Any]) -> list[dict[str, Any]]:
    """The slots with only the patterns in `trained`; a slot left with none is dropped."""
    kept = []
    for slot in slots:
        patterns = [p for p in slot.get("patterns", []) if p in trained]
        if patterns:
            kept.append({**slot, "patterns": patterns})
    return kept


def _header(imported: int, bundled: int) -> str:
    from ..safety import DISCLAIMER

    text = (
        f"A sciatica-plan catalogue: {bundled} bundled exercises and {imported} imported from "
        f"{SOURCE_NAME} (github.com/yuhonas/free-exercise-db, public domain) by "
        "`sciatica-plan import free-exercise-db`. Imported exercises have source: imported, are "
        "never flare-safe, have no figure, and were not reviewed for sciatica. " + DISCLAIMER
    )
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, 96)) + "\n"


def import_free_exercise_db(
    path: Path, bundled: dict[str, Any], *, keep_bundled: bool = True
) -> Imported:
    """Read free-exercise-db's JSON at `path` and map every entry through the table.

    `bundled` is the bundled catalogue's data (as parsed from its YAML): its groups always come
    along (every catalogue names the five groups), its exercises unless `keep_bundled` is false.
    """
    entries = _read_entries(path)
    kept = dict(bundled) if keep_bundled else {**bundled, "exercises": []}
    result = Imported(path=path, read=len(entries), exercises=[], bundled=kept)
    taken = {str(e.get("id")) for e in bundled.get("exercises", [])}
    numbered: dict[str, int] = {}
    for raw in entries:
        # One entry that cannot be read or mapped is left out with its reason, never fatal.
        entry = _checked(raw)
        mapped = entry if isinstance(entry, str) else map_exercise(entry)
        if not isinstance(mapped, str):
            mapped["id"] = _free_id(mapped["id"], taken, numbered)
            mapped = _unfit(mapped) or mapped
        if isinstance(mapped, str):
            result.left_out[_short(mapped)] += 1
            continue
        taken.add(mapped["id"])
        result.exercises.append(mapped)
    return result


def _short(reason: str) -> str:
    """The reason, cut to REASON_MAX_LENGTH (it may quote a value of any length)."""
    if len(reason) <= REASON_MAX_LENGTH:
        return reason
    return reason[: REASON_MAX_LENGTH - 1] + "\u2026"


def _where(loc: tuple[int | str, ...]) -> str:
    """A field's name for a reason, without list positions, so that like problems count as one:
    ('instructions', 3) -> 'instructions'."""
    return ".".join(str(part) for part in loc if not isinstance(part, int)) or "the entry"


def _unfit(exercise: dict[str, Any]) -> str | None:
    """Why the mapped exercise is not a valid catalogue exercise of ours, or None when it is."""
    from ..models import Exercise

    try:
        Exercise.model_validate(exercise)
    except ValidationError as error:
        from ..catalogue import _problem

        first = error.errors(include_url=False)[0]
        return f"does not fit our catalogue ({_where(first['loc'])}: {_problem(first)})"
    return None


def _read_entries(path: Path) -> list[Any]:
    from ..files import InputError, TooLargeError, read_regular_file

    try:
        # A regular file only (a FIFO or a device is refused at once), read only so far.
        data = read_regular_file(path, MAX_BYTES, what="a file")
    except TooLargeError:
        raise ImportFileError(
            path,
            f"is larger than {MAX_BYTES // (1024 * 1024)} MB; free-exercise-db's whole "
            "exercises.json is about 1 MB",
        ) from None
    except InputError as error:
        raise ImportFileError(path, error.problem) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(path, f"is not UTF-8 text (line {line})") from None
    try:
        # A number of thousands of digits is kept as its text (int() refuses more than 4,300
        # digits): the entry holding it is left out for its field, the rest still import.
        entries = json.loads(text, parse_int=_whole_number)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            path, f"is not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ImportFileError(path, "is nested too deeply to be free-exercise-db's JSON") from None
    if not isinstance(entries, list):
        raise ImportFileError(
            path,
            "must be a JSON list of exercises, as free-exercise-db's exercises.json is "
            f"(found {_json_kind(entries)})",
        )
    if not entries:
        raise ImportFileError(path, "holds no exercises (an empty list)")
    return entries


# Far beyond any count or size in an exercise entry, far below int()'s limit of 4,300 digits.
NUMBER_MAX_DIGITS = 100


class LongNumber:
    """A JSON number too long to be read as one: neither an int nor text, so the field that
    holds it is refused as any number in a field of text is ("must be text")."""

    def __init__(self, digits: str) -> None:
        self.digits = len(digits)

    def __repr__(self) -> str:
        return f"<a number of {self.digits} digits>"


def _whole_number(digits: str) -> int | LongNumber:
    return LongNumber(digits) if len(digits) > NUMBER_MAX_DIGITS else int(digits)


def _json_kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number")


def _checked(raw: object) -> FreeExercise | str:
    """The entry, or why it cannot be read (the field and its problem)."""
    if not isinstance(raw, dict):
        return f"not a JSON object (found {_json_kind(raw)})"
    try:
        return FreeExercise.model_validate(raw)
    except ValidationError as error:
        from ..catalogue import _problem

        first = error.errors(include_url=False)[0]
        problem = _ENTRY_MESSAGES.get(first["type"]) or _problem(first)
        return f"unreadable {_where(first['loc'])} ({problem})"


_ENTRY_MESSAGES = {"list_type": "must be a list", "string_type": "must be text"}


def map_exercise(entry: FreeExercise, table: Mapping = FREE_EXERCISE_DB) -> dict[str, Any] | str:
    """Our exercise (its id not yet made unique) for one entry, or why it is left out."""
    if entry.category not in table.categories:
        return f"category {entry.category!r} (unknown)"
    kind = table.categories[entry.category]
    if kind is None:
        return f"category {entry.category} (no place in a sciatica routine)"
    level = table.levels.get(entry.level)
    if level is None:
        return f"level {entry.level!r} (unknown)"
    main = [table.muscles.get(m) for m in entry.primary_muscles]
    groups = _unique([hit[0] for hit in main if hit])
    if not groups:
        return "mainly trains muscles outside the five groups (upper body, abdominals, calves)"
    groups = _unique(
        [*groups, *(hit[0] for m in entry.secondary_muscles if (hit := table.muscles.get(m)))]
    )
    if entry.equipment not in table.equipment:
        return f"equipment {entry.equipment!r} (unknown)"
    gear = table.equipment[entry.equipment]
    if gear is None:
        what = "not stated" if entry.equipment is None else f"{entry.equipment}"
        return f"equipment {what} (no equivalent)"
    if kind == "stretch" and groups[0] in table.undirected_stretches:
        return "a lower-back stretch (its direction of spinal movement is not stated)"
    if not entry.instructions:
        return "no instructions"
    words = " ".join(entry.instructions).lower()
    gear = (*gear, *(ours for word, ours in table.props.items() if _says(words, (word,))))
    tags = {hit[1] for hit in main if hit and hit[1]}
    if any(item in table.heavy_equipment for item in gear):
        tags.add("heavy")
    if kind == "stretch" and table.nerve_tension_stretches & set(groups):
        tags.add("nerve-tension")
    dose = table.doses[(kind, level)]
    ordered_tags = [t for t in TAGS if t in tags]
    return {
        "id": entry.id,
        "name": entry.name,
        "kind": kind,
        "groups": groups,
        "level": level,
        "equipment": [e for e in EQUIPMENT if e in gear],
        "sets": dose.sets,
        **({"reps": dose.reps} if dose.reps is not None else {}),
        **({"hold_seconds": dose.hold_seconds} if dose.hold_seconds is not None else {}),
        "per_side": _says(words, table.per_side),
        "dose_range": {
            "sets": list(dose.sets_range),
            **({"reps": list(dose.reps_range)} if dose.reps_range else {}),
            **({"hold_seconds": list(dose.hold_range)} if dose.hold_range else {}),
        },
        "rest_seconds": dose.rest_seconds,
        "position": _position(entry.instructions[0].lower(), table),
        "flare_safe": False,
        "tags": ordered_tags,
        "steps": list(entry.instructions),
        "cautions": [CAUTION],
        "source": "imported",
        "figure": None,
        **(
            {"pattern": _pattern(entry.name, ordered_tags, groups, table)}
            if kind == "strength"
            else {}
        ),
    }


def _pattern(name: str, tags: list[str], groups: list[str], table: Mapping) -> str | None:
    """The movement pattern the name names (the table's words), else the one inferred."""
    words = name.lower()
    for phrase, pattern in table.patterns:
        if _says(words, (phrase,)):
            return pattern
    return inferred_pattern(tags, groups)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _says(text: str, phrases: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(phrase)}\b", text) for phrase in phrases)


def _position(first_step: str, table: Mapping) -> str:
    """The one position the first instruction names; standing where it names none or several."""
    named = [where for where, words in table.positions.items() if _says(first_step, words)]
    return named[0] if len(named) == 1 else "standing"


def _free_id(origin: str, taken: set[str], numbered: dict[str, int]) -> str:
    """`fedb-` and their id as lowercase words joined by hyphens, unique and short enough.

    `numbered` remembers the last number given to each id that was taken, so that the 20,000th
    entry sharing one id does not try the 19,999 numbers before it (the import stays linear).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", origin.lower()).strip("-") or "exercise"
    base = (ID_PREFIX + slug)[:ID_MAX_LENGTH].rstrip("-")
    if base not in taken:
        return base
    number = numbered.get(base, 1)
    while True:
        number += 1
        suffix = f"-{number}"
        candidate = base[: ID_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            numbered[base] = number
            return candidate

"""The closed vocabularies and bounds of sciatica-plan, defined once.

Standard library only: cli.py builds its choices from here without importing pydantic.
"""

from __future__ import annotations

from typing import Literal, get_args

GroupId = Literal["glutes", "hamstrings", "quadriceps", "lower-back", "hip-abductors-adductors"]
GROUPS: tuple[str, ...] = get_args(GroupId)
# How every view and message names a group in a sentence.
GROUP_WORDS: dict[str, str] = {
    "glutes": "glutes",
    "hamstrings": "hamstrings",
    "quadriceps": "quadriceps",
    "lower-back": "lower back",
    "hip-abductors-adductors": "hips",
}


def group_words(ids: tuple[str, ...] | list[str]) -> str:
    """'glutes, lower back and hips'."""
    words = [GROUP_WORDS.get(g, g) for g in ids]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# Extra names a user may type for a group (matched case-insensitively, with spaces and
# underscores read as hyphens).
GROUP_ALIASES: dict[str, str] = {
    "glute": "glutes",
    "gluteus-maximus": "glutes",
    "gluteus": "glutes",
    "buttocks": "glutes",
    "hamstring": "hamstrings",
    "hams": "hamstrings",
    "quads": "quadriceps",
    "quad": "quadriceps",
    "thighs": "quadriceps",
    "lower-back": "lower-back",
    "low-back": "lower-back",
    "back": "lower-back",
    "core": "lower-back",
    "hips": "hip-abductors-adductors",
    "hip": "hip-abductors-adductors",
    "abductors": "hip-abductors-adductors",
    "adductors": "hip-abductors-adductors",
    "hip-abductors": "hip-abductors-adductors",
    "hip-adductors": "hip-abductors-adductors",
}

Kind = Literal["warm-up", "strength", "stretch", "mobility"]
KINDS: tuple[str, ...] = get_args(Kind)

Level = Literal["beginner", "intermediate", "advanced"]
LEVELS: tuple[str, ...] = get_args(Level)

Equipment = Literal["band", "dumbbells", "kettlebell", "barbell", "bench", "ball", "machine"]
EQUIPMENT: tuple[str, ...] = get_args(Equipment)


# Other names a user may type for a piece of equipment (matched case-insensitively, with spaces
# and underscores read as hyphens); a plain plural or singular of a name needs no entry here.
EQUIPMENT_ALIASES: dict[str, str] = {
    "resistance-band": "band",
    "exercise-band": "band",
    "elastic-band": "band",
    "loop-band": "band",
    "mini-band": "band",
    "theraband": "band",
    "dumb-bell": "dumbbells",
    "hand-weight": "dumbbells",
    "kettle-bell": "kettlebell",
    "weight-bench": "bench",
    "exercise-bench": "bench",
    "gym-bench": "bench",
    "benches": "bench",
    "stability-ball": "ball",
    "swiss-ball": "ball",
    "exercise-ball": "ball",
    "gym-ball": "ball",
    "fitness-ball": "ball",
    "physio-ball": "ball",
    "yoga-ball": "ball",
    "gym-machine": "machine",
    "weight-machine": "machine",
}


def equipment_name(word: str) -> str | None:
    """The vocabulary's name for what a user typed: 'Resistance bands' is 'band', 'dumbbell'
    is 'dumbbells'; None if it names nothing we know."""
    key = "-".join(word.strip().lower().replace("_", " ").replace("-", " ").split())
    for form in (key, key.removesuffix("s"), key + "s"):
        if form in EQUIPMENT:
            return form
        if form in EQUIPMENT_ALIASES:
            return EQUIPMENT_ALIASES[form]
    return None


def chosen_equipment(items: list[str]) -> tuple[str, ...] | str:
    """Equipment names as typed (any case, singular or plural, or an alias), or `none` or
    `all`, in the vocabulary's order; the first unknown name instead, for the caller to word
    its own error."""
    if items == ["all"]:
        return EQUIPMENT
    if items in (["none"], []):
        return ()
    chosen = set()
    for item in items:
        name = equipment_name(item)
        if name is None:
            return item
        chosen.add(name)
    return tuple(e for e in EQUIPMENT if e in chosen)


Source = Literal["article", "added", "imported"]

# Where an exercise is done; a session changes position only a few times (contract rule 12).
Position = Literal["standing", "seated", "kneeling", "lying"]
POSITIONS: tuple[str, ...] = get_args(Position)
# An exercise id: lower-case words and numbers joined by single hyphens, at most 40 characters
# (the catalogue's schema; models.ExerciseId).
EXERCISE_ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
EXERCISE_ID_MAX = 40


def is_exercise_id(text: str) -> bool:
    import re

    return len(text) <= EXERCISE_ID_MAX and re.fullmatch(EXERCISE_ID_PATTERN, text) is not None


# `--avoid floor`: the positions that need getting down to the floor and up again.
AVOID_ALIASES = {"floor": ("kneeling", "lying")}
AVOID_WORDS: tuple[str, ...] = (*POSITIONS, *AVOID_ALIASES)


def avoided_positions(items: list[str]) -> tuple[str, ...] | str:
    """Positions to leave out as typed (any case; `floor` is kneeling and lying; `none` is
    none), in the vocabulary's order; the first unknown word instead, for the caller to word
    its own error."""
    if items in (["none"], []):
        return ()
    chosen: set[str] = set()
    for item in items:
        word = item.strip().lower()
        if word in POSITIONS:
            chosen.add(word)
        elif word in AVOID_ALIASES:
            chosen.update(AVOID_ALIASES[word])
        else:
            return item
    return tuple(p for p in POSITIONS if p in chosen)


# The part of a session an exercise belongs to, in the order they are done.
Block = Literal["warm-up", "main", "cool-down"]
BLOCKS: tuple[str, ...] = get_args(Block)

# A clinician's "directional preference": the direction of spinal movement that eases symptoms.
Prefer = Literal["neutral", "flexion", "extension"]
PREFERENCES: tuple[str, ...] = get_args(Prefer)
PREFER_DEFAULT = "neutral"

# Tags the planner and the catalogue share. A group's required_movements are tags too (the hip
# group's abduction and adduction); every lower-back mobility item with a direction carries
# spinal-flexion or spinal-extension.
Tag = Literal[
    "abduction",  # moves the thigh away from the body's midline
    "adduction",  # moves the thigh towards the midline
    "hip-extension",  # bridges, thrusts, leg moves behind the body
    "hinge",  # bending forward from the hips
    "knee-flexion",  # hamstring curls
    "squat",  # squats, sit-to-stand, wall sits
    "lunge",  # split stance
    "single-leg",  # one leg carries the load
    "isometric",  # a held contraction without movement
    "core",  # trunk bracing, planks, bird dog
    "nerve-slider",  # a sciatic nerve glide that slides the nerve without tensioning it
    "nerve-tension",  # tensions the sciatic nerve: a straight-knee hamstring stretch, say
    # A stretch or position that loads an irritated sciatic nerve (hamstring stretches, figure-4
    # and piriformis stretches): left out in a flare or while symptoms spread (rule 23).
    "nerve-load",
    "position-of-ease",  # a resting position that unloads the back and the nerve
    "heavy",  # heavy or eccentric-heavy loading: barbell lifts, Nordic curls
    "mobility",  # gentle movement through a comfortable range
    "spinal-flexion",  # the spine bends forward
    "spinal-extension",  # the spine bends backward
    "balance",  # needs steadiness on the feet
]
TAGS: tuple[str, ...] = get_args(Tag)

# A strength exercise's movement pattern (schema 3): programmes are written and progressed by
# pattern, one exercise per pattern in a session, and easier/harder chains run along one pattern.
Pattern = Literal[
    "bridge",  # lying on the back, lifting the hips: bridges and hip thrusts
    "hinge",  # bending forward from the hips with a neutral back: deadlifts, the hinge drill
    "squat",  # both knees and hips bending together: sit-to-stand, squats, wall sits, leg press
    "lunge",  # split stance, the front leg doing most of the work
    "step",  # stepping up onto or down from a step on one leg
    "knee-flexion",  # bending the knee against a load: hamstring curls
    "knee-extension",  # straightening the knee against a load: quad sets, knee extensions
    "hip-abduction",  # moving the thigh out to the side: clamshells, side leg lifts
    "hip-adduction",  # drawing the thigh in: adductor squeezes, Copenhagen planks
    "hip-extension",  # taking the leg back from the hip: kickbacks, glute squeezes
    "anti-extension",  # keeping the back from arching: brace, dead bug, front plank, curl-up
    "anti-rotation",  # keeping the trunk from twisting: bird dogs
    "lateral-core",  # keeping the trunk from bending sideways: side bridges
    "back-extension",  # lifting the trunk against gravity, face down: the superman
]
PATTERNS: tuple[str, ...] = get_args(Pattern)

# The pattern of a strength exercise whose catalogue entry names none (catalogues written before
# schema 3, imported ones): the first of its tags found here, in this order, else its primary
# group's. One place, used by models.Exercise and the importers.
PATTERN_BY_TAG: dict[str, str] = {
    "hinge": "hinge",
    "squat": "squat",
    "lunge": "lunge",
    "knee-flexion": "knee-flexion",
    "abduction": "hip-abduction",
    "adduction": "hip-adduction",
    "hip-extension": "hip-extension",
    "spinal-extension": "back-extension",
}
PATTERN_BY_GROUP: dict[str, str] = {
    "glutes": "hip-extension",
    "hamstrings": "knee-flexion",
    "quadriceps": "knee-extension",
    "lower-back": "anti-extension",
    "hip-abductors-adductors": "hip-abduction",
}


def inferred_pattern(tags: object, groups: object) -> str | None:
    """The pattern PATTERN_BY_TAG or PATTERN_BY_GROUP gives a strength exercise with these tags
    and groups (primary first), or None when neither names one (the lists may be unchecked
    data, so anything else counts as empty)."""
    tag_list = list(tags) if isinstance(tags, (list, tuple)) else []
    for tag, pattern in PATTERN_BY_TAG.items():
        if tag in tag_list:
            return pattern
    if isinstance(groups, (list, tuple)) and groups and isinstance(groups[0], str):
        return PATTERN_BY_GROUP.get(groups[0])
    return None


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)

DAYS_MIN, DAYS_MAX, DAYS_DEFAULT = 2, 6, 3
MINUTES_MIN, MINUTES_MAX, MINUTES_DEFAULT = 10, 120, 30
PAIN_MIN, PAIN_MAX = 0, 10
PROGRAM_WEEKS_MIN, PROGRAM_WEEKS_MAX = 1, 12
HISTORY_DAYS_DEFAULT = 30
# The years a date may name (--start, --date, a journal entry): any real diary or plan fits, and
# date arithmetic (a 12-week programme, the week after) stays far from Python's year 9999 limit.
YEAR_MIN, YEAR_MAX = 1900, 2999
HISTORY_DAYS_MAX = 36500  # a hundred years: any journal fits, and the dates stay in range

# Training days used when the user gives only --days: spread so rest days fall between sessions.
DEFAULT_SPREAD: dict[int, tuple[str, ...]] = {
    2: ("mon", "thu"),
    3: ("mon", "wed", "fri"),
    4: ("mon", "tue", "thu", "fri"),
    5: ("mon", "tue", "wed", "fri", "sat"),
    6: ("mon", "tue", "wed", "thu", "fri", "sat"),
}
# `report --days N`: at least a week, so the adherence has one full week; at most a year.
REPORT_DAYS_MIN, REPORT_DAYS_MAX, REPORT_DAYS_DEFAULT = 7, 365, 28

# How an exercise felt (`log --felt ID=HOW`, guide's one-key question), in the order asked.
Feeling = Literal["easy", "right", "hard", "painful"]
FEELINGS: tuple[str, ...] = get_args(Feeling)
# The Patient-Specific Functional Scale (Stratford et al. 1995 [F1]): 1 to 5 activities, each
# rated 0 (unable) to 10 (as before the problem); an activity in the user's words, kept short
# enough to fit a table row.
PSFS_ACTIVITIES_MIN, PSFS_ACTIVITIES_MAX = 1, 5
PSFS_ACTIVITY_MAX_CHARS = 80
PSFS_SCORE_MIN, PSFS_SCORE_MAX = 0, 10

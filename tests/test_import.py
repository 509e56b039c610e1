"""`import free-exercise-db`: the mapping table entry by entry, the round trip to planned weeks,
malformed input and the safe-write rules, on a small fixture written here in that JSON shape."""

from __future__ import annotations

import copy
import json
import tracemalloc
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings
from test_planner import check_rules, options

from sciatica_planner.catalogue import bundled_catalogue_data, load_catalogue
from sciatica_planner.cli import cli
from sciatica_planner.importers import free_exercise_db as fedb
from sciatica_planner.importers.free_exercise_db import (
    CAUTION,
    FREE_EXERCISE_DB,
    FreeExercise,
    ImportFileError,
    import_free_exercise_db,
    map_exercise,
)
from sciatica_planner.planning import PlanError, plan_week
from sciatica_planner.safety import DISCLAIMER_LINE
from strategies import plan_options

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

    from sciatica_planner.models import Catalogue, PlanOptions


def entry(
    name: str,
    *,
    category: str = "strength",
    level: str = "beginner",
    equipment: str | None = "body only",
    primary: tuple[str, ...] = ("glutes",),
    secondary: tuple[str, ...] = (),
    instructions: tuple[str, ...] = ("Lie on your back with your knees bent.", "Lift slowly."),
) -> dict[str, Any]:
    """One entry in free-exercise-db's shape (every key it has, as its exercises.json gives)."""
    key = name.replace(" ", "_").replace("/", "_")
    return {
        "name": name,
        "force": "push",
        "level": level,
        "mechanic": "compound",
        "equipment": equipment,
        "primaryMuscles": list(primary),
        "secondaryMuscles": list(secondary),
        "instructions": list(instructions),
        "category": category,
        "images": [f"{key}/0.jpg", f"{key}/1.jpg"],
        "id": key,
    }


# Written for these tests, in the database's shape: not a copy of it.
FIXTURE: list[dict[str, Any]] = [
    entry("Floor Hip Lift", secondary=("hamstrings",)),
    entry(
        "Banded Side Step",
        equipment="bands",
        primary=("abductors",),
        secondary=("glutes",),
        instructions=("Stand with a band around both knees.", "Step sideways, then back."),
    ),
    entry(
        "Cable Hip Adduction",
        level="intermediate",
        equipment="cable",
        primary=("adductors",),
        instructions=("Stand side-on to a low pulley.", "Draw the leg across your body."),
    ),
    entry(
        "Back Squat",
        level="expert",
        equipment="barbell",
        primary=("quadriceps",),
        secondary=("glutes", "hamstrings", "lower back"),
        instructions=("Stand under the bar with it across your upper back.", "Squat down."),
    ),
    entry(
        "Goblet Squat",
        equipment="kettlebells",
        primary=("quadriceps",),
        secondary=("glutes",),
        instructions=("Stand holding a kettlebell at your chest.", "Sit back and down."),
    ),
    entry(
        "Seated Hamstring Curl",
        level="intermediate",
        equipment="machine",
        primary=("hamstrings",),
        instructions=("Sit on the machine with the pad behind your ankles.", "Curl your legs."),
    ),
    entry(
        "Ball Leg Curl",
        equipment="exercise ball",
        primary=("hamstrings",),
        secondary=("glutes",),
        instructions=("Lie on your back with your heels on the ball.", "Roll the ball in."),
    ),
    entry(
        "Dumbbell Step-Up",
        equipment="dumbbell",
        primary=("quadriceps",),
        secondary=("glutes",),
        instructions=(
            "Stand facing a bench with a dumbbell in each hand.",
            "Step up onto the bench, then down. Repeat with the other leg.",
        ),
    ),
    entry(
        "Prone Back Raise",
        primary=("lower back",),
        instructions=("Lie face down with your arms by your sides.", "Lift your chest a little."),
    ),
    entry(
        "Seated Hamstring Reach",
        category="stretching",
        primary=("hamstrings",),
        instructions=(
            "Sit on the floor with one leg straight.",
            "Reach towards your toes and hold. Switch sides.",
        ),
    ),
    entry(
        "Kneeling Thigh Stretch",
        category="stretching",
        primary=("quadriceps",),
        instructions=("Kneel on one knee on a mat.", "Press your hips forward and hold."),
    ),
    # Left out, one reason each.
    entry("Hammer Curl", equipment="dumbbell", primary=("biceps",), secondary=("forearms",)),
    entry("Box Jump", category="plyometrics", primary=("quadriceps",)),
    entry("Roller Thigh", category="stretching", equipment="foam roll", primary=("quadriceps",)),
    entry("Partner Groin Stretch", category="stretching", equipment=None, primary=("adductors",)),
    entry("Knees To Chest", category="stretching", primary=("lower back",)),
    entry("Ez Bar Deadlift", equipment="e-z curl bar", primary=("hamstrings",)),
]
IMPORTED_IDS = [
    "fedb-floor-hip-lift",
    "fedb-banded-side-step",
    "fedb-cable-hip-adduction",
    "fedb-back-squat",
    "fedb-goblet-squat",
    "fedb-seated-hamstring-curl",
    "fedb-ball-leg-curl",
    "fedb-dumbbell-step-up",
    "fedb-prone-back-raise",
    "fedb-seated-hamstring-reach",
    "fedb-kneeling-thigh-stretch",
]
START = "2026-11-30"


def write_fixture(folder: Path, entries: object = FIXTURE, name: str = "exercises.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(entries, indent=2), encoding="utf-8")
    return path


def mapped(**changes: Any) -> dict[str, Any] | str:
    name = changes.pop("name", "Test Move")
    return map_exercise(FreeExercise.model_validate(entry(name, **changes)))


@pytest.fixture
def imported_path(tmp_path: Path, runner: CliRunner) -> Path:
    output = tmp_path / "more.yaml"
    source = write_fixture(tmp_path)
    result = runner.invoke(
        cli, ["import", "free-exercise-db", str(source), "-o", str(output)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    return output


# -- The mapping table, entry by entry ------------------------------------------------------------

EXPECTED_MUSCLES = {
    "glutes": ("glutes", None),
    "hamstrings": ("hamstrings", None),
    "quadriceps": ("quadriceps", None),
    "lower back": ("lower-back", None),
    "abductors": ("hip-abductors-adductors", "abduction"),
    "adductors": ("hip-abductors-adductors", "adduction"),
}
UPPER_AND_OTHER = [
    "abdominals",
    "biceps",
    "calves",
    "chest",
    "forearms",
    "lats",
    "middle back",
    "neck",
    "shoulders",
    "traps",
    "triceps",
]


@pytest.mark.parametrize(("muscle", "expected"), EXPECTED_MUSCLES.items())
def test_each_lower_body_muscle_maps_to_its_group(
    muscle: str, expected: tuple[str, str | None]
) -> None:
    assert FREE_EXERCISE_DB.muscles[muscle] == expected
    result = mapped(primary=(muscle,))
    assert isinstance(result, dict)
    group, tag = expected
    assert result["groups"] == [group]
    assert (tag in result["tags"]) if tag else not {"abduction", "adduction"} & set(result["tags"])


@pytest.mark.parametrize("muscle", UPPER_AND_OTHER)
def test_exercises_mainly_for_other_muscles_are_left_out(muscle: str) -> None:
    assert FREE_EXERCISE_DB.muscles[muscle] is None
    # Even with lower-body muscles among the secondary ones: the main work is elsewhere.
    result = mapped(primary=(muscle,), secondary=("glutes",))
    assert result == (
        "mainly trains muscles outside the five groups (upper body, abdominals, calves)"
    )


def test_secondary_muscles_add_groups_after_the_main_ones() -> None:
    result = mapped(primary=("quadriceps", "biceps"), secondary=("adductors", "glutes", "calves"))
    assert isinstance(result, dict)
    assert result["groups"] == ["quadriceps", "hip-abductors-adductors", "glutes"]
    # A secondary adductor does not make the exercise the week's adduction work.
    assert "adduction" not in result["tags"]


@pytest.mark.parametrize(
    ("category", "kind"),
    [
        ("strength", "strength"),
        ("stretching", "stretch"),
        ("plyometrics", None),
        ("powerlifting", None),
        ("olympic weightlifting", None),
        ("strongman", None),
        ("cardio", None),
    ],
)
def test_each_category_maps_to_a_kind_or_is_left_out(category: str, kind: str | None) -> None:
    assert FREE_EXERCISE_DB.categories[category] == kind
    result = mapped(category=category, primary=("quadriceps",))
    if kind is None:
        assert result == f"category {category} (no place in a sciatica routine)"
    else:
        assert isinstance(result, dict) and result["kind"] == kind


@pytest.mark.parametrize(
    ("level", "ours"),
    [("beginner", "beginner"), ("intermediate", "intermediate"), ("expert", "advanced")],
)
def test_each_level_maps(level: str, ours: str) -> None:
    assert FREE_EXERCISE_DB.levels[level] == ours
    result = mapped(level=level)
    assert isinstance(result, dict) and result["level"] == ours


@pytest.mark.parametrize(
    ("equipment", "ours"),
    [
        ("body only", []),
        ("bands", ["band"]),
        ("dumbbell", ["dumbbells"]),
        ("kettlebells", ["kettlebell"]),
        ("barbell", ["barbell"]),
        ("machine", ["machine"]),
        ("cable", ["machine"]),
        ("exercise ball", ["ball"]),
        ("medicine ball", None),
        ("foam roll", None),
        ("e-z curl bar", None),
        ("other", None),
        (None, None),
    ],
)
def test_each_equipment_maps_or_is_left_out(equipment: str | None, ours: list[str] | None) -> None:
    expected_table = None if ours is None else tuple(ours)
    assert FREE_EXERCISE_DB.equipment[equipment] == expected_table
    result = mapped(equipment=equipment)
    if ours is None:
        what = "not stated" if equipment is None else equipment
        assert result == f"equipment {what} (no equivalent)"
    else:
        assert isinstance(result, dict) and result["equipment"] == ours


def test_unknown_values_are_left_out_with_their_value() -> None:
    assert mapped(category="yoga") == "category 'yoga' (unknown)"
    assert mapped(level="elite") == "level 'elite' (unknown)"
    assert mapped(equipment="sled") == "equipment 'sled' (unknown)"
    assert mapped(instructions=()) == "no instructions"


def test_barbell_lifts_are_heavy_and_nothing_else_is() -> None:
    heavy = mapped(equipment="barbell", primary=("quadriceps",))
    light = mapped(equipment="dumbbell", primary=("quadriceps",))
    assert isinstance(heavy, dict) and isinstance(light, dict)
    assert "heavy" in heavy["tags"] and "heavy" not in light["tags"]


def test_a_bench_in_the_instructions_is_equipment_too() -> None:
    result = mapped(
        equipment="dumbbell", instructions=("Sit on a bench.", "Press the dumbbells up.")
    )
    assert isinstance(result, dict) and result["equipment"] == ["dumbbells", "bench"]


FIXTURE_PATTERNS = {
    "Floor Hip Lift": "bridge",
    "Banded Side Step": "hip-abduction",  # no word in the name: inferred from the abduction tag
    "Cable Hip Adduction": "hip-adduction",
    "Back Squat": "squat",
    "Goblet Squat": "squat",
    "Seated Hamstring Curl": "knee-flexion",
    "Ball Leg Curl": "knee-flexion",
    "Dumbbell Step-Up": "step",
    "Prone Back Raise": "back-extension",
    "Seated Hamstring Reach": None,  # a stretch: no pattern
    "Kneeling Thigh Stretch": None,
}


def test_imported_strength_work_gets_a_movement_pattern() -> None:
    patterns = {}
    for raw in FIXTURE:
        mapped = map_exercise(FreeExercise.model_validate(raw))
        if isinstance(mapped, dict):
            patterns[raw["name"]] = mapped.get("pattern")
    assert patterns == FIXTURE_PATTERNS


@pytest.mark.parametrize(
    ("name", "primary", "pattern"),
    [
        ("Dumbbell Split Squat", ("quadriceps",), "lunge"),
        ("Romanian Deadlift", ("hamstrings",), "hinge"),
        ("Barbell Hip Thrust", ("glutes",), "bridge"),
        ("Leg Extensions", ("quadriceps",), "knee-extension"),
        ("Glute Kickback", ("glutes",), "hip-extension"),
        ("Side Bridge", ("lower back",), "lateral-core"),
        # No word in the name: the primary group's pattern.
        ("Thigh Thing", ("hamstrings",), "knee-flexion"),
        ("Trunk Thing", ("lower back",), "anti-extension"),
    ],
)
def test_a_pattern_from_the_name_else_inferred(
    name: str, primary: tuple[str, ...], pattern: str
) -> None:
    mapped = map_exercise(FreeExercise.model_validate(entry(name, primary=primary)))
    assert isinstance(mapped, dict)
    assert mapped["pattern"] == pattern


def test_without_the_bundled_exercises_the_programme_design_keeps_what_the_import_trains(
    tmp_path: Path,
) -> None:
    result = import_free_exercise_db(
        write_fixture(tmp_path), bundled_catalogue_data(), keep_bundled=False
    )
    data = result.catalogue_data()
    foundations = [slot["patterns"] for slot in data["foundation_patterns"]]
    # The fixture has bridges, squats, steps and hip work, but no hinge, lunge or trunk work.
    assert foundations == [["bridge"], ["squat", "step"], ["hip-abduction"], ["hip-adduction"]]
    assert data["session_templates"]["B"][0]["patterns"] == ["bridge"]
    with_bundled = import_free_exercise_db(write_fixture(tmp_path), bundled_catalogue_data())
    assert (
        with_bundled.catalogue_data()["foundation_patterns"]
        == (bundled_catalogue_data()["foundation_patterns"])
    )


def test_stretches_of_the_hamstrings_tension_the_nerve_and_back_stretches_are_left_out() -> None:
    hamstrings = mapped(category="stretching", primary=("hamstrings",))
    quads = mapped(category="stretching", primary=("quadriceps",))
    assert isinstance(hamstrings, dict) and isinstance(quads, dict)
    assert "nerve-tension" in hamstrings["tags"] and "nerve-tension" not in quads["tags"]
    back = mapped(category="stretching", primary=("lower back",))
    assert back == "a lower-back stretch (its direction of spinal movement is not stated)"


@pytest.mark.parametrize(
    ("first", "position"),
    [
        ("Lie on your back on the floor.", "lying"),
        ("Lying face down, rest your forehead on your hands.", "lying"),
        ("Start on your hands and knees.", "kneeling"),
        ("Kneel on a mat.", "kneeling"),
        ("Sit on the machine.", "seated"),
        ("Seated on a bench, hold the dumbbells.", "seated"),
        ("Stand tall.", "standing"),
        ("Grab the handles.", "standing"),  # nothing said: standing
        ("Stand up, then lie down.", "standing"),  # unclear: standing
    ],
)
def test_position_comes_from_the_first_instruction_where_clear(first: str, position: str) -> None:
    result = mapped(instructions=(first, "Sit down afterwards."))
    assert isinstance(result, dict) and result["position"] == position


@pytest.mark.parametrize(
    ("last", "per_side"),
    [
        ("Repeat with the other leg.", True),
        ("Switch sides.", True),
        ("Do the same on each side.", True),
        ("Repeat for the recommended repetitions.", False),
    ],
)
def test_per_side_from_the_wording(last: str, per_side: bool) -> None:
    result = mapped(instructions=("Stand tall.", last))
    assert isinstance(result, dict) and result["per_side"] is per_side


@pytest.mark.parametrize(
    ("category", "level", "sets", "sets_range", "dose_key", "dose", "dose_range"),
    [
        ("strength", "beginner", 2, [1, 3], "reps", 10, [8, 12]),
        ("strength", "intermediate", 3, [2, 4], "reps", 10, [8, 12]),
        ("strength", "expert", 3, [2, 4], "reps", 10, [8, 12]),
        ("stretching", "beginner", 2, [2, 4], "hold_seconds", 30, [10, 30]),
        ("stretching", "expert", 2, [2, 4], "hold_seconds", 30, [10, 30]),
    ],
)
def test_doses_by_kind_and_level(
    category: str,
    level: str,
    sets: int,
    sets_range: list[int],
    dose_key: str,
    dose: int,
    dose_range: list[int],
) -> None:
    result = mapped(category=category, level=level, primary=("quadriceps",))
    assert isinstance(result, dict)
    assert result["sets"] == sets and result[dose_key] == dose
    assert result["dose_range"] == {"sets": sets_range, dose_key: dose_range}


def test_every_imported_exercise_is_marked_and_never_flare_safe() -> None:
    result = mapped()
    assert isinstance(result, dict)
    assert result["flare_safe"] is False
    assert result["source"] == "imported"
    assert result["cautions"] == [CAUTION]
    assert "not reviewed for sciatica" in CAUTION
    assert result["figure"] is None
    assert result["steps"] == ["Lie on your back with your knees bent.", "Lift slowly."]


# -- Ids ---------------------------------------------------------------------------------------


def test_ids_keep_their_origin_and_never_collide(tmp_path: Path) -> None:
    bundled = bundled_catalogue_data()
    ours = bundled["exercises"][0]["id"]
    clash = {**copy.deepcopy(bundled["exercises"][0]), "id": "fedb-glute-bridge"}
    bundled["exercises"].append(clash)
    long_name = "A " + "Very Long Name " * 6
    entries = [
        entry("Glute Bridge"),
        entry("Glute/Bridge"),  # slugs to the same id as the first
        entry(long_name),
        entry(long_name + "!"),
        {**entry("Any"), "id": ours},  # their id equal to one of ours
    ]
    result = import_free_exercise_db(write_fixture(tmp_path, entries), bundled)
    ids = [e["id"] for e in result.exercises]
    assert ids[:2] == ["fedb-glute-bridge-2", "fedb-glute-bridge-3"]
    assert all(i.startswith("fedb-") and len(i) <= 40 for i in ids)
    assert ids[4] == f"fedb-{ours}"
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {e["id"] for e in bundled["exercises"]}


# -- Round trip: import, validate, plan --------------------------------------------------------


def test_import_writes_a_catalogue_that_validates_and_says_what_it_did(
    tmp_path: Path, runner: CliRunner
) -> None:
    source = write_fixture(tmp_path)
    output = tmp_path / "more.yaml"
    result = runner.invoke(
        cli, ["import", "free-exercise-db", str(source), "-o", str(output)], catch_exceptions=False
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    bundled = len(load_catalogue().exercises)
    assert result.stderr.splitlines() == [
        f"Read 17 exercises from {source}.",
        "Imported 11: glutes 1, hamstrings 3, quadriceps 4, lower back 1, hips 2.",
        "Left out 6:",
        "  1  a lower-back stretch (its direction of spinal movement is not stated)",
        "  1  category plyometrics (no place in a sciatica routine)",
        "  1  equipment e-z curl bar (no equivalent)",
        "  1  equipment foam roll (no equivalent)",
        "  1  equipment not stated (no equivalent)",
        "  1  mainly trains muscles outside the five groups (upper body, abdominals, calves)",
        f"Wrote {output} ({bundled + 11} exercises, 11 imported).",
        f"Plan from it with: sciatica-plan --catalogue {output} week",
        DISCLAIMER_LINE,
    ]
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# A sciatica-plan catalogue")
    assert "healthcare professional" in text.split("\n\n")[0]
    checked = runner.invoke(cli, ["validate", str(output)], catch_exceptions=False)
    assert checked.exit_code == 0
    catalogue = load_catalogue(output)
    imported = [e.id for e in catalogue.exercises if e.source == "imported"]
    assert imported == IMPORTED_IDS
    assert len(catalogue.exercises) == bundled + 11


def test_show_json_of_an_imported_exercise(imported_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        ["--catalogue", str(imported_path), "show", "fedb-dumbbell-step-up", "--json"],
        catch_exceptions=False,
    )
    data = json.loads(result.stdout)
    assert data["source"] == "imported" and data["flare_safe"] is False
    assert data["figure"] is None and data["cautions"] == [CAUTION]
    assert data["equipment"] == ["dumbbells", "bench"] and data["per_side"] is True
    assert data["groups"] == ["quadriceps", "glutes"] and data["position"] == "standing"


@pytest.mark.parametrize(
    "extra",
    [
        [],
        ["--level", "advanced", "--equipment", "all", "--minutes", "45"],
        ["--level", "intermediate", "--equipment", "band,dumbbells", "--days", "4"],
        ["--pain", "5"],
        ["--pain", "8"],
        ["--prefer", "extension", "--on", "tue,thu,sat"],
    ],
)
def test_week_from_the_import_plans(
    imported_path: Path, runner: CliRunner, extra: list[str]
) -> None:
    argv = ["--catalogue", str(imported_path), "week", "--start", START, "--no-journal", "--json"]
    result = runner.invoke(cli, argv + extra, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    week = json.loads(result.stdout)
    assert len(week["days"]) == 7


IMPORTED: Catalogue | None = None


def imported_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    global IMPORTED  # noqa: PLW0603  # built once: hypothesis calls the test many times
    if IMPORTED is None:
        folder = tmp_path_factory.mktemp("import")
        result = import_free_exercise_db(write_fixture(folder), bundled_catalogue_data())
        output = folder / "more.yaml"
        output.write_text(result.catalogue_yaml(), encoding="utf-8")
        IMPORTED = load_catalogue(output)
    return IMPORTED


@settings(max_examples=60)
@given(opts=plan_options())
def test_weeks_from_the_import_keep_every_rule(
    tmp_path_factory: pytest.TempPathFactory, opts: PlanOptions
) -> None:
    catalogue = imported_catalogue(tmp_path_factory)
    try:
        plan = plan_week(catalogue, opts)
    except PlanError as error:
        # As with the bundled catalogue: only a session too short to hold the day's work.
        assert error.filter == "--minutes", error
        return
    check_rules(plan, catalogue, opts)
    for day in plan.days:
        for item in day.exercises:
            if item.id.startswith("fedb-"):
                assert opts.pain <= 3  # never flare-safe: no imported work at pain 4 or more


def test_imported_exercises_are_planned(tmp_path_factory: pytest.TempPathFactory) -> None:
    catalogue = imported_catalogue(tmp_path_factory)
    planned = set()
    for seed in range(12):
        opts = options(level="intermediate", equipment=("band", "dumbbells", "machine"), seed=seed)
        plan = plan_week(catalogue, opts)
        check_rules(plan, catalogue, opts)
        planned |= {e.id for d in plan.days for e in d.exercises if e.id.startswith("fedb-")}
    assert planned, "the imported exercises are never chosen"


def test_no_bundled_writes_only_the_import_and_a_week_fails_cleanly(
    tmp_path: Path, runner: CliRunner
) -> None:
    output = tmp_path / "pure.yaml"
    argv = ["import", "free-exercise-db", str(write_fixture(tmp_path)), "-o", str(output)]
    result = runner.invoke(cli, [*argv, "--no-bundled"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    catalogue = load_catalogue(output)
    assert [e.id for e in catalogue.exercises] == IMPORTED_IDS
    week = runner.invoke(cli, ["--catalogue", str(output), "week", "--start", START])
    assert week.exit_code == 1
    assert week.stderr.startswith("Error: ") and "Traceback" not in week.stderr
    assert "warm-up" in week.stderr  # the planner names what is missing


def test_nothing_to_import_is_an_error_after_the_summary(tmp_path: Path, runner: CliRunner) -> None:
    output = tmp_path / "none.yaml"
    source = write_fixture(tmp_path, [entry("Curl", primary=("biceps",))])
    result = runner.invoke(
        cli, ["import", "free-exercise-db", str(source), "-o", str(output), "--no-bundled"]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {source}: no exercise could be imported (see the summary)"
    )
    assert "Left out 1:" in result.stderr
    assert not output.exists()


# -- Malformed input ---------------------------------------------------------------------------


def _with(index: int, **changes: object) -> list[dict[str, Any]]:
    entries = copy.deepcopy(FIXTURE)
    entries[index].update(changes)
    return entries


def _without(index: int, key: str) -> list[dict[str, Any]]:
    entries = copy.deepcopy(FIXTURE)
    del entries[index][key]
    return entries


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"not json at all", "is not JSON (line 1, column 1: Expecting value)"),
        (b'[{"id": "x",', "is not JSON (line 1, column 13: Expecting property name enclosed"),
        (b'{"exercises": []}', "must be a JSON list of exercises, as free-exercise-db's"),
        (b"[]", "holds no exercises (an empty list)"),
        (b"\xff\xfe[]", "is not UTF-8 text (line 1)"),
        (b"[" * 100_000, "is nested too deeply"),
        (json.dumps([1]).encode(), "entry 1: must be a JSON object (found a number)"),
        (
            json.dumps(_without(2, "category")).encode(),
            "entry 3 (id 'Cable_Hip_Adduction'): category: is required",
        ),
        (
            json.dumps(_with(1, primaryMuscles="abductors")).encode(),
            "entry 2 (id 'Banded_Side_Step'): primaryMuscles: must be a list",
        ),
        (
            json.dumps(_with(0, name=42)).encode(),
            "entry 1 (id 'Floor_Hip_Lift'): name: must be text",
        ),
        (
            json.dumps(_with(4, name="Goblet\x1b[31m Squat")).encode(),
            "entry 5 (id 'Goblet_Squat'): name: must not contain control characters "
            "(found '\\x1b')",
        ),
        (
            json.dumps(_with(12, instructions=["Jump.", "Land\x07softly."])).encode(),
            "entry 13 (id 'Box_Jump'): instructions[1]: must not contain control characters",
        ),
        (
            json.dumps(_with(3, name="   ")).encode(),
            "entry 4 (id 'Back_Squat'): name: must not be empty",
        ),
        (
            json.dumps(_with(6, id="bad\x00id", level=None)).encode(),
            "entry 7: id: must not contain control characters",
        ),
    ],
)
def test_malformed_input_names_the_file_and_the_entry(
    tmp_path: Path, runner: CliRunner, content: bytes, problem: str
) -> None:
    source = tmp_path / "exercises.json"
    source.write_bytes(content)
    output = tmp_path / "out.yaml"
    result = runner.invoke(cli, ["import", "free-exercise-db", str(source), "-o", str(output)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {source}: {problem}"), result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stdout == ""
    assert not output.exists()


def test_a_100_mb_file_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "huge.json"
    with source.open("wb") as stream:  # sparse: costs no disk
        stream.truncate(100 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError) as caught:
            import_free_exercise_db(source, bundled_catalogue_data())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == (
        f"{source}: is larger than 16 MB; free-exercise-db's whole exercises.json is about 1 MB"
    )
    assert peak < 2 * fedb.MAX_BYTES  # read up to the cap, never the whole file


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: folder / "missing.json", "no such file"),
        (lambda folder: folder, "is a folder, not a file"),
    ],
)
def test_unreadable_input(tmp_path: Path, runner: CliRunner, make: Any, problem: str) -> None:
    source = make(tmp_path)
    result = runner.invoke(
        cli, ["import", "free-exercise-db", str(source), "-o", str(tmp_path / "out.yaml")]
    )
    assert result.exit_code == 1
    assert result.stderr == f"Error: {source}: {problem}\n"


# -- Safe writes -------------------------------------------------------------------------------


def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    tmp_path: Path, runner: CliRunner
) -> None:
    source = write_fixture(tmp_path)
    output = tmp_path / "more.yaml"
    output.write_text("mine\n", encoding="utf-8")
    argv = ["import", "free-exercise-db", str(source), "-o", str(output)]
    refused = runner.invoke(cli, argv)
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {output}: already exists; use --force to replace it\n"
    assert output.read_text(encoding="utf-8") == "mine\n"
    replaced = runner.invoke(cli, [*argv, "--force"], catch_exceptions=False)
    assert replaced.exit_code == 0
    assert load_catalogue(output).exercise("fedb-back-squat") is not None
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_in_a_missing_folder_is_an_error(tmp_path: Path, runner: CliRunner) -> None:
    output = tmp_path / "nowhere" / "more.yaml"
    argv = ["import", "free-exercise-db", str(write_fixture(tmp_path)), "-o", str(output)]
    result = runner.invoke(cli, argv)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {output}: the folder {output.parent} does not exist\n"


# -- Marked in every view and export -----------------------------------------------------------

MARK = "(imported, not reviewed for sciatica)"


def _seed_planning_an_import(catalogue: Catalogue) -> tuple[int, str]:
    for seed in range(40):
        opts = options(level="advanced", equipment=("band", "dumbbells", "machine"), seed=seed)
        plan = plan_week(catalogue, opts)
        for day in plan.days:
            for item in day.exercises:
                if item.id.startswith("fedb-"):
                    return seed, day.date.isoformat()
    raise AssertionError("no seed plans an imported exercise")


def test_imported_exercises_are_marked_in_every_view_and_export(
    imported_path: Path, runner: CliRunner
) -> None:
    seed, date = _seed_planning_an_import(load_catalogue(imported_path))
    plan = [
        "--start", START, "--seed", str(seed), "--level", "advanced",
        "--equipment", "band,dumbbells,machine", "--no-journal",
    ]  # fmt: skip
    base = ["--catalogue", str(imported_path)]
    views = {
        "week": [*base, "week", *plan],
        "today": [*base, "today", *plan, "--date", date],
        "program": [*base, "program", "--weeks", "1", *plan],
        "exercises": [*base, "exercises", "quads"],
        "show": [*base, "show", "fedb-goblet-squat"],
        "markdown": [*base, "export", *plan, "--format", "markdown", "-o", "-"],
        "html": [*base, "export", *plan, "--format", "html", "-o", "-"],
        "ics": [*base, "export", *plan, "--format", "ics", "-o", "-"],
    }
    for name, argv in views.items():
        result = runner.invoke(cli, argv, catch_exceptions=False, env={"COLUMNS": "200"})
        assert result.exit_code == 0, (name, result.stderr)
        text = result.stdout
        if name == "ics":  # iCalendar folds long lines (click reads CRLF as LF), escapes commas
            text = text.replace("\n ", "").replace("\\,", ",")
        flat = " ".join(text.split())
        assert MARK in flat, name
    week = runner.invoke(cli, [*base, "week", *plan, "--json"], catch_exceptions=False)
    planned = [e for d in json.loads(week.stdout)["days"] for e in d["exercises"]]
    assert any(CAUTION in e["cautions"] for e in planned if e["id"].startswith("fedb-"))
    assert all(CAUTION not in e["cautions"] for e in planned if not e["id"].startswith("fedb-"))
    shown = runner.invoke(cli, [*base, "show", "fedb-goblet-squat", "--json"])
    assert json.loads(shown.stdout)["source"] == "imported"


def test_bundled_exercises_carry_no_mark(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["week", "--start", START, "--no-journal"], catch_exceptions=False)
    assert "imported" not in result.stdout

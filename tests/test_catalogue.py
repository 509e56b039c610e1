"""The bundled catalogue's content, and the loader's answer to every kind of broken file."""

from __future__ import annotations

import copy
import functools
import random
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sciatica_planner import catalogue as catalogue_module
from sciatica_planner.catalogue import CatalogueError, bundled_catalogue_path, load_catalogue
from sciatica_planner.models import Catalogue

if TYPE_CHECKING:
    from sciatica_planner.models import Exercise

CANONICAL_GROUPS = ["glutes", "hamstrings", "quadriceps", "lower-back", "hip-abductors-adductors"]
HIP = "hip-abductors-adductors"


def beginner_at_home(e: Exercise) -> bool:
    """What someone new to exercise can do with nothing but a floor, a wall and a chair."""
    return e.level == "beginner" and not e.equipment


def primary_strength(catalogue: Catalogue, group: str) -> list[Exercise]:
    return [e for e in catalogue.exercises if e.kind == "strength" and e.groups[0] == group]


# -- the bundled catalogue, asked rather than listed -----------------------------------------------


def test_five_groups_with_the_canonical_ids(catalogue: Catalogue) -> None:
    assert [g.id for g in catalogue.groups] == CANONICAL_GROUPS


@pytest.mark.parametrize("group_id", CANONICAL_GROUPS)
def test_each_group_has_a_name_muscles_and_a_reason(catalogue: Catalogue, group_id: str) -> None:
    group = catalogue.group(group_id)
    assert group.name.strip()
    assert group.muscles
    assert all(m.strip() for m in group.muscles)
    # A reason is a sentence or two, not a word.
    assert len(group.why.split()) >= 10


def test_the_hip_group_names_both_abductors_and_adductors(catalogue: Catalogue) -> None:
    muscles = " ".join(catalogue.group(HIP).muscles).lower()
    assert "gluteus medius" in muscles
    assert "adductor" in muscles


def test_at_least_35_distinct_exercises(catalogue: Catalogue) -> None:
    ids = [e.id for e in catalogue.exercises]
    assert len(set(ids)) == len(ids)
    assert len(ids) >= 35


@pytest.mark.parametrize("group_id", CANONICAL_GROUPS)
def test_each_group_has_enough_strength_work(catalogue: Catalogue, group_id: str) -> None:
    strength = primary_strength(catalogue, group_id)
    assert len(strength) >= 5
    assert sum(not e.equipment for e in strength) >= 3
    assert sum(e.level == "beginner" for e in strength) >= 2


@pytest.mark.parametrize("group_id", CANONICAL_GROUPS)
def test_each_group_has_flare_safe_beginner_work_at_home(
    catalogue: Catalogue, group_id: str
) -> None:
    # So a beginner at home with pain 5 still gets a balanced week.
    gentle = [e for e in primary_strength(catalogue, group_id) if beginner_at_home(e)]
    assert sum(e.flare_safe for e in gentle) >= 2, [e.id for e in gentle]


@pytest.mark.parametrize("move", ["abduction", "adduction"])
def test_hip_group_has_flare_safe_beginner_work_each_way(catalogue: Catalogue, move: str) -> None:
    found = [
        e
        for e in primary_strength(catalogue, HIP)
        if beginner_at_home(e) and e.flare_safe and move in e.tags
    ]
    assert found


def test_every_hip_strength_exercise_says_which_way_it_moves(catalogue: Catalogue) -> None:
    for e in primary_strength(catalogue, HIP):
        assert {"abduction", "adduction"} & set(e.tags), e.id


def test_adductor_work_exists(catalogue: Catalogue) -> None:
    # The article names the adductors but lists only abduction exercises.
    adduction = [e for e in primary_strength(catalogue, HIP) if "adduction" in e.tags]
    assert len(adduction) >= 2
    assert any(e.source == "added" for e in adduction)


def test_gentle_hamstring_stretches_exist(catalogue: Catalogue) -> None:
    stretches = [
        e
        for e in catalogue.exercises
        if e.kind == "stretch" and "hamstrings" in e.groups and beginner_at_home(e) and e.flare_safe
    ]
    assert len(stretches) >= 2


def test_gentle_warm_ups_exist(catalogue: Catalogue) -> None:
    warm_ups = [
        e
        for e in catalogue.exercises
        if e.kind == "warm-up" and beginner_at_home(e) and e.flare_safe
    ]
    assert len(warm_ups) >= 2


def test_gentle_mobility_includes_nerve_glides_and_knee_to_chest(catalogue: Catalogue) -> None:
    glides = [e for e in catalogue.exercises if "nerve-slider" in e.tags and e.flare_safe]
    assert glides
    assert all(e.kind != "strength" for e in glides)
    assert any("knee to chest" in e.name.lower() and e.flare_safe for e in catalogue.exercises)


# -- schema 2: the catalogue trains every level (issue: a sound training week) -------------------


@pytest.mark.parametrize("group_id", CANONICAL_GROUPS)
@pytest.mark.parametrize("level", ["beginner", "intermediate", "advanced"])
def test_two_equipment_free_strength_exercises_per_group_and_level(
    catalogue: Catalogue, group_id: str, level: str
) -> None:
    found = [
        e.id for e in primary_strength(catalogue, group_id) if e.level == level and not e.equipment
    ]
    assert len(found) >= 2, found


def test_enough_warm_ups_stretches_and_directional_mobility(catalogue: Catalogue) -> None:
    kinds = [e.kind for e in catalogue.exercises]
    assert kinds.count("warm-up") >= 6
    assert kinds.count("stretch") >= 12
    hamstring_stretches = [
        e
        for e in catalogue.exercises
        if e.kind == "stretch" and "hamstrings" in e.groups and "nerve-tension" not in e.tags
    ]
    assert len(hamstring_stretches) >= 3
    for direction in ("spinal-flexion", "spinal-extension"):
        mobility = [
            e
            for e in catalogue.exercises
            if e.kind in ("mobility", "stretch") and direction in e.tags
        ]
        assert len(mobility) >= 3, direction
        assert sum(e.flare_safe for e in mobility) >= 2, direction


def test_every_bundled_entry_states_schema_2_fields() -> None:
    """Position, per side and a dose range are written out, not left to defaults."""
    raw = yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))
    for entry in raw["exercises"]:
        assert {"position", "per_side", "dose_range"} <= set(entry), entry["id"]
        limits = entry["dose_range"]
        assert limits["sets"][0] < limits["sets"][1] or entry["kind"] == "warm-up", entry["id"]


def test_every_stretch_can_reach_a_minute_a_side(catalogue: Catalogue) -> None:
    for e in catalogue.exercises:
        if e.kind == "stretch" and e.dose_range.hold_seconds:
            assert e.dose_range.sets[1] * e.dose_range.hold_seconds[1] >= 60, e.id


def test_nerve_and_heavy_tags_mark_what_they_say(catalogue: Catalogue) -> None:
    by_id = catalogue.by_id
    assert "nerve-tension" in by_id["seated-hamstring-stretch"].tags
    assert {"nerve-slider"} <= set(by_id["seated-sciatic-nerve-slider"].tags)
    for heavy in ("barbell-deadlift", "barbell-back-squat", "nordic-hamstring-curl"):
        assert "heavy" in by_id[heavy].tags, heavy
    assert all(e.level == "advanced" for e in catalogue.exercises if "heavy" in e.tags)


def test_the_brace_and_the_curl_up_agree_on_a_neutral_spine(catalogue: Catalogue) -> None:
    brace = " ".join(catalogue.by_id["abdominal-brace"].steps).lower()
    assert "flatten" not in brace
    assert "curve" in brace or "neutral" in brace


def test_the_hip_group_requires_both_movements(catalogue: Catalogue) -> None:
    assert catalogue.group(HIP).required_movements == ("abduction", "adduction")


ARTICLE_EXERCISES = [
    ("lunge", {"glutes", "quadriceps"}),
    ("squat", {"glutes", "quadriceps"}),
    ("hip thrust", {"glutes"}),
    ("leg curl", {"hamstrings"}),
    ("deadlift", {"hamstrings"}),
    ("leg press", {"hamstrings"}),
    ("wall sit", {"quadriceps"}),
    ("superman", {"lower-back"}),
    ("bird dog", {"lower-back"}),
    ("plank", {"lower-back"}),
    ("side-lying leg lift", {HIP}),
    ("clamshell", {HIP}),
    ("abduction machine", {HIP}),
]


@pytest.mark.parametrize(("words", "groups"), ARTICLE_EXERCISES)
def test_every_article_exercise_is_under_the_articles_groups(
    catalogue: Catalogue, words: str, groups: set[str]
) -> None:
    named = [e for e in catalogue.exercises if words in e.name.lower()]
    from_article = [e for e in named if e.source == "article"]
    # Named by the article, marked as such, and in every group the article names it for. A
    # shallow version (a mini squat) lists only the groups it loads substantially, so one of them.
    assert from_article, f"no exercise from the article named like {words!r}"
    assert any(groups <= set(e.groups) for e in from_article), words
    for e in named:
        assert groups & set(e.groups), (e.id, e.groups)


def test_sources_are_marked(catalogue: Catalogue) -> None:
    sources = {e.source for e in catalogue.exercises}
    assert sources == {"article", "added"}


PROMISE = re.compile(
    r"\b(cure[sd]?|curing|heal(s|ed|ing)?|guaranteed?|guarantees|proven|"
    r"eliminat(e|es|ed|ing)|get(s|ting)? rid of)\b",
    re.IGNORECASE,
)


def every_text(catalogue: Catalogue) -> list[str]:
    texts: list[str] = []
    for group in catalogue.groups:
        texts += [group.name, group.why, *group.muscles]
    for e in catalogue.exercises:
        texts += [e.name, *e.steps, *e.cues, *e.cautions, e.dose_note or ""]
    return texts


def test_the_promise_check_catches_promises_and_spares_healthcare() -> None:
    assert PROMISE.search("This will cure your pain")
    assert PROMISE.search("Helps you GET RID OF sciatica")
    assert PROMISE.search("a proven way to heal")
    assert not PROMISE.search("consult a healthcare professional; secure the band")


def test_no_catalogue_text_promises_a_cure(catalogue: Catalogue) -> None:
    promises = [text for text in every_text(catalogue) if PROMISE.search(text)]
    assert promises == []
    # Comments in the file too: the catalogue is read by people who write their own.
    raw = bundled_catalogue_path().read_text(encoding="utf-8")
    assert PROMISE.findall(raw) == []


def test_easier_and_harder_links_point_both_ways_sensibly(catalogue: Catalogue) -> None:
    levels = ["beginner", "intermediate", "advanced"]
    for e in catalogue.exercises:
        if e.harder:
            harder = catalogue.exercise(e.harder)
            assert harder is not None
            assert levels.index(harder.level) >= levels.index(e.level), (e.id, harder.id)
        if e.easier:
            easier = catalogue.exercise(e.easier)
            assert easier is not None
            assert levels.index(easier.level) <= levels.index(e.level), (e.id, easier.id)


# -- movement patterns, chains and tags (schema 3) -------------------------------------------------


def strength(catalogue: Catalogue) -> list[Exercise]:
    return [e for e in catalogue.exercises if e.kind == "strength"]


def test_every_bundled_strength_exercise_names_its_pattern_in_the_file() -> None:
    """The bundled catalogue relies on no inference: the file itself gives each pattern."""
    raw = yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))
    for entry in raw["exercises"]:
        if entry["kind"] == "strength":
            assert entry.get("pattern"), entry["id"]
        else:
            assert "pattern" not in entry, entry["id"]


def test_chains_run_along_one_pattern(catalogue: Catalogue) -> None:
    for e in strength(catalogue):
        for link in (e.easier, e.harder):
            other = catalogue.exercise(link) if link else None
            if other is not None and other.kind == "strength":
                assert other.pattern == e.pattern, (e.id, e.pattern, other.id, other.pattern)


@pytest.mark.parametrize("link", ["harder", "easier"])
def test_following_a_chain_never_loops(catalogue: Catalogue, link: str) -> None:
    for start in catalogue.exercises:
        seen = [start.id]
        current: Exercise | None = start
        while current is not None and getattr(current, link) is not None:
            next_id = getattr(current, link)
            assert next_id not in seen, f"{' -> '.join(seen)} -> {next_id}"
            seen.append(next_id)
            current = catalogue.exercise(next_id)


def chain_from(catalogue: Catalogue, first: str) -> list[str]:
    """The ladder up from `first`, following `harder`."""
    ids = [first]
    while (harder := catalogue.by_id[ids[-1]].harder) is not None:
        ids.append(harder)
    return ids


def test_the_foundation_ladders_start_where_a_beginner_starts(catalogue: Catalogue) -> None:
    """Contract rule 21: a glute bridge, a sit-to-stand, a half bird dog are the entry points."""
    for entry in ("glute-bridge", "sit-to-stand", "half-bird-dog"):
        assert catalogue.by_id[entry].easier is None, entry
    assert chain_from(catalogue, "glute-bridge") == [
        "glute-bridge",
        "marching-glute-bridge",
        "single-leg-glute-bridge",
        "hip-thrust",
        "loaded-hip-thrust",
    ]
    assert chain_from(catalogue, "hip-hinge-drill") == [
        "hip-hinge-drill",
        "romanian-deadlift",
        "barbell-deadlift",
    ]
    assert chain_from(catalogue, "sit-to-stand")[:2] == ["sit-to-stand", "mini-squat"]
    assert chain_from(catalogue, "half-bird-dog") == [
        "half-bird-dog",
        "bird-dog",
        "bird-dog-squares",
    ]
    # No isometric squeeze below the bridge: the glute squeeze is a hip extension of its own.
    assert catalogue.by_id["glute-squeeze"].pattern == "hip-extension"


def test_the_bundled_foundations_and_templates(catalogue: Catalogue) -> None:
    foundations = [slot.patterns for slot in catalogue.foundation_patterns]
    assert foundations == [
        ("bridge", "hinge"),
        ("squat", "step", "lunge"),
        ("anti-rotation", "anti-extension", "lateral-core"),
        ("hip-abduction",),
        ("hip-adduction",),
    ]
    templates = catalogue.session_templates
    assert templates is not None
    for template in (templates.A, templates.B):
        required = [slot for slot in template if not slot.optional]
        assert len(required) == 5 and len(template) == 6
        assert template[-1].optional
        # Every foundation has its slot in each session.
        for patterns in foundations:
            assert any(set(patterns) == set(slot.patterns) for slot in required), patterns
    slots = [*catalogue.foundation_patterns, *templates.A, *templates.B]
    for slot in slots:
        assert PROMISE.search(slot.why) is None and slot.why.endswith("."), slot.name
    trained = {e.pattern for e in strength(catalogue)}
    assert {p for slot in slots for p in slot.patterns} <= trained


def test_each_foundation_pattern_has_beginner_work_at_home(catalogue: Catalogue) -> None:
    for slot in catalogue.foundation_patterns:
        assert any(
            e.pattern in slot.patterns and beginner_at_home(e) and "isometric" not in e.tags
            for e in strength(catalogue)
        ), slot.name


# The only heavy or eccentric-heavy loading (contract rule 16): barbell lifts and eccentric work.
HEAVY = {
    "barbell-deadlift",
    "barbell-back-squat",
    "nordic-hamstring-curl",
    "reverse-nordic",
    "single-leg-sliding-leg-curl",
}


def test_heavy_marks_barbell_lifts_and_eccentric_heavy_work(catalogue: Catalogue) -> None:
    assert {e.id for e in catalogue.exercises if "heavy" in e.tags} == HEAVY
    assert all("barbell" not in e.equipment for e in catalogue.exercises if e.id not in HEAVY)


NERVE_LOAD = {
    "lying-hamstring-stretch",
    "towel-hamstring-stretch",
    "seated-hamstring-stretch",
    "standing-hamstring-stretch",
    "doorway-hamstring-stretch",
    "half-kneeling-hamstring-stretch",
    "figure-four-glute-stretch",
    "seated-figure-four-stretch",
}


def test_nerve_load_marks_hamstring_and_figure_four_stretches(catalogue: Catalogue) -> None:
    for e in catalogue.exercises:
        if "nerve-tension" in e.tags or e.id in NERVE_LOAD:
            assert "nerve-load" in e.tags, e.id
        if e.kind == "stretch" and e.groups[0] == "hamstrings":
            assert "nerve-load" in e.tags, e.id
        if "nerve-slider" in e.tags or "position-of-ease" in e.tags:
            assert "nerve-load" not in e.tags, e.id


POSITIONS_OF_EASE = {
    "back-lying-pillows-under-knees": set(),
    "side-lying-pillow-between-knees": set(),
    "lower-legs-on-chair-rest": {"spinal-flexion"},
    "prone-lying": {"spinal-extension"},
}


def test_positions_of_ease_are_gentle_resting_positions(catalogue: Catalogue) -> None:
    found = {e.id for e in catalogue.exercises if "position-of-ease" in e.tags}
    assert found == set(POSITIONS_OF_EASE)
    for exercise_id, direction in POSITIONS_OF_EASE.items():
        e = catalogue.by_id[exercise_id]
        assert e.kind == "mobility" and e.flare_safe and e.level == "beginner", e.id
        assert e.equipment == () and e.position == "lying" and e.figure is not None, e.id
        assert e.hold_seconds is not None and e.reps is None, e.id
        assert {"spinal-flexion", "spinal-extension"} & set(e.tags) == direction, e.id
        assert any("spread" in caution for caution in e.cautions), e.id
    for exercise_id in ("back-lying-pillows-under-knees", "side-lying-pillow-between-knees"):
        assert "NHS" in (catalogue.by_id[exercise_id].dose_note or "")


def test_the_press_up_on_the_hands_follows_the_one_on_the_elbows(catalogue: Catalogue) -> None:
    hands, elbows = catalogue.by_id["press-up-on-hands"], catalogue.by_id["prone-press-up"]
    assert hands.kind == "mobility" and not hands.flare_safe and hands.level == "beginner"
    assert "spinal-extension" in hands.tags and hands.figure is not None
    assert hands.easier == "prone-press-up" and elbows.harder == "press-up-on-hands"
    assert hands.dose_range.sets == (1, 2) and hands.dose_range.reps == (8, 10)
    assert set(elbows.cautions) <= set(hands.cautions)


def test_groups_list_only_what_an_exercise_loads(catalogue: Catalogue) -> None:
    """The planner counts a set for every group listed (rule 5), so the lists stay honest."""
    by_id = catalogue.by_id
    for e in strength(catalogue):
        if e.pattern in ("hip-abduction", "anti-rotation"):
            assert "glutes" not in e.groups, e.id  # gluteus medius is the hip group's
        if e.pattern == "bridge":
            assert "lower-back" not in e.groups, e.id
        if e.pattern == "lateral-core":
            assert set(e.groups) == {"lower-back", HIP}, e.id
        if e.pattern in ("squat", "lunge", "step", "hinge", "bridge") and e.groups[0] != HIP:
            assert HIP not in e.groups, e.id
    for shallow in ("sit-to-stand", "mini-squat", "shallow-wall-sit", "wall-sit", "spanish-squat"):
        assert by_id[shallow].groups == ("quadriceps",), shallow
    assert by_id["split-stance-sit-to-stand"].groups == ("quadriceps",)
    assert by_id["romanian-deadlift"].groups == ("hamstrings", "glutes", "lower-back")
    assert by_id["hip-hinge-drill"].groups == ("hamstrings", "glutes")


def test_single_leg_work_says_so(catalogue: Catalogue) -> None:
    for e in strength(catalogue):
        if e.pattern in ("lunge", "step") or "single-leg" in e.id or e.id == "lateral-lunge":
            assert "single-leg" in e.tags, e.id


def test_a_catalogue_without_patterns_still_loads(tmp_path: Path) -> None:
    """Schema 2 catalogues name no pattern: strength work gets one from its tags or group."""
    loaded = load_catalogue(write(tmp_path, minimal()))
    assert {e.id: e.pattern for e in loaded.exercises} == {
        "wall-press": "squat",
        "deep-wall-press": "squat",
    }
    assert loaded.foundation_patterns == () and loaded.session_templates is None


def test_a_foundation_pattern_nothing_trains_names_its_line(tmp_path: Path) -> None:
    data = minimal()
    data["foundation_patterns"] = [
        {"name": "squat", "patterns": ["squat"], "why": "Standing up."},
        {"name": "bridge or hinge", "patterns": ["bridge", "hinge"], "why": "Lifting."},
    ]
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "- bridge"),
        "foundation_patterns[1].patterns[0]",
        "no strength exercise in this catalogue has the pattern 'bridge'",
    )


def test_a_pattern_on_a_stretch_names_the_exercise(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1].update(kind="stretch", pattern="squat")
    path = write(tmp_path, data)
    error = rejection(path)
    assert "pattern is for strength work only; leave it out of a stretch exercise" in str(error)
    # A rule across an exercise's fields names the exercise, as "exactly one of reps and hold".
    assert error.field == "exercises[1]"
    assert error.line == line_with(path, "id: deep-wall-press")


def test_an_unknown_pattern_names_its_line(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][0]["pattern"] = "press"
    path = write(tmp_path, data)
    error = rejection(path)
    assert error.line == line_with(path, "pattern: press")
    assert error.field == "exercises[0].pattern (in wall-press)"


# -- a small valid catalogue, then broken one thing at a time --------------------------------------


def minimal() -> dict[str, Any]:
    """A small valid catalogue; built fresh each time so YAML writes no anchors."""
    return {
        "groups": [
            {"id": g, "name": g.title(), "muscles": ["a muscle"], "why": "It helps."}
            for g in CANONICAL_GROUPS
        ],
        "exercises": [
            {
                "id": "wall-press",
                "name": "Wall press",
                "kind": "strength",
                "groups": ["quadriceps", "glutes"],
                "level": "beginner",
                "equipment": [],
                "sets": 2,
                "reps": 10,
                "rest_seconds": 30,
                "flare_safe": True,
                "tags": ["squat"],
                "steps": ["Stand with your back to a wall.", "Press."],
                "source": "added",
                "position": "standing",
                "harder": "deep-wall-press",
            },
            {
                "id": "deep-wall-press",
                "name": "Deep wall press",
                "kind": "strength",
                "groups": ["quadriceps"],
                "level": "intermediate",
                "equipment": ["ball"],
                "sets": 3,
                "hold_seconds": 20,
                "rest_seconds": 60,
                "flare_safe": False,
                "tags": ["squat", "isometric"],
                "steps": ["Slide lower."],
                "cautions": ["Stop if your knees hurt."],
                "source": "added",
                "position": "standing",
                "dose_range": {"sets": [2, 4], "hold_seconds": [15, 30]},
                "easier": "wall-press",
            },
        ],
    }


def write(tmp_path: Path, content: dict[str, Any] | str | bytes, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return path


def line_with(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding `needle` (the nth time it appears)."""
    lines = [
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in text
    ]
    return lines[occurrence - 1]


def rejection(path: Path) -> CatalogueError:
    with pytest.raises(CatalogueError) as error:
        load_catalogue(path)
    message = str(error.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return error.value


def assert_names(error: CatalogueError, path: Path, line: int, field: str, problem: str) -> None:
    """The message is `path:LINE: field (in id): problem`."""
    message = str(error)
    assert message.startswith(f"{path}:{line}: {field}"), message
    assert f": {problem}" in message, message
    assert (error.path, error.line) == (str(path), line)
    assert error.field is not None
    assert error.field.startswith(field)


@pytest.fixture(params=["C", "Python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's loader and again with PyYAML's own (where libyaml is missing)."""
    if request.param == "C":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(catalogue_module, "_yaml_loader", lambda: yaml.CSafeLoader)
    else:
        monkeypatch.setattr(catalogue_module, "_yaml_loader", lambda: yaml.SafeLoader)
    return str(request.param)


def test_the_minimal_catalogue_is_valid(tmp_path: Path, loader: str) -> None:
    catalogue = load_catalogue(write(tmp_path, minimal()))
    assert [e.id for e in catalogue.exercises] == ["wall-press", "deep-wall-press"]


def test_the_bundled_catalogue_loads_without_a_path() -> None:
    assert len(load_catalogue().exercises) >= 35


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False)
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(load_catalogue(path).exercises) == 2


def test_unknown_key(tmp_path: Path, loader: str) -> None:
    data = minimal()
    data["exercises"][1]["sest"] = data["exercises"][1].pop("sets")
    path = write(tmp_path, data)
    error = rejection(path)
    assert_names(
        error,
        path,
        line_with(path, "sest:"),
        "exercises[1].sest (in deep-wall-press)",
        "is not a known field (check the spelling)",
    )


def test_unknown_key_in_a_group(tmp_path: Path) -> None:
    data = minimal()
    data["groups"][3]["muscle"] = ["typo"]
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "muscle:"),
        "groups[3].muscle",
        "is not a known field (check the spelling)",
    )


@pytest.mark.parametrize("key", ["\x1b[2Jsets", "se\nts"])
def test_an_unknown_key_with_control_characters_is_quoted(tmp_path: Path, key: str) -> None:
    data = minimal()
    data["exercises"][0][key] = 2
    path = write(tmp_path, data)
    error = rejection(path)
    assert f"exercises[0].{key!r} (in wall-press): is not a known field" in str(error)
    assert not any(ord(c) < 32 for c in str(error))


def test_duplicate_exercise_id(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["id"] = "wall-press"
    data["exercises"][1].pop("easier")
    data["exercises"][0].pop("harder")
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "id: wall-press", occurrence=2),
        "exercises[1].id",
        "'wall-press' is used twice",
    )


def test_missing_group(tmp_path: Path) -> None:
    data = minimal()
    del data["groups"][2]
    data["exercises"][0]["groups"] = ["glutes"]
    data["exercises"][1]["groups"] = ["glutes"]
    path = write(tmp_path, data)
    error = rejection(path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:1: groups: missing the group\(s\) quadriceps", str(error)
    ), str(error)
    assert error.field == "groups"


def test_missing_groups_key(tmp_path: Path) -> None:
    data = minimal()
    del data["groups"]
    path = write(tmp_path, data)
    error = rejection(path)
    assert str(error).startswith(f"{path}:")
    assert error.field == "groups"
    assert str(error).endswith("groups: is required")


def test_unknown_group_in_an_exercise(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][0]["groups"] = ["quadriceps", "calves"]
    path = write(tmp_path, data)
    error = rejection(path)
    assert_names(
        error,
        path,
        line_with(path, "- calves"),
        "exercises[0].groups[1] (in wall-press)",
        "must be one of 'glutes', 'hamstrings', 'quadriceps', 'lower-back' or "
        "'hip-abductors-adductors' (found 'calves')",
    )


@pytest.mark.parametrize(("index", "link"), [(1, "easier"), (0, "harder")])
def test_dangling_easier_or_harder(tmp_path: Path, index: int, link: str) -> None:
    data = minimal()
    data["exercises"][index][link] = "no-such-thing"
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, f"{link}: no-such-thing"),
        f"exercises[{index}].{link}",
        "names 'no-such-thing', which is not an exercise in this catalogue",
    )


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name(tmp_path: Path, name: str) -> None:
    data = minimal()
    data["exercises"][1]["name"] = name
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "name: '"),
        "exercises[1].name (in deep-wall-press)",
        "must not be empty",
    )


@pytest.mark.parametrize("bad", ["Wall \x1b[31mpress", "Wall press\x07", "Wall\x9b2J press"])
def test_control_character_in_a_name(tmp_path: Path, bad: str) -> None:
    data = minimal()
    data["exercises"][0]["name"] = bad
    path = write(tmp_path, data)
    error = rejection(path)
    assert_names(
        error,
        path,
        line_with(path, 'name: "Wall'),
        "exercises[0].name (in wall-press)",
        "must not contain control characters (found " + repr(re.sub(r"[\w ]", "", bad)[0]) + ")",
    )
    # The message quotes the character, never prints it raw to a terminal.
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in str(error))


def test_control_character_in_a_step(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["steps"] = ["Fine.", "Not \x1b]0;pwned\x07 fine."]
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "pwned"),
        "exercises[1].steps[1] (in deep-wall-press)",
        "must not contain control characters (found '\\x1b')",
    )


def test_control_character_in_a_group_reason(tmp_path: Path) -> None:
    data = minimal()
    data["groups"][4]["why"] = "Because\x1b[2J."
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "Because"),
        "groups[4].why",
        "must not contain control characters (found '\\x1b')",
    )


@pytest.mark.parametrize("sets", [0, -1, -40])
def test_zero_or_negative_sets(tmp_path: Path, sets: int) -> None:
    data = minimal()
    data["exercises"][0]["sets"] = sets
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, f"sets: {sets}"),
        "exercises[0].sets (in wall-press)",
        f"must be at least 1 (found {sets})",
    )


def test_zero_hold(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["hold_seconds"] = 0
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "hold_seconds: 0"),
        "exercises[1].hold_seconds",
        "must be at least 1 (found 0)",
    )


def test_negative_rest(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["rest_seconds"] = -10
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "rest_seconds: -10"),
        "exercises[1].rest_seconds",
        "must be at least 0 (found -10)",
    )


@pytest.mark.parametrize("value", ["two", "yes", "2.5"])
def test_sets_that_are_not_a_whole_number(tmp_path: Path, value: str) -> None:
    # Written by hand, as an author would: `yes` is a YAML boolean, `2.5` a float.
    text = yaml.safe_dump(minimal(), sort_keys=False).replace("sets: 2\n", f"sets: {value}\n", 1)
    path = write(tmp_path, text)
    assert_names(
        rejection(path),
        path,
        line_with(path, f"sets: {value}"),
        "exercises[0].sets (in wall-press)",
        "must be a whole number",
    )


def test_steps_as_a_string_rather_than_a_list(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][0]["steps"] = "Stand with your back to a wall and press."
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "steps: Stand"),
        "exercises[0].steps (in wall-press)",
        "must be a list",
    )


def test_an_exercise_that_is_not_a_mapping(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"].append("just-a-word")
    path = write(tmp_path, data)
    assert_names(
        rejection(path), path, line_with(path, "- just-a-word"), "exercises[2]", "must be a mapping"
    )


def test_a_name_that_is_a_number(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][0]["name"] = 42
    path = write(tmp_path, data)
    assert_names(
        rejection(path),
        path,
        line_with(path, "name: 42"),
        "exercises[0].name (in wall-press)",
        "must be text",
    )


def test_both_reps_and_hold(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["reps"] = 8
    path = write(tmp_path, data)
    error = rejection(path)
    assert str(error).startswith(f"{path}:{line_with(path, 'id: deep-wall-press')}: exercises[1]")
    assert str(error).endswith("set exactly one of reps and hold_seconds")


@pytest.mark.parametrize("text", ["", "   \n\t\n  \n"])
def test_empty_or_whitespace_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    assert str(rejection(path)) == f"{path}: is empty"


def test_comments_only_file(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing here yet\n")
    assert str(rejection(path)) == f"{path}: is empty"


def test_not_utf8(tmp_path: Path) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False).replace("Wall press", "Café press", 1)
    path = write(tmp_path, text.encode("latin-1"))
    line = line_with(write(tmp_path, text, "as-utf8.yaml"), "Café")
    assert str(rejection(path)) == f"{path}:{line}: is not UTF-8 text"


@pytest.mark.parametrize(
    ("text", "found"), [("- groups\n- exercises\n", "list"), ("just a sentence\n", "str")]
)
def test_top_level_not_a_mapping(tmp_path: Path, text: str, found: str) -> None:
    path = write(tmp_path, text)
    assert str(rejection(path)) == (
        f"{path}:1: must be a mapping with the keys groups and exercises (found {found})"
    )


@pytest.mark.parametrize(
    "template",
    [
        '!!python/object/apply:os.system ["touch {marker}"]\n',
        'groups: !!python/object/apply:os.system ["touch {marker}"]\nexercises: []\n',
        "groups: !!python/object/new:subprocess.check_output [[touch, {marker}]]\n",
    ],
)
def test_python_object_tags_run_nothing(tmp_path: Path, loader: str, template: str) -> None:
    marker = tmp_path / "hacked"
    path = write(tmp_path, template.format(marker=marker))
    error = rejection(path)
    assert not marker.exists()
    assert str(error).startswith(f"{path}:1: ")
    assert "python/object" in str(error)


def test_alias_bomb(tmp_path: Path, loader: str) -> None:
    # Nine levels of nine references: 9**9 (about 387 million) strings once expanded.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    path = write(tmp_path, "\n".join(lines) + "\n")
    error = rejection(path)
    assert str(error).startswith(f"{path}")
    assert "too much data" in str(error)


def test_alias_bomb_inside_a_valid_looking_catalogue(tmp_path: Path, loader: str) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False)
    bomb = ["x0: &x0 [a, a, a, a, a, a, a, a, a]"]
    bomb += [f"x{n}: &x{n} [{', '.join([f'*x{n - 1}'] * 9)}]" for n in range(1, 9)]
    path = write(tmp_path, "\n".join(bomb) + "\n" + text)
    assert "too much data" in str(rejection(path))


@pytest.mark.parametrize("text", ["[" * 20_000, "[" * 20_000 + "]" * 20_000, "{a: " * 5_000])
def test_absurd_flow_nesting(tmp_path: Path, loader: str, text: str) -> None:
    path = write(tmp_path, text)
    error = rejection(path)
    # libyaml stops at a nesting limit on line 1; PyYAML's own parser runs out of recursion.
    assert re.match(rf"{re.escape(str(path))}(:1)?: ", str(error)), str(error)
    assert "nest" in str(error)


def test_absurd_block_nesting(tmp_path: Path, loader: str) -> None:
    text = "".join(f"{'  ' * n}k{n}:\n" for n in range(200)) + f"{'  ' * 200}end\n"
    path = write(tmp_path, text)
    error = rejection(path)
    assert str(error).startswith(f"{path}:")
    assert "nested too deeply" in str(error)


def test_a_character_yaml_refuses_names_its_line(tmp_path: Path, loader: str) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False).replace("Wall press", "Wäll\x00press", 1)
    path = write(tmp_path, text)
    assert str(rejection(path)) == (
        f"{path}:{line_with(path, 'Wäll')}: character U+0000 is not allowed in YAML"
    )


def test_random_binary(tmp_path: Path) -> None:
    path = write(tmp_path, random.Random(1).randbytes(4096))
    assert re.fullmatch(rf"{re.escape(str(path))}:\d+: is not UTF-8 text", str(rejection(path)))


def test_yaml_syntax_error_names_the_line(tmp_path: Path, loader: str) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False).replace("level: beginner", 'level: "beg', 1)
    path = write(tmp_path, text)
    error = rejection(path)
    assert re.match(rf"{re.escape(str(path))}:\d+: YAML syntax error: ", str(error)), str(error)


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "muscles.yaml"
    assert str(rejection(path)) == f"{path}: no such file"


def test_path_that_is_a_folder(tmp_path: Path) -> None:
    assert str(rejection(tmp_path)) == f"{tmp_path}: is a folder, not a catalogue file"


# -- whatever the input: a Catalogue or a CatalogueError -------------------------------------------


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@functools.cache
def bundled_data() -> dict[str, Any]:
    return yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", " ", "glutes", "strength", "beginner", "band", "\x1b[31m", "[b]x[/]"]),
)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[list[Any], str, Any]:
    """A place in the real catalogue and what to do there: delete, retype, or swap for a scalar."""
    node: Any = bundled_data()
    path: list[Any] = []
    while True:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        path.append(key)
        node = node[key]
        if not isinstance(node, (dict, list)) or draw(st.integers(0, 3)) == 0:
            break
    action = draw(st.sampled_from(["delete", "retype", "swap", "add-key"]))
    value: Any = None
    if action == "swap":
        value = draw(SCALARS)
    elif action == "add-key":
        value = draw(st.text(min_size=1, max_size=10))
    return path, action, value


def apply(data: Any, path: list[Any], action: str, value: Any) -> Any:
    *parents, last = path
    holder = data
    for key in parents:
        holder = holder[key]
    old = holder[last]
    if action == "delete":
        del holder[last]
    elif action == "retype":
        # A list becomes its first item, a mapping its keys, anything else a one-item list.
        if isinstance(old, list):
            holder[last] = old[0] if old else "x"
        elif isinstance(old, dict):
            holder[last] = list(old)
        else:
            holder[last] = [old]
    elif action == "swap":
        holder[last] = value
    elif isinstance(old, dict):
        old[value] = 1
    else:
        holder[last] = {value: old}
    return data


def load_or_reject(path: Path) -> None:
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as error:
        message = str(error)
        assert message.startswith(str(path))
        assert "\n" not in message
    else:
        assert isinstance(catalogue, Catalogue)


@settings(max_examples=60, deadline=timedelta(seconds=2))
@given(change=mutation())
def test_mutated_bundled_catalogue_loads_or_is_rejected(change: Any) -> None:
    data = apply(copy.deepcopy(bundled_data()), *change)
    text = yaml.dump(data, Dumper=DUMPER, sort_keys=False, allow_unicode=True)
    with tempfile.TemporaryDirectory() as folder:
        load_or_reject(write(Path(folder), text))


YAMLISH = st.lists(
    st.sampled_from(
        [*"[]{}:,-?&*!|>'\"#%@`~ \n\t\x00\x85", "a", "1", "0.5", "id", "groups", "exercises"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=150, deadline=timedelta(seconds=2))
@given(text=YAMLISH)
def test_yaml_ish_text_loads_or_is_rejected(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        load_or_reject(write(Path(folder), text))


JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=timedelta(seconds=2))
@given(data=JSONISH | st.binary(max_size=200))
@example(data={"\n": None})  # a key that broke the one-line message
def test_random_documents_load_or_are_rejected(data: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        text = data if isinstance(data, bytes) else yaml.safe_dump(data, allow_unicode=True)
        load_or_reject(write(Path(folder), text))


def test_a_repeated_key_is_rejected_with_its_line(tmp_path: Path) -> None:
    text = yaml.safe_dump(minimal(), sort_keys=False)
    text = text.replace("  rest_seconds:", "  rest_seconds: 5\n  rest_seconds:", 1)
    path = write(tmp_path, text)
    error = rejection(path)
    assert error.line == line_with(path, "rest_seconds", 2)
    assert "the key 'rest_seconds' appears twice" in str(error)


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("sets", 11, 10), ("rest_seconds", 601, 600), ("id", "x" * 41, 40)],
)
def test_absurd_values_are_rejected(tmp_path: Path, field: str, value: object, limit: int) -> None:
    data = minimal()
    data["exercises"][0][field] = value
    error = rejection(write(tmp_path, data))
    assert f"exercises[0].{field}" in str(error)
    assert str(limit) in str(error)


def test_a_dose_outside_its_range(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["dose_range"] = {"sets": [4, 5], "hold_seconds": [15, 30]}
    path = write(tmp_path, data)
    error = rejection(path)
    assert "sets 3 lies outside dose_range.sets [4, 5]" in str(error)
    assert error.field is not None and error.field.startswith("exercises[1]")


def test_a_range_of_the_wrong_kind(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["dose_range"] = {"sets": [2, 4], "reps": [8, 12]}
    error = rejection(write(tmp_path, data))
    assert "dose_range.reps is given, but the exercise has no reps" in str(error)


def test_a_range_upside_down(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][1]["dose_range"] = {"sets": [4, 2], "hold_seconds": [15, 30]}
    path = write(tmp_path, data)
    error = rejection(path)
    assert "the low end 4 is above the high end 2" in str(error)
    assert error.field is not None and "dose_range.sets" in error.field


def test_a_catalogue_without_ranges_keeps_the_usual_dose(tmp_path: Path) -> None:
    """Catalogues written before schema 2 still load: the range is the usual dose alone."""
    exercise = load_catalogue(write(tmp_path, minimal())).by_id["wall-press"]
    assert exercise.dose_range.sets == (2, 2) and exercise.dose_range.reps == (10, 10)


def test_required_movements_are_checked_from_the_data(tmp_path: Path) -> None:
    data = minimal()
    data["groups"][1]["required_movements"] = ["knee-flexion"]  # hamstrings
    data["exercises"][1]["groups"] = ["hamstrings"]
    path = write(tmp_path, data)
    error = rejection(path)
    assert "strength work for hamstrings needs one of the tags knee-flexion" in str(error)
    assert error.field == "exercises[1].tags (in deep-wall-press)"


def test_an_unknown_position(tmp_path: Path) -> None:
    data = minimal()
    data["exercises"][0]["position"] = "upside-down"
    error = rejection(write(tmp_path, data))
    assert "exercises[0].position" in str(error) and "'standing'" in str(error)

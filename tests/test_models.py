"""The pydantic models' rules: doses, unknown keys, frozen models, clean text, catalogue links."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from contract import EXERCISE_KEYS
from sciatica_planner.models import Catalogue, Exercise, Group
from sciatica_planner.vocabulary import GROUPS


def exercise_data(**changes: Any) -> dict[str, Any]:
    """A valid exercise as it would come out of YAML, with some fields changed."""
    data: dict[str, Any] = {
        "id": "glute-bridge",
        "name": "Glute bridge",
        "kind": "strength",
        "groups": ["glutes", "hamstrings"],
        "level": "beginner",
        "equipment": [],
        "sets": 2,
        "reps": 10,
        "rest_seconds": 45,
        "flare_safe": True,
        "tags": ["hip-extension"],
        "steps": ["Lie on your back.", "Lift your hips."],
        "cues": ["Squeeze the glutes."],
        "cautions": ["Stop if pain spreads down the leg."],
        "source": "article",
        "position": "lying",
    }
    data.update(changes)
    return data


def rejected_field(**changes: object) -> tuple[int | str, ...]:
    """Where validation of an exercise with these changes fails first (it must fail)."""
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(**changes))
    return error.value.errors()[0]["loc"]


def group_data(group_id: str) -> dict[str, Any]:
    return {"id": group_id, "name": group_id.title(), "muscles": ["a muscle"], "why": "It helps."}


def catalogue_data(*exercises: dict[str, Any]) -> dict[str, Any]:
    return {
        "groups": [group_data(g) for g in GROUPS],
        "exercises": list(exercises) or [exercise_data()],
    }


def error_types(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return [e["type"] for e in error.value.errors()]


def messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " | ".join(e["msg"] for e in error.value.errors())


# -- a valid exercise ---------------------------------------------------------------------------


def test_a_valid_exercise_keeps_its_values_as_tuples() -> None:
    exercise = Exercise.model_validate(exercise_data())
    assert exercise.groups == ("glutes", "hamstrings")
    assert exercise.steps == ("Lie on your back.", "Lift your hips.")
    assert exercise.hold_seconds is None
    assert exercise.trains("hamstrings")
    assert not exercise.trains("quadriceps")


def test_text_is_stripped_of_surrounding_whitespace() -> None:
    exercise = Exercise.model_validate(exercise_data(name="  Glute bridge  "))
    assert exercise.name == "Glute bridge"


# -- exactly one of reps and hold_seconds -------------------------------------------------------


def test_hold_seconds_instead_of_reps_is_accepted() -> None:
    exercise = Exercise.model_validate(exercise_data(reps=None, hold_seconds=20))
    assert (exercise.reps, exercise.hold_seconds) == (None, 20)


def test_both_reps_and_hold_seconds_are_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(reps=10, hold_seconds=20))
    assert "exactly one of reps and hold_seconds" in messages(error)


def test_neither_reps_nor_hold_seconds_is_rejected() -> None:
    data = exercise_data()
    del data["reps"]
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(data)
    assert "exactly one of reps and hold_seconds" in messages(error)


@pytest.mark.parametrize("field", ["sets", "reps", "hold_seconds"])
@pytest.mark.parametrize("value", [0, -1])
def test_counts_must_be_positive(field: str, value: int) -> None:
    changes: dict[str, Any] = {field: value}
    if field == "hold_seconds":
        changes["reps"] = None
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(**changes))
    assert error.value.errors()[0]["loc"] == (field,)
    assert error_types(error)[0] == "greater_than_equal"


def test_rest_may_be_zero_but_not_negative() -> None:
    assert Exercise.model_validate(exercise_data(rest_seconds=0)).rest_seconds == 0
    assert rejected_field(rest_seconds=-5) == ("rest_seconds",)


@pytest.mark.parametrize("value", ["two", 2.5, True, [2]])
def test_sets_of_the_wrong_type_are_rejected(value: object) -> None:
    # YAML reads `sets: yes` as True; one silent set would be a wrong dose.
    assert rejected_field(sets=value) == ("sets",)


# -- unknown keys, frozen -----------------------------------------------------------------------


def test_unknown_key_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(sest=3))
    assert error.value.errors()[0]["loc"] == ("sest",)
    assert error_types(error) == ["extra_forbidden"]


def test_unknown_key_in_a_group_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Group.model_validate({**group_data("glutes"), "muscle": ["typo"]})
    assert error_types(error) == ["extra_forbidden"]


def test_unknown_top_level_key_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate({**catalogue_data(), "exercise": []})
    assert error_types(error) == ["extra_forbidden"]


def test_exercise_is_frozen() -> None:
    exercise = Exercise.model_validate(exercise_data())
    with pytest.raises(ValidationError):
        exercise.sets = 5  # type: ignore[misc]
    assert exercise.sets == 2
    # Sequences are tuples, so nothing inside can change either, and the model is hashable.
    assert isinstance(exercise.steps, tuple)
    assert hash(exercise) == hash(Exercise.model_validate(exercise_data()))


def test_catalogue_is_frozen() -> None:
    catalogue = Catalogue.model_validate(catalogue_data())
    with pytest.raises(ValidationError):
        catalogue.exercises = ()  # type: ignore[misc]
    assert len(catalogue.exercises) == 1


# -- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad", ["Glute\x1b[31m bridge", "bell\x07", "nul\x00", "del\x7f", "c1\x9b31m", "tab\tinside"]
)
@pytest.mark.parametrize("field", ["name", "steps", "cues", "cautions"])
def test_control_characters_in_exercise_text_are_rejected(field: str, bad: str) -> None:
    value: object = bad if field == "name" else ["A fine step.", bad]
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(**{field: value}))
    assert "control characters" in messages(error)
    assert error.value.errors()[0]["loc"][0] == field


@pytest.mark.parametrize("field", ["name", "why", "muscles"])
def test_control_characters_in_group_text_are_rejected(field: str) -> None:
    value: object = "evil \x1b[2J" if field != "muscles" else ["ok", "evil \x1b[2J"]
    with pytest.raises(ValidationError) as error:
        Group.model_validate({**group_data("glutes"), field: value})
    assert "control characters" in messages(error)


def test_control_characters_in_the_dose_note_are_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(dose_note="product \x1b]0;title\x07 choice"))
    assert "control characters" in messages(error)


def test_printable_unicode_text_is_accepted() -> None:
    exercise = Exercise.model_validate(exercise_data(name="Pont fessier – été ✓"))
    assert exercise.name == "Pont fessier – été ✓"


@pytest.mark.parametrize("name", ["", "   ", "\u3000"])
def test_empty_name_is_rejected(name: str) -> None:
    # Whitespace only is empty once stripped: a blank name must not slip through.
    assert rejected_field(name=name) == ("name",)


def test_empty_step_is_rejected() -> None:
    assert rejected_field(steps=["Lie down.", " "]) == ("steps", 1)


def test_no_steps_is_rejected() -> None:
    assert rejected_field(steps=[]) == ("steps",)


@pytest.mark.parametrize("bad_id", ["Glute-Bridge", "glute bridge", "glute--bridge", "-x", ""])
def test_ids_are_lowercase_words_with_hyphens(bad_id: str) -> None:
    assert rejected_field(id=bad_id) == ("id",)


# -- closed vocabularies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "cardio"),
        ("level", "expert"),
        ("equipment", ["treadmill"]),
        ("groups", ["calves"]),
        ("tags", ["Abduction"]),
        ("source", "internet"),
    ],
)
def test_values_outside_the_vocabulary_are_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(**{field: value}))
    assert error.value.errors()[0]["loc"][0] == field
    assert error_types(error)[0] == "literal_error"


def test_no_groups_is_rejected() -> None:
    assert rejected_field(groups=[]) == ("groups",)


@pytest.mark.parametrize("field", ["groups", "equipment", "tags"])
def test_a_value_listed_twice_is_rejected(field: str) -> None:
    value = {"groups": ["glutes", "glutes"], "equipment": ["band", "band"]}.get(
        field, ["hip-extension", "hip-extension"]
    )
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(**{field: value}))
    assert f"{field} lists the same value twice" in messages(error)


def test_an_exercise_cannot_be_its_own_easier_version() -> None:
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(easier="glute-bridge"))
    assert "other exercises" in messages(error)


# -- a group's required movements: hip strength work needs abduction or adduction ----------------


def hip_exercise(**changes: Any) -> dict[str, Any]:
    return exercise_data(
        id="clamshell", name="Clamshell", groups=["hip-abductors-adductors", "glutes"], **changes
    )


def hip_catalogue(
    *exercises: dict[str, Any], moves: tuple[str, ...] = ("abduction", "adduction")
) -> dict[str, Any]:
    data = catalogue_data(*exercises)
    data["groups"][-1]["required_movements"] = list(moves)
    return data


def test_hip_strength_without_a_required_movement_is_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(hip_catalogue(hip_exercise(tags=["isometric"])))
    assert "needs one of the tags abduction, adduction" in messages(error)


@pytest.mark.parametrize("tag", ["abduction", "adduction"])
def test_hip_strength_with_abduction_or_adduction_is_accepted(tag: str) -> None:
    catalogue = Catalogue.model_validate(hip_catalogue(hip_exercise(tags=[tag, "isometric"])))
    assert tag in catalogue.exercises[0].tags


def test_the_required_movements_are_the_catalogues_to_choose() -> None:
    """Data, not code: without required movements any hip strength work is accepted."""
    catalogue = Catalogue.model_validate(hip_catalogue(hip_exercise(tags=["isometric"]), moves=()))
    assert catalogue.group("hip-abductors-adductors").required_movements == ()


def test_hip_stretch_needs_no_abduction_tag() -> None:
    catalogue = Catalogue.model_validate(hip_catalogue(hip_exercise(kind="stretch", tags=[])))
    assert catalogue.exercises[0].kind == "stretch"


# -- the catalogue as a whole -------------------------------------------------------------------


def test_a_valid_catalogue_links_easier_and_harder() -> None:
    catalogue = Catalogue.model_validate(
        catalogue_data(
            exercise_data(harder="single-leg-glute-bridge"),
            exercise_data(
                id="single-leg-glute-bridge",
                name="Single-leg glute bridge",
                easier="glute-bridge",
                source="added",
            ),
        )
    )
    assert catalogue.exercise("glute-bridge").harder == "single-leg-glute-bridge"  # type: ignore[union-attr]
    assert catalogue.exercise("nothing") is None
    assert catalogue.group("quadriceps").id == "quadriceps"


def test_duplicate_exercise_ids_are_rejected() -> None:
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(catalogue_data(exercise_data(), exercise_data(name="Again")))
    assert "'glute-bridge' is used twice" in messages(error)
    assert error.value.errors()[0]["ctx"]["path"] == ("exercises", 1, "id")


@pytest.mark.parametrize("link", ["easier", "harder"])
def test_dangling_easier_or_harder_is_rejected(link: str) -> None:
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(catalogue_data(exercise_data(**{link: "no-such-exercise"})))
    assert "'no-such-exercise', which is not an exercise" in messages(error)
    assert error.value.errors()[0]["ctx"]["path"] == ("exercises", 0, link)


def test_a_missing_group_is_rejected() -> None:
    data = catalogue_data()
    data["groups"] = [g for g in data["groups"] if g["id"] != "lower-back"]
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert "missing the group(s) lower-back" in messages(error)


def test_a_group_listed_twice_is_rejected() -> None:
    data = catalogue_data()
    data["groups"].append(group_data("glutes"))
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert "'glutes' is listed twice" in messages(error)


def test_an_unknown_group_is_rejected() -> None:
    data = catalogue_data()
    data["groups"].append(group_data("calves"))
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert error.value.errors()[0]["loc"][:2] == ("groups", 5)


def test_a_catalogue_without_exercises_is_rejected() -> None:
    data = catalogue_data()
    data["exercises"] = []
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert error.value.errors()[0]["loc"] == ("exercises",)


# -- JSON ---------------------------------------------------------------------------------------


def test_exercise_json_has_exactly_the_contract_keys_in_order() -> None:
    exercise = Exercise.model_validate(
        exercise_data(seconds_per_rep=4, per_side=True, dose_note="A product choice.")
    )
    dumped = exercise.model_dump(mode="json")
    assert list(dumped) == EXERCISE_KEYS
    assert dumped == {
        "id": "glute-bridge",
        "name": "Glute bridge",
        "kind": "strength",
        "groups": ["glutes", "hamstrings"],
        "level": "beginner",
        "equipment": [],
        "sets": 2,
        "reps": 10,
        "hold_seconds": None,
        "rest_seconds": 45,
        "flare_safe": True,
        "tags": ["hip-extension"],
        "steps": ["Lie on your back.", "Lift your hips."],
        "cues": ["Squeeze the glutes."],
        "cautions": ["Stop if pain spreads down the leg."],
        "easier": None,
        "harder": None,
        "source": "article",
        "per_side": True,
        "position": "lying",
        "dose_range": {"sets": [2, 2], "reps": [10, 10], "hold_seconds": None},
        "figure": None,
        "pattern": "hip-extension",  # inferred from the tag: the data names none
    }


def test_every_bundled_exercise_dumps_the_contract_keys(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        assert list(exercise.model_dump(mode="json")) == EXERCISE_KEYS, exercise.id


# -- movement patterns (schema 3) ---------------------------------------------------------------


def test_a_strength_exercise_keeps_the_pattern_it_names() -> None:
    exercise = Exercise.model_validate(exercise_data(pattern="bridge"))
    assert exercise.pattern == "bridge"


@pytest.mark.parametrize(
    ("tags", "groups", "pattern"),
    [
        (["hip-extension"], ["glutes"], "hip-extension"),
        (["hinge", "single-leg", "hip-extension"], ["hamstrings"], "hinge"),
        (["single-leg", "squat"], ["quadriceps"], "squat"),
        (["lunge"], ["glutes", "quadriceps"], "lunge"),
        (["knee-flexion", "hip-extension"], ["hamstrings"], "knee-flexion"),
        (["abduction"], ["hip-abductors-adductors"], "hip-abduction"),
        (["adduction", "isometric"], ["hip-abductors-adductors"], "hip-adduction"),
        (["spinal-extension"], ["lower-back"], "back-extension"),
        # No tag that names a pattern: the primary group's.
        ([], ["glutes", "hamstrings"], "hip-extension"),
        (["isometric"], ["hamstrings"], "knee-flexion"),
        ([], ["quadriceps"], "knee-extension"),
        (["core", "isometric"], ["lower-back"], "anti-extension"),
        ([], ["hip-abductors-adductors"], "hip-abduction"),
    ],
)
def test_a_strength_exercise_without_a_pattern_gets_one_inferred(
    tags: list[str], groups: list[str], pattern: str
) -> None:
    """Catalogues written before schema 3, and imported ones, still load."""
    exercise = Exercise.model_validate(exercise_data(tags=tags, groups=groups))
    assert exercise.pattern == pattern
    explicit_null = Exercise.model_validate(exercise_data(tags=tags, groups=groups, pattern=None))
    assert explicit_null.pattern == pattern


def test_every_strength_exercise_has_a_pattern_after_validation() -> None:
    for group in GROUPS:
        exercise = Exercise.model_validate(exercise_data(groups=[group], tags=[]))
        assert exercise.pattern is not None, group


def test_the_named_pattern_wins_over_the_inference() -> None:
    exercise = Exercise.model_validate(exercise_data(tags=["squat"], pattern="step"))
    assert exercise.pattern == "step"


@pytest.mark.parametrize("kind", ["warm-up", "stretch", "mobility"])
def test_other_kinds_have_no_pattern(kind: str) -> None:
    exercise = Exercise.model_validate(exercise_data(kind=kind, tags=["hip-extension"]))
    assert exercise.pattern is None
    with pytest.raises(ValidationError) as error:
        Exercise.model_validate(exercise_data(kind=kind, pattern="bridge"))
    assert f"pattern is for strength work only; leave it out of a {kind} exercise" in messages(
        error
    )


def test_an_unknown_pattern_is_rejected() -> None:
    assert rejected_field(pattern="deadlift") == ("pattern",)


def slot(*patterns: str, **changes: Any) -> dict[str, Any]:
    return {
        "name": " or ".join(patterns),
        "patterns": list(patterns),
        "why": "It helps.",
        **changes,
    }


def test_foundation_patterns_and_templates_are_optional() -> None:
    catalogue = Catalogue.model_validate(catalogue_data())
    assert catalogue.foundation_patterns == ()
    assert catalogue.session_templates is None


def test_foundation_patterns_and_templates_load() -> None:
    hinge = exercise_data(id="hip-hinge", tags=["hinge"])
    data = catalogue_data(exercise_data(pattern="bridge"), hinge)
    data["foundation_patterns"] = [slot("bridge", "hinge")]
    data["session_templates"] = {
        "A": [slot("bridge"), slot("knee-flexion", optional=True)],
        "B": [slot("hinge", "bridge")],
    }
    catalogue = Catalogue.model_validate(data)
    assert catalogue.foundation_patterns[0].patterns == ("bridge", "hinge")
    assert catalogue.foundation_patterns[0].optional is False
    assert catalogue.session_templates is not None
    assert catalogue.session_templates.A[1].optional is True
    assert catalogue.session_templates.B[0].patterns == ("hinge", "bridge")


def test_a_foundation_pattern_no_strength_exercise_has_is_rejected_where_it_is() -> None:
    data = catalogue_data(exercise_data(pattern="bridge"))
    data["foundation_patterns"] = [slot("bridge"), slot("squat", "bridge")]
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert "no strength exercise in this catalogue has the pattern 'squat'" in messages(error)
    assert error.value.errors()[0]["ctx"]["path"] == ("foundation_patterns", 1, "patterns", 0)


def test_a_template_slot_nothing_can_fill_is_rejected_where_it_is() -> None:
    data = catalogue_data(exercise_data(pattern="bridge"))
    data["session_templates"] = {"A": [slot("bridge")], "B": [slot("squat", "lunge")]}
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert "has any of the patterns squat, lunge" in messages(error)
    assert error.value.errors()[0]["ctx"]["path"] == ("session_templates", "B", 0, "patterns")


@pytest.mark.parametrize(
    ("templates", "loc"),
    [
        ({"A": []}, ("session_templates", "A")),
        ({"A": [slot("bridge", why="")]}, ("session_templates", "A", 0, "why")),
        (
            {"A": [{"name": "x", "patterns": [], "why": "y"}]},
            ("session_templates", "A", 0, "patterns"),
        ),
        ({"B": [slot("bridge")]}, ("session_templates", "A")),
        ({"A": [slot("bridge", spare=1)]}, ("session_templates", "A", 0, "spare")),
    ],
)
def test_malformed_templates_are_rejected(templates: dict[str, Any], loc: tuple[Any, ...]) -> None:
    data = catalogue_data(exercise_data(pattern="bridge"))
    data["session_templates"] = templates
    with pytest.raises(ValidationError) as error:
        Catalogue.model_validate(data)
    assert error.value.errors()[0]["loc"] == loc

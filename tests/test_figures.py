"""The figures core: bone lengths, placement by contacts, props, and hostile poses."""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sciatica_planner.catalogue import CatalogueError, bundled_catalogue_path, load_catalogue
from sciatica_planner.figures import (
    BASES,
    JOINTS,
    PROP_KINDS,
    PoseError,
    build_scene,
    check_pose,
    joint_names,
    overlaps,
    parse_prop,
)
from sciatica_planner.figures.props import Placed
from sciatica_planner.figures.shapes import Circle, Line
from sciatica_planner.figures.skeleton import bones_of, depth

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_planner.models import Catalogue


@st.composite
def poses(draw: st.DrawFn, base: str | None = None) -> dict[str, Any]:
    """A random valid pose: a base and some joints at angles inside their ranges."""
    pose: dict[str, Any] = {"base": base or draw(st.sampled_from(sorted(BASES)))}
    for name in draw(st.lists(st.sampled_from(joint_names()), max_size=8, unique=True)):
        limits = JOINTS[name.removeprefix("near-").removeprefix("far-")]
        pose[name] = draw(st.floats(limits.low, limits.high, allow_nan=False))
    return pose


SUPPORT_PROPS = ["chair", "bench", "step", "ball@heel", "pillow", "towel", "roll"]


def bone_errors(scene: Any) -> list[float]:
    errors = []
    for body in scene.bodies:
        for a, b, length in body.bones():
            full = next(n for x, y, n in bones_of(body.view) if (x, y) == (a, b))
            # a bone pointing at the viewer is drawn shorter, never longer, than it is
            assert length == full or (b in body.foreshortened and 0 <= length <= full)
            errors.append(abs(math.dist(body.points[a], body.points[b]) - length))
    return errors


# -- kinematics ------------------------------------------------------------------------------------


@given(poses(), st.one_of(st.none(), poses()))
def test_bones_keep_their_length_in_every_pose(start: dict[str, Any], end: Any) -> None:
    scene = build_scene(start, end, [])
    assert max(bone_errors(scene)) < 1e-6


@given(poses(), st.one_of(st.none(), poses()), st.lists(st.sampled_from(PROP_KINDS), max_size=3))
def test_nothing_goes_below_the_floor(start: dict[str, Any], end: Any, props: list[str]) -> None:
    scene = build_scene(start, end, props)
    if scene.floor:
        for body in scene.bodies:
            assert body.lowest() >= -1e-6
            assert body.points["head"][1] > 0


@given(poses(), st.one_of(st.none(), poses()))
def test_without_props_the_body_rests_on_the_floor(start: dict[str, Any], end: Any) -> None:
    scene = build_scene(start, end, [])
    if scene.floor:
        for body in scene.bodies:
            assert body.lowest() == pytest.approx(0, abs=1e-6)


def test_a_standing_body_has_its_proportions() -> None:
    body = build_scene({"base": "standing", "shoulder": 0, "elbow": 0}, None, []).bodies[0]
    top_of_head = body.points["head"][1] + 10
    assert 160 < top_of_head < 180  # about the height of an adult, in cm
    assert body.points["near-ankle"][1] == pytest.approx(0, abs=1e-9)
    assert body.points["pelvis"][0] == pytest.approx(0, abs=1e-9)


def test_a_bridge_keeps_shoulders_and_feet_down_as_the_hips_lift() -> None:
    scene = build_scene({"base": "hook-lying"}, {"base": "hook-lying", "hip": 0, "knee": 95}, [])
    start, end = scene.bodies
    for body in (start, end):
        assert body.surface("near-shoulder") == pytest.approx(0, abs=0.5) or body.surface(
            "head"
        ) == pytest.approx(0, abs=0.5)
        assert body.points["near-ankle"][1] == pytest.approx(0, abs=1.0)
    assert end.points["pelvis"][1] > start.points["pelvis"][1] + 15  # the hips lift


def test_bird_dog_rests_on_the_limbs_that_stay_down() -> None:
    scene = build_scene(
        {"base": "all-fours"},
        {"base": "all-fours", "near-hip": 0, "near-knee": 0, "far-shoulder": 180},
        [],
    )
    end = scene.bodies[1]
    # the near leg and far arm lift; the far knee and near hand stay on the floor
    assert end.surface("far-knee") == pytest.approx(0, abs=1.0)
    assert end.points["near-hand"][1] == pytest.approx(0, abs=1.0)
    assert end.points["near-toe"][1] > 20
    assert end.points["far-hand"][1] > 40
    # the knee on the floor stays where it was
    assert end.points["far-knee"][0] == pytest.approx(scene.bodies[0].points["far-knee"][0])


def test_a_hip_thrust_rests_the_shoulders_on_the_bench() -> None:
    scene = build_scene(
        {"base": "hook-lying", "hip": 80, "knee": 90},
        {"base": "hook-lying", "hip": 0, "knee": 90},
        ["bench@shoulder"],
    )
    (bench,) = scene.supports
    start, end = scene.bodies
    for body in scene.bodies:
        assert body.surface("near-shoulder") == pytest.approx(bench.top, abs=1.0)
    # sitting low, the body rests on the bench and the buttocks; lifted, on the bench and feet
    assert start.surface("pelvis") == pytest.approx(0, abs=1.0)
    assert end.points["near-ankle"][1] == pytest.approx(0, abs=1.0)
    assert end.points["pelvis"][1] > bench.top - 10
    assert overlaps(scene) == []


def test_sitting_rests_on_the_chair_and_standing_up_keeps_the_feet_in_place() -> None:
    scene = build_scene({"base": "sitting"}, {"base": "standing"}, ["chair"])
    sitting, standing = scene.bodies
    (chair,) = scene.supports
    assert sitting.surface("pelvis") == pytest.approx(chair.top)
    assert chair.left < sitting.points["pelvis"][0] < chair.right
    assert standing.points["near-ankle"] == pytest.approx(sitting.points["near-ankle"])


def test_a_wall_stands_behind_the_back() -> None:
    scene = build_scene({"base": "sitting"}, None, ["wall"])
    body = scene.bodies[0]
    walls = [s for s in scene.shapes if s.role == "prop"]
    (wall,) = walls
    x = wall.points[0][0]  # type: ignore[union-attr]
    assert x == pytest.approx(body.points["near-shoulder"][0] - depth("near-shoulder"))
    assert all(px >= x for px, _ in body.points.values())


def test_an_end_pose_adds_a_motion_arrow_only_when_something_moves() -> None:
    moving = build_scene({"base": "standing"}, {"base": "standing", "near-hip": 60}, [])
    still = build_scene({"base": "standing"}, {"base": "standing", "elbow": 12}, [])
    assert [s.role for s in moving.shapes].count("arrow") == 1
    assert "arrow" not in [s.role for s in still.shapes]


def test_overlaps_finds_a_body_inside_a_support_or_below_the_floor() -> None:
    standing = build_scene({"base": "standing"}, None, [])
    assert overlaps(standing) == []
    # a step drawn through the shins, a ball through the knees
    for support in (Placed("step", -20.0, 20.0, 30.0), Placed("ball", -30, 30, 60, 30, 0.0)):
        crossed = dataclasses.replace(standing, supports=(support,))
        assert any(f"inside the {support.kind}" in p for p in overlaps(crossed))
    sunk = dataclasses.replace(standing, bodies=(standing.bodies[0].moved(0, -5),))
    assert overlaps(sunk) == ["start: below the floor (-5.0)"]


# -- validation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pose", "message"),
    [
        ({"base": "standing", "hpi": 10}, "unknown joint 'hpi'"),
        ({"base": "standing", "knee": -20}, "knee -20 is outside its range 0 to 160"),
        ({"base": "standing", "near-knee": 200}, "near-knee 200 is outside its range"),
        ({"base": "standing", "hip": float("nan")}, "hip must be a finite angle"),
        ({"base": "standing", "hip": float("inf")}, "hip must be a finite angle"),
        ({"base": "standing", "hip": True}, "hip must be an angle in degrees"),
        ({"base": "standing", "hip": "90"}, "hip must be an angle in degrees"),
        ({"base": "flying"}, "unknown base 'flying'"),
        ({"base": 3}, "unknown base 3"),
    ],
)
def test_a_hostile_pose_is_refused(pose: dict[str, Any], message: str) -> None:
    with pytest.raises(PoseError, match=message):
        check_pose(pose)


@pytest.mark.parametrize(
    ("prop", "message"),
    [
        ("trampoline", "unknown prop 'trampoline'"),
        ("chair@tail", "unknown body point 'tail'"),
    ],
)
def test_an_unknown_prop_is_refused(prop: str, message: str) -> None:
    with pytest.raises(PoseError, match=message):
        parse_prop(prop)


def write_catalogue(tmp_path: Path, figure: Any, exercise_id: str = "glute-bridge") -> Path:
    data = yaml.safe_load(bundled_catalogue_path().read_text())
    for exercise in data["exercises"]:
        if exercise["id"] == exercise_id:
            exercise["figure"] = figure
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


@pytest.mark.parametrize(
    ("figure", "field", "problem"),
    [
        ({"start": {"base": "hook-lying", "hpi": 3}}, "figure.start", "unknown joint 'hpi'"),
        (
            {"start": {"base": "standing"}, "end": {"base": "standing", "knee": -30}},
            "figure.end",
            "knee -30 is outside its range",
        ),
        ({"start": {"base": "standing", "hip": float("nan")}}, "figure.start", "finite"),
        ({"start": {"base": "standing"}, "props": ["chair", "pony"]}, "figure.props", "pony"),
        ({"start": {"base": "standing"}, "colour": "red"}, "figure.colour", "not a known field"),
        ({"end": {"base": "standing"}}, "figure.start", "is required"),
        ({"start": {"base": "standing", "rests": ["tail"]}}, "figure.start", "unknown body part"),
        ({"start": {"base": "sitting", "rests": ["feet@cloud"]}}, "figure.start", "'cloud'"),
    ],
)
def test_a_bad_figure_is_a_catalogue_error_naming_the_exercise_and_field(
    tmp_path: Path, figure: Any, field: str, problem: str
) -> None:
    path = write_catalogue(tmp_path, figure)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    error = caught.value
    assert error.field is not None
    assert field in error.field
    assert "(in glute-bridge)" in error.field
    assert problem in error.problem
    assert error.line is not None


def test_a_catalogue_without_figures_still_loads(tmp_path: Path) -> None:
    path = write_catalogue(tmp_path, None)
    assert load_catalogue(path).exercise("glute-bridge").figure is None  # type: ignore[union-attr]


# -- the bundled catalogue -------------------------------------------------------------------------


def test_every_bundled_exercise_has_a_figure(catalogue: Catalogue) -> None:
    assert [e.id for e in catalogue.exercises if e.figure is None] == []


def test_every_bundled_figure_builds_without_sinking_into_anything(catalogue: Catalogue) -> None:
    problems = {}
    for exercise in catalogue.exercises:
        if exercise.figure is None:
            continue
        figure = exercise.figure
        scene = build_scene(figure.start, figure.end, figure.props)
        assert max(bone_errors(scene)) < 1e-6
        found = overlaps(scene)
        if found:
            problems[exercise.id] = found
    assert problems == {}


@pytest.mark.parametrize("kind", [k for k in PROP_KINDS if k != "floor"])
def test_every_prop_is_drawn(kind: str) -> None:
    base = "supine-above" if kind == "mat" else "standing"
    scene = build_scene({"base": base}, {"base": base, "hip": 20}, [kind])
    assert any(shape.role == "prop" for shape in scene.shapes)


def test_a_band_joins_two_points_or_runs_to_a_post() -> None:
    loop = build_scene({"base": "standing-front", "hip": 20}, None, ["band@knees"])
    (band,) = [s for s in loop.shapes if s.role == "prop"]
    body = loop.bodies[0]
    assert band.points == (body.points["near-knee"], body.points["far-knee"])  # type: ignore[union-attr]
    tied = build_scene({"base": "standing"}, None, ["band@near-ankle"])
    line, post, knot = [s for s in tied.shapes if s.role == "prop"]
    assert isinstance(line, Line) and isinstance(post, Line) and isinstance(knot, Circle)
    assert line.points[0] == tied.bodies[0].points["near-ankle"]
    assert post.points[0][1] == 0  # the post stands on the floor
    assert knot.centre == line.points[1]  # tied to the post where the band reaches it
    # a tall post, never a chair's height: a band at the knee is tied to a pole
    assert post.points[1][1] >= 90


def test_a_foot_on_a_step_stays_on_it() -> None:
    scene = build_scene(
        {"base": "standing", "near-hip": 60, "near-knee": 70}, {"base": "standing"}, ["step"]
    )
    start, end = scene.bodies
    (step,) = scene.supports
    assert start.points["near-ankle"] == pytest.approx(end.points["near-ankle"])
    assert end.points["near-ankle"][1] == pytest.approx(step.top)
    assert start.points["far-ankle"][1] == pytest.approx(0, abs=0.5)  # the other foot down


def test_a_lunge_keeps_both_feet_down() -> None:
    lunge = {"base": "standing", "near-hip": 85, "near-knee": 85, "far-hip": -5}
    body = build_scene({**lunge, "far-knee": 80, "far-ankle": -25}, None, []).bodies[0]
    assert body.points["near-ankle"][1] == pytest.approx(0, abs=0.5)
    assert body.points["far-toe"][1] == pytest.approx(0, abs=0.5)
    # a foot lifted on purpose stays lifted: the body does not topple to put it down
    lifted = build_scene({"base": "standing", "near-hip": 80, "near-knee": 90}, None, []).bodies[0]
    assert lifted.points["near-ankle"][1] > 30
    assert lifted.points["head"][0] == pytest.approx(lifted.points["pelvis"][0], abs=1)

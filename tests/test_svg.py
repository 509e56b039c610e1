"""The SVG figure: well-formed, titled, inside its viewBox, and `show --svg`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.cli import cli
from sciatica_planner.figures import build_scene
from sciatica_planner.render.svg import figure_svg, scene_svg

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result

    from sciatica_planner.models import Catalogue, Exercise

NS = "{http://www.w3.org/2000/svg}"


def coordinates(root: ET.Element) -> list[tuple[float, float]]:
    """Every point an element draws through (polylines, paths, circles' extremes)."""
    out: list[tuple[float, float]] = []
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        if tag == "polyline":
            for pair in element.attrib["points"].split():
                x, y = pair.split(",")
                out.append((float(x), float(y)))
        elif tag == "path":
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.attrib["d"])]
            out += list(zip(numbers[::2], numbers[1::2], strict=True))
        elif tag == "circle":
            cx, cy, r = (float(element.attrib[k]) for k in ("cx", "cy", "r"))
            out += [(cx - r, cy - r), (cx + r, cy + r)]
    return out


def check_svg(text: str, title: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{NS}svg"
    title_element = root.find(f"{NS}title")
    assert title_element is not None
    assert title_element.text == title
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == title_element.attrib["id"]
    _, _, width, height = (float(v) for v in root.attrib["viewBox"].split())
    points = coordinates(root)
    assert points
    for x, y in points:
        assert 0 <= x <= width
        assert 0 <= y <= height
    # strokes, never fills that print as blots
    for element in root.iter():
        assert element.attrib.get("fill", "none") == "none"
    return root


def test_every_bundled_figure_is_valid_svg_inside_its_viewbox(catalogue: Catalogue) -> None:
    drawn = 0
    for exercise in catalogue.exercises:
        svg = figure_svg(exercise)
        if exercise.figure is None:
            assert svg is None
            continue
        assert svg is not None
        check_svg(svg, exercise.name)
        drawn += 1
        assert len(svg) < 12_000  # small enough for a handout of many exercises
    assert drawn > 0


def test_the_title_is_escaped() -> None:
    scene = build_scene({"base": "standing"}, None, [])
    svg = scene_svg(scene, 'Squat & <press> "deep"', key="x")
    check_svg(svg, 'Squat & <press> "deep"')


def test_the_end_position_is_faint_and_drawn_first() -> None:
    scene = build_scene({"base": "hook-lying"}, {"base": "hook-lying", "hip": 0}, [])
    svg = scene_svg(scene, "Bridge")
    lines = [line for line in svg.splitlines() if line.startswith(("<polyline", "<circle"))]
    faint = [i for i, line in enumerate(lines) if "stroke-opacity" in line]
    solid = [i for i, line in enumerate(lines) if "stroke-opacity" not in line]
    assert faint
    # the floor may come first; every faint body stroke comes before the solid body
    body_solid = [i for i in solid if 'stroke="#1f2933"' in lines[i]]
    assert max(faint) < min(body_solid)
    assert "<path" in svg  # the motion arrow


def test_a_width_can_be_given_for_a_handout(catalogue: Catalogue) -> None:
    exercise = catalogue.exercise("glute-bridge")
    assert exercise is not None
    svg = figure_svg(exercise, width="100%")
    assert svg is not None
    assert 'width="100%"' in svg
    assert "height=" not in svg.split(">")[0]


def test_an_exercise_without_a_figure_has_no_svg(catalogue: Catalogue) -> None:
    exercise = catalogue.exercise("glute-bridge")
    assert exercise is not None
    bare: Exercise = exercise.model_copy(update={"figure": None})
    assert figure_svg(bare) is None


# -- show --svg ------------------------------------------------------------------------------------


def call(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), prog_name="sciatica-plan")


def test_show_svg_to_standard_output(runner: CliRunner) -> None:
    result = call(runner, "show", "glute-bridge", "--svg", "-")
    assert result.exit_code == 0, result.stderr
    check_svg(result.stdout, "Glute bridge")
    assert result.stderr == ""


def test_show_svg_writes_a_file_and_never_clobbers_one(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "bridge.svg"
    result = call(runner, "show", "glute-bridge", "--svg", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"Wrote {path} (the figure of glute-bridge).\n"
    check_svg(path.read_text(), "Glute bridge")

    path.write_text("mine")
    refused = call(runner, "show", "clamshell", "--svg", str(path))
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: {path}: already exists; use --force to replace it\n"
    assert path.read_text() == "mine"
    assert list(folder.iterdir()) == [path]  # no temporary file left behind

    forced = call(runner, "show", "clamshell", "--svg", str(path), "--force")
    assert forced.exit_code == 0, forced.stderr
    check_svg(path.read_text(), "Clamshell")


def test_show_svg_into_a_missing_folder_is_a_clean_error(runner: CliRunner, tmp_path: Path) -> None:
    result = call(runner, "show", "glute-bridge", "--svg", str(tmp_path / "no" / "f.svg"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "does not exist" in result.stderr


def test_show_svg_and_json_together_is_a_usage_error(runner: CliRunner) -> None:
    result = call(runner, "show", "glute-bridge", "--svg", "-", "--json")
    assert result.exit_code == 2
    assert "--json and --svg cannot be used together" in result.stderr


def test_show_svg_of_an_exercise_without_a_figure(runner: CliRunner, tmp_path: Path) -> None:
    import yaml

    from sciatica_planner.catalogue import bundled_catalogue_path

    data = yaml.safe_load(bundled_catalogue_path().read_text())
    for exercise in data["exercises"]:
        exercise.pop("figure", None)
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(data))
    result = call(runner, "--catalogue", str(path), "show", "glute-bridge", "--svg", "-")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: glute-bridge has no figure (exercises imported from another database are "
        "not drawn).\n"
    )


@pytest.mark.parametrize("exercise_id", ["glute-bridge", "sit-to-stand"])
def test_show_svg_is_the_same_bytes_every_time(runner: CliRunner, exercise_id: str) -> None:
    first = call(runner, "show", exercise_id, "--svg", "-").stdout
    assert first == call(runner, "show", exercise_id, "--svg", "-").stdout


def test_a_standing_movement_is_drawn_side_by_side() -> None:
    from sciatica_planner.render.svg import laid_out

    scene = build_scene({"base": "sitting"}, {"base": "standing"}, ["chair"])
    shapes, beside = laid_out(scene)
    assert beside
    svg = scene_svg(scene, "Sit to stand")
    assert "stroke-opacity" not in svg  # both positions solid, one after the other
    from sciatica_planner.figures.shapes import bounds

    start_right = bounds([s for s in shapes if s.phase == "start"])[2]
    end_left = bounds([s for s in shapes if s.phase == "end"])[0]
    assert end_left > start_right
    chairs = [s for s in shapes if s.role == "prop"]
    assert len(chairs) >= 2 * 4  # the chair is drawn in both panels


def test_a_key_keeps_ids_unique_when_an_exercise_appears_twice(catalogue: Catalogue) -> None:
    exercise = catalogue.exercise("clamshell")
    assert exercise is not None
    monday, friday = figure_svg(exercise, key="mon-clamshell"), figure_svg(exercise, key="fri")
    assert monday is not None and friday is not None
    assert 'id="figure-mon-clamshell-title"' in monday
    assert 'id="figure-fri-title"' in friday
    assert 'id="figure-clamshell-title"' in (figure_svg(exercise) or "")

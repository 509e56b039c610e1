"""The braille figure: it fits its box, and `show` draws it beside the text at 80 columns."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_figures import poses

from sciatica_planner.catalogue import bundled_catalogue_path
from sciatica_planner.cli import cli
from sciatica_planner.figures import build_scene
from sciatica_planner.render.braille import (
    ARROW_ACROSS,
    MAX_COLUMNS,
    MAX_ROWS,
    figure_lines,
    scene_lines,
)

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

    from sciatica_planner.models import Catalogue

BRAILLE = {chr(code) for code in range(0x2801, 0x2900)}


def check_box(lines: list[str], columns: int, rows: int) -> None:
    assert 0 < len(lines) <= rows
    widths = {len(line) for line in lines}
    assert len(widths) == 1
    assert widths.pop() <= columns
    allowed = BRAILLE | set(" ") | set(ARROW_ACROSS)
    assert set("".join(lines)) <= allowed
    assert set("".join(lines)) & BRAILLE  # something is drawn


def test_every_bundled_figure_fits_32_by_10(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        lines = figure_lines(exercise)
        if exercise.figure is None:
            assert lines == []
        else:
            check_box(lines, MAX_COLUMNS, MAX_ROWS)


@given(
    poses(),
    st.one_of(st.none(), poses()),
    st.integers(4, 40),
    st.integers(2, 14),
)
def test_any_figure_fits_any_box(start: dict[str, Any], end: Any, columns: int, rows: int) -> None:
    lines = scene_lines(
        build_scene(start, end, ["chair"]), min(columns, MAX_COLUMNS), min(rows, MAX_ROWS)
    )
    check_box(lines, min(columns, MAX_COLUMNS), min(rows, MAX_ROWS))


def test_a_standing_movement_goes_side_by_side_and_a_lying_one_stacks() -> None:
    stand = build_scene({"base": "sitting"}, {"base": "standing"}, ["chair"])
    across = scene_lines(stand, 32, 10)
    assert any(ARROW_ACROSS in line for line in across)
    bridge = build_scene({"base": "hook-lying"}, {"base": "hook-lying", "hip": 0}, [])
    down = scene_lines(bridge, 32, 10)
    assert not any(ARROW_ACROSS in line for line in down)
    blank = [i for i, line in enumerate(down) if not line.strip()]
    assert blank and 0 < blank[0] < len(down) - 1  # a gap between start and end


def test_the_braille_is_a_drawing_of_the_pose() -> None:
    # a standing figure is tall and narrow, a lying one wide and low
    tall = scene_lines(build_scene({"base": "standing"}, None, []), 32, 10)
    wide = scene_lines(build_scene({"base": "supine"}, None, []), 32, 10)
    assert len(tall) == 10
    assert len(tall[0]) < 16
    assert len(wide) < 5
    assert len(wide[0]) > 24


# -- in show ---------------------------------------------------------------------------------------


def show(runner: CliRunner, *args: str, columns: str = "80") -> str:
    result = runner.invoke(cli, ["show", *args], env={"COLUMNS": columns}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def braille_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if set(line) & BRAILLE]


def test_show_draws_the_figure_beside_the_facts_at_80_columns(
    runner: CliRunner, catalogue: Catalogue
) -> None:
    out = show(runner, "glute-bridge")  # CliRunner's output is a pipe, not a terminal
    drawn = braille_lines(out)
    assert 2 <= len(drawn) <= MAX_ROWS
    assert drawn[0].startswith("Trains")  # beside the facts, not below them
    expected = [line for line in figure_lines(catalogue.exercise("glute-bridge")) if line.strip()]
    assert len(drawn) == len(expected)
    for line, figure in zip(drawn, expected, strict=True):
        assert line.rstrip().endswith(figure.rstrip())
    assert all(len(line) <= 80 for line in out.splitlines())


def test_show_leaves_the_figure_out_when_narrow_or_asked(runner: CliRunner) -> None:
    assert braille_lines(show(runner, "glute-bridge", columns="79")) == []
    assert braille_lines(show(runner, "glute-bridge", "--no-figure")) == []
    # the rest of the view is unchanged
    plain = show(runner, "glute-bridge", "--no-figure")
    assert "Lie on your back" in plain
    assert "healthcare professional" in plain


def test_an_exercise_without_a_figure_shows_none_without_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = yaml.safe_load(bundled_catalogue_path().read_text())
    for exercise in data["exercises"]:
        exercise["figure"] = None
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(data))
    result = runner.invoke(cli, ["--catalogue", str(path), "show", "glute-bridge"])
    assert result.exit_code == 0, result.stderr
    assert braille_lines(result.stdout) == []
    assert "Lie on your back" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"]])
def test_help_does_not_import_the_figures(args: list[str]) -> None:
    program = (
        "import sys\n"
        "from sciatica_planner.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, prog_name='sciatica-plan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', sorted(m for m in sys.modules if 'figures' in m or 'braille' in m"
        " or m.endswith('.svg')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "LOADED []"

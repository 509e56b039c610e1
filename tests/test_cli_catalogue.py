"""End to end through click: --version, --help, groups, exercises, show, validate, --catalogue."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from contract import EXERCISE_KEYS
from sciatica_planner import __version__
from sciatica_planner.cli import cli
from sciatica_planner.render.terminal.console import MAX_WIDTH
from sciatica_planner.vocabulary import EQUIPMENT

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result

    from sciatica_planner.models import Catalogue

CANONICAL_GROUPS = ["glutes", "hamstrings", "quadriceps", "lower-back", "hip-abductors-adductors"]
DISCLAIMER_WORDS = "consult a healthcare professional"
BOX = re.compile(r"[│╭╮╰╯─┃━┏┓┗┛]")


def flat(text: str) -> str:
    """Output with box borders gone and every run of whitespace one space, to find wrapped text."""
    return " ".join(BOX.sub(" ", text).split())


def columns(output: str, header: str) -> tuple[str, str]:
    """A two-column table's text left and right of `header`, each flattened."""
    start = next(line.index(header) for line in output.splitlines() if header in line)
    lines = output.splitlines()
    return flat("\n".join(li[:start] for li in lines)), flat("\n".join(li[start:] for li in lines))


def shows_id(output: str, exercise_id: str) -> bool:
    """The id appears whole: not cut short, not as part of a longer id."""
    return re.search(rf"(?<![\w-]){re.escape(exercise_id)}(?![\w-])", output) is not None


def call(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run the command line as `sciatica-plan ARGS` (click would call itself `cli`)."""
    return runner.invoke(cli, list(args), env=env, prog_name="sciatica-plan")


def ok(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(
        cli, list(args), env=env, prog_name="sciatica-plan", catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result


def json_ids(runner: CliRunner, *args: str) -> set[str]:
    result = ok(runner, "exercises", *args, "--json")
    return {item["id"] for item in json.loads(result.stdout)}


def ids_where(catalogue: Catalogue, test: Any) -> set[str]:
    return {e.id for e in catalogue.exercises if test(e)}


# -- a small catalogue of one's own ----------------------------------------------------------------


def own_catalogue(**name_changes: str) -> dict[str, Any]:
    """Three exercises with distinctive ids, enough to replace the bundled catalogue."""
    groups = [
        {"id": g, "name": f"Group {g}", "muscles": [f"{g} muscle"], "why": f"Why {g} matters."}
        for g in CANONICAL_GROUPS
    ]
    exercises = [
        {
            "id": "zz-distinctive-press",
            "name": name_changes.get("press", "Distinctive press"),
            "kind": "strength",
            "groups": ["glutes", "quadriceps"],
            "level": "beginner",
            "sets": 2,
            "reps": 10,
            "rest_seconds": 30,
            "flare_safe": True,
            "steps": [name_changes.get("step", "Press steadily."), "Lower slowly."],
            "cues": [name_changes.get("cue", "Breathe out as you press.")],
            "cautions": ["Stop if it hurts."],
            "source": "added",
            "harder": "zz-heavy-press",
            "position": "standing",
        },
        {
            "id": "zz-heavy-press",
            "name": "Heavy press",
            "kind": "strength",
            "groups": ["glutes"],
            "level": "advanced",
            "equipment": ["barbell"],
            "sets": 3,
            "reps": 6,
            "rest_seconds": 120,
            "flare_safe": False,
            "steps": ["Press heavily."],
            "source": "added",
            "easier": "zz-distinctive-press",
            "position": "standing",
            # Given, so that a missing `sets` is one problem, not three (its default needs sets).
            "dose_range": {"sets": [3, 3], "reps": [6, 6]},
        },
        {
            "id": "zz-side-squeeze",
            "name": "Side squeeze",
            "kind": "strength",
            "groups": ["hip-abductors-adductors"],
            "level": "beginner",
            "sets": 5,
            "hold_seconds": 10,
            "rest_seconds": 10,
            "flare_safe": True,
            "tags": ["adduction", "isometric"],
            "steps": ["Squeeze a cushion between the knees."],
            "source": "added",
            "position": "lying",
        },
    ]
    return {"groups": groups, "exercises": exercises}


OWN_IDS = {"zz-distinctive-press", "zz-heavy-press", "zz-side-squeeze"}


def write_yaml(tmp_path: Path, data: Any, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def broken_catalogue(tmp_path: Path) -> Path:
    """A catalogue with a typo, `sest`, on a line the message must name."""
    data = own_catalogue()
    data["exercises"][1]["sest"] = data["exercises"][1].pop("sets")
    return write_yaml(tmp_path, data, "broken.yaml")


def sest_error(path: Path) -> str:
    line = next(n for n, t in enumerate(path.read_text().splitlines(), 1) if "sest:" in t)
    return (
        f"Error: {path}:{line}: exercises[1].sest (in zz-heavy-press): "
        "is not a known field (check the spelling) (and 1 more problem)\n"
    )


# -- version and help ------------------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = ok(runner, "--version")
    assert result.stdout == f"sciatica-plan, version {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(runner: CliRunner, flag: str) -> None:
    result = ok(runner, flag)
    assert result.stdout.startswith("Usage: sciatica-plan [OPTIONS] COMMAND [ARGS]...")
    for command in ("groups", "exercises", "show", "validate"):
        assert re.search(rf"^  {command}\s+\S", result.stdout, re.MULTILINE), command
    assert "--catalogue PATH" in result.stdout
    assert "SCIATICA_PLAN_CATALOGUE" in result.stdout
    assert "not medical advice" in flat(result.stdout)
    assert DISCLAIMER_WORDS in flat(result.stdout)
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


@pytest.mark.parametrize("command", ["groups", "exercises", "show", "validate"])
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(runner: CliRunner, command: str, flag: str) -> None:
    result = ok(runner, command, flag)
    assert result.stdout.startswith(f"Usage: sciatica-plan {command}")
    assert "Example:" in result.stdout


def _bare_groups() -> list[list[str]]:
    """The program itself and every group that needs a command: what a user may type bare."""
    import click

    ctx = click.Context(cli, info_name="sciatica-plan")
    groups: list[list[str]] = [[]]
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group) and not command.invoke_without_command:
            groups.append([name])
    return groups


@pytest.mark.parametrize("group", _bare_groups(), ids=lambda g: " ".join(["sciatica-plan", *g]))
def test_a_bare_group_prints_its_help(runner: CliRunner, group: list[str]) -> None:
    """`sciatica-plan` or `sciatica-plan import` typed alone: the whole help, as --help prints
    it, never a line cut short with its line breaks escaped. As click does for a group given
    no command, it goes to stderr with exit 2: nothing ran, so a script learns it was misused,
    while --help, asked for, is stdout and exit 0."""
    result = runner.invoke(cli, group, prog_name="sciatica-plan")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ok(runner, *group, "--help").stdout
    assert "\\x0a" not in result.stderr and "\u2026" not in result.stderr


def test_the_bare_groups_include_import() -> None:
    assert ["import"] in _bare_groups()


def test_a_bare_profile_shows_the_saved_options(runner: CliRunner) -> None:
    assert ok(runner, "profile").stdout.startswith("No saved plan options yet")


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_do_not_import_pydantic_rich_or_yaml(flag: str) -> None:
    """Nor pathlib and json, which cost --help a fifth of its time (docs/benchmarks.md)."""
    program = (
        "import sys\n"
        "from sciatica_planner.cli import cli\n"
        "try:\n"
        f"    cli.main([{flag!r}], prog_name='sciatica-plan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'pydantic', 'pydantic_core', 'rich', 'yaml', 'pathlib', 'json'}\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "LOADED []"
    assert "sciatica-plan" in done.stdout


def test_python_dash_m_runs_the_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sciatica_planner", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        f"sciatica-plan, version {__version__}\n",
        "",
    )


# -- groups ----------------------------------------------------------------------------------------


def test_groups_lists_the_five_groups_and_the_disclaimer(
    runner: CliRunner, catalogue: Catalogue
) -> None:
    out = ok(runner, "groups").stdout
    left, right = columns(out, "Muscles and why they matter")
    for group in catalogue.groups:
        assert shows_id(left, group.id)
        assert group.name in left
        assert group.why in right
        for muscle in group.muscles:
            assert muscle in right
    positions = [out.index(g) for g in CANONICAL_GROUPS]
    assert positions == sorted(positions)
    assert DISCLAIMER_WORDS in flat(out)


# -- exercises -------------------------------------------------------------------------------------


def test_exercises_lists_every_exercise_id(runner: CliRunner, catalogue: Catalogue) -> None:
    out = ok(runner, "exercises").stdout
    missing = [e.id for e in catalogue.exercises if not shows_id(out, e.id)]
    assert missing == []
    assert "…" not in out
    assert DISCLAIMER_WORDS in flat(out)


def test_exercises_are_grouped_under_their_primary_group(
    runner: CliRunner, catalogue: Catalogue
) -> None:
    out = ok(runner, "exercises").stdout
    headings = [out.index(catalogue.group(g).name) for g in CANONICAL_GROUPS]
    assert headings == sorted(headings)
    bounds = [*headings, len(out)]
    for e in catalogue.exercises:
        section = CANONICAL_GROUPS.index(e.groups[0])
        # The id column starts the row (a name may contain another id's words).
        start = re.search(rf"^ *{re.escape(e.id)}(?![\w-])", out, re.MULTILINE)
        assert start is not None, e.id
        assert bounds[section] < start.start() < bounds[section + 1], e.id


def test_exercises_json_is_the_whole_catalogue(runner: CliRunner, catalogue: Catalogue) -> None:
    result = ok(runner, "exercises", "--json")
    data = json.loads(result.stdout)
    assert isinstance(data, list)
    assert [item["id"] for item in data] == [e.id for e in catalogue.exercises]
    for item in data:
        assert list(item) == EXERCISE_KEYS
        assert (item["reps"] is None) != (item["hold_seconds"] is None)
        assert item["source"] in ("article", "added")
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize("group", CANONICAL_GROUPS)
def test_exercises_for_each_group(runner: CliRunner, catalogue: Catalogue, group: str) -> None:
    expected = ids_where(catalogue, lambda e: group in e.groups)
    assert expected
    assert json_ids(runner, group) == expected
    out = ok(runner, "exercises", group).stdout
    # Each exercise's id opens its second line (a name such as "Single-leg sit-to-stand" may
    # hold another's id).
    listed = {e.id for e in catalogue.exercises if re.search(rf"(?m)^{re.escape(e.id)}  ", out)}
    assert listed == expected


@pytest.mark.parametrize(
    ("alias", "group"),
    [
        ("gluteus-maximus", "glutes"),
        ("GLUTES", "glutes"),
        ("Glutes", "glutes"),
        ("quads", "quadriceps"),
        ("QUADS", "quadriceps"),
        ("lower back", "lower-back"),
        ("Lower Back", "lower-back"),
        ("lower_back", "lower-back"),
        ("hips", "hip-abductors-adductors"),
        ("abductors", "hip-abductors-adductors"),
        ("adductors", "hip-abductors-adductors"),
        ("Hip_Abductors_Adductors", "hip-abductors-adductors"),
    ],
)
def test_exercises_for_a_group_alias(
    runner: CliRunner, catalogue: Catalogue, alias: str, group: str
) -> None:
    assert json_ids(runner, alias) == ids_where(catalogue, lambda e: group in e.groups)


def test_unknown_group_is_a_usage_error_with_a_suggestion(runner: CliRunner) -> None:
    result = call(runner, "exercises", "gluts")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: sciatica-plan exercises")
    error = result.stderr.splitlines()[-1]
    assert error.startswith(
        "Error: Invalid value for '[GROUP]': unknown group 'gluts'. Choose from: glutes, "
        "hamstrings, quadriceps, lower-back, hip-abductors-adductors."
    )
    assert "Did you mean 'glutes'" in error


def test_unknown_group_far_from_any_name_gets_no_suggestion(runner: CliRunner) -> None:
    result = call(runner, "exercises", "elbows")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '[GROUP]': unknown group 'elbows'. Choose from: glutes, "
        "hamstrings, quadriceps, lower-back, hip-abductors-adductors."
    )


LEVELS = ["beginner", "intermediate", "advanced"]


@pytest.mark.parametrize(
    ("level", "included"),
    [
        ("beginner", {"beginner"}),
        ("intermediate", {"beginner", "intermediate"}),
        ("ADVANCED", {"beginner", "intermediate", "advanced"}),
    ],
)
def test_level_includes_the_levels_below(
    runner: CliRunner, catalogue: Catalogue, level: str, included: set[str]
) -> None:
    ids = json_ids(runner, "--level", level)
    assert ids == ids_where(catalogue, lambda e: e.level in included)
    # The top level asked for is really there: the filter is not just "beginner".
    top = max(included, key=LEVELS.index)
    assert any(catalogue.exercise(i).level == top for i in ids)  # type: ignore[union-attr]


def test_unknown_level_is_a_usage_error(runner: CliRunner) -> None:
    result = call(runner, "exercises", "--level", "expert")
    assert result.exit_code == 2
    assert "Invalid value for '--level'" in result.stderr


@pytest.mark.parametrize(
    ("args", "have"),
    [
        (["--equipment", "none"], set()),
        (["--equipment", "band"], {"band"}),
        (["--equipment", "Band"], {"band"}),
        (["--equipment", "band,bench"], {"band", "bench"}),
        (["--equipment", "band", "--equipment", "bench"], {"band", "bench"}),
        (["--equipment", " machine , dumbbells "], {"machine", "dumbbells"}),
    ],
)
def test_equipment_lists_what_needs_no_more_than_you_have(
    runner: CliRunner, catalogue: Catalogue, args: list[str], have: set[str]
) -> None:
    ids = json_ids(runner, *args)
    assert ids == ids_where(catalogue, lambda e: set(e.equipment) <= have)
    # Both halves of "subset": exercises that need nothing, and ones that need what you have.
    assert any(not catalogue.exercise(i).equipment for i in ids)  # type: ignore[union-attr]
    if have:
        assert any(catalogue.exercise(i).equipment for i in ids)  # type: ignore[union-attr]


def test_equipment_all_lists_everything(runner: CliRunner, catalogue: Catalogue) -> None:
    assert json_ids(runner, "--equipment", "all") == {e.id for e in catalogue.exercises}


def test_unknown_equipment_is_a_usage_error(runner: CliRunner) -> None:
    result = call(runner, "exercises", "--equipment", "band,rope")
    assert result.exit_code == 2
    assert result.stdout == ""
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: Invalid value for '--equipment': unknown equipment 'rope'.")
    assert "band, dumbbells, kettlebell, barbell, bench, ball, machine, none, all" in error


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("dumbbell", "dumbbells"),
        ("Dumbbells", "dumbbells"),
        ("bands", "band"),
        ("resistance band", "band"),
        ("Resistance_Bands", "band"),
        ("kettlebells", "kettlebell"),
        ("barbells", "barbell"),
        ("balls", "ball"),
        ("stability ball", "ball"),
        ("swiss ball", "ball"),
        ("machines", "machine"),
        ("weight bench", "bench"),
        ("benches", "bench"),
    ],
)
def test_equipment_takes_plurals_singulars_and_common_names(
    runner: CliRunner, catalogue: Catalogue, typed: str, name: str
) -> None:
    assert json_ids(runner, "--equipment", typed) == json_ids(runner, "--equipment", name)
    plan = json.loads(ok(runner, "week", "--no-journal", "--equipment", typed, "--json").stdout)
    assert plan["options"]["equipment"] == [name]


@pytest.mark.parametrize(
    ("typed", "hint"),
    [("dumbels", "'dumbbells'"), ("stabilty ball", "'ball'"), ("treadmill", None)],
)
def test_unknown_equipment_suggests_the_name_it_is_near(
    runner: CliRunner, typed: str, hint: str | None
) -> None:
    result = call(runner, "week", "--equipment", typed)
    assert result.exit_code == 2
    error = result.stderr.splitlines()[-1]
    assert error.startswith(f"Error: Invalid value for '--equipment': unknown equipment {typed!r}.")
    if hint is None:
        assert "Did you mean" not in error
    else:
        assert error.endswith(f"Did you mean {hint}?")


@pytest.mark.parametrize("kind", ["warm-up", "strength", "stretch", "Mobility"])
def test_kind_filter(runner: CliRunner, catalogue: Catalogue, kind: str) -> None:
    ids = json_ids(runner, "--kind", kind)
    assert ids
    assert ids == ids_where(catalogue, lambda e: e.kind == kind.lower())


def test_unknown_kind_is_a_usage_error(runner: CliRunner) -> None:
    result = call(runner, "exercises", "--kind", "cardio")
    assert result.exit_code == 2
    assert "Invalid value for '--kind'" in result.stderr


def test_filters_combine(runner: CliRunner, catalogue: Catalogue) -> None:
    ids = json_ids(
        runner, "hamstrings", "--kind", "stretch", "--level", "beginner", "--equipment", "none"
    )
    expected = ids_where(
        catalogue,
        lambda e: (
            "hamstrings" in e.groups
            and e.kind == "stretch"
            and e.level == "beginner"
            and not e.equipment
        ),
    )
    assert ids == expected
    assert len(ids) >= 2


def test_no_match_says_so(runner: CliRunner, tmp_path: Path) -> None:
    # The own catalogue has strength work only.
    path = str(write_yaml(tmp_path, own_catalogue()))
    out = ok(runner, "--catalogue", path, "exercises", "glutes", "--kind", "warm-up").stdout
    assert "No exercises match these filters." in out
    listed = ok(runner, "--catalogue", path, "exercises", "glutes", "--kind", "warm-up", "--json")
    assert json.loads(listed.stdout) == []


# -- show ------------------------------------------------------------------------------------------


def test_show_prints_steps_cautions_and_disclaimer(runner: CliRunner, catalogue: Catalogue) -> None:
    exercise = catalogue.exercise("glute-bridge")
    assert exercise is not None
    out = ok(runner, "show", "glute-bridge").stdout
    text = flat(out)
    assert out.startswith(f"{exercise.name}  glute-bridge\n")
    for number, step in enumerate(exercise.steps, 1):
        assert f"{number}. {step}" in text
    for cue in exercise.cues:
        assert f"- {cue}" in text
    for caution in exercise.cautions:
        assert f"- {caution}" in text
    assert "Take care" in out
    assert "Dose: 2 x 10" in out
    assert exercise.harder is not None
    assert f"({exercise.harder})" in out
    assert DISCLAIMER_WORDS in text
    assert "sciatica-plan safety" in text  # the one-line disclaimer points to every sign


def test_show_is_case_insensitive(runner: CliRunner) -> None:
    assert ok(runner, "show", "Glute-Bridge").stdout == ok(runner, "show", "glute-bridge").stdout


def test_show_json_is_the_exercise(runner: CliRunner, catalogue: Catalogue) -> None:
    data = json.loads(ok(runner, "show", "clamshell", "--json").stdout)
    assert list(data) == EXERCISE_KEYS
    assert data == catalogue.exercise("clamshell").model_dump(mode="json")  # type: ignore[union-attr]
    assert data["id"] == "clamshell"
    assert data["source"] == "article"
    assert "abduction" in data["tags"]


def test_unknown_exercise_suggests_the_closest(runner: CliRunner) -> None:
    result = call(runner, "show", "glute-brige")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: sciatica-plan show")
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: Invalid value for EXERCISE_ID: no exercise 'glute-brige'")
    assert "Did you mean 'glute-bridge'" in error
    assert error.endswith("List them with: sciatica-plan exercises")


def test_unknown_exercise_in_own_catalogue_exact_message(runner: CliRunner, tmp_path: Path) -> None:
    path = write_yaml(tmp_path, own_catalogue())
    result = call(runner, "--catalogue", str(path), "show", "zz-distinctive-pres")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for EXERCISE_ID: no exercise 'zz-distinctive-pres' in the "
        "catalogue. Did you mean 'zz-distinctive-press'? List them with: sciatica-plan exercises"
    )


# -- validate --------------------------------------------------------------------------------------


def test_validate_the_bundled_catalogue(runner: CliRunner, catalogue: Catalogue) -> None:
    from sciatica_planner.catalogue import bundled_catalogue_path

    path = bundled_catalogue_path()
    out = ok(runner, "validate", str(path)).stdout
    assert flat(out).startswith(
        f"{path}: a valid catalogue with {len(catalogue.exercises)} exercises."
    )
    for group in CANONICAL_GROUPS:
        assert re.search(rf"^ *{re.escape(group)} +\d+ +\d+ +\d+ *$", out, re.MULTILINE), group


def test_validate_counts_per_group(runner: CliRunner, tmp_path: Path) -> None:
    path = write_yaml(tmp_path, own_catalogue())
    out = ok(runner, "validate", str(path)).stdout
    assert flat(out).startswith(f"{path}: a valid catalogue with 3 exercises.")
    rows = {
        line.split()[0]: line.split()[1:]
        for line in out.splitlines()
        if line.split() and line.split()[0] in CANONICAL_GROUPS
    }
    # group: exercises, strength, flare-safe
    assert rows == {
        "glutes": ["2", "2", "1"],
        "hamstrings": ["0", "0", "0"],
        "quadriceps": ["1", "1", "1"],
        "lower-back": ["0", "0", "0"],
        "hip-abductors-adductors": ["1", "1", "1"],
    }


def test_validate_a_broken_file(runner: CliRunner, tmp_path: Path) -> None:
    path = broken_catalogue(tmp_path)
    result = call(runner, "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == sest_error(path)


def test_validate_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    result = call(runner, "validate", str(path))
    assert (result.exit_code, result.stderr) == (1, f"Error: {path}: no such file\n")


def test_validate_ignores_the_catalogue_option(runner: CliRunner, tmp_path: Path) -> None:
    # validate checks the file it is given, even when the global catalogue is broken.
    broken = broken_catalogue(tmp_path)
    good = write_yaml(tmp_path, own_catalogue())
    out = ok(runner, "--catalogue", str(broken), "validate", str(good)).stdout
    assert "a valid catalogue with 3 exercises" in flat(out)


# -- --catalogue and SCIATICA_PLAN_CATALOGUE -------------------------------------------------------


def test_catalogue_option_replaces_the_bundled_one(runner: CliRunner, tmp_path: Path) -> None:
    path = write_yaml(tmp_path, own_catalogue())
    assert json_ids(runner, "--level", "advanced") != OWN_IDS
    result = ok(runner, "--catalogue", str(path), "exercises", "--json")
    assert {item["id"] for item in json.loads(result.stdout)} == OWN_IDS
    out = ok(runner, "--catalogue", str(path), "show", "zz-distinctive-press").stdout
    assert "Press steadily." in out
    assert "Heavy press (zz-heavy-press)" in out
    assert "Why glutes matters." in flat(ok(runner, "--catalogue", str(path), "groups").stdout)


def test_catalogue_environment_variable_replaces_the_bundled_one(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write_yaml(tmp_path, own_catalogue())
    env = {"SCIATICA_PLAN_CATALOGUE": str(path)}
    result = ok(runner, "exercises", "--json", env=env)
    assert {item["id"] for item in json.loads(result.stdout)} == OWN_IDS
    assert "zz-side-squeeze" in ok(runner, "exercises", "adductors", env=env).stdout


def test_catalogue_option_wins_over_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    good = write_yaml(tmp_path, own_catalogue())
    env = {"SCIATICA_PLAN_CATALOGUE": str(broken_catalogue(tmp_path))}
    result = ok(runner, "--catalogue", str(good), "exercises", "--json", env=env)
    assert {item["id"] for item in json.loads(result.stdout)} == OWN_IDS


@pytest.mark.parametrize(
    "command", [["exercises"], ["exercises", "--json"], ["groups"], ["show", "zz-heavy-press"]]
)
def test_a_broken_catalogue_is_one_error_line(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    path = broken_catalogue(tmp_path)
    result = call(runner, "--catalogue", str(path), *command)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""
    assert result.stderr == sest_error(path)
    assert "Traceback" not in result.output


def test_a_broken_catalogue_from_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    path = broken_catalogue(tmp_path)
    result = call(runner, "exercises", env={"SCIATICA_PLAN_CATALOGUE": str(path)})
    assert (result.exit_code, result.stderr) == (1, sest_error(path))


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"\xff\xfe not text", "is not UTF-8 text"),
        (b'!!python/object/apply:os.system ["echo hacked"]\n', "YAML error"),
        (b"[" * 20_000, "nest"),
    ],
)
def test_hostile_catalogues_give_one_error_line(
    runner: CliRunner, tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    result = call(runner, "--catalogue", str(path), "exercises")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}")
    assert problem in result.stderr
    assert result.stderr.count("\n") == 1
    assert "hacked" not in result.output


def test_a_missing_catalogue_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    result = call(runner, "--catalogue", str(path), "groups")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"Error: {path}: no such file\n",
    )


# -- literal text, 80 columns, no escape codes -----------------------------------------------------


def test_catalogue_text_is_shown_literally(runner: CliRunner, tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        own_catalogue(
            press="[bold red]x[/] :smile:",
            step="Press [link=https://example.com]here[/link] :thumbs_up:",
            cue="Keep [i]still[/i] :fire:",
        ),
    )
    listing = ok(runner, "--catalogue", str(path), "exercises").stdout
    assert "[bold red]x[/]" in listing
    assert ":smile:" in listing
    shown = ok(runner, "--catalogue", str(path), "show", "zz-distinctive-press").stdout
    for literal in ("[bold red]x[/]", ":smile:", "[link=https://example.com]here[/link]"):
        assert literal in flat(shown)
    assert ":thumbs_up:" in shown
    assert "Keep [i]still[/i] :fire:" in shown
    for emoji in ("😄", "👍", "🔥"):
        assert emoji not in listing + shown
    assert "\x1b" not in listing + shown


WIDE_OUTPUTS = [
    ["groups"],
    ["exercises"],
    ["exercises", "hip-abductors-adductors"],
    ["show", "copenhagen-short-lever"],
    ["validate", "data/muscles.yaml"],
]


def assert_fits(output: str, width: int = 80) -> None:
    too_long = [line for line in output.splitlines() if len(line) > width]
    assert too_long == []
    assert "\x1b" not in output


@pytest.mark.parametrize("columns", ["80", "200"])
@pytest.mark.parametrize("args", WIDE_OUTPUTS, ids=" ".join)
def test_output_fits_the_terminal_without_escape_codes(
    runner: CliRunner, args: list[str], columns: str
) -> None:
    if args[0] == "validate":
        from sciatica_planner.catalogue import bundled_catalogue_path

        args = ["validate", str(bundled_catalogue_path())]
    assert_fits(ok(runner, *args, env={"COLUMNS": columns}).stdout, min(int(columns), MAX_WIDTH))


def test_every_exercise_fits_80_columns(runner: CliRunner, catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises:
        out = ok(runner, "show", exercise.id, env={"COLUMNS": "80"}).stdout
        assert_fits(out)
        if len(exercise.name) + 2 + len(exercise.id) <= 80:
            assert out.startswith(f"{exercise.name}  {exercise.id}\n")
        else:  # the id whole on a line of its own
            assert out.startswith(f"{exercise.name}\n{exercise.id}\n")


SGR = re.compile(r"\x1b\[([0-9;]*)m")


def colour_codes(output: str) -> set[str]:
    """SGR parameters that set a colour: 30-38 and 40-48 (with 38/48's extras), 90-97, 100-107."""
    codes: set[str] = set()
    for match in SGR.finditer(output):
        params = match.group(1).split(";")
        index = 0
        while index < len(params):
            code = params[index]
            if code in ("38", "48"):
                codes.add(code)
                index += 3 if params[index + 1 : index + 2] == ["5"] else 5
                continue
            if code and (30 <= int(code) <= 47 or 90 <= int(code) <= 107):
                codes.add(code)
            index += 1
    return codes


@pytest.mark.parametrize("args", [["groups"], ["show", "glute-bridge"], ["exercises", "hips"]])
def test_no_color_is_honoured(runner: CliRunner, args: list[str]) -> None:
    plain = ok(runner, *args, env={"NO_COLOR": "1"}).stdout
    assert "\x1b" not in plain
    # Forced into a terminal, the same view has colour, and NO_COLOR takes it away again.
    forced = ok(runner, *args, env={"FORCE_COLOR": "1"}).stdout
    assert colour_codes(forced)
    no_colour = ok(runner, *args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert colour_codes(no_colour) == set()
    assert SGR.sub("", no_colour) == SGR.sub("", forced)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("glutz", "glutes"), ("quadz", "quadriceps"), ("lowerback", "lower-back"), ("hipz", None)],
)
def test_a_near_miss_suggests_a_canonical_group(
    runner: CliRunner, typed: str, suggested: str | None
) -> None:
    result = runner.invoke(cli, ["exercises", typed])
    assert result.exit_code == 2
    hint = result.stderr.split("Did you mean", 1)[-1]
    if suggested is not None:
        assert f"Did you mean {suggested!r}?" in result.stderr
    for alias in ("'glute'", "'gluteus'", "'quads'", "'hips'", "'hip'"):
        assert alias not in hint


def test_exercises_filters_with_the_planners_one_filter(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The level and equipment filter is pool.fits, the one the planner uses."""
    from sciatica_planner.planning import pool

    seen: list[tuple[str, tuple[str, ...]]] = []

    def only_bridges(exercise: object, level: str, equipment: tuple[str, ...]) -> bool:
        seen.append((level, tuple(equipment)))
        return getattr(exercise, "id", "") == "glute-bridge"

    monkeypatch.setattr(pool, "fits", only_bridges)
    result = runner.invoke(cli, ["exercises", "--json", "--level", "intermediate"])
    assert [e["id"] for e in json.loads(result.stdout)] == ["glute-bridge"]
    assert {level for level, _ in seen} == {"intermediate"}
    assert {gear for _, gear in seen} == {EQUIPMENT}  # no --equipment: any equipment


def test_show_gives_the_position_and_dose_range(runner: CliRunner, catalogue: Catalogue) -> None:
    exercise = catalogue.exercise("glute-bridge")
    assert exercise is not None
    out = " ".join(runner.invoke(cli, ["show", "glute-bridge"]).stdout.split())
    assert f"Position {exercise.position}" in out
    assert "(range " in out

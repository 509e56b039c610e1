"""End-to-end tests of `week` and `today` through click's CliRunner."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING

import click
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import DAY_KEYS, OPTIONS_KEYS, PLANNED_KEYS, WEEK_KEYS
from sciatica_planner import safety
from sciatica_planner.cli import cli, context
from sciatica_planner.cli.params import OPTION_FIELDS, PlanRequest, plan_options
from sciatica_planner.models import PlanOptions
from sciatica_planner.render.terminal.console import MAX_WIDTH, READABLE_WIDTH
from sciatica_planner.vocabulary import (
    DAYS_MAX,
    DAYS_MIN,
    EQUIPMENT,
    LEVELS,
    MINUTES_MAX,
    MINUTES_MIN,
    PREFERENCES,
    WEEKDAYS,
)
from strategies import minimal_catalogue_data

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

MONDAY = dt.date(2026, 11, 23)  # the Monday of conftest's fixed today (Wednesday 25 Nov)
ANSI = re.compile(r"\x1b\[")
BLOCKS = ["Warm-up", "Main", "Cool-down"]


def invoke_ok(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(cli, list(args), catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def week_json(runner: CliRunner, *args: str) -> dict:
    return json.loads(invoke_ok(runner, "week", "--json", *args))


def test_week_json_is_this_weeks_plan(runner: CliRunner) -> None:
    data = week_json(runner)
    assert data["start"] == MONDAY.isoformat()
    assert data["options"] == {
        "days": 3,
        "on": ["mon", "wed", "fri"],
        "level": "beginner",
        "equipment": [],
        "minutes": 30,
        "pain": 0,
        "seed": 20261123,
        "prefer": "neutral",
        "pain_from": "default",
    }
    assert [d["weekday"] for d in data["days"]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert [d["rest"] for d in data["days"]] == [False, True, False, True, False, True, True]
    assert data["disclaimer"] == safety.DISCLAIMER
    assert data["red_flags"] == list(safety.RED_FLAGS)


@pytest.mark.parametrize("offset", range(7))
def test_default_start_is_monday_of_the_current_week(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, offset: int
) -> None:
    monkeypatch.setattr(context, "today", lambda: MONDAY + dt.timedelta(days=offset))
    assert week_json(runner)["start"] == "2026-11-23"
    assert week_json(runner, "--next")["start"] == "2026-11-30"


def test_same_week_same_plan_on_any_day_and_next_week_varies(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = set()
    for offset in range(7):
        monkeypatch.setattr(context, "today", lambda offset=offset: MONDAY + dt.timedelta(offset))
        seen.add(invoke_ok(runner, "week", "--json"))
    assert len(seen) == 1
    assert invoke_ok(runner, "week", "--json", "--next") not in seen


def test_options_reach_the_plan(runner: CliRunner) -> None:
    data = week_json(
        runner,
        "--on",
        "tue,THU,saturday",
        "--level",
        "Intermediate",
        "--equipment",
        "band",
        "--equipment",
        "bench,ball",
        "--minutes",
        "45",
        "--pain",
        "2",
        "--seed",
        "99",
        "--start",
        "2027-01-05",
        "--prefer",
        "EXTENSION",
    )
    assert data["start"] == "2027-01-05"
    assert data["options"] == {
        "days": 3,
        "on": ["tue", "thu", "sat"],
        "level": "intermediate",
        "equipment": ["band", "bench", "ball"],
        "minutes": 45,
        "pain": 2,
        "seed": 99,
        "prefer": "extension",
        "pain_from": "options",
    }
    training = [d["weekday"] for d in data["days"] if not d["rest"]]
    assert training == ["Tuesday", "Thursday", "Saturday"]
    assert all(d["estimated_minutes"] <= 45 for d in data["days"])


def test_days_picks_the_default_spread(runner: CliRunner) -> None:
    data = week_json(runner, "--days", "4")
    assert data["options"]["on"] == ["mon", "tue", "thu", "fri"]
    assert week_json(runner, "--days", "3", "--on", "mon,wed,fri")["options"]["days"] == 3


def test_equipment_all_and_none(runner: CliRunner) -> None:
    assert week_json(runner, "--equipment", "all")["options"]["equipment"] == [
        "band",
        "dumbbells",
        "kettlebell",
        "barbell",
        "bench",
        "ball",
        "machine",
    ]
    assert week_json(runner, "--equipment", "none")["options"]["equipment"] == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "7"], "'--days'"),
        (["--days", "1"], "'--days'"),
        (["--minutes", "5"], "'--minutes'"),
        (["--minutes", "121"], "'--minutes'"),
        (["--pain", "11"], "'--pain'"),
        (["--pain", "-1"], "'--pain'"),
        (["--level", "expert"], "'--level'"),
        (["--equipment", "rowing-machine"], "unknown equipment 'rowing-machine'"),
        (["--on", "mon"], "choose 2 to 6 training days"),
        (["--on", "mon,mon,wed"], "mon is listed twice"),
        (["--on", "mon,funday"], "'funday' is not a weekday"),
        (["--on", "mon,tue,wed,thu,fri,sat,sun"], "choose 2 to 6 training days"),
        (["--start", "30/11/2026"], "is not a date; write it as YYYY-MM-DD"),
        (["--days", "4", "--on", "mon,wed,fri"], "--days 4 conflicts with --on mon,wed,fri"),
        (["--start", "2026-11-30", "--next"], "--start and --next both choose the week"),
        (["--seed", "abc"], "'--seed'"),
        (["--prefer", "sideways"], "Invalid value for '--prefer': 'sideways' is not one of"),
    ],
)
def test_bad_plan_options_are_usage_errors(
    runner: CliRunner, args: list[str], message: str
) -> None:
    for command in ("week", "today"):
        result = runner.invoke(cli, [command, *args])
        assert result.exit_code == 2, (command, args, result.output)
        assert message in result.stderr
        assert "Error:" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_week_terminal_view(runner: CliRunner) -> None:
    out = invoke_ok(runner, "week", "--start", "2026-11-23")
    assert "Your week: Monday 23 Nov to Sunday 29 Nov 2026" in out
    assert "<- today" in out and "Wednesday 25 Nov" in out
    assert out.count("rest day") == 4
    assert "consult a healthcare professional" in " ".join(out.split())
    assert safety.EMERGENCY_BOX_TITLE in out and "sciatica-plan safety" in out
    assert "Strength sets this week, per group" in out
    for label in ("glutes", "hamstrings", "quadriceps", "lower back", "hips"):
        assert re.search(rf"^\s*{label}\s+#+\s+\d+\s*$", out, re.MULTILINE), label
    assert not ANSI.search(out)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_tables_use_a_wide_terminal_and_prose_stays_readable(runner: CliRunner) -> None:
    """Contract: the terminal view fits 80 columns, and tables use a wider terminal; the
    emergency box that ends each plan view keeps to 6 lines at a readable width."""
    for args in (["week"], ["today"], ["today", "--date", "2026-11-24"], ["week", "--pain", "8"]):
        for columns in (80, 200):
            lines = invoke_ok(runner, *args, env={"COLUMNS": str(columns)}).splitlines()
            assert max(len(line) for line in lines) <= min(columns, MAX_WIDTH), args
            box = [line for line in lines if line[:1] and line[0] in "╭│╰"]
            assert 3 <= len(box) <= 6 and max(len(line) for line in box) <= READABLE_WIDTH
            assert "sciatica-plan safety" in box[-1]
        narrow = invoke_ok(runner, *args, env={"COLUMNS": "60"})
        assert max(len(line) for line in narrow.splitlines()) <= 60, args
    # At 140 columns no exercise name wraps in the week's tables.
    names = {
        item["name"]
        for day in json.loads(invoke_ok(runner, "week", "--json", "--minutes", "60"))["days"]
        for item in day["exercises"]
    }
    wide = invoke_ok(runner, "week", "--minutes", "60", env={"COLUMNS": "140"})
    assert all(re.search(rf"^ *\d+ +{re.escape(name)} ", wide, re.M) for name in names)


def test_colour_only_when_forced_and_never_with_no_color(runner: CliRunner) -> None:
    coloured = invoke_ok(runner, "week", env={"FORCE_COLOR": "1"})
    assert ANSI.search(coloured)
    plain = invoke_ok(runner, "week", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not re.search(r"\x1b\[[0-9;]*3[0-9]m", plain)  # no foreground colours


@pytest.mark.parametrize("offset", range(7))
def test_today_is_that_day_of_the_week(runner: CliRunner, offset: int) -> None:
    week = week_json(runner)
    date = (MONDAY + dt.timedelta(days=offset)).isoformat()
    day = json.loads(invoke_ok(runner, "today", "--json", "--date", date))
    expected = week["days"][offset]
    assert {k: day[k] for k in expected} == expected
    assert day["disclaimer"] == week["disclaimer"]
    assert day["red_flags"] == week["red_flags"]
    assert day["warnings"] == week["warnings"]


def test_today_defaults_to_today(runner: CliRunner) -> None:
    day = json.loads(invoke_ok(runner, "today", "--json"))
    assert day["date"] == "2026-11-25"


def test_today_in_another_week_defaults_to_its_first_day(runner: CliRunner) -> None:
    assert json.loads(invoke_ok(runner, "today", "--json", "--next"))["date"] == "2026-11-30"
    day = json.loads(invoke_ok(runner, "today", "--json", "--date", "2026-12-09"))
    assert day["date"] == "2026-12-09"


def test_today_date_outside_the_chosen_week_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["today", "--next", "--date", "2026-11-25"])
    assert result.exit_code == 2
    assert "2026-11-25 is not in the week of 2026-11-30 to 2026-12-06" in result.stderr


def test_today_training_day_has_every_step(runner: CliRunner) -> None:
    from sciatica_planner.catalogue import load_catalogue

    catalogue = load_catalogue()
    out = invoke_ok(runner, "today", "--date", "2026-11-25")
    flat = " ".join(out.split())
    day = json.loads(invoke_ok(runner, "today", "--json", "--date", "2026-11-25"))
    for item in day["exercises"]:
        exercise = catalogue.exercise(item["id"])
        assert exercise is not None
        assert exercise.name in flat
        for step in exercise.steps:
            assert " ".join(step.split()) in flat
        for caution in exercise.cautions:
            assert " ".join(caution.split()) in flat
    assert "<- today" in out
    assert safety.EMERGENCY_BOX_TITLE in out and "sciatica-plan safety" in out


def test_rest_day_names_the_next_training_day(runner: CliRunner) -> None:
    out = " ".join(invoke_ok(runner, "today", "--date", "2026-11-24").split())
    assert "A rest day" in out
    week = week_json(runner)
    groups = week["days"][2]["groups"]
    assert "Next training day: Wednesday 25 November 2026:" in out
    assert groups[0] in out


def test_rest_day_after_the_last_session_looks_into_next_week(runner: CliRunner) -> None:
    out = " ".join(invoke_ok(runner, "today", "--date", "2026-11-28").split())
    assert "Next training day: Monday 30 November 2026 (next week)" in out
    following = week_json(runner, "--next")
    label = following["days"][0]["groups"][0].replace("-", " ")
    assert label.split()[0] in out


def test_pain_levels_change_the_week(runner: CliRunner) -> None:
    normal = week_json(runner)
    moderate = week_json(runner, "--pain", "5")
    flare = week_json(runner, "--pain", "9")
    sets = lambda data: sum(  # noqa: E731
        e["sets"] for d in data["days"] for e in d["exercises"] if e["kind"] == "strength"
    )
    assert sets(moderate) < sets(normal)
    assert "Pain 5/10" in moderate["warnings"][0]
    assert "strengthening is paused" in flare["warnings"][0]
    everything = [e for d in flare["days"] for e in d["exercises"]]
    assert all(e["flare_safe"] for e in everything)
    out = invoke_ok(runner, "week", "--pain", "9")
    assert "strengthening is paused" in " ".join(out.split())


def _catalogue_file(tmp_path: Path, name: str) -> Path:
    data = minimal_catalogue_data()
    data["exercises"][2]["name"] = name
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_catalogue_text_is_shown_literally(runner: CliRunner, tmp_path: Path) -> None:
    name = "[bold red]Glute[/] :smile: <b>x</b>"
    path = _catalogue_file(tmp_path, name)
    for args in (["week"], ["today", "--date", "2026-11-23"], ["today", "--date", "2026-11-27"]):
        out = invoke_ok(runner, "--catalogue", str(path), *args, env={"COLUMNS": "200"})
        if args[0] == "week" or "glutes" in out.splitlines()[0]:
            assert "[bold red]Glute[/] :smile: <b>x</b>" in out
        assert "😄" not in out


def test_catalogue_from_the_environment(runner: CliRunner, tmp_path: Path) -> None:
    path = _catalogue_file(tmp_path, "Distinctive squeeze")
    data = json.loads(
        invoke_ok(runner, "week", "--json", env={"SCIATICA_PLAN_CATALOGUE": str(path)})
    )
    names = {e["name"] for d in data["days"] for e in d["exercises"]}
    assert "Distinctive squeeze" in names


def test_unsatisfiable_plan_is_exit_1_naming_group_and_filter(
    runner: CliRunner, tmp_path: Path
) -> None:
    data = minimal_catalogue_data()
    for entry in data["exercises"]:
        if entry["id"] == "quadriceps-basic":
            entry["equipment"] = ["barbell"]
    path = tmp_path / "no-quads.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = runner.invoke(cli, ["--catalogue", str(path), "week"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no strength exercise for quadriceps fits --equipment")
    assert result.stdout == ""


def test_broken_catalogue_is_exit_1_for_plan_commands(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("groups: [\n", encoding="utf-8")
    for command in (["week"], ["today"], ["week", "--json"]):
        result = runner.invoke(cli, ["--catalogue", str(path), *command])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {path}:")
        assert "Traceback" not in result.stderr


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "--days",
                "--on",
                "--level",
                "--equipment",
                "--minutes",
                "--pain",
                "--seed",
                "--start",
                "--next",
                "--json",
                "--date",
                "3",
                "0",
                "-1",
                "mon,wed",
                "all",
                "beginner",
                "2026-11-30",
                "x",
                "",
                "9999999999999999999999",
                "mon,tue,wed",
            ]
        ),
        max_size=6,
    ),
    st.sampled_from(["week", "today"]),
)
def test_any_arguments_end_in_0_1_or_2_without_traceback(args: list[str], command: str) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [command, *args])
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr


# -- PLAN OPTIONS: one definition, --prefer and where the pain came from ------------------------


@click.command()
@plan_options
def probe(plan: PlanRequest) -> None:
    """Prints the PlanOptions that the shared options build, as JSON; the options plan
    commands build without validating (`checked`) must equal validated ones."""
    values = {**plan.fields, "seed": plan.seed or 1, "start": plan.week_start(MONDAY)}
    options = PlanOptions(**values)
    checked = PlanOptions.checked(**values)
    assert checked == options and checked.__dict__ == options.__dict__
    assert all(type(checked.__dict__[k]) is type(v) for k, v in options.__dict__.items())
    click.echo(options.model_dump_json())


def probed(runner: CliRunner, *args: str) -> dict:
    result = runner.invoke(probe, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_request_holds_exactly_the_plan_options_fields() -> None:
    assert {*OPTION_FIELDS, "seed", "start"} == set(PlanOptions.model_fields)


def test_plan_options_build_plan_options(runner: CliRunner) -> None:
    assert probed(runner) == {
        "days": 3,
        "on": ["mon", "wed", "fri"],
        "level": "beginner",
        "equipment": [],
        "minutes": 30,
        "pain": 0,
        "seed": 1,
        "prefer": "neutral",
        "pain_from": "default",
    }
    typed = probed(
        runner, "--days", "4", "--level", "Advanced", "--equipment", "band,ball", "--pain", "3",
        "--prefer", "Extension", "--minutes", "50", "--seed", "7",
    )  # fmt: skip
    assert typed == {
        "days": 4,
        "on": ["mon", "tue", "thu", "fri"],
        "level": "advanced",
        "equipment": ["band", "ball"],
        "minutes": 50,
        "pain": 3,
        "seed": 7,
        "prefer": "extension",
        "pain_from": "options",
    }


@settings(max_examples=150, deadline=None)
@given(
    days=st.none() | st.integers(DAYS_MIN, DAYS_MAX),
    on=st.none()
    | st.lists(st.sampled_from(WEEKDAYS), min_size=DAYS_MIN, max_size=DAYS_MAX, unique=True),
    level=st.none() | st.sampled_from([*LEVELS, "Advanced", "INTERMEDIATE"]),
    equipment=st.lists(st.lists(st.sampled_from(EQUIPMENT), max_size=3), max_size=3),
    minutes=st.none() | st.integers(MINUTES_MIN, MINUTES_MAX),
    pain=st.none() | st.integers(0, 10),
    prefer=st.none() | st.sampled_from([*PREFERENCES, "Flexion"]),
    seed=st.none() | st.integers(-(2**63), 2**63 - 1),
)
def test_any_typed_options_are_what_validation_would_give(
    days: int | None,
    on: list[str] | None,
    level: str | None,
    equipment: list[list[str]],
    minutes: int | None,
    pain: int | None,
    prefer: str | None,
    seed: int | None,
) -> None:
    """Plan commands build PlanOptions from the typed values without validating them again;
    the probe checks those options equal validated ones, for any options click accepts."""
    from click.testing import CliRunner

    args: list[str] = []
    if on is not None:
        args += ["--on", ",".join(on)]
    if days is not None and (on is None or days == len(on)):
        args += ["--days", str(days)]
    for name, value in (("--level", level), ("--minutes", minutes), ("--pain", pain)):
        if value is not None:
            args += [name, str(value)]
    for chosen in equipment:
        args += ["--equipment", ",".join(chosen) or "none"]
    if prefer is not None:
        args += ["--prefer", prefer]
    if seed is not None:
        args += ["--seed", str(seed)]
    result = CliRunner().invoke(probe, args, catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)


def test_checked_options_still_keep_the_rule_across_fields() -> None:
    with pytest.raises(ValueError, match="distinct weekdays"):
        PlanOptions.checked(days=3, on=("mon", "wed"), seed=1, start=MONDAY)
    with pytest.raises(ValueError, match="distinct weekdays"):
        PlanOptions.checked(days=2, on=("mon", "mon"), seed=1, start=MONDAY)


@pytest.mark.parametrize("prefer", PREFERENCES)
def test_prefer_reaches_the_options(runner: CliRunner, prefer: str) -> None:
    assert probed(runner, "--prefer", prefer)["prefer"] == prefer


@pytest.mark.parametrize(("args", "source"), [([], "default"), (["--pain", "0"], "options")])
def test_pain_from_says_whether_pain_was_typed(
    runner: CliRunner, args: list[str], source: str
) -> None:
    data = probed(runner, *args)
    assert (data["pain"], data["pain_from"]) == (0, source)


@pytest.mark.parametrize("command", ["week", "today", "export"])
def test_help_lists_prefer(runner: CliRunner, command: str) -> None:
    out = runner.invoke(cli, [command, "--help"], catch_exceptions=False).stdout
    flat = " ".join(out.split())
    assert "--prefer [neutral|flexion|extension]" in flat
    assert "directional preference" in flat and "[default: neutral]" in flat


def test_week_json_options_carry_prefer_and_pain_from(runner: CliRunner) -> None:
    assert week_json(runner, "--prefer", "extension")["options"]["prefer"] == "extension"
    assert week_json(runner, "--pain", "3")["options"]["pain_from"] == "options"
    assert week_json(runner)["options"]["pain_from"] == "default"
    assert week_json(runner)["schema_version"] == 3


def test_week_json_has_the_contract_keys_in_order(runner: CliRunner) -> None:
    data = week_json(runner)
    assert list(data) == WEEK_KEYS
    assert list(data["options"]) == OPTIONS_KEYS
    for day in data["days"]:
        assert list(day) == DAY_KEYS
        for item in day["exercises"]:
            assert list(item) == PLANNED_KEYS
    today = json.loads(invoke_ok(runner, "today", "--json", "--date", "2026-11-23"))
    assert list(today) == [*DAY_KEYS, "disclaimer", "red_flags", "warnings"]


def test_week_terminal_view_shows_blocks_and_walks(runner: CliRunner) -> None:
    out = invoke_ok(runner, "week", "--start", "2026-11-23")
    data = week_json(runner, "--start", "2026-11-23")
    for day in data["days"]:
        if day["rest"] and day["walk_minutes"] > 0:
            assert f"rest day - easy walk about {day['walk_minutes']} min" in out
    labels = [line.strip() for line in out.splitlines() if line.strip() in BLOCKS]
    assert labels == BLOCKS * sum(not d["rest"] for d in data["days"])


def test_flare_up_week_never_says_strength(runner: CliRunner) -> None:
    for args in (["week"], ["today", "--date", "2026-11-23"]):
        out = " ".join(invoke_ok(runner, *args, "--pain", "8").split())
        assert not re.search(r"\bstrength\b", out, re.IGNORECASE), args
        assert "Strength sets this week" not in out


@pytest.mark.parametrize("columns", [30, 40, 60, 80, 200])
@pytest.mark.parametrize(
    "args",
    [
        ["week"],
        ["week", "--level", "advanced", "--equipment", "all", "--minutes", "60"],
        ["today", "--date", "2026-11-25", "--level", "advanced", "--minutes", "60"],
        ["today", "--date", "2026-11-24"],
        ["program", "--weeks", "4"],
    ],
    ids=["week", "advanced-week", "long-today", "rest-day", "program"],
)
def test_views_fit_any_width_and_end_no_line_with_spaces(
    runner: CliRunner, args: list[str], columns: int
) -> None:
    """Nothing is cropped by the terminal's edge (charts shorten their bars, summaries fall back
    to one list, optional columns are left out), and no line ends with spaces."""
    from rich.cells import cell_len

    lines = invoke_ok(runner, *args, env={"COLUMNS": str(columns)}).splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    assert [line for line in lines if line != line.rstrip()] == []
    if args[0] == "week":  # every bar of the chart keeps its number
        chart = [line for line in lines if re.match(r"  (glutes|hamstrings|quad|lower|hips)", line)]
        assert len(chart) == 5 and all(re.search(r"#+ +\d+$", line) for line in chart), chart


# -- A week whose sessions are all past ----------------------------------------------------------

SUNDAY = MONDAY + dt.timedelta(days=6)
PAST = "This week's sessions are all past: sciatica-plan {} --next for next week."


@pytest.mark.parametrize("command", ["week", "today"])
def test_on_a_sunday_the_view_says_the_week_is_past_and_names_next(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setattr(context, "today", lambda: SUNDAY)
    result = runner.invoke(cli, [command, "--no-journal"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    header = result.stdout.split("\n\n")[0]  # the title, options and notes, before any day
    assert f"- {PAST.format(command)}" in header.splitlines()
    # --next is what it says: next week's, without the note
    following = runner.invoke(cli, [command, "--no-journal", "--next"], env={"COLUMNS": "80"})
    assert following.exit_code == 0, following.output
    assert "all past" not in following.stdout
    assert "30 Nov" in following.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("today", "extra"),
    [
        (MONDAY + dt.timedelta(days=2), []),  # Wednesday: Friday's session is to come
        (MONDAY + dt.timedelta(days=4), []),  # Friday: today's session is not past
        (MONDAY + dt.timedelta(days=5), ["--on", "mon,sun"]),  # Saturday, a Sunday session
        (SUNDAY, ["--start", str(MONDAY)]),  # a week chosen by --start is the user's choice
    ],
)
def test_a_week_with_a_session_to_come_has_no_past_note(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    today: dt.date,
    extra: list[str],
) -> None:
    monkeypatch.setattr(context, "today", lambda: today)
    for command in ("week", "today"):
        result = runner.invoke(cli, [command, "--no-journal", *extra])
        assert result.exit_code == 0, result.output
        assert "all past" not in result.stdout


def test_today_with_a_date_has_no_past_note(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "today", lambda: SUNDAY)
    result = runner.invoke(cli, ["today", "--no-journal", "--date", str(MONDAY)])
    assert result.exit_code == 0, result.output
    assert "all past" not in result.stdout

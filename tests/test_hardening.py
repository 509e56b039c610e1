"""Hardening, round two, end to end: escape sequences in file names, notes, CSV and JSON;
special files; invisible and direction-changing text; odd input as usage errors; COLUMNS=0;
long error lines. Every payload here once reached the terminal raw or ended in "unexpected"."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sciatica_planner.cli import cli
from sciatica_planner.text import is_control, is_hidden
from strategies import minimal_catalogue_data

if TYPE_CHECKING:
    from collections.abc import Callable

    from click.testing import CliRunner, Result

# Clear the screen, write the clipboard (OSC 52), a hyperlink (OSC 8), CSI as one C1 character,
# BEL, and a colour: each one acts on a terminal if it reaches it raw.
ESCAPES = {
    "clear screen": "\x1b[2J",
    "OSC 52 clipboard": "\x1b]52;c;aGVsbG8=\x07",
    "OSC 8 link": "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b31m",
    "BEL": "\x07",
}
RAW = ("\x1b", "\x07", "\x9b")
FILE_NAME = "week\x1b]52;c;aGk=\x07\x1b[2J\x1b[31m.yaml"
# One of each hidden class: bidi override and isolate, zero-width, a BOM mid-text, a tag
# character, a Hangul filler, a non-character.
HIDDEN = {
    "RLO": "\u202e",
    "LRI": "\u2066",
    "PDI": "\u2069",
    "ZWSP": "\u200b",
    "ZWJ": "\u200d",
    "BOM": "\ufeff",
    "tag": "\U000e0041",
    "Hangul filler": "\u3164",
    "non-character": "\ufdd0",
}


def invoke(runner: CliRunner, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(cli, list(args), prog_name="sciatica-plan", **kwargs)


def inert(text: str) -> bool:
    """No character that could act on a terminal (a line break aside)."""
    return not any(c != "\n" and (is_control(c) or is_hidden(c)) for c in text)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal" / "journal.sqlite3"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    made = tmp_path / "out"
    made.mkdir()
    return made


def catalogue_file(folder: Path, name: str = "catalogue.yaml", data: Any = None) -> Path:
    path = folder / name
    path.write_text(
        yaml.safe_dump(data or minimal_catalogue_data(), sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return path


# -- escape sequences in file names -----------------------------------------------------------


def test_validate_shows_an_escaped_file_name(runner: CliRunner, out: Path) -> None:
    path = catalogue_file(out, FILE_NAME)
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert inert(result.stdout)
    flat = "".join(result.stdout.split())  # the line wraps at 80 columns
    assert "week\\x1b]52;c;aGk=\\x07\\x1b[2J\\x1b[31m.yaml:avalidcatalogue" in flat


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "{path}"],
        ["--catalogue", "{path}", "groups"],
        ["--catalogue", "{path}", "week"],
    ],
    ids=["validate", "--catalogue", "week"],
)
def test_a_missing_file_is_named_escaped(runner: CliRunner, out: Path, args: list[str]) -> None:
    path = out / FILE_NAME
    result = invoke(runner, *(a.format(path=path) for a in args))
    assert result.exit_code == 1
    assert inert(result.stderr)
    assert result.stderr.endswith("\\x1b[31m.yaml: no such file\n")


def test_the_catalogue_variable_is_named_escaped(runner: CliRunner, out: Path) -> None:
    result = invoke(runner, "groups", env={"SCIATICA_PLAN_CATALOGUE": str(out / FILE_NAME)})
    assert result.exit_code == 1
    assert inert(result.stderr) and "no such file" in result.stderr


def test_export_messages_show_the_file_name_escaped(runner: CliRunner, out: Path) -> None:
    target = out / "week\x1b[2J\x9b\u202e.md"
    wrote = invoke(runner, "export", "-o", str(target), "--no-journal")
    assert wrote.exit_code == 0, wrote.stderr
    assert inert(wrote.stderr)
    assert "\\x1b[2J\\x9b<U+202E>.md (markdown" in wrote.stderr
    again = invoke(runner, "export", "-o", str(target), "--no-journal")
    assert again.exit_code == 1
    assert inert(again.stderr) and "already exists" in again.stderr


def test_journal_messages_show_the_file_name_escaped(runner: CliRunner, out: Path) -> None:
    path = out / "journal\x1b[2J\x07.sqlite3"
    started = invoke(runner, "--journal", str(path), "log", "--pain", "3")
    assert started.exit_code == 0, started.stderr
    assert inert(started.stderr)
    assert "Started your journal, readable by you only:" in started.stderr
    not_ours = out / "notes\x1b]52;c;aGk=\x07.txt"
    not_ours.write_text("my diary\n" * 100, encoding="utf-8")
    refused = invoke(runner, "--journal", str(not_ours), "history")
    assert refused.exit_code == 1
    assert inert(refused.stderr) and "not a sciatica-plan journal" in refused.stderr


# -- escape sequences in notes: CSV, JSON, terminal ----------------------------------------------


@pytest.fixture
def noted(runner: CliRunner, journal: Path) -> Path:
    for payload in ESCAPES.values():
        result = invoke(runner, "--journal", str(journal), "log", "--pain", "3", "--note", payload)
        assert result.exit_code == 0, result.stderr
    return journal


def test_csv_writes_control_characters_visibly(runner: CliRunner, noted: Path) -> None:
    result = invoke(runner, "--journal", str(noted), "history", "--csv")
    assert result.exit_code == 0, result.stderr
    assert not any(raw in result.stdout for raw in RAW)
    notes = [row[4] for row in csv.reader(io.StringIO(result.stdout, newline=""))][1:]
    assert notes == [
        "\\x1b[2J",
        "\\x1b]52;c;aGVsbG8=\\x07",
        "\\x1b]8;;http://evil.example\\x1b\\link\\x1b]8;;\\x1b\\",
        "\\x9b31m",
        "\\x07",
    ]


def test_json_escapes_c1_and_keeps_the_note_exact(runner: CliRunner, noted: Path) -> None:
    result = invoke(runner, "--journal", str(noted), "history", "--json")
    assert result.exit_code == 0, result.stderr
    assert not any(raw in result.stdout for raw in RAW)
    assert "\\u009b31m" in result.stdout
    notes = [e["note"] for e in json.loads(result.stdout)["entries"]]
    assert notes == list(ESCAPES.values())


@pytest.mark.parametrize("command", [["history"], ["forget", "2", "--yes"]])
def test_terminal_views_show_notes_inert(
    runner: CliRunner, noted: Path, command: list[str]
) -> None:
    result = invoke(runner, "--journal", str(noted), *command)
    assert result.exit_code == 0, result.stderr
    assert inert(result.stdout)
    assert "\\x1b]52;c;aGVsbG8=\\x07" in "".join(result.stdout.split())


def test_a_tab_in_a_note_shows_as_a_space(runner: CliRunner, journal: Path) -> None:
    invoke(runner, "--journal", str(journal), "log", "--pain", "2", "--note", "stiff\tafter")
    result = invoke(runner, "--journal", str(journal), "history")
    assert "stiff after" in result.stdout
    assert "\\x09" not in result.stdout and "\t" not in result.stdout


def test_exercise_ids_stay_whole_in_the_done_column(runner: CliRunner, journal: Path) -> None:
    done = "half-kneeling-hamstring-stretch,glute-bridge,side-lying-leg-lift"
    logged = invoke(runner, "--journal", str(journal), "log", "--pain", "2", "--done", done)
    assert logged.exit_code == 0, logged.stderr
    invoke(runner, "--journal", str(journal), "log", "--pain", "2", "--note", "x" * 60)
    result = invoke(runner, "--journal", str(journal), "history", "--long")  # ids: issue 24
    for exercise in done.split(","):
        assert exercise in result.stdout, result.stdout


# The formula guard sees past blanks, line breaks and invisible characters, and full-width signs.
HIDDEN_FORMULAS = {
    " =1+1": "' =1+1",
    "\n=1+1": "'\n=1+1",
    "\u00a0@SUM(A1)": "'\u00a0@SUM(A1)",
    "\uff1dHYPERLINK(1)": "'\uff1dHYPERLINK(1)",
    "\uff0b1": "'\uff0b1",
    "  \u3000-1": "'  \u3000-1",
}


def test_csv_guards_formulas_behind_blanks(runner: CliRunner, journal: Path) -> None:
    for note in HIDDEN_FORMULAS:
        logged = invoke(runner, "--journal", str(journal), "log", "--pain", "1", "--note", note)
        assert logged.exit_code == 0, logged.stderr
    result = invoke(runner, "--journal", str(journal), "history", "--csv")
    notes = [row[4] for row in csv.reader(io.StringIO(result.stdout, newline=""))][1:]
    assert notes == list(HIDDEN_FORMULAS.values())


def test_csv_guards_a_formula_behind_a_zero_width_character(tmp_path: Path) -> None:
    """A note typed today cannot hold one (log refuses it), but a journal from before may."""
    from sciatica_planner.cli.journal_commands import _csv_cell

    assert _csv_cell("\u200b=HYPERLINK(1)") == "'<U+200B>=HYPERLINK(1)"
    assert _csv_cell("\ufeff+1") == "'<U+FEFF>+1"


# -- invisible and direction-changing text is refused ---------------------------------------------


@pytest.mark.parametrize("character", list(HIDDEN.values()), ids=list(HIDDEN))
def test_log_refuses_hidden_characters_in_a_note(
    runner: CliRunner, journal: Path, character: str
) -> None:
    result = invoke(
        runner, "--journal", str(journal), "log", "--pain", "2", "--note", f"ok{character}x"
    )
    assert result.exit_code == 2
    assert f"U+{ord(character):04X}" in result.stderr
    assert inert(result.stderr)
    assert not journal.exists()


CATALOGUE_FIELDS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "groups[0].name": lambda d, v: d["groups"][0].update(name=f"Glutes{v}"),
    "groups[0].muscles[0]": lambda d, v: d["groups"][0].update(muscles=[f"gluteus{v}"]),
    "groups[0].why": lambda d, v: d["groups"][0].update(why=f"It{v} matters."),
    "exercises[2].name": lambda d, v: d["exercises"][2].update(name=f"Bridge{v}"),
    "exercises[2].steps[0]": lambda d, v: d["exercises"][2].update(steps=[f"Lie{v} down."]),
    "exercises[2].cues[0]": lambda d, v: d["exercises"][2].update(cues=[f"Breathe{v}."]),
    "exercises[2].cautions[0]": lambda d, v: d["exercises"][2].update(cautions=[f"Stop{v}."]),
    "exercises[2].dose_note": lambda d, v: d["exercises"][2].update(dose_note=f"Easy{v}."),
}


@pytest.mark.parametrize("character", list(HIDDEN.values()), ids=list(HIDDEN))
@pytest.mark.parametrize("field", list(CATALOGUE_FIELDS))
def test_the_catalogue_refuses_hidden_characters_in_each_text_field(
    runner: CliRunner, out: Path, field: str, character: str
) -> None:
    data = minimal_catalogue_data()
    CATALOGUE_FIELDS[field](data, character)
    path = catalogue_file(out, data=data)
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 1, result.stdout
    assert result.stderr.count("\n") == 1
    assert f"{field}" in result.stderr, result.stderr
    assert f"U+{ord(character):04X}" in result.stderr
    assert "invisible or direction-changing" in result.stderr
    assert inert(result.stderr)


def test_a_name_of_zero_width_spaces_is_not_a_name(runner: CliRunner, out: Path) -> None:
    data = minimal_catalogue_data()
    data["exercises"][2]["name"] = "\u200b\u200b"
    result = invoke(runner, "validate", str(catalogue_file(out, data=data)))
    assert result.exit_code == 1
    assert "exercises[2].name" in result.stderr


# -- special files -------------------------------------------------------------------------------


def null_device_copy(folder: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    device = folder / "null-copy"
    os.mknod(device, 0o666 | stat.S_IFCHR, Path("/dev/null").stat().st_rdev)
    return device


def fifo(folder: Path) -> Path:
    made = folder / "pipe.md"
    os.mkfifo(made)
    return made


SPECIAL = {"fifo": fifo, "character device": null_device_copy}


def run_cli(*args: str, timeout: float = 30, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The installed program in a subprocess: a hang fails the test instead of the whole run."""
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "sciatica_planner", *args],
        text=True,
        timeout=timeout,
        check=False,
        **streams,
    )


@pytest.mark.parametrize("make", list(SPECIAL.values()), ids=list(SPECIAL))
def test_export_never_replaces_a_special_file(out: Path, make: Callable[[Path], Path]) -> None:
    target = make(out)
    kind = stat.S_IFMT(target.stat().st_mode)
    done = run_cli("export", "--no-journal", "-o", str(target), "--force")
    assert done.returncode == 1, done.stderr
    assert "not a regular file" in done.stderr
    assert stat.S_IFMT(target.stat().st_mode) == kind
    assert sorted(p.name for p in out.iterdir()) == [target.name]


@pytest.mark.parametrize("make", list(SPECIAL.values()), ids=list(SPECIAL))
@pytest.mark.parametrize("option", ["--catalogue", "--journal"])
def test_special_files_are_refused_without_blocking(
    out: Path, make: Callable[[Path], Path], option: str
) -> None:
    path = make(out)
    started = time.perf_counter()
    done = run_cli(option, str(path), "history" if option == "--journal" else "groups")
    assert done.returncode == 1, done.stderr
    assert "not a" in done.stderr and "Traceback" not in done.stderr
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize("make", list(SPECIAL.values()), ids=list(SPECIAL))
@pytest.mark.parametrize(
    "args",
    [
        ["--profile", "{path}", "week", "--no-journal"],
        ["--profile", "{path}", "profile"],
        ["import", "free-exercise-db", "{path}", "-o", "{out}/imported.yaml"],
    ],
    ids=["profile for week", "profile", "import"],
)
def test_other_inputs_refuse_special_files_without_blocking(
    out: Path, make: Callable[[Path], Path], args: list[str]
) -> None:
    path = make(out)
    done = run_cli(*(a.format(path=path, out=out) for a in args), timeout=20)
    assert done.returncode == 1, done.stderr
    assert "not a" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == [path.name]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_as_the_catalogue_is_refused_at_once(out: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = out / "catalogue.yaml"
    link.symlink_to(device)
    for path in (device, str(link)):
        done = run_cli("--catalogue", path, "groups", timeout=20)
        assert done.returncode == 1
        assert done.stderr.endswith(": is a character device, not a catalogue file\n")


def test_a_trailing_slash_is_a_usage_error(runner: CliRunner, out: Path) -> None:
    result = invoke(runner, "export", "--no-journal", "-o", f"{out}/newdir/")
    assert result.exit_code == 2
    assert "ends with a slash" in result.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["show", "glute-bridge", "--svg", "{out}/figures/"],
        ["import", "free-exercise-db", "{out}/missing.json", "-o", "{out}/more/"],
    ],
    ids=["show --svg", "import -o"],
)
def test_other_outputs_refuse_a_trailing_slash(
    runner: CliRunner, out: Path, args: list[str]
) -> None:
    result = invoke(runner, *(a.format(out=out) for a in args))
    assert result.exit_code == 2, result.stderr
    assert "ends with a slash" in result.stderr
    assert list(out.iterdir()) == []


def test_show_svg_names_the_file_escaped(runner: CliRunner, out: Path) -> None:
    result = invoke(runner, "show", "glute-bridge", "--svg", str(out / "bridge\x1b[2J.svg"))
    assert result.exit_code == 0, result.stderr
    assert inert(result.stderr) and "bridge\\x1b[2J.svg" in result.stderr


def test_a_long_file_name_works(runner: CliRunner, out: Path) -> None:
    name = "w" * 247 + ".md"  # 250 characters: the temporary name once added 14 more
    result = invoke(runner, "export", "--no-journal", "-o", str(out / name))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == [name]


# -- the journal -----------------------------------------------------------------------------------


def test_log_never_silently_duplicates_when_stdout_fails(journal: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with Path("/dev/full").open("w") as full:
        done = run_cli("--journal", str(journal), "log", "--pain", "4", stdout=full)
    assert done.returncode == 1
    assert "nothing was logged" in done.stderr
    again = run_cli("--journal", str(journal), "log", "--pain", "4")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Logged entry ")
    history = run_cli("--journal", str(journal), "history", "--json")
    assert len(json.loads(history.stdout)["entries"]) == 1


def test_history_csv_with_stdout_closed(journal: Path) -> None:
    run_cli("--journal", str(journal), "log", "--pain", "4")
    done = subprocess.run(
        f'exec {sys.executable} -m sciatica_planner --journal "{journal}" history --csv >&-',
        shell=True,
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=30,
        check=False,
    )
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr


# -- odd input is a usage error ------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["forget", "99999999999999999999", "--yes"],
        ["export", "--no-journal", "--time", "99999999999999999999:00", "-o", "-"],
        ["week", "--start", "9999-12-31"],
        ["week", "--start", "9999-12-27"],
        ["week", "--start", "1899-12-25"],
        ["today", "--date", "9999-12-25"],
        ["log", "--pain", "3", "--date", "0001-01-01"],
        ["week", "--seed", "9" * 5001],
        ["forget", "9" * 5001, "--yes"],
    ],
    ids=lambda a: " ".join(x[:20] for x in a),
)
def test_odd_input_is_a_usage_error(runner: CliRunner, journal: Path, args: list[str]) -> None:
    result = invoke(runner, "--journal", str(journal), *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "unexpected" not in result.stderr
    assert "set_int_max_str_digits" not in result.stderr
    assert all(len(line) <= 600 for line in result.stderr.splitlines())


@pytest.mark.parametrize(
    "saved",
    ['time = "99999999999999999999:00"', f'time = "{"9" * 5001}:00"', "minutes = " + "9" * 30],
)
def test_odd_saved_values_are_clean_errors(runner: CliRunner, out: Path, saved: str) -> None:
    profile = out / "profile.toml"
    profile.write_text(saved + "\n", encoding="utf-8")
    result = invoke(runner, "--profile", str(profile), "week", "--no-journal")
    assert result.exit_code in (1, 2), result.stderr
    assert result.stderr.startswith("Error: ") and "unexpected" not in result.stderr
    assert all(len(line) <= 600 for line in result.stderr.splitlines())


def test_dates_at_the_edge_of_the_range_still_plan(runner: CliRunner) -> None:
    for start in ("1900-01-01", "2999-12-31"):
        result = invoke(runner, "week", "--no-journal", "--start", start)
        assert result.exit_code == 0, result.stderr


def test_a_number_of_5001_digits_in_a_catalogue(runner: CliRunner, out: Path) -> None:
    data = minimal_catalogue_data()
    path = catalogue_file(out, data=data)
    path.write_text(path.read_text().replace("sets: 2", "sets: " + "7" * 5001, 1))
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 1
    assert "set_int_max_str_digits" not in result.stderr
    assert "is too long to be a number" in result.stderr
    assert len(result.stderr) < 600


def test_an_impossible_date_in_a_catalogue_has_its_line(runner: CliRunner, out: Path) -> None:
    data = minimal_catalogue_data()
    data["exercises"][2]["name"] = "PLACEHOLDER"
    path = catalogue_file(out, data=data)
    path.write_text(path.read_text().replace("PLACEHOLDER", "2024-02-30"))
    result = invoke(runner, "validate", str(path))
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "2024-02-30" in text
    )
    assert result.stderr == f"Error: {path}:{line}: 2024-02-30 is not a real date\n"


def test_a_ten_megabyte_value_gives_a_short_error(runner: CliRunner, out: Path) -> None:
    data = minimal_catalogue_data()
    data["exercises"][2]["kind"] = "\x1b[2J" + "x" * 10_000_000
    result = invoke(runner, "validate", str(catalogue_file(out, data=data)))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert len(result.stderr) <= 600
    assert inert(result.stderr)


def test_a_huge_option_value_gives_a_short_error(runner: CliRunner) -> None:
    result = invoke(runner, "exercises", "x" * 100_000)
    assert result.exit_code == 2
    assert all(len(line) <= 600 for line in result.stderr.splitlines())


# -- COLUMNS -----------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", ["0", "000", "-5", "abc", ""])
@pytest.mark.parametrize("command", [["week", "--no-journal"], ["groups"], ["history"]])
def test_columns_that_make_no_sense_are_ignored(
    runner: CliRunner, journal: Path, columns: str, command: list[str]
) -> None:
    plain = invoke(runner, "--journal", str(journal), *command)
    result = invoke(runner, "--journal", str(journal), *command, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    assert result.stdout == plain.stdout
    assert result.stdout.strip()


@pytest.mark.parametrize("columns", ["30", "40", "50", "59"])
@pytest.mark.parametrize("command", [["week"], ["today", "--date", "2026-11-23"]])
def test_narrow_terminals_wrap_names_instead_of_dropping_them(
    runner: CliRunner, columns: str, command: list[str]
) -> None:
    args = [*command, "--no-journal", "--start", "2026-11-23"]
    planned = json.loads(invoke(runner, *args, "--json").stdout)
    days = planned.get("days", [planned])
    names = {item["name"] for day in days for item in day["exercises"]}
    result = invoke(runner, *args, env={"COLUMNS": columns})
    assert result.exit_code == 0, result.stderr
    for name in names:  # each name's first word, at least: a wrapped name is still there
        assert name.split()[0].rstrip(",") in result.stdout, (columns, name)
    assert "healthcare" in result.stdout


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(max_size=40))
@example(note="\x1b]52;c;aGk=\x07\x9b2J\r\u202eevil\u200b")
def test_any_note_is_stored_or_refused_and_every_output_is_inert(
    runner: CliRunner, note: str
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        journal = str(Path(folder) / "journal.sqlite3")
        logged = invoke(runner, "--journal", journal, "log", "--pain", "2", "--note", note)
        assert logged.exit_code in (0, 2), logged.stderr
        assert inert(logged.stderr)
        as_json = invoke(runner, "--journal", journal, "history", "--json").stdout
        assert inert(as_json)
        if logged.exit_code == 0:
            assert json.loads(as_json)["entries"][0]["note"] == note
        as_csv = invoke(runner, "--journal", journal, "history", "--csv").stdout
        assert inert(as_csv.replace("\r\n", "\n").replace("\t", " "))
        for view in (["history"], ["forget", "1", "--yes"]):
            shown = invoke(runner, "--journal", journal, *view)
            assert inert(shown.stdout) and inert(shown.stderr)


def test_a_hand_edited_journal_is_a_clean_error_or_a_note(runner: CliRunner, out: Path) -> None:
    import sqlite3

    journal = out / "journal\x1b[2J.sqlite3"
    assert invoke(runner, "--journal", str(journal), "log", "--pain", "3").exit_code == 0
    db = sqlite3.connect(journal, isolation_level=None)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute("UPDATE entries SET pain = 'abc'")
    db.close()
    history = invoke(runner, "--journal", str(journal), "history")
    assert history.exit_code == 1
    assert inert(history.stderr) and "unexpected" not in history.stderr
    assert "entry 1 cannot be read: its pain 'abc' is not a whole number" in history.stderr
    week = invoke(runner, "--journal", str(journal), "week")
    assert week.exit_code == 0, week.stderr
    # a note wrapped to 80 columns (a long path folded), first on stderr
    assert " ".join(week.stderr.split()).startswith("Note: planning without your journal: ")
    assert all(len(line) <= 80 for line in week.stderr.splitlines())
    assert inert(week.stderr)
    forget = invoke(runner, "--journal", str(journal), "forget", "1", "--yes")
    assert forget.exit_code == 0, forget.stderr
    assert forget.stderr.startswith("Warning: ") and inert(forget.stderr)
    assert forget.stdout.startswith("Deleted entry 1.\n")
    assert invoke(runner, "--journal", str(journal), "history").exit_code == 0


@pytest.mark.parametrize("weeks", [[], ["--weeks", "2"]], ids=["week", "programme"])
def test_exported_json_writes_hidden_characters_as_escapes(
    monkeypatch: pytest.MonkeyPatch, runner: CliRunner, weeks: list[str]
) -> None:
    """The catalogue refuses hidden characters, but the export's JSON keeps them inert anyway
    (the warnings and reasons are built from text too)."""
    real = json.dumps
    monkeypatch.setattr(
        json,
        "dumps",
        lambda data, **kw: real({"smuggled": "\x9b2J\u202e", "data": data}, **kw),
    )
    result = invoke(runner, "export", "--no-journal", "--format", "json", "-o", "-", *weeks)
    assert result.exit_code == 0, result.stderr
    assert inert(result.stdout)
    assert json.loads(result.stdout)["smuggled"] == "\x9b2J\u202e"

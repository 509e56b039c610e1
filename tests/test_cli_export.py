"""End-to-end tests of `export`: formats, the same week as `week`, and safe writes."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import TYPE_CHECKING

import pytest
from icalendar import Calendar

from contract import SCHEMA_VERSION
from sciatica_planner import files
from sciatica_planner.cli import cli, context

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner


def export(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["export", *args])
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def test_json_export_is_the_week(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "week.json"
    code, out, err = export(runner, "--days", "4", "--pain", "5", "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"Wrote {target} (json, week of 2026-11-23).\n"
    week = runner.invoke(cli, ["week", "--json", "--days", "4", "--pain", "5"]).stdout
    assert target.read_text(encoding="utf-8") == week
    assert json.loads(week)["options"]["days"] == 4


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("plan.md", "# Sciatica exercise plan"),
        ("plan.markdown", "# Sciatica exercise plan"),
        ("plan.html", "<!doctype html>"),
        ("plan.HTM", "<!doctype html>"),
        ("plan.ics", "BEGIN:VCALENDAR"),
        ("plan.txt", "# Sciatica exercise plan"),
        ("plan", "# Sciatica exercise plan"),
    ],
)
def test_format_follows_the_suffix(
    runner: CliRunner, tmp_path: Path, name: str, marker: str
) -> None:
    code, _, _ = export(runner, "-o", str(tmp_path / name))
    assert code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(marker)


@pytest.mark.parametrize("name", ["plan", "plan.json"])
def test_format_option_writes_a_file_without_suffix_or_with_its_own(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    assert export(runner, "--format", "json", "-o", str(target))[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    ("fmt", "name", "means"),
    [
        ("json", "plan.md", "markdown"),
        ("ics", "week.md", "markdown"),
        ("markdown", "a.HTML", "html"),
    ],
)
def test_a_format_option_that_contradicts_the_suffix_is_refused(
    runner: CliRunner, tmp_path: Path, fmt: str, name: str, means: str
) -> None:
    """A file named .md holding JSON opens as garbage: the name and --format must agree."""
    code, out, err = export(runner, "--format", fmt, "-o", str(tmp_path / name))
    assert (code, out) == (2, "")
    renamed = (tmp_path / name).with_suffix(
        {"json": ".json", "ics": ".ics", "markdown": ".md"}[fmt]
    )
    assert err.splitlines()[-1] == (
        f"Error: --format {fmt} does not match {tmp_path / name}, whose suffix "
        f"{(tmp_path / name).suffix.lower()} means {means}; name the file {renamed}, "
        "or leave out --format"
    )
    assert not (tmp_path / name).exists() and not renamed.exists()


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("markdown", "# Sciatica"), ("html", "<!doctype html>"), ("json", "{"), ("ics", "BEGIN:")],
)
def test_dash_writes_to_stdout(runner: CliRunner, fmt: str, marker: str) -> None:
    code, out, err = export(runner, "--format", fmt, "-o", "-")
    assert code == 0 and out.startswith(marker) and err == ""


def test_default_stdout_format_is_markdown(runner: CliRunner) -> None:
    assert export(runner, "-o", "-")[1].startswith("# Sciatica exercise plan")


def test_calendar_time_and_week(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    assert export(runner, "--next", "--time", "18:05", "-o", str(target))[0] == 0
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [e.decoded("dtstart").strftime("%Y-%m-%d %H:%M") for e in events] == [
        "2026-11-30 18:05",
        "2026-12-02 18:05",
        "2026-12-04 18:05",
    ]


def test_on_a_sunday_export_says_in_one_line_the_week_is_past(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(context, "today", lambda: dt.date(2026, 11, 29))  # a Sunday
    target = tmp_path / "week.ics"
    code, _, err = export(runner, "-o", str(target))
    assert code == 0 and target.exists()
    note = "Note: this week's sessions are all past; add --next to export next week's."
    assert note in err.splitlines()
    assert len(note) <= 80
    code, _, err = export(runner, "--next", "--force", "-o", str(target))
    assert code == 0 and "all past" not in err
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert events[0].decoded("dtstart").date() == dt.date(2026, 11, 30)


def test_a_week_with_sessions_to_come_exports_without_a_note(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, _, err = export(runner, "-o", str(tmp_path / "week.ics"))  # on Wednesday
    assert code == 0 and "all past" not in err


@pytest.mark.parametrize("bad", ["7", "25:00", "07:60", "half past seven", "7:30:00"])
def test_bad_time_is_a_usage_error(runner: CliRunner, tmp_path: Path, bad: str) -> None:
    code, _, err = export(runner, "--time", bad, "-o", str(tmp_path / "x.ics"))
    assert code == 2 and "is not a time; write it as HH:MM" in err
    assert not (tmp_path / "x.ics").exists()


def test_existing_file_is_never_clobbered(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "plan.md"
    target.write_text("my own notes", encoding="utf-8")
    code, out, err = export(runner, "-o", str(target))
    assert code == 1 and out == ""
    assert err == f"Error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my own notes"
    assert export(runner, "--force", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# Sciatica exercise plan")
    assert [p.name for p in folder.iterdir()] == ["plan.md"]


def test_missing_folder_and_folder_target(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = export(runner, "-o", str(tmp_path / "nowhere" / "plan.md"))
    assert code == 1 and err.startswith("Error: ") and "does not exist" in err
    code, _, err = export(runner, "-o", str(tmp_path))
    assert code == 2 and "is a directory" in err


def test_failure_midway_leaves_no_partial_or_temporary_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_disk(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", broken_disk)
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = export(runner, "-o", str(folder / "plan.html"))
    assert code == 1 and "Input/output error" in err
    assert list(folder.iterdir()) == []


def test_plan_errors_and_bad_options_write_nothing(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    assert export(runner, "--pain", "12", "-o", str(target))[0] == 2
    assert export(runner, "--days", "3", "--on", "mon,tue", "-o", str(target))[0] == 2
    assert not target.exists()


def test_output_is_required(runner: CliRunner) -> None:
    code, _, err = export(runner)
    assert code == 2 and "'-o' / '--output'" in err


@pytest.mark.parametrize("name", ["week.docx", "week.rtf", "week.odt"])
@pytest.mark.parametrize("fmt", [[], ["--format", "html"], ["--format", "markdown"]])
def test_an_unknown_suffix_is_a_usage_error_naming_the_formats(
    runner: CliRunner, tmp_path: Path, name: str, fmt: list[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = export(runner, *fmt, "-o", str(folder / name))
    assert code == 2 and out == ""
    suffix = name.rpartition(".")[2]
    assert err.splitlines()[-1] == (
        f"Error: {folder / name}: sciatica-plan does not write .{suffix} files; "
        "name it .md, .html, .json or .ics"
    )
    assert "--format" not in err.splitlines()[-1]  # no other format under that name
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", [[], ["--format", "html"], ["--format", "markdown"]])
def test_a_pdf_is_refused_with_the_way_to_make_one(
    runner: CliRunner, tmp_path: Path, fmt: list[str]
) -> None:
    """`-o week.pdf` once suggested --format, and following it wrote HTML into week.pdf."""
    folder = tmp_path / "out"
    folder.mkdir()
    pdf, page = folder / "week.PDF", folder / "week.html"
    code, out, err = export(runner, *fmt, "-o", str(pdf))
    assert code == 2 and out == ""
    assert err.splitlines()[-1] == (
        f"Error: {pdf}: sciatica-plan does not write PDF files. Write the HTML page with "
        f"-o {page} and print it to PDF from a browser, or convert it with: "
        f"chromium --headless --print-to-pdf={pdf} {page}"
    )
    assert list(folder.iterdir()) == []
    # Following the advice works.
    assert export(runner, "-o", str(page))[0] == 0
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_the_pdf_advice_quotes_a_path_with_spaces(runner: CliRunner, tmp_path: Path) -> None:
    pdf = tmp_path / "my week.pdf"
    err = export(runner, "-o", str(pdf))[2]
    assert f"--print-to-pdf='{pdf}' '{tmp_path / 'my week.html'}'" in err


@pytest.mark.parametrize("option", [["--time", "18:00"], ["--remind", "10"]])
@pytest.mark.parametrize("name", ["week.md", "week.html", "week.json"])
def test_calendar_options_for_another_format_are_a_usage_error(
    runner: CliRunner, tmp_path: Path, option: list[str], name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, _, err = export(runner, *option, "-o", str(folder / name))
    assert code == 2 and option[0] in err and ".ics" in err
    assert list(folder.iterdir()) == []


def test_remind_sets_the_calendar_alarm_and_zero_turns_it_off(
    runner: CliRunner, tmp_path: Path
) -> None:
    default, early, off = (tmp_path / f"{n}.ics" for n in ("default", "early", "off"))
    assert export(runner, "-o", str(default))[0] == 0
    assert export(runner, "--remind", "45", "-o", str(early))[0] == 0
    assert export(runner, "--remind", "0", "-o", str(off))[0] == 0

    def triggers(path: Path) -> list[dt.timedelta]:
        calendar = Calendar.from_ical(path.read_bytes())
        return [alarm.decoded("trigger") for alarm in calendar.walk("VALARM")]

    events = len(Calendar.from_ical(default.read_bytes()).walk("VEVENT"))
    assert triggers(default) == [-dt.timedelta(minutes=30)] * events
    assert triggers(early) == [-dt.timedelta(minutes=45)] * events
    assert triggers(off) == []
    code, _, err = export(runner, "--remind", "-5", "-o", str(tmp_path / "bad.ics"))
    assert code == 2 and "--remind" in err


def test_form_cues_are_in_every_export(runner: CliRunner) -> None:
    week = json.loads(export(runner, "--format", "json", "-o", "-")[1])
    cues = [cue for day in week["days"] for item in day["exercises"] for cue in item["cues"]]
    assert cues
    markdown = " ".join(export(runner, "--format", "markdown", "-o", "-")[1].split())
    page = " ".join(export(runner, "--format", "html", "-o", "-")[1].split())
    for cue in cues:
        assert cue in markdown and html.escape(cue, quote=False) in page

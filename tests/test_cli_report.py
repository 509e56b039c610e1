"""End-to-end tests of `report`: the journal in, a page out, written as safely as `export`."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.cli import cli

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "journal.sqlite3"
    monkeypatch.setenv("SCIATICA_PLAN_JOURNAL", str(path))
    return path


def run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(cli, list(args))
    assert "Traceback" not in result.stderr
    return result


def log(runner: CliRunner, *args: str) -> None:
    assert run(runner, "log", *args).exit_code == 0


def test_a_report_of_the_journal(runner: CliRunner, journal: Path, tmp_path: Path) -> None:
    log(runner, "--pain", "4", "--date", "2026-11-20", "--done", "glute-bridge")
    log(runner, "--pain", "6", "--date", "2026-11-21", "--spreading", "--note", "calf <b>")
    log(runner, "--pain", "3", "--done", "glute-bridge,clamshell")
    target = tmp_path / "report.html"
    result = run(runner, "report", "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (f"Wrote {target} (html, 3 entries from 2026-10-29 to 2026-11-25).\n")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert page.count('class="point"') == 3 and page.count('class="spreading"') == 1
    assert "average 4.3/10, lowest 3/10, highest 6/10" in page
    assert "calf &lt;b&gt;" in page


@pytest.mark.parametrize(
    ("name", "marker"),
    [
        ("report.md", "# Sciatica journal report"),
        ("report.markdown", "# Sciatica journal report"),
        ("report.HTML", "<!doctype html>"),
        ("report.htm", "<!doctype html>"),
        ("report.txt", "# Sciatica journal report"),
        ("report", "# Sciatica journal report"),
    ],
)
def test_format_follows_the_suffix(
    runner: CliRunner, journal: Path, tmp_path: Path, name: str, marker: str
) -> None:
    log(runner, "--pain", "2")
    assert run(runner, "report", "-o", str(tmp_path / name)).exit_code == 0
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(marker)


def test_format_option_writes_a_file_without_suffix(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report"
    assert run(runner, "report", "--format", "html", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_format_option_that_contradicts_the_suffix_is_refused(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    result = run(runner, "report", "--format", "markdown", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: --format markdown does not match {target}, whose suffix .html means html; "
        f"name the file {tmp_path / 'report.md'}, or leave out --format"
    )
    assert not target.exists()


def test_a_pdf_report_says_how_to_make_one(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    result = run(runner, "report", "--format", "html", "-o", str(pdf))
    assert result.exit_code == 2
    assert f"-o {tmp_path / 'report.html'} and print it to PDF from a browser" in result.stderr
    assert not pdf.exists()


def test_a_suffix_of_another_format_is_a_usage_error(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    result = run(runner, "report", "-o", str(tmp_path / "report.json"))
    assert result.exit_code == 2
    assert (
        "report.json ends in .json, but this command writes html or markdown; name it .html or .md"
        in result.stderr
    )
    assert not (tmp_path / "report.json").exists()


def test_dash_writes_to_standard_output(runner: CliRunner, journal: Path) -> None:
    log(runner, "--pain", "5", "--note", "ok")
    result = run(runner, "report", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("# Sciatica journal report: 29 October to 25 November 2026\n")
    html = run(runner, "report", "--format", "html", "-o", "-")
    assert html.stdout.startswith("<!doctype html>")


def test_an_existing_file_is_kept_without_force(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("the clinician's copy", encoding="utf-8")
    result = run(runner, "report", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {target}: already exists; use --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "the clinician's copy"
    assert run(runner, "report", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Sciatica journal report")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_missing_folder_is_an_error(runner: CliRunner, journal: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.md"
    result = run(runner, "report", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {target}: the folder")


def test_no_journal_gives_a_short_report_and_creates_nothing(
    runner: CliRunner, journal: Path
) -> None:
    result = run(runner, "report", "-o", "-")
    assert result.exit_code == 0
    assert "No journal entries between Thursday 29 October 2026 and Wednesday" in result.stdout
    assert "## Pain per day" not in result.stdout
    assert "consult a healthcare professional" in result.stdout
    assert not journal.exists()


def test_entries_outside_the_period_give_the_short_report(runner: CliRunner, journal: Path) -> None:
    log(runner, "--pain", "5", "--date", "2026-11-01", "--note", "old")
    result = run(runner, "report", "--days", "7", "-o", "-")
    assert result.exit_code == 0
    assert "No journal entries between Thursday 19 November 2026" in result.stdout
    assert "old" not in result.stdout
    longer = run(runner, "report", "--days", "30", "-o", "-")
    assert "- **Entries:** 1 entry on 1 of the 30 days." in longer.stdout


@pytest.mark.parametrize("days", ["6", "366", "0", "many"])
def test_days_out_of_range_is_a_usage_error(runner: CliRunner, journal: Path, days: str) -> None:
    result = run(runner, "report", "--days", days, "-o", "-")
    assert result.exit_code == 2
    assert "Invalid value for '--days'" in result.stderr


def test_output_is_required(runner: CliRunner, journal: Path) -> None:
    result = run(runner, "report")
    assert result.exit_code == 2
    assert "Missing option '-o' / '--output'" in result.stderr


def test_a_file_that_is_not_a_journal_is_an_error(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    journal.write_bytes(b"not a database at all, but long enough to look like one " * 20)
    result = run(runner, "report", "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "r.md").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_report_gets_the_usual_file_mode(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    assert run(runner, "report", "-o", str(target)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_the_plan_options_come_from_the_saved_profile(runner: CliRunner, journal: Path) -> None:
    log(runner, "--pain", "2", "--date", "2026-10-29")  # the journal begins with the period
    log(runner, "--pain", "3", "--done", "glute-bridge")
    before = run(runner, "report", "-o", "-").stdout
    assert (
        "- **Plan options:** 3 days a week (mon, wed, fri), beginner, no equipment, up to 30 "
        "minutes a session; from the defaults (no saved profile)."
    ) in before
    assert "| **All** | **1** | **12** | **8%** |" in before  # 4 weeks of mon, wed, fri
    setting = run(runner, "profile", "set", "--on", "tue,thu", "--level", "intermediate")
    assert setting.exit_code == 0
    after = run(runner, "report", "-o", "-").stdout
    assert (
        "- **Plan options:** 2 days a week (tue, thu), intermediate, no equipment, up to 30 "
        "minutes a session; from the saved profile, with the defaults for the rest."
    ) in after
    assert "| **All** | **1** | **8** | **13%** |" in after  # 4 weeks of tue, thu; half up
    assert run(runner, "profile", "set", "--equipment", "band", "--minutes", "20").exit_code == 0
    assert run(runner, "profile", "set", "--prefer", "extension").exit_code == 0
    full = run(runner, "report", "-o", "-").stdout
    assert (
        "2 days a week (tue, thu), intermediate, band, up to 20 minutes a session, "
        "directional preference extension; from the saved profile."
    ) in full


def test_a_bad_profile_is_an_error(runner: CliRunner, journal: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('level = "expert"\n', encoding="utf-8")
    result = run(runner, "--profile", str(profile), "report", "-o", str(tmp_path / "r.md"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {profile}, key 'level': ")
    assert not (tmp_path / "r.md").exists()

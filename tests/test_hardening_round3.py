"""Regression tests kept from the third hardening round (issue 28), for what no other test file
covers: CRLF in a calendar time, control characters in profile keys, hostile catalogue text
through every export, and the guide on tiny and huge terminals."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
import yaml
from test_cli_guide import Script
from test_render import PARSER

from sciatica_planner.cli import cli, journal_commands
from sciatica_planner.profile import ProfileError, load_profile
from strategies import minimal_catalogue_data

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

# -- CRLF in the calendar's time -----------------------------------------------------------------

INJECTED = ["07:30\r\nATTENDEE:mailto:x@example.com", "07:30\nX-INJECTED:1"]


@pytest.mark.parametrize("at", INJECTED, ids=["crlf", "lf"])
def test_a_line_break_in_time_is_a_usage_error(runner: CliRunner, tmp_path: Path, at: str) -> None:
    out = tmp_path / "week.ics"
    result = runner.invoke(cli, ["export", "--no-journal", "--time", at, "-o", str(out)])
    assert result.exit_code == 2
    assert "\r" not in result.stderr and "ATTENDEE" not in result.stderr.split("'")[0]
    assert not out.exists()


@pytest.mark.parametrize("at", INJECTED, ids=["crlf", "lf"])
def test_a_line_break_in_a_saved_time_is_refused(
    runner: CliRunner, tmp_path: Path, at: str
) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(f"time = {json.dumps(at)}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="is not a time"):
        load_profile(profile)
    out = tmp_path / "week.ics"
    result = runner.invoke(
        cli, ["--profile", str(profile), "export", "--no-journal", "-o", str(out)]
    )
    assert result.exit_code == 1 and not out.exists()
    assert "\r" not in result.stderr and result.stderr.count("\n") == 1


# -- control characters in profile keys ----------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["\x1b[2Jdays", "lev\u202eel", "\x9b31mlevel", "da\x07ys"],
    ids=["esc", "rlo", "csi", "bel"],
)
def test_control_characters_in_a_profile_key_are_shown_inert(
    runner: CliRunner, tmp_path: Path, key: str
) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(f"{json.dumps(key)} = 3\n", encoding="utf-8")
    result = runner.invoke(cli, ["--profile", str(profile), "week", "--no-journal"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert not any(c in result.stderr for c in "\x1b\x9b\x07\u202e")
    assert "not an option a profile keeps" in result.stderr


# -- hostile catalogue text through every export -------------------------------------------------

HOSTILE_NAME = (
    "<script>alert(1)</script> ](javascript:alert(1)) | cell | <img src=x onerror=alert(1)> "
    "BEGIN:VEVENT &amp; {{7*7}}"
)


@pytest.fixture
def hostile_catalogue(tmp_path: Path) -> Path:
    data = minimal_catalogue_data()
    for entry in data["exercises"]:
        entry["name"] = f"{HOSTILE_NAME} {entry['id']}"
        entry["steps"] = [f"1. {HOSTILE_NAME}", f"# {HOSTILE_NAME}", f"- {HOSTILE_NAME}"]
        entry["cautions"] = [f"> {HOSTILE_NAME}"]
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".md", ".html", ".json", ".ics"])
@pytest.mark.parametrize("weeks", [[], ["--weeks", "2"]], ids=["week", "programme"])
def test_hostile_catalogue_text_through_every_export(
    runner: CliRunner, tmp_path: Path, hostile_catalogue: Path, suffix: str, weeks: list[str]
) -> None:
    out = tmp_path / f"week{suffix}"
    argv = ["--catalogue", str(hostile_catalogue), "export", "--no-journal", *weeks]
    result = runner.invoke(cli, [*argv, "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    lowered = text.lower()
    if suffix == ".html":
        assert "<script>alert" not in lowered and "<img src=x" not in lowered
        assert "javascript:" not in lowered.replace("](javascript:alert(1))", "")
        assert "&lt;script&gt;" in text
    elif suffix == ".json":
        data = json.loads(text)
        assert HOSTILE_NAME in json.dumps(data, ensure_ascii=False)  # kept exact, as data
    elif suffix == ".ics":
        lines = text.replace("\r\n ", "").split("\r\n")  # unfolded
        assert sum(line == "BEGIN:VEVENT" for line in lines) == sum(
            line == "END:VEVENT" for line in lines
        )
        assert not any(line.startswith("BEGIN:VEVENT ") for line in lines)
    else:  # markdown: no raw HTML, link or heading made from catalogue text
        tokens = PARSER.parse(text)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not kinds & {"html_inline", "html_block", "link_open"}
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        # The only headings holding the text are the exercises' names (each ends with its id
        # here), never a step that begins with #.
        ids = tuple(e["id"] for e in minimal_catalogue_data()["exercises"])
        hostile = [heading for heading in headings if "script" in heading]
        assert hostile and all(heading.rstrip().endswith(ids) for heading in hostile)


# -- the guide on tiny and huge terminals ---------------------------------------------------------


@pytest.mark.parametrize(
    ("columns", "lines"),
    [("20", "5"), ("40", "10"), ("500", "300"), ("1", "1")],
    ids=["20x5", "40x10", "500x300", "1x1"],
)
def test_the_guide_on_tiny_and_huge_terminals(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    columns: str,
    lines: str,
) -> None:
    monkeypatch.setattr(journal_commands, "_interactive", lambda: True)
    Script(monkeypatch, answers=["3", "", "", "n"])
    journal = tmp_path / "journal.sqlite3"
    result = runner.invoke(
        cli, ["--journal", str(journal), "guide"], env={"COLUMNS": columns, "LINES": lines}
    )
    assert result.exit_code == 0, result.stderr
    assert "Logged entry 1" in " ".join(result.stdout.split())

"""Every command and every export format carries the disclaimer: the full one, the compact
emergency box of plan views, or the one-line form; markdown and HTML carry every red flag."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from sciatica_planner import safety
from sciatica_planner.catalogue import bundled_catalogue_path
from sciatica_planner.cli import cli

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

WORDS = "consult a healthcare professional"

# Each command as a user types it; {tmp} is a private folder. The journal has one entry.
COMMANDS: dict[str, list[str]] = {
    "groups": ["groups"],
    "exercises": ["exercises", "glutes"],
    "show": ["show", "glute-bridge"],
    "validate": ["validate", "{catalogue}"],
    "safety": ["safety"],
    "week": ["week"],
    "today": ["today"],
    "today on a rest day": ["today", "--date", "2026-11-24"],
    "program": ["program", "--weeks", "2"],
    "log": ["log", "--pain", "2"],
    "history": ["history"],
    "forget": ["forget", "1", "--yes"],
    "profile": ["profile"],
    "psfs": ["psfs"],
    "profile set": ["profile", "set", "--days", "4"],
    "report markdown": ["report", "--format", "markdown", "-o", "-"],
    "report html": ["report", "--format", "html", "-o", "-"],
    "export markdown": ["export", "--format", "markdown", "-o", "-"],
    "export html": ["export", "--format", "html", "-o", "-"],
    "export json": ["export", "--format", "json", "-o", "-"],
    "export ics": ["export", "--format", "ics", "-o", "-"],
    "week json": ["week", "--json"],
    "today json": ["today", "--json"],
}
PLAN_VIEWS = {"week", "today", "today on a rest day", "program"}
FULL_RED_FLAGS = {"export markdown", "export html", "report markdown", "report html", "safety"}


def flat(text: str) -> str:
    """Words only: no box borders, line breaks or iCalendar escapes."""
    text = re.sub("[\u2500-\u257f]", " ", text).replace("\\,", ",").replace("\\;", ";")
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_format_carries_the_disclaimer(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    journal = tmp_path / "journal.sqlite3"
    base = ["--journal", str(journal), "--profile", str(tmp_path / "profile.toml")]
    seeded = runner.invoke(cli, [*base, "log", "--pain", "3", "--note", "a first entry"])
    assert seeded.exit_code == 0, seeded.output
    args = [a.format(catalogue=bundled_catalogue_path()) for a in COMMANDS[name]]
    result = runner.invoke(cli, [*base, *args], env={"COLUMNS": "80"})
    assert result.exit_code == 0, (name, result.output)
    out = flat(result.stdout + result.stderr)
    if name.endswith("json"):
        data = json.loads(result.stdout)
        assert WORDS in data["disclaimer"] and data["red_flags"] == list(safety.RED_FLAGS)
        return
    assert WORDS in out, name
    if name in PLAN_VIEWS:
        assert safety.EMERGENCY_BOX_TITLE in out and "sciatica-plan safety" in out, name
    if name in FULL_RED_FLAGS:
        for urgency in safety.URGENCIES:
            for sign in urgency.signs:
                assert flat(sign).split("(")[0] in out.replace("&#x27;", "'"), (name, sign)

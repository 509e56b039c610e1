"""Every command has help and a place in the README; the README's own commands stay true."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pytest

from sciatica_planner.cli import COMMAND_MODULES, cli

if TYPE_CHECKING:
    from click.testing import CliRunner

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_each_command_has_help_and_a_readme_entry(runner: CliRunner, name: str) -> None:
    result = runner.invoke(cli, [name, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    summary = command.get_short_help_str(limit=80)
    listing = runner.invoke(cli, ["--help"], env={"COLUMNS": "80"}).stdout
    assert f"  {name}" in listing and summary in listing, "summary cut short at 80 columns"
    assert "Example:" in result.stdout or name in {"forget", "log", "history"}
    assert f"sciatica-plan {name}" in README or f"  {name} " in README


def test_readme_gives_the_install_and_test_commands() -> None:
    assert "pip install -e '.[test]' && .venv/bin/sciatica-plan week" in README
    assert ".venv/bin/python -m pytest" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip\" install --quiet -e '.[test]'" in ci and "-m pytest" in ci


def test_readme_shows_the_disclaimer_and_red_flags() -> None:
    assert "Consult a healthcare professional" in README
    assert "not medical advice" in README
    assert "genitals or anus" in README


SAMPLE = re.compile(r"```\n\$ sciatica-plan (?P<args>[^\n]*)\n(?P<body>.*?)```", re.S)
# The README's samples of what a view prints, checked line for line against the view itself
# at 80 columns; "..." marks what a sample leaves out.
SAMPLED = ("week ", "today ", "program ", "exercises ", "show ")


@pytest.mark.parametrize(
    "sample",
    [
        m
        for m in SAMPLE.finditer(README)
        if m["args"].startswith(SAMPLED) and "--svg" not in m["args"]  # views, not files
    ],
    ids=lambda m: m["args"],
)
def test_the_readmes_samples_are_what_the_views_print(
    runner: CliRunner, sample: re.Match[str]
) -> None:
    result = runner.invoke(cli, sample["args"].split(), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    printed = [line.rstrip() for line in result.stdout.splitlines()]
    for line in sample["body"].splitlines():
        if line.strip() != "...":
            assert line.rstrip() in printed, f"{line!r} is not what `{sample['args']}` prints"

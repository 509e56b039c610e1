"""Running the CLI against one journal file: the helpers the journal commands' tests share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sciatica_planner.cli import cli

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result


def run(runner: CliRunner, journal: Path, *args: str, **kwargs: Any) -> Result:
    return runner.invoke(
        cli, ["--journal", str(journal), *args], prog_name="sciatica-plan", **kwargs
    )


def ok(runner: CliRunner, journal: Path, *args: str, **kwargs: Any) -> Result:
    result = run(runner, journal, *args, catch_exceptions=False, **kwargs)
    assert result.exit_code == 0, result.stderr
    return result

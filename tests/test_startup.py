"""What a plan or catalogue command loads when it starts: the guards behind start-up figures
(docs/benchmarks.md). Each runs the command in a fresh interpreter, as a user's shell does."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest

from sciatica_planner.cli import COMMAND_MODULES

if TYPE_CHECKING:
    from pathlib import Path

START = ["--start", "2026-11-30", "--no-journal"]
COMMANDS = [
    ["week", *START],
    ["today", *START, "--date", "2026-12-02"],
    ["exercises", "glutes"],
]


def loaded_after(args: list[str], cache: Path) -> dict[str, Any]:
    """Run the command (output discarded) and report what it loaded."""
    program = (
        "import contextlib, io, json, sys\n"
        "from sciatica_planner.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        cli.main({args!r}, prog_name='sciatica-plan')\n"
        "    except SystemExit as stop:\n"
        "        assert not stop.code, stop.code\n"
        "import pydantic\n"
        "from sciatica_planner import models\n"
        "built = sorted(\n"
        "    name for name, value in vars(models).items()\n"
        "    if isinstance(value, type) and issubclass(value, pydantic.BaseModel)\n"
        "    and value.__module__ == models.__name__ and value.__pydantic_complete__\n"
        ")\n"
        "commands = sorted(m for m in sys.modules if m.endswith('_commands'))\n"
        "print(json.dumps({'built': built, 'commands': commands, 'yaml': 'yaml' in sys.modules,\n"
        "                  'rich.table': 'rich.table' in sys.modules}))\n"
    )
    env = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # the first run fills the catalogue cache, as any first command does
        done = subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env=env,
        )
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_a_command_loads_its_own_module_and_builds_no_validator(
    args: list[str], tmp_path: Path
) -> None:
    """With the catalogue cached, a plan or catalogue command builds none of our models'
    validators (pydantic's schema builder is a fifth of a start), reads no YAML, and imports
    only its own command module (and the profile's, for the saved options). Its tables are
    our Grid, not rich's Table."""
    loaded = loaded_after(args, tmp_path)
    assert loaded["built"] == []
    assert loaded["yaml"] is False
    assert loaded["rich.table"] is False
    own = f"sciatica_planner.cli.{COMMAND_MODULES[args[0]]}"
    assert set(loaded["commands"]) <= {own, "sciatica_planner.cli.profile_commands"}
    assert own in loaded["commands"]


def test_every_command_is_found_in_the_module_the_group_names() -> None:
    found: dict[str, str] = {}
    for module_name in set(COMMAND_MODULES.values()):
        module = importlib.import_module(f"sciatica_planner.cli.{module_name}")
        for command in module.COMMANDS:
            assert command.name is not None
            found[command.name] = module_name
    assert found == COMMAND_MODULES

"""Hostile catalogues: every command that reads one ends in a clean `Error:` naming the file,
quickly, with no traceback and nothing run."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from sciatica_planner.cli import cli
from strategies import minimal_catalogue_data

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from click.testing import CliRunner

MARKER = "hostile-marker"


def _yaml(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], bytes]:
    def build(folder: Path) -> bytes:
        data = minimal_catalogue_data()
        change(data)
        return yaml.safe_dump(data, sort_keys=False).encode()

    return build


def _set(field: str, value: object, index: int = 2) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["exercises"][index][field] = value

    return change


def _alias_bomb(folder: Path) -> bytes:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 10):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    lines.append("groups: *a9")
    return "\n".join(lines).encode()


def _python_tag(folder: Path) -> bytes:
    marker = folder / MARKER
    return f'groups: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()


def _duplicate_ids(data: dict[str, Any]) -> None:
    data["exercises"][3]["id"] = data["exercises"][2]["id"]


def _missing_group(data: dict[str, Any]) -> None:
    data["groups"] = data["groups"][:-1]


HOSTILE: dict[str, Callable[[Path], bytes]] = {
    "empty file": lambda folder: b"",
    "random binary": lambda folder: bytes(range(256)) * 8,
    "YAML syntax error": lambda folder: b"groups: [glutes\nexercises: {\n",
    "a list at the top": lambda folder: b"- glutes\n- hamstrings\n",
    "a bare string at the top": lambda folder: b"just some words\n",
    "Latin-1 bytes": lambda folder: "groups: []\nname: Fessier \u00e9tir\u00e9\n".encode("latin-1"),
    "an alias bomb": _alias_bomb,
    "a python/object/apply tag": _python_tag,
    "20,000 nested brackets": lambda folder: b"groups: " + b"[" * 20_000 + b"]" * 20_000,
    "duplicate ids": _yaml(_duplicate_ids),
    "zero sets": _yaml(_set("sets", 0)),
    "negative rest": _yaml(_set("rest_seconds", -30)),
    "numbers as words": _yaml(_set("sets", "two")),
    "a misspelt field": _yaml(_set("flare_saf", True)),
    "control characters in a name": _yaml(_set("name", "Bridge\x07\x00")),
    "an ANSI escape in a name": _yaml(_set("name", "\x1b[31mRed\x1b[0m bridge")),
    "an empty name": _yaml(_set("name", "")),
    "a missing group": _yaml(_missing_group),
}
COMMANDS = [["validate", "{path}"], ["week"], ["today"], ["exercises"], ["exercises", "glutes"]]


def _invoke(runner: CliRunner, path: Path, command: list[str]) -> tuple[int, str, str, float]:
    if command[0] == "validate":
        args = ["validate", str(path)]
    else:
        args = ["--catalogue", str(path), *command]
    started = time.perf_counter()
    result = runner.invoke(cli, args)
    return result.exit_code, result.stdout, result.stderr, time.perf_counter() - started


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_hostile_catalogue_gets_a_clean_error(
    runner: CliRunner, tmp_path: Path, case: str, command: list[str]
) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(HOSTILE[case](tmp_path))
    code, out, err, seconds = _invoke(runner, path, command)
    assert code == 1, (case, out, err)
    assert err.startswith(f"Error: {path}"), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "\x1b" not in err and "\x00" not in err and "\x07" not in err
    assert out == ""
    assert seconds < 2, f"{case}: {seconds:.2f} s"
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p / "missing.yaml", "no such file"),
        (lambda p: p, "is a folder, not a catalogue file"),
    ],
    ids=["a path that does not exist", "a folder"],
)
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_unreadable_paths(
    runner: CliRunner,
    tmp_path: Path,
    make: Callable[[Path], Path],
    problem: str,
    command: list[str],
) -> None:
    path = make(tmp_path)
    code, out, err, _ = _invoke(runner, path, command)
    assert code == 1 and out == ""
    assert err == f"Error: {path}: {problem}\n"

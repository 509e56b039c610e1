"""What used to end in "Error: unexpected ...": each is now a working path or a one-line error
with the documented exit code. The program runs in a subprocess, as a user starts it."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

VIEWS = [
    ["week", "--no-journal"],
    ["today", "--no-journal"],
    ["program", "--weeks", "2", "--no-journal"],
    ["exercises", "glutes"],
    ["show", "glute-bridge"],
    ["safety"],
    ["history"],
    ["export", "--no-journal", "-o", "-"],
    ["report", "-o", "-"],
]


def run(
    *args: str, env: dict[str, str] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess:
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(
        [sys.executable, "-m", "sciatica_planner", *args],
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
        **streams,
    )


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.sqlite3"
    done = run("--journal", str(path), "log", "--pain", "3", "--note", "Knie → besser, café ✓")
    assert done.returncode == 0, done.stderr
    return path


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
@pytest.mark.parametrize("view", VIEWS, ids=[" ".join(v[:2]) for v in VIEWS])
def test_a_stdout_that_cannot_hold_every_character(
    journal: Path, view: list[str], encoding: str
) -> None:
    """`PYTHONIOENCODING=latin-1` or a Windows cp1252 redirect: what the encoding lacks is
    written as an escape, never "unexpected UnicodeEncodeError"."""
    done = run("--journal", str(journal), *view, env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    assert b"unexpected" not in done.stderr
    # Every byte in the stream's own encoding, or (click, for a stream it takes as ASCII by
    # mistake) in UTF-8: never half of one and half of the other.
    try:
        text = done.stdout.decode(encoding)
    except UnicodeDecodeError:
        text = done.stdout.decode("utf-8")
    assert text.strip()


def test_escapes_keep_the_text_readable(journal: Path) -> None:
    done = run("--journal", str(journal), "history", env={"PYTHONIOENCODING": "latin-1"})
    text = done.stdout.decode("latin-1")
    assert "caf\u00e9" in text  # latin-1 holds it: written as itself
    assert "\\u2192" in text  # the arrow it lacks, as an escape


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("view", VIEWS, ids=[" ".join(v[:2]) for v in VIEWS])
def test_stdout_to_a_full_disk_is_one_error_line(journal: Path, view: list[str]) -> None:
    with Path("/dev/full").open("w") as full:
        done = run("--journal", str(journal), *view, stdout=full)
    assert done.returncode == 1
    # (A note may come first: export says so when this week's sessions are all past.)
    error = done.stderr.decode().splitlines()
    assert error[-1] == "Error: could not write the output (No space left on device)"
    assert "unexpected" not in done.stderr.decode() and len(error) <= 2


@pytest.mark.parametrize(
    "command",
    [["guide"], ["forget", "1"], ["profile", "reset"]],
    ids=["guide", "forget", "profile reset"],
)
def test_a_closed_stdin_is_the_documented_usage_error(
    tmp_path: Path, journal: Path, command: list[str]
) -> None:
    """`<&-` leaves Python's sys.stdin None: "no terminal" with exit 2, not AttributeError."""
    profile = tmp_path / "profile.toml"
    assert run("--profile", str(profile), "profile", "set", "--days", "4").returncode == 0
    argv = [sys.executable, "-m", "sciatica_planner", "--journal", str(journal)]
    argv += ["--profile", str(profile), *command]
    done = subprocess.run(
        " ".join(shlex.quote(part) for part in argv) + " <&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
    assert "terminal" in done.stderr
    assert profile.exists() and journal.exists()

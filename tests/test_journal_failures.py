"""The journal's own failures said plainly (issue 28): a path longer than SQLite opens, a full
disk (which SQLite may report as a plain I/O error), and a `log` whose commit fails after its
confirmation was printed."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from typing import TYPE_CHECKING, Any

import pytest

from sciatica_planner import journal as journal_module
from sciatica_planner.cli import cli
from sciatica_planner.journal import Journal, JournalError

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner


def long_path(tmp_path: Path, total: int) -> Path:
    """A journal path of `total` bytes, under folders that do not exist yet."""
    base = str(tmp_path.resolve() / "deep")
    room = total - len(base) - len("/j.sqlite3")
    parts = [("d" * 200)] * (room // 201) + ["e" * (room - 201 * (room // 201) - 1)]
    path = tmp_path.resolve().joinpath("deep", *[p for p in parts if p], "j.sqlite3")
    assert len(str(path)) in (total - 1, total, total + 1)
    return path


def test_a_path_too_long_for_sqlite_is_refused_before_anything_is_made(tmp_path: Path) -> None:
    path = long_path(tmp_path, 600)
    with pytest.raises(JournalError) as caught:
        Journal.open(path, create=True)
    message = str(caught.value)
    assert (
        "its full path is" in message and "bytes long, and SQLite opens paths of at most" in message
    )
    assert "choose a shorter path with --journal" in message
    assert not (tmp_path / "deep").exists()  # no folder made
    with Journal.open(path, create=False) as journal:  # reading a missing one: empty, as ever
        assert journal.entries() == []


def test_a_path_that_fits_still_works(tmp_path: Path) -> None:
    path = long_path(tmp_path, 450)
    with Journal.open(path, create=True) as journal:
        journal.add_entry(dt.date(2026, 11, 25), 3)
    with Journal.open(path, create=False) as journal:
        assert len(journal.entries()) == 1


def failing(name: str, message: str) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorname = name
    return error


class Full:
    f_bavail = 0


def test_a_full_disk_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "j.sqlite3"
    full = pytest.raises(JournalError, match="could not log the entry: the disk is full")
    with full, journal_module._translated(path, "log the entry"):
        raise failing("SQLITE_FULL", "database or disk is full")
    # SQLite says "disk I/O error" when it cannot make its shared-memory file on a full disk.
    real = os.statvfs
    monkeypatch.setattr(journal_module.os, "statvfs", lambda _: Full())
    full = pytest.raises(JournalError, match="could not read the journal: the disk is full")
    with full, journal_module._translated(path, "read the journal"):
        raise failing("SQLITE_IOERR_SHMSIZE", "disk I/O error")
    monkeypatch.setattr(journal_module.os, "statvfs", real)
    plain = pytest.raises(JournalError, match="could not read the journal: disk I/O error")
    with plain, journal_module._translated(path, "read the journal"):  # room left: as it was
        raise failing("SQLITE_IOERR", "disk I/O error")


def test_a_commit_that_fails_after_the_confirmation_takes_it_back(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = tmp_path / "j.sqlite3"
    real = Journal.add_entry

    def full_disk(self: Journal, *args: Any, announce: Any = None, **kwargs: Any) -> Any:
        def then_fail(entry: Any) -> None:
            announce(entry)
            raise JournalError(self.path, f"could not log the entry: {journal_module.DISK_FULL}")

        return real(self, *args, announce=then_fail, **kwargs)

    monkeypatch.setattr(Journal, "add_entry", full_disk)
    result = runner.invoke(cli, ["--journal", str(journal), "log", "--pain", "3"])
    assert result.exit_code == 1
    assert result.stdout.startswith("Logged entry 1:")
    assert result.stderr.rstrip().endswith(
        "the disk is full; make some room and try again (nothing was changed); entry 1 above "
        "was not logged"
    )
    monkeypatch.setattr(Journal, "add_entry", real)
    with Journal.open(journal, create=False) as opened:
        assert opened.entries() == []

"""Safe writes: whole or not at all, and never over an existing file without permission."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from sciatica_planner import files
from sciatica_planner.files import OutputError, write_atomically

if TYPE_CHECKING:
    from pathlib import Path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_atomically(target, b"hello\n")
    assert target.read_bytes() == b"hello\n"
    assert leftovers(tmp_path) == []


def test_never_clobbers_without_replace(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"mine")
    with pytest.raises(OutputError, match="already exists; use --force"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"mine"
    assert leftovers(tmp_path) == []


def test_replace_swaps_the_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")
    write_atomically(target, b"new", replace=True)
    assert target.read_bytes() == b"new"
    assert leftovers(tmp_path) == []


def test_a_file_appearing_meanwhile_is_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between the existence check and the link, another program creates the file."""
    target = tmp_path / "plan.md"
    real_link = os.link

    def racing_link(source: str, destination: os.PathLike[str]) -> None:
        target.write_bytes(b"theirs")
        real_link(source, destination)

    monkeypatch.setattr(files.os, "link", racing_link)
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(target, b"ours")
    assert target.read_bytes() == b"theirs"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("replace", [False, True])
def test_a_failure_midway_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    target = tmp_path / "plan.md"
    if replace:
        target.write_bytes(b"old")

    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomically(target, b"x" * 100_000, replace=replace)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"old" if replace else not target.exists()


def test_missing_folder_and_folder_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_atomically(tmp_path / "nowhere" / "plan.md", b"x")
    with pytest.raises(OutputError, match="is a folder"):
        write_atomically(tmp_path, b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="permission denied"):
        write_atomically(locked / "plan.md", b"x")


def test_file_mode_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomically(tmp_path / "plan.md", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "plan.md").stat().st_mode & 0o777 == 0o640

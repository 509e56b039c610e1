"""Safe writes: whole or not at all, and never over an existing file without permission."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from children import default_signals

from sciatica_planner import files
from sciatica_planner.files import InputError, OutputError, read_regular_file, write_atomically

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator


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


# -- special files: never read one, never write over one ------------------------------------


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder of the test's own (tmp_path also holds the fixture's home)."""
    made = tmp_path / "out"
    made.mkdir()
    return made


def null_device_copy(folder: Path) -> Path:
    """A character device like /dev/null, made with mknod inside the test's folder."""
    if os.geteuid() != 0:
        pytest.skip("mknod of a character device needs root")
    device = folder / "null-copy"
    os.mknod(device, 0o666 | stat.S_IFCHR, Path("/dev/null").stat().st_rdev)
    return device


def fifo(folder: Path) -> Path:
    made = folder / "pipe"
    os.mkfifo(made)
    return made


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging if a read blocks (a FIFO with no writer blocks forever)."""

    def hung(*args: object) -> None:
        raise AssertionError("blocked on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (fifo, "a FIFO (named pipe)"),
        (null_device_copy, "a character device"),
        (lambda folder: folder, "a folder"),
    ],
    ids=["fifo", "character device", "folder"],
)
def test_reading_refuses_special_files_without_blocking(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_regular_file(path, 1000, what="a catalogue file")
    assert str(caught.value) == f"{path}: is {kind}, not a catalogue file"


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_directly_and_through_a_symlink(
    tmp_path: Path, device: str
) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = tmp_path / "catalogue.yaml"
    link.symlink_to(device)
    for path in (Path(device), link):
        with pytest.raises(InputError, match="is a character device"):
            read_regular_file(path, 64 * 1024 * 1024)


def test_the_read_limit_counts_bytes_read_not_the_reported_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1001)
    assert read_regular_file(path, 1001) == b"x" * 1001
    # A file system may report 0 bytes (as /proc and devices do): the limit still holds.
    real_fstat = os.fstat

    def zero_size(descriptor: int) -> os.stat_result:
        found = real_fstat(descriptor)
        return os.stat_result((found.st_mode, *found[1:6], 0, *found[7:]))

    monkeypatch.setattr(files.os, "fstat", zero_size)
    with pytest.raises(InputError, match="is larger than 1000 bytes"):
        read_regular_file(path, 1000)


def test_a_missing_file_and_an_escape_sequence_in_its_name(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]52;c;aGk=\x07\x1b[2J\x1b[31mmissing.yaml"
    with pytest.raises(InputError) as caught:
        read_regular_file(path, 1000)
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message
    assert message.endswith("\\x1b]52;c;aGk=\\x07\\x1b[2J\\x1b[31mmissing.yaml: no such file")


@pytest.mark.usefixtures("alarm")
@pytest.mark.parametrize("make", [fifo, null_device_copy], ids=["fifo", "character device"])
@pytest.mark.parametrize("replace", [False, True])
def test_writing_never_replaces_a_special_file(
    tmp_path: Path, make: Callable[[Path], Path], replace: bool
) -> None:
    target = make(tmp_path)
    kind_before = stat.S_IFMT(target.stat().st_mode)
    with pytest.raises(OutputError, match="not a regular file; choose another file name"):
        write_atomically(target, b"plan", replace=replace)
    assert stat.S_IFMT(target.stat().st_mode) == kind_before
    assert leftovers(tmp_path) == []


def test_a_trailing_slash_names_a_folder(out: Path) -> None:
    with pytest.raises(OutputError, match="ends with a slash"):
        write_atomically(f"{out}/newdir/", b"plan")
    assert list(out.iterdir()) == []


def name_max(folder: Path) -> int:
    return os.pathconf(folder, "PC_NAME_MAX")


@pytest.mark.parametrize("spare", [0, 5, 14])
def test_long_names_up_to_the_system_limit(tmp_path: Path, spare: int) -> None:
    """The temporary name adds 14 characters; it is shortened so any name that fits works."""
    name = "w" * (name_max(tmp_path) - spare - 3) + ".md"
    write_atomically(tmp_path / name, b"plan")
    assert (tmp_path / name).read_bytes() == b"plan"
    assert leftovers(tmp_path) == []
    write_atomically(tmp_path / name, b"again", replace=True)
    assert (tmp_path / name).read_bytes() == b"again"


def test_a_name_beyond_the_limit_is_a_clean_error(out: Path) -> None:
    with pytest.raises(OutputError, match="the file name is too long"):
        write_atomically(out / ("w" * (name_max(out) + 1)), b"plan")
    assert list(out.iterdir()) == []


STOPPED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from sciatica_planner import files

    def stopped_during_fsync(descriptor):
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
        raise AssertionError("the signal should have stopped the write")

    files.os.fsync = stopped_during_fsync
    files.write_atomically(Path(sys.argv[1]), b"x" * 100_000)
    """
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_stop_signal_during_the_write_leaves_no_temporary_file(out: Path, name: str) -> None:
    target = out / "week.md"
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_WRITER, str(target), name],
        preexec_fn=default_signals,  # SIGHUP as the system defaults it, even under nohup
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if name == "SIGINT":  # Python's KeyboardInterrupt, cleaned up by the same `finally`
        assert "KeyboardInterrupt" in done.stderr
    else:  # ended by the signal itself, as the sender asked
        assert done.returncode == -getattr(signal, name), done.stderr
    assert list(out.iterdir()) == []


def test_an_ignored_hangup_stays_ignored(tmp_path: Path) -> None:
    """Under nohup SIGHUP is ignored: writing a file must not start listening to it."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        write_atomically(tmp_path / "week.md", b"plan")
        assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL

"""A user's files: read only regular files, and only so much; write whole or not at all, and never
over a file (or a device) without permission."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SciaticaPlanError
from .text import visible

if TYPE_CHECKING:
    from collections.abc import Callable

# The temporary file is named ".NAME.XXXXXXXX.tmp" (8 random characters): 14 more than NAME.
TEMPORARY_EXTRA = len("..XXXXXXXX.tmp")
# POSIX's usual limit on one file name, in bytes, where the file system does not say.
NAME_MAX_FALLBACK = 255
# Reads come in pieces of this size, so a limit is enforced on bytes read, not on the size the
# file system reports (which is 0 for /dev/zero and grows while a log is written).
READ_CHUNK = 1024 * 1024


class OutputError(SciaticaPlanError):
    """A file could not be written (it exists, its folder is missing, or the disk refused)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{visible(str(path))}: {problem}")
        self.path, self.problem = Path(path), problem


class InputError(SciaticaPlanError):
    """A file could not be read: missing, not a regular file, too large or not readable."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{visible(str(path))}: {problem}")
        self.path, self.problem = Path(path), problem


class MissingFileError(InputError):
    """The file to read does not exist."""


class TooLargeError(InputError):
    """The file to read holds more bytes than the reader's limit."""


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in a user's words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _require_regular(path: Path | str, mode: int, what: str) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(path, f"is {kind_of(mode)}, not {what}")


def read_regular_file(path: Path | str, limit: int, *, what: str = "a regular file") -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), at most `limit` of them.

    A folder, FIFO, device or socket is refused without blocking and without reading it: `stat`
    first (opening some devices has effects), then an `O_NONBLOCK` open whose `fstat` checks
    again, in case the name changed in between. Raises InputError (MissingFileError,
    TooLargeError, or the base class); `what` ends its messages ("is a folder, not a catalogue
    file").
    """
    try:
        _require_regular(path, Path(path).stat().st_mode, what)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except (FileNotFoundError, NotADirectoryError):
        raise MissingFileError(path, "no such file") from None
    except OSError as error:
        raise InputError(path, _reason(error)) from None
    try:
        _require_regular(path, os.fstat(descriptor).st_mode, what)
        return _read_at_most(path, descriptor, limit)
    except OSError as error:
        raise InputError(path, _reason(error)) from None
    finally:
        os.close(descriptor)


# Write permission for the group or for others: anyone but the owner could change the file.
WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


class NotOwnFileError(InputError):
    """A file (or its folder) another user owns or may change: not to be trusted."""


def read_own_file(folder: Path, name: str, limit: int) -> bytes:
    """The bytes of the regular file `name` in `folder`, at most `limit` of them, only when no
    one but this user could have written it.

    The folder must be owned by this user and writable by no one else (so no one else can add or
    swap a file in it), and the file must be a regular file (not a symlink: a link to /dev/zero
    or to a file of someone else's is refused), owned by this user and writable by no one else.
    Everything is checked on open descriptors, so a name swapped meanwhile changes nothing. For
    caches: raises InputError (NotOwnFileError, MissingFileError, TooLargeError) with a reason.
    """
    me = _user_id()
    if me is None or os.open not in os.supports_dir_fd:
        raise NotOwnFileError(folder, "this system cannot tell who owns a file")
    nofollow = getattr(os, "O_NOFOLLOW", 0)
    try:
        folder_descriptor = os.open(
            folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
        )
    except (FileNotFoundError, NotADirectoryError):
        raise MissingFileError(folder, "no such folder") from None
    except OSError as error:
        raise InputError(folder, _reason(error)) from None
    try:
        _require_own(folder, os.fstat(folder_descriptor), me, stat.S_ISDIR, "a folder")
        flags = os.O_RDONLY | nofollow | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        try:
            descriptor = os.open(
                name, flags | getattr(os, "O_CLOEXEC", 0), dir_fd=folder_descriptor
            )
        except FileNotFoundError:
            raise MissingFileError(folder / name, "no such file") from None
        except OSError as error:
            if error.errno == errno.ELOOP:  # O_NOFOLLOW met a symlink
                raise NotOwnFileError(folder / name, "is a symlink") from None
            raise InputError(folder / name, _reason(error)) from None
        try:
            _require_own(folder / name, os.fstat(descriptor), me, stat.S_ISREG, "a regular file")
            return _read_at_most(folder / name, descriptor, limit)
        except OSError as error:
            raise InputError(folder / name, _reason(error)) from None
        finally:
            os.close(descriptor)
    finally:
        os.close(folder_descriptor)


def _user_id() -> int | None:
    geteuid = getattr(os, "geteuid", None)
    return None if geteuid is None else int(geteuid())


def _require_own(
    path: Path, found: os.stat_result, me: int, is_kind: Callable[[int], bool], what: str
) -> None:
    if not is_kind(found.st_mode):
        raise NotOwnFileError(path, f"is {kind_of(found.st_mode)}, not {what}")
    if found.st_uid != me:
        raise NotOwnFileError(path, "belongs to another user")
    if found.st_mode & WRITABLE_BY_OTHERS:
        raise NotOwnFileError(path, "can be changed by other users")


def _read_at_most(path: Path | str, descriptor: int, limit: int) -> bytes:
    pieces: list[bytes] = []
    total = 0
    while True:
        piece = os.read(descriptor, min(READ_CHUNK, limit + 1 - total))
        if not piece:
            return b"".join(pieces)
        total += len(piece)
        if total > limit:
            raise TooLargeError(path, f"is larger than {_size(limit)}")
        pieces.append(piece)


def _size(limit: int) -> str:
    megabytes = limit / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{limit} bytes"


def refuse_trailing_separator(text: str, example: str = "week.md") -> None:
    """`-o newdir/` names a folder: refuse it before a Path drops the slash and writes `newdir`."""
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if text.endswith(separators) and text.rstrip("".join(separators)):
        raise OutputError(
            text, f"names a folder (it ends with a slash); give a file name, such as {example}"
        )


def write_atomically(
    path: Path | str, data: bytes, *, replace: bool = False, mode: int | None = None
) -> None:
    """Write `data` to `path` through a temporary file beside it.

    The file appears complete or not at all. Without `replace`, an existing file is left
    untouched and OutputError is raised; with it, the old file is swapped out in one step.
    `mode` (say 0o600 for a private file) replaces the usual permissions the umask allows. Only
    a regular file is ever replaced: a folder, device, FIFO or socket is refused. If the program
    is stopped (Ctrl-C, SIGTERM, SIGHUP), the temporary file is removed first.
    """
    if isinstance(path, str):
        refuse_trailing_separator(path)
    path = Path(path)
    _check_target(path, replace=replace)
    from .stops import stopping_cleanly

    with stopping_cleanly():
        _write_through_temporary(path, data, replace=replace, mode=mode)


def _check_target(path: Path, *, replace: bool) -> None:
    try:
        found = path.stat()
    except FileNotFoundError:
        found = None
    except NotADirectoryError:
        raise OutputError(path, f"{visible(str(path.parent))} is not a folder") from None
    except OSError as error:
        raise OutputError(path, _reason(error)) from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(path, "is a folder")
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise OutputError(
            path, f"is {kind_of(found.st_mode)}, not a regular file; choose another file name"
        )
    if not path.parent.is_dir():
        raise OutputError(path, f"the folder {visible(str(path.parent))} does not exist")
    if found is not None and not replace:
        raise OutputError(path, "already exists; use --force to replace it")


def _temporary_prefix(path: Path) -> bytes:
    """'.NAME.', shortened so that the temporary name fits where NAME itself fits."""
    try:
        most = os.pathconf(path.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        most = NAME_MAX_FALLBACK
    if most <= 0:
        most = NAME_MAX_FALLBACK
    name = os.fsencode(path.name)[: max(most - TEMPORARY_EXTRA, 1)]
    return b"." + name + b"."


def temporary_beside(path: Path, suffix: str = ".tmp") -> tuple[int, Path]:
    """A new, empty, owner-only (0600) file in `path`'s folder, named after it: an open
    descriptor and its path. Any name that fits the folder gets a temporary name that fits too."""
    handle, raw_name = tempfile.mkstemp(
        dir=os.fsencode(path.parent), prefix=_temporary_prefix(path), suffix=os.fsencode(suffix)
    )
    return handle, Path(os.fsdecode(raw_name))


def _write_through_temporary(path: Path, data: bytes, *, replace: bool, mode: int | None) -> None:
    # Hold the stop signals while the temporary file is made, so that it always has a name to
    # clean up: a signal arriving meanwhile is delivered inside the `try` below.
    from .stops import hold_stop_signals, release

    held = hold_stop_signals()
    try:
        handle, temporary = temporary_beside(path)
    except OSError as error:
        release(held)
        raise OutputError(path, _reason(error)) from None
    try:
        release(held)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask() if mode is None else mode)
        if replace:
            temporary.replace(path)
        else:
            link_without_clobbering(temporary, path)
    except FileExistsError:
        raise OutputError(path, "already exists; use --force to replace it") from None
    except OSError as error:
        raise OutputError(path, _reason(error)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def link_without_clobbering(temporary: Path, path: Path) -> None:
    """Give the finished file its name only if that name is free (a hard link cannot clobber);
    FileExistsError if it is taken."""
    try:
        path.hardlink_to(temporary)
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        # A file system without hard links: claim the name first, then move the data in.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        temporary.replace(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return error.strerror or str(error)

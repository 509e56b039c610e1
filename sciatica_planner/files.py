"""Writing a user's file safely: whole or not at all, and never over one without permission."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from .errors import SciaticaPlanError


class OutputError(SciaticaPlanError):
    """A file could not be written (it exists, its folder is missing, or the disk refused)."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def write_atomically(
    path: Path, data: bytes, *, replace: bool = False, mode: int | None = None
) -> None:
    """Write `data` to `path` through a temporary file beside it.

    The file appears complete or not at all. Without `replace`, an existing file is left
    untouched and OutputError is raised; with it, the old file is swapped out in one step.
    `mode` (say 0o600 for a private file) replaces the usual permissions the umask allows.
    """
    folder = path.parent
    if path.is_dir():
        raise OutputError(path, "is a folder")
    if not folder.is_dir():
        raise OutputError(path, f"the folder {folder} does not exist")
    if path.exists() and not replace:
        raise OutputError(path, "already exists; use --force to replace it")
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(path, _reason(error)) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(0o666 & ~_umask() if mode is None else mode)
        if replace:
            temporary.replace(path)
        else:
            _link_without_clobbering(temporary, path)
    except FileExistsError:
        raise OutputError(path, "already exists; use --force to replace it") from None
    except OSError as error:
        raise OutputError(path, _reason(error)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _link_without_clobbering(temporary: Path, path: Path) -> None:
    """Give the finished file its name only if that name is free (a hard link cannot clobber)."""
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
    return error.strerror or str(error)

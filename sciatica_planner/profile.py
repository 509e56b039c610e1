"""The saved plan options: a small TOML file read with tomllib, checked, and written owner-only.

Pure: no click, no rich, no printing. The command line decides where the file lives and turns a
`ProfileError` into `Error: ...` (exit 1).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import SciaticaPlanError
from .vocabulary import (
    AVOID_WORDS,
    DAYS_MAX,
    DAYS_MIN,
    EQUIPMENT,
    LEVELS,
    MINUTES_MAX,
    MINUTES_MIN,
    PREFERENCES,
    WEEKDAYS,
    avoided_positions,
    chosen_equipment,
    is_exercise_id,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path

PROFILE_FILE = "profile.toml"

# The calendar's defaults (export --time and --remind): a morning session, reminded half an hour
# before, long enough to get changed and find the mat.
TIME_DEFAULT = dt.time(7, 30)
REMIND_DEFAULT = 30
# A reminder more than a day ahead no longer reminds of that day's session.
REMIND_MAX = 24 * 60
# A saved profile is a few hundred bytes; a megabyte is far beyond any real one.
PROFILE_MAX_BYTES = 1024 * 1024

# The options that depend on the day or the moment, so saving them would mislead tomorrow.
NEVER_SAVED = ("pain", "seed", "start", "next", "no-journal")

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_FOLDER = 0o700
# Write permission for anyone: a profile with none of these was made read-only on purpose.
WRITE_BITS = 0o222


class ProfileError(SciaticaPlanError):
    """The profile file cannot be read or written, or one of its keys holds a bad value."""

    def __init__(self, path: Path, problem: str, key: str | None = None) -> None:
        where = f"{path}, key {key!r}: " if key else f"{path} "
        super().__init__(where + problem)
        self.path, self.key, self.problem = path, key, problem


class Profile(NamedTuple):
    """The saved options; None means not saved, so the contract's default applies."""

    days: int | None = None
    on: tuple[str, ...] | None = None
    level: str | None = None
    equipment: tuple[str, ...] | None = None
    minutes: int | None = None
    prefer: str | None = None
    time: dt.time | None = None  # export's calendar start time
    remind: int | None = None  # export's calendar reminder, minutes before; 0 turns it off
    avoid: tuple[str, ...] | None = None  # positions to leave out (rule 22)
    exclude: tuple[str, ...] | None = None  # exercise ids never to plan (rule 22)
    prescription: str | None = None  # a clinician's prescription file, an absolute path
    quiet: bool | None = None  # guide: no bell at the end of each hold and rest

    def saved(self) -> dict[str, Any]:
        """The saved keys and their values, in the file's order."""
        return {name: value for name, value in self._asdict().items() if value is not None}

    def updated(self, **changes: Any) -> Profile:
        """This profile with `changes` saved over it. Training days are saved one way only:
        a new `on` replaces a saved `days`, and a new `days` alone replaces a saved `on`."""
        merged = self._replace(**changes)
        if changes.get("on") is not None:
            merged = merged._replace(days=None)
        elif changes.get("days") is not None:
            merged = merged._replace(on=None)
        return merged


KEYS: tuple[str, ...] = Profile._fields


def load_profile(path: Path) -> Profile:
    """The profile at `path`; a missing file is an empty profile (every default applies)."""
    from .files import InputError, MissingFileError, read_regular_file

    try:
        # A regular file only, read without blocking and only so far: a FIFO or /dev/zero
        # given as --profile is refused at once.
        data = read_regular_file(path, PROFILE_MAX_BYTES, what="a profile file")
    except MissingFileError:
        return Profile()
    except InputError as error:
        raise ProfileError(path, error.problem) from None
    import tomllib

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(path, "is not text (UTF-8)") from None
    _check_shape(path, text)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(path, f"is not valid TOML: {error}") from None
    except RecursionError:  # beyond the shape check's bounds, should they ever miss a form
        raise ProfileError(path, "is nested too deeply to be a profile") from None
    except ValueError as error:  # a number of thousands of digits (int's conversion limit)
        raise ProfileError(path, f"holds a number too long to read ({error})") from None
    return profile_from_table(path, table)


# A profile is flat: `key = value`, a value at most a list of words. These bounds are far beyond
# any profile yet far below what makes tomllib slow (a dotted key of 20,000 parts takes it 16 s,
# its time growing with the square of the parts) or overflow Python's stack (lists 400 deep).
MAX_KEY_PARTS = 32
MAX_NESTING = 32
# What the shape check looks at: strings and comments (skipped whole, so a dot or bracket inside
# one is text), brackets and braces, dots (a key's parts; a number's point is alone between
# commas), what ends a key or a value (= and ,), and line ends. An unterminated string is left to
# tomllib, which names its line.
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[][{}.,=\n]',
    re.DOTALL,
)


def _check_shape(path: Path, text: str) -> None:
    """Refuse, before parsing, a key of too many dotted parts or values nested too deeply,
    naming the line: bounded work whatever the file holds."""
    depth = dots = 0
    line = 1
    for token in _TOKENS.finditer(text):
        found = token.group()
        if found == "\n":
            line, dots = line + 1, 0
        elif found in ",=":  # a key ends at =; a value or an inline table's pair at ,
            dots = 0
        elif found == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                raise ProfileError(
                    path,
                    f"line {line}: a key of more than {MAX_KEY_PARTS} dotted parts is not a "
                    "profile's (its keys are plain names such as days or level)",
                )
        elif found in "[{":
            depth, dots = depth + 1, 0
            if depth > MAX_NESTING:
                raise ProfileError(
                    path, f"line {line}: lists or tables nested more than {MAX_NESTING} deep"
                )
        elif found in "]}":
            depth = max(depth - 1, 0)
        else:  # a string or a comment: count the lines it spans
            line += found.count("\n")


def profile_from_table(path: Path, table: Mapping[str, Any]) -> Profile:
    """Check every key and value of a parsed file; the first problem names its key."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in KEYS:
            raise ProfileError(path, _unknown(key), key)
        values[key] = _check(path, key, value)
    profile = Profile(**values)
    if profile.days is not None and profile.on is not None and profile.days != len(profile.on):
        raise ProfileError(
            path,
            f"{profile.days} conflicts with on = {_show(list(profile.on))} "
            f"({len(profile.on)} days); keep one of them",
            "days",
        )
    return profile


def _unknown(key: str) -> str:
    if key.replace("_", "-") in NEVER_SAVED:
        return f"never saved: {key} depends on the day, so give --{key} when you plan"
    import difflib

    near = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    hint = f" Did you mean {near[0]!r}?" if near else ""
    return f"not an option a profile keeps. Keys: {', '.join(KEYS)}.{hint}"


def _show(value: Any) -> str:
    """A value as the file writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    import json  # the checked values are plain words and times: JSON's quoting is TOML's

    if isinstance(value, dt.time):
        return json.dumps(value.strftime("%H:%M"))
    return json.dumps(str(value), ensure_ascii=False)


def _check(path: Path, key: str, value: Any) -> Any:
    try:
        return _CHECKS[key](value)
    except ValueError as error:
        raise ProfileError(path, f"{_show(value)} {error}", key) from None


def _whole(value: Any, low: int, high: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"is not a whole number; write {what}, {low} to {high}")
    if not low <= value <= high:
        raise ValueError(f"is out of range; write {what}, {low} to {high}")
    return value


def _true_or_false(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("is not true or false")
    return value


def _choice(value: Any, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.strip().lower() not in choices:
        raise ValueError(f"is not one of {', '.join(choices)}")
    return value.strip().lower()


def _words(value: Any, example: str) -> list[str]:
    """A list of strings, or one comma-separated string, as a hand-edited file may have it."""
    if isinstance(value, str):
        return [part.strip().lower() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip().lower() for item in value]
    raise ValueError(f"is not a list of names, such as {example}")


def check_days(value: Any) -> int:
    return _whole(value, DAYS_MIN, DAYS_MAX, "the training days a week")


def check_on(value: Any) -> tuple[str, ...]:
    days = _words(value, '["mon", "wed", "fri"]')
    for day in days:
        if day not in WEEKDAYS:
            raise ValueError(f"holds {day!r}, not a weekday of {', '.join(WEEKDAYS)}")
    if len(set(days)) != len(days):
        raise ValueError("lists a day twice")
    if not DAYS_MIN <= len(days) <= DAYS_MAX:
        raise ValueError(f"has {len(days)} days; list {DAYS_MIN} to {DAYS_MAX}")
    return tuple(sorted(days, key=WEEKDAYS.index))


def check_equipment(value: Any) -> tuple[str, ...]:
    chosen = chosen_equipment(_words(value, '["band", "dumbbells"]'))
    if isinstance(chosen, str):
        raise ValueError(f"holds {chosen!r}; choose from {', '.join(EQUIPMENT)}, none, all")
    return chosen


def check_avoid(value: Any) -> tuple[str, ...]:
    chosen = avoided_positions(_words(value, '["kneeling", "lying"]'))
    if isinstance(chosen, str):
        raise ValueError(f"holds {chosen!r}; choose from {', '.join(AVOID_WORDS)}")
    return chosen


def check_exclude(value: Any) -> tuple[str, ...]:
    ids = _words(value, '["nordic-hamstring-curl"]')
    for item in ids:
        if not is_exercise_id(item):
            raise ValueError(f"holds {item!r}, not an exercise id such as glute-bridge")
    return tuple(dict.fromkeys(ids))


# A path is a few hundred characters; PATH_MAX on Linux is 4096.
PATH_MAX_CHARS = 4096


def check_prescription(value: Any) -> str:
    from pathlib import PurePath

    if not isinstance(value, str) or not value.strip():
        raise ValueError("is not a file's path")
    if len(value) > PATH_MAX_CHARS or "\0" in value:
        raise ValueError("is not a usable file path")
    if not PurePath(value).is_absolute():
        raise ValueError("is not an absolute path; save it with profile set --prescription")
    return value


def parse_time(text: str) -> dt.time:
    """'07:30' (24-hour clock); ValueError otherwise."""
    hours, minutes = text.strip().split(":")
    # Two digits at most for the hour: 99999999999999999999:00 is a typo, not an overflow.
    if not (hours.isdigit() and minutes.isdigit() and len(hours) <= 2 and len(minutes) == 2):
        raise ValueError(text)
    return dt.time(int(hours), int(minutes))


def check_time(value: Any) -> dt.time:
    if isinstance(value, dt.time):  # a TOML local time, 07:30:00
        return value.replace(second=0, microsecond=0)
    try:
        return parse_time(str(value)) if isinstance(value, str) else parse_time("")
    except ValueError:
        raise ValueError('is not a time; write it as "HH:MM", e.g. "07:30"') from None


_CHECKS = {
    "days": check_days,
    "on": check_on,
    "level": lambda value: _choice(value, LEVELS),
    "equipment": check_equipment,
    "minutes": lambda value: _whole(value, MINUTES_MIN, MINUTES_MAX, "the minutes a session"),
    "prefer": lambda value: _choice(value, PREFERENCES),
    "time": check_time,
    "remind": lambda value: _whole(value, 0, REMIND_MAX, "minutes before (0 turns it off)"),
    "avoid": check_avoid,
    "exclude": check_exclude,
    "prescription": check_prescription,
    "quiet": _true_or_false,
}


def profile_text(profile: Profile) -> str:
    """The file's text: a comment, then one `key = value` line per saved option."""
    lines = [
        "# sciatica-plan's saved plan options: `sciatica-plan profile set` writes this file.",
        "# Options typed on the command line win over these.",
    ]
    lines += [f"{key} = {_show(value)}" for key, value in profile.saved().items()]
    return "\n".join(lines) + "\n"


def update_profile(path: Path, change: Callable[[Profile], Profile]) -> Profile:
    """Save `change(saved)` over the profile saved at `path`, and return it.

    Read, change and write happen under an exclusive lock, so two `profile set` at once each
    keep the other's change (no lost update). A symlinked profile (a dotfiles link) has its
    target written, the link kept. A read-only profile is refused, not replaced.
    """
    target = write_target(path)
    _make_folder(target)
    with _locked(target):
        _refuse_read_only(target)
        updated = change(load_profile(target))
        save_profile(target, updated)
    return updated


def write_target(path: Path) -> Path:
    """The file a write to `path` changes: the file a symlink points to (followed to the end,
    a target not yet made included), else `path` itself."""
    import os
    from pathlib import Path

    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _make_folder(path: Path) -> None:
    try:
        path.parent.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProfileError(path, f"cannot be saved: its folder cannot be made ({reason})") from None


def _refuse_read_only(path: Path) -> None:
    """A profile its owner made read-only (chmod a-w) is kept as it is, even where the folder
    would let it be replaced (and even for root, whom `access` lets write anything)."""
    import os
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise ProfileError(path, f"cannot be read ({error.strerror or error})") from None
    if stat.S_ISREG(mode) and (not mode & WRITE_BITS or not os.access(path, os.W_OK)):
        raise ProfileError(
            path,
            "is read-only, so it was left as it is; make it writable (chmod u+w) to save "
            "options in it, or give another file with --profile",
        )


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the profile's folder while the block runs (the file itself is
    replaced by each write, so its folder, which stays, carries the lock). Without flock (on
    Windows) the block runs unlocked."""
    import os

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        descriptor = os.open(path.parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProfileError(
            path, f"cannot be saved: its folder cannot be opened ({reason})"
        ) from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def profile_exists(path: Path) -> bool:
    """True when there is a profile at `path`; a folder that cannot be searched is an error,
    not "no profile"."""
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return path.is_symlink()  # a dangling link is still something to remove
    except OSError as error:
        raise ProfileError(path, f"cannot be read ({_reason(error)})") from None
    return True


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: its folder cannot be read"
    return error.strerror or str(error)


def save_profile(path: Path, profile: Profile) -> None:
    """Write the whole file at once, readable by its owner only; create its folder if needed."""
    from .files import OutputError, write_atomically

    _make_folder(path)
    try:
        write_atomically(
            path, profile_text(profile).encode("utf-8"), replace=True, mode=OWNER_ONLY_FILE
        )
    except OutputError as error:
        raise ProfileError(path, f"cannot be written ({error.problem})") from None


def remove_profile(path: Path) -> bool:
    """Delete the file; False when there was none."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise ProfileError(path, "is a folder, not a profile file") from None
    except OSError as error:
        raise ProfileError(path, f"cannot be removed ({error.strerror or error})") from None
    return True

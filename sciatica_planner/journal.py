"""The journal: a private SQLite log of sessions and pain. The one module that touches the database.

The file is created owner-only (0600, in a folder made 0700) before SQLite sees it, and runs in WAL
mode with a busy timeout, so several writers can log at once and a committed entry survives a
crash of anything afterwards. Each writing call is one `BEGIN IMMEDIATE` ... `COMMIT`.

The schema is versioned by `PRAGMA user_version` (the number of migrations applied) and marked as
ours by `PRAGMA application_id`; a journal written by a newer program is refused, never downgraded.

Schema (after every migration):

    entries(id INTEGER PRIMARY KEY AUTOINCREMENT, date TEXT (ISO), pain INTEGER 0..10, note TEXT,
            spreading INTEGER 0 or 1, leg INTEGER 0..10 or NULL, back INTEGER 0..10 or NULL)
    done_exercises(entry_id -> entries.id ON DELETE CASCADE, position, exercise_id)
    felt(entry_id -> entries.id ON DELETE CASCADE, position, exercise_id, how)
    psfs_series(id, started TEXT (ISO))                 one set of PSFS activities
    psfs_activities(series_id -> psfs_series.id, position, activity)
    psfs_ratings(series_id -> psfs_series.id, date, position, score 0..10)

The exercises done live in a child table, one row each in the order given, rather than JSON text:
SQLite checks them (foreign key, not null) and deleting an entry deletes them with it.

`sqlite3` is imported only when a journal is opened, so the commands that merely map this module's
errors (all of them) do not pay for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SciaticaPlanError
from .text import visible
from .vocabulary import FEELINGS, PAIN_MAX, PAIN_MIN, YEAR_MAX, YEAR_MIN

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable, Iterable, Iterator

# 0x53504A4C is "SPJL" (sciatica-plan journal): SQLite's header field for telling one
# application's files from another's, so we never adopt somebody else's database.
APPLICATION_ID = 0x53504A4C
# A SQLite database that is not empty holds at least one page, and a page is at least 512 bytes.
SMALLEST_DATABASE = 512
NOT_SQLITE = (
    "not a sciatica-plan journal (not a SQLite database); choose another file with --journal "
    "(this one was left as it was)"
)
EMPTY_FILE = (
    "an empty file, not a sciatica-plan journal; choose another file with --journal, or delete "
    "this one to start a journal there (it was left as it was)"
)
# The entry columns every read selects, in the order `Journal._checked` unpacks them.
ENTRY_COLUMNS = "id, date, pain, note, spreading, leg, back"
# SQLite's unix file system layer opens paths of at most 512 bytes (MAX_PATHNAME), its own
# "-journal" and "-wal" names included; a new journal is first built under a temporary name
# 14 bytes longer (files.temporary_beside: "." + name + "." + 8 + ".new").
SQLITE_MAX_PATHNAME = 512
SIDECAR_EXTRA = len("-journal")
CREATION_EXTRA = SIDECAR_EXTRA + len("..XXXXXXXX.new")
DISK_FULL = "the disk is full; make some room and try again (nothing was changed)"
# How long a command waits for another writer before giving up: a write takes milliseconds.
BUSY_TIMEOUT_MS = 5000


class JournalError(SciaticaPlanError):
    """The journal could not be opened, read or written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path, self.problem = Path(path), problem
        super().__init__(f"{visible(str(path))}: {problem}")


class NotAJournalError(JournalError):
    """The file exists but is not a sciatica-plan journal; it was left as it was."""


class UnreadableEntryError(JournalError):
    """An entry holds a value this program never writes (the file was edited by hand)."""

    def __init__(self, path: Path | str, number: int, problem: str) -> None:
        self.number = number
        super().__init__(
            path,
            f"entry {number} cannot be read: {problem} (was the file edited by hand? "
            f"sciatica-plan forget {number} deletes it)",
        )


class NewerJournalError(JournalError):
    """A newer sciatica-plan wrote this journal; this one neither reads nor downgrades it."""

    def __init__(self, path: Path | str, version: int, known: int) -> None:
        self.version, self.known = version, known
        super().__init__(
            path,
            f"this journal has schema version {version}, but this sciatica-plan knows versions "
            f"up to {known} only: upgrade sciatica-plan to use it (the file was left as it was)",
        )


@dataclass(frozen=True)
class PsfsRating:
    """One PSFS rating: its day and a score 0-10 for each activity of its series, in order."""

    date: dt.date
    scores: tuple[int, ...]

    @property
    def mean(self) -> float:
        """The PSFS score: the mean of the activities' scores [F1]."""
        return sum(self.scores) / len(self.scores)


@dataclass(frozen=True)
class PsfsSeries:
    """One set of PSFS activities, from the day it was set, and its ratings, oldest first."""

    id: int
    started: dt.date
    activities: tuple[str, ...]
    ratings: tuple[PsfsRating, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "started": self.started.isoformat(),
            "activities": list(self.activities),
            "ratings": [
                {"date": r.date.isoformat(), "scores": list(r.scores), "mean": r.mean}
                for r in self.ratings
            ],
        }


@dataclass(frozen=True)
class Entry:
    """One logged session: its number, day, pain score (0-10), exercises done and note.

    `spreading` is True when the user said symptoms spread further down the leg.
    """

    id: int
    date: dt.date
    pain: int
    done: tuple[str, ...]
    note: str | None
    spreading: bool = False
    # Schema 3: leg and back pain apart (None when not given), and how exercises felt, as
    # (exercise id, easy/right/hard/painful) in the order given.
    leg: int | None = None
    back: int | None = None
    felt: tuple[tuple[str, str], ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The entry as `history --json` prints it."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "pain": self.pain,
            "done": list(self.done),
            "note": self.note,
            "spreading": self.spreading,
            "leg": self.leg,
            "back": self.back,
            "felt": dict(self.felt),
        }


# -- migrations -------------------------------------------------------------------------------

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []


def migration(step: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    """Register a schema step; steps run in the order they are defined, each exactly once."""
    expected = f"m{len(MIGRATIONS) + 1:03d}_"
    if not step.__name__.startswith(expected):  # the name's number is its place in the list
        raise RuntimeError(f"migration {step.__name__} should be named {expected}...")
    MIGRATIONS.append(step)
    return step


@migration
def m001_entries(db: sqlite3.Connection) -> None:
    """Entries: one per logged session, with its ISO date, pain score 0-10 and note."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # date: ISO text of a real day ('+0 days' makes SQLite normalise 2026-02-30, which then no
    # longer equals itself). AUTOINCREMENT: an entry's number is never reused after `forget`, so
    # a number the user wrote down or gave a clinician always means the same entry.
    db.execute(
        """
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
            pain INTEGER NOT NULL CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),
            note TEXT
        )
        """
    )
    db.execute("CREATE INDEX entries_by_date ON entries (date)")


@migration
def m002_done_exercises(db: sqlite3.Connection) -> None:
    """The exercises done in each session, in the order given, deleted with their entry."""
    db.execute(
        """
        CREATE TABLE done_exercises (
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            exercise_id TEXT NOT NULL,
            PRIMARY KEY (entry_id, position)
        )
        """
    )


@migration
def m003_spreading(db: sqlite3.Connection) -> None:
    """Entries gain `spreading`: 1 when symptoms spread further down the leg, else 0."""
    # Entries logged before this step were never asked, so they read as not spreading.
    db.execute(
        "ALTER TABLE entries ADD COLUMN spreading INTEGER NOT NULL DEFAULT 0 "
        "CHECK (spreading IN (0, 1))"
    )


@migration
def m004_leg_back_felt_psfs(db: sqlite3.Connection) -> None:
    """Leg and back pain apart, how each exercise felt, and the PSFS (activities and ratings)."""
    # Older entries were never asked: their leg and back pain are unknown (NULL), not 0.
    for column in ("leg", "back"):
        db.execute(
            f"ALTER TABLE entries ADD COLUMN {column} INTEGER CHECK ({column} IS NULL OR "
            f"(typeof({column}) = 'integer' AND {column} BETWEEN 0 AND 10))"
        )
    feelings = ", ".join(f"'{each}'" for each in FEELINGS)
    db.execute(
        f"""
        CREATE TABLE felt (
            entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            exercise_id TEXT NOT NULL,
            how TEXT NOT NULL CHECK (how IN ({feelings})),
            PRIMARY KEY (entry_id, position)
        )
        """
    )
    # A series is one set of activities; changing them starts a new series, so that ratings
    # are only ever compared with ratings of the same activities.
    db.execute(
        """
        CREATE TABLE psfs_series (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            started TEXT NOT NULL CHECK (started IS date(started, '+0 days'))
        )
        """
    )
    db.execute(
        """
        CREATE TABLE psfs_activities (
            series_id INTEGER NOT NULL REFERENCES psfs_series (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            activity TEXT NOT NULL,
            PRIMARY KEY (series_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE psfs_ratings (
            series_id INTEGER NOT NULL REFERENCES psfs_series (id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
            position INTEGER NOT NULL,
            score INTEGER NOT NULL CHECK (typeof(score) = 'integer' AND score BETWEEN 0 AND 10),
            PRIMARY KEY (series_id, date, position)
        )
        """
    )


SCHEMA_VERSION = len(MIGRATIONS)


# -- opening ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _translated(path: Path, doing: str) -> Iterator[None]:
    """Turn SQLite and file-system failures into a JournalError that says what we were doing."""
    try:
        yield
    except OSError as error:
        raise JournalError(path, f"could not {doing}: {error.strerror or error}") from error
    except Exception as error:
        # Imported only on a failure, so that opening a journal that does not exist (as `week`
        # does by default) loads no sqlite3; an error from SQLite implies it is loaded already.
        import sqlite3

        if not isinstance(error, sqlite3.Error):
            raise
        name = getattr(error, "sqlite_errorname", "")
        if name == "SQLITE_NOTADB":
            raise NotAJournalError(path, NOT_SQLITE) from error
        if name == "SQLITE_FULL" or (name.startswith("SQLITE_IOERR") and _disk_full(path)):
            raise JournalError(path, f"could not {doing}: {DISK_FULL}") from error
        if name.startswith("SQLITE_CANTOPEN") and _too_long(path, SIDECAR_EXTRA):
            raise JournalError(path, f"could not {doing}: {_path_too_long(path)}") from error
        if name.startswith("SQLITE_BUSY"):
            raise JournalError(
                path, f"could not {doing}: another program is using the journal; try again"
            ) from error
        raise JournalError(path, f"could not {doing}: {error}") from error


def _path_bytes(path: Path) -> int:
    return len(os.fsencode(str(path.resolve())))


def _too_long(path: Path, extra: int) -> bool:
    """Is the journal's full path, with `extra` bytes of the names SQLite and we make beside
    it, over the longest path SQLite opens?"""
    return _path_bytes(path) + extra > SQLITE_MAX_PATHNAME


def _path_too_long(path: Path) -> str:
    return (
        f"its full path is {_path_bytes(path)} bytes long, and SQLite opens paths of at most "
        f"{SQLITE_MAX_PATHNAME - CREATION_EXTRA} (with the files it keeps beside a journal); "
        "choose a shorter path with --journal (nothing was changed)"
    )


def _disk_full(path: Path) -> bool:
    """Is there no room left where the journal lives? (SQLite reports a full disk while it
    makes its shared-memory file as a plain I/O error.)"""
    try:
        found = os.statvfs(path.parent)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return found.f_bavail == 0


def _make_private_folder(folder: Path) -> None:
    """Create the missing folders up to `folder`, each 0700; folders that exist are left alone."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    # 0700, as the XDG base directory spec asks of a data folder it has to create.
    for each in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it first
            each.mkdir(mode=0o700)


def _exists(path: Path) -> bool:
    """Whether the journal file exists; anything there but a regular file is refused unopened
    (SQLite would block on a FIFO, and must never write into a device)."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return False
    if not stat.S_ISREG(mode):
        from .files import kind_of

        raise JournalError(
            path, f"could not open the journal: it is {kind_of(mode)}, not a journal file"
        )
    return True


def _sidecars(path: Path) -> tuple[Path, Path]:
    """The files SQLite keeps beside a journal in WAL mode: the log and the shared index."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _writable(path: Path) -> bool:
    """Can this process write the journal, its folder (where SQLite makes its -wal and -shm
    files) and any -wal or -shm file already there?"""
    return all(
        os.access(each, os.W_OK) for each in (path, *_sidecars(path)) if each.exists()
    ) and os.access(path.parent, os.W_OK | os.X_OK)


def _create_journal(path: Path) -> bool:
    """Build a complete, empty journal beside `path`, then give it that name if it is still free.

    A journal never exists half-made, so an empty file found at the path is never one of ours
    (it is another program's, or a mistake) and is refused rather than adopted, even while
    several `log` commands start a journal at once. The file is owner-only (0600) from its first
    byte. False if another process made the journal first.
    """
    from .stops import stopping_cleanly

    # SIGTERM and SIGHUP, like Ctrl-C, remove the half-built journal before the program ends.
    with stopping_cleanly():
        return _build_and_link(path)


def _build_and_link(path: Path) -> bool:
    from .files import link_without_clobbering, temporary_beside

    handle, temporary = temporary_beside(path, suffix=".new")
    os.close(handle)
    try:
        db = _connect(temporary, writable=True)
        try:
            _use_wal(db)
            _migrate(db, temporary)
        finally:
            db.close()  # the last connection: SQLite removes the -wal and -shm files
        try:
            link_without_clobbering(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        for each in (temporary, *_sidecars(temporary)):
            with contextlib.suppress(FileNotFoundError):
                each.unlink()


def _connect(path: Path, *, writable: bool) -> sqlite3.Connection:
    """A connection; read-only (SQLite's `mode=ro`) for a journal this process cannot write.

    A read-write connection that only reads still leaves nothing behind: the last one to close
    removes the -wal and -shm files. A read-only one cannot, and would create them with the
    journal's read-only mode, so that `log` fails even after the journal is made writable again.
    So it opens the file as `immutable` (no -wal or -shm made) unless a writer left both there,
    in which case they hold entries to read and SQLite uses them as they are.
    """
    import sqlite3

    # mode=rw: SQLite never creates the file itself (we did, with its mode), even in a race.
    uri = path.resolve().as_uri()
    if writable:
        uri += "?mode=rw"
    elif all(each.exists() for each in _sidecars(path)):
        uri += "?mode=ro"
    else:
        # Nobody writes a journal this process cannot write (its own files are owner-only), so
        # reading it without locks sees one consistent state.
        uri += "?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    # Text that is not valid UTF-8 (only a hand edit can put it there) reads with U+FFFD in
    # place of the bad bytes, so that history, report and forget still work on the entry.
    db.text_factory = functools.partial(str, encoding="utf-8", errors="replace")
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # FULL: a commit reaches the disk before `log` says "Logged", even across a power cut.
    db.execute("PRAGMA synchronous = FULL")
    return db


@contextlib.contextmanager
def _read_snapshot(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Several reads that see one state of the file, even while another process writes."""
    db.execute("BEGIN")
    try:
        yield db
    finally:
        if db.in_transaction:
            db.execute("COMMIT")


def _is_fresh(db: sqlite3.Connection, path: Path) -> bool:
    """True for an empty database; raise if the file is someone else's or from a newer version."""
    with _read_snapshot(db):
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite^_%' ESCAPE '^'"
        ).fetchone()[0]
        # SQLite reads a file too short to be a database as an empty one, and would write over
        # it. Its size says enough (a database page is at least 512 bytes), and stat opens no
        # file: closing a descriptor of our own would drop every lock SQLite holds on the file.
        size = path.stat().st_size
    if 0 < size < SMALLEST_DATABASE:
        raise NotAJournalError(path, NOT_SQLITE)
    if application_id == 0 and version == 0 and tables == 0:
        return True
    if application_id != APPLICATION_ID:
        raise NotAJournalError(
            path,
            "a SQLite database, but not a sciatica-plan journal; choose another file with "
            "--journal (this one was left as it was)",
        )
    if version > SCHEMA_VERSION:
        raise NewerJournalError(path, version, SCHEMA_VERSION)
    return False


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL: readers never block the writer, and a commit survives a crash of the writer.

    The mode is stored in the file, so this switches once per journal, outside any transaction.
    """
    import sqlite3

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            # The switch needs the file to itself, and SQLite reports a busy file at once rather
            # than wait (another new `log` may be switching it too): wait here instead.
            if not getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    """Apply the missing steps, each with its `user_version` bump in one transaction."""
    while db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
        with _writing(db):
            # Read again under the write lock: another process may have migrated meanwhile.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise NewerJournalError(path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                MIGRATIONS[version](db)
                # PRAGMA takes no bound parameters; the value is our own integer.
                db.execute(f"PRAGMA user_version = {version + 1}")


@contextlib.contextmanager
def _writing(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: commit at the end, roll back on any exception."""
    # IMMEDIATE takes the write lock now, so two writers queue on the busy timeout instead of
    # one failing when it tries to upgrade a read lock halfway through.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    except BaseException:
        # SQLite may already have rolled back (on a full disk, say); a second ROLLBACK would
        # raise and hide the real error.
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


class Journal:
    """An open journal; close it with `close()` or use it as a context manager.

    A journal that does not exist yet (opened with `create=False`) reads as empty, and opening it
    creates nothing.
    """

    def __init__(
        self, path: Path, db: sqlite3.Connection | None, created: bool, *, writable: bool = True
    ) -> None:
        self.path = path
        self.created = created  # True when this call made the file
        self.writable = writable  # False: opened read-only, as the file is read-only for us
        self._db = db

    @classmethod
    def open(cls, path: Path | str, *, create: bool) -> Journal:
        """Open the journal at `path`; with `create`, make it (privately) if it is missing.

        Without `create` nothing is created: a missing journal, or an empty file, reads as an
        empty journal. With it, an empty or foreign file is refused and left as it was.
        """
        path = Path(path)
        with _translated(path, "open the journal"):
            created = False
            if not _exists(path):
                if not create:
                    return cls(path, None, created=False)
                if _too_long(path, CREATION_EXTRA):  # refused before any folder is made
                    raise JournalError(path, f"could not open the journal: {_path_too_long(path)}")
                _make_private_folder(path.parent)
                created = _create_journal(path)
            writable = _writable(path)
            if create and not writable:
                raise JournalError(
                    path,
                    "the journal (or its folder) is read-only for you, so nothing was logged; "
                    "make it writable (chmod u+w) to log (the file was left as it was)",
                )
            db = _connect(path, writable=writable)
            try:
                if _is_fresh(db, path):
                    if create:  # never adopt an empty file: ours are complete from the start
                        raise NotAJournalError(path, EMPTY_FILE)
                    db.close()  # an empty file: nothing to read
                    return cls(path, None, created=False)
                if writable:
                    _use_wal(db)
                    _migrate(db, path)
                elif db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    raise JournalError(
                        path,
                        "this journal was written by an older sciatica-plan and needs an "
                        "upgrade, which needs write permission: make it writable (chmod u+w) "
                        "and try again (the file was left as it was)",
                    )
            except BaseException:
                db.close()
                raise
            return cls(path, db, created=created, writable=writable)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_entry(
        self,
        date: dt.date,
        pain: int,
        done: Iterable[str] = (),
        note: str | None = None,
        *,
        spreading: bool = False,
        leg: int | None = None,
        back: int | None = None,
        felt: Iterable[tuple[str, str]] = (),
        announce: Callable[[Entry], None] | None = None,
    ) -> Entry:
        """Log one session; it is on disk when this returns.

        `announce` is called with the entry before it is committed: if it fails (the
        confirmation could not be printed, say), nothing is logged, so that trying again never
        logs the session twice.
        """
        if self._db is None:
            raise JournalError(self.path, "the journal was opened for reading only")
        done, felt = tuple(done), tuple(felt)
        with _translated(self.path, "log the entry"), _writing(self._db) as db:
            cursor = db.execute(
                "INSERT INTO entries (date, pain, note, spreading, leg, back) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (date.isoformat(), pain, note, spreading, leg, back),
            )
            entry_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO done_exercises (entry_id, position, exercise_id) VALUES (?, ?, ?)",
                [(entry_id, position, exercise) for position, exercise in enumerate(done)],
            )
            db.executemany(
                "INSERT INTO felt (entry_id, position, exercise_id, how) VALUES (?, ?, ?, ?)",
                [(entry_id, position, *pair) for position, pair in enumerate(felt)],
            )
            assert entry_id is not None
            entry = Entry(
                id=entry_id,
                date=date,
                pain=pain,
                done=done,
                note=note,
                spreading=bool(spreading),
                leg=leg,
                back=back,
                felt=felt,
            )
            if announce is not None:
                announce(entry)
        return entry

    def entries(self, since: dt.date | None = None) -> list[Entry]:
        """Every entry dated `since` or later (all of them without it), oldest first."""
        if self._db is None:
            return []
        first = (since or dt.date.min).isoformat()
        with _translated(self.path, "read the journal"), _read_snapshot(self._db) as db:
            rows = db.execute(
                f"SELECT {ENTRY_COLUMNS} FROM entries WHERE date >= ? ORDER BY date, id",
                (first,),
            ).fetchall()
            done = db.execute(
                "SELECT d.entry_id, d.exercise_id FROM done_exercises AS d "
                "JOIN entries AS e ON e.id = d.entry_id WHERE e.date >= ? "
                "ORDER BY d.entry_id, d.position",
                (first,),
            ).fetchall()
            felt = db.execute(
                "SELECT f.entry_id, f.exercise_id, f.how FROM felt AS f "
                "JOIN entries AS e ON e.id = f.entry_id WHERE e.date >= ? "
                "ORDER BY f.entry_id, f.position",
                (first,),
            ).fetchall()
        return self._entries(rows, done, felt)

    def numbers_on(self, day: dt.date) -> list[int]:
        """The numbers of the entries dated `day`, in order."""
        if self._db is None:
            return []
        with _translated(self.path, "read the journal"), _read_snapshot(self._db) as db:
            rows = db.execute(
                "SELECT id FROM entries WHERE date = ? ORDER BY id", (day.isoformat(),)
            ).fetchall()
        return [number for (number,) in rows]

    def first_date(self) -> dt.date | None:
        """The date of the journal's first entry, or None when it has none (or it is not a
        real date: the entries themselves say what is wrong with it)."""
        if self._db is None:
            return None
        with _translated(self.path, "read the journal"), _read_snapshot(self._db) as db:
            (first,) = db.execute("SELECT min(date) FROM entries").fetchone()
        return dt.date.fromisoformat(first) if _real_date(first) else None

    def psfs(self) -> list[PsfsSeries]:
        """Every PSFS series, oldest first, each with its ratings, oldest first."""
        if self._db is None:
            return []
        with _translated(self.path, "read the journal"), _read_snapshot(self._db) as db:
            series = db.execute("SELECT id, started FROM psfs_series ORDER BY id").fetchall()
            activities = db.execute(
                "SELECT series_id, activity FROM psfs_activities ORDER BY series_id, position"
            ).fetchall()
            ratings = db.execute(
                "SELECT series_id, date, score FROM psfs_ratings ORDER BY series_id, date, position"
            ).fetchall()
        named: dict[int, list[str]] = {}
        for series_id, activity in activities:
            named.setdefault(series_id, []).append(activity)
        scored: dict[tuple[int, str], list[int]] = {}
        for series_id, date, score in ratings:
            scored.setdefault((series_id, date), []).append(score)
        found = []
        for series_id, started in series:
            if not _real_date(started) or not all(
                isinstance(a, str) for a in named.get(series_id, ())
            ):
                raise JournalError(
                    self.path, "the PSFS activities cannot be read (was the file edited by hand?)"
                )
            rated = []
            for (owner, date), scores in scored.items():
                if owner != series_id:
                    continue
                if not _real_date(date) or not all(
                    type(x) is int and PAIN_MIN <= x <= PAIN_MAX for x in scores
                ):
                    raise JournalError(
                        self.path, "a PSFS rating cannot be read (was the file edited by hand?)"
                    )
                rated.append(PsfsRating(dt.date.fromisoformat(date), tuple(scores)))
            found.append(
                PsfsSeries(
                    series_id,
                    dt.date.fromisoformat(started),
                    tuple(named.get(series_id, ())),
                    tuple(rated),
                )
            )
        return found

    def set_psfs(self, activities: Iterable[str], started: dt.date) -> PsfsSeries:
        """Start a new PSFS series with these activities (the old series and its ratings stay,
        for the record)."""
        db = self._writer()
        activities = tuple(activities)
        with _translated(self.path, "save the PSFS activities"), _writing(db):
            series_id = db.execute(
                "INSERT INTO psfs_series (started) VALUES (?)", (started.isoformat(),)
            ).lastrowid
            db.executemany(
                "INSERT INTO psfs_activities (series_id, position, activity) VALUES (?, ?, ?)",
                [(series_id, n, activity) for n, activity in enumerate(activities)],
            )
        assert series_id is not None
        return PsfsSeries(series_id, started, activities)

    def rate_psfs(
        self, series_id: int, date: dt.date, scores: Iterable[int], *, replacing: dt.date | None
    ) -> PsfsRating:
        """Save a rating of the series' activities on `date`, first deleting the rating dated
        `replacing` (the one it replaces), in one transaction."""
        db = self._writer()
        scores = tuple(scores)
        with _translated(self.path, "save the PSFS rating"), _writing(db):
            for day in {replacing, date} - {None}:
                assert day is not None
                db.execute(
                    "DELETE FROM psfs_ratings WHERE series_id = ? AND date = ?",
                    (series_id, day.isoformat()),
                )
            db.executemany(
                "INSERT INTO psfs_ratings (series_id, date, position, score) VALUES (?, ?, ?, ?)",
                [(series_id, date.isoformat(), n, score) for n, score in enumerate(scores)],
            )
        return PsfsRating(date, scores)

    def _writer(self) -> sqlite3.Connection:
        if self._db is None:
            raise JournalError(self.path, "the journal was opened for reading only")
        self._require_writable("saved", "save it")
        return self._db

    def entry(self, number: int) -> Entry | None:
        """The entry with this number, or None."""
        if self._db is None:
            return None
        with _translated(self.path, "read the journal"), _read_snapshot(self._db) as db:
            return self._one(db, number)

    def delete(self, number: int) -> Entry | None:
        """Delete one entry (and its exercises); return what was deleted, or None if none was."""
        if self._db is None:
            return None
        self._require_writable()
        with _translated(self.path, "delete the entry"), _writing(self._db) as db:
            found = self._one(db, number)
            if found is not None:
                db.execute("DELETE FROM entries WHERE id = ?", (number,))
        return found

    def delete_unreadable(self, number: int) -> bool:
        """Delete an entry whose values cannot be read (so cannot be returned); True if it was
        there."""
        if self._db is None:
            return False
        self._require_writable()
        with _translated(self.path, "delete the entry"), _writing(self._db) as db:
            return db.execute("DELETE FROM entries WHERE id = ?", (number,)).rowcount > 0

    def _require_writable(self, nothing: str = "deleted", to: str = "delete an entry") -> None:
        if not self.writable:
            raise JournalError(
                self.path,
                f"the journal (or its folder) is read-only for you, so nothing was {nothing}; "
                f"make it writable (chmod u+w) to {to} (the file was left as it was)",
            )

    def _one(self, db: sqlite3.Connection, number: int) -> Entry | None:
        rows = db.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", (number,)).fetchall()
        done = db.execute(
            "SELECT entry_id, exercise_id FROM done_exercises WHERE entry_id = ? ORDER BY position",
            (number,),
        ).fetchall()
        felt = db.execute(
            "SELECT entry_id, exercise_id, how FROM felt WHERE entry_id = ? ORDER BY position",
            (number,),
        ).fetchall()
        found = self._entries(rows, done, felt)
        return found[0] if found else None

    def _entries(self, rows: list[Any], done: list[Any], felt: list[Any]) -> list[Entry]:
        by_entry: dict[int, list[str]] = {}
        for entry_id, exercise in done:
            by_entry.setdefault(entry_id, []).append(exercise)
        felt_by_entry: dict[int, list[tuple[Any, Any]]] = {}
        for entry_id, exercise, how in felt:
            felt_by_entry.setdefault(entry_id, []).append((exercise, how))
        return [
            self._checked(
                row, tuple(by_entry.get(row[0], ())), tuple(felt_by_entry.get(row[0], ()))
            )
            for row in rows
        ]

    def _checked(
        self, row: tuple[Any, ...], done: tuple[Any, ...], felt: tuple[tuple[Any, Any], ...]
    ) -> Entry:
        """One row as an Entry, or a JournalError naming the entry if a value is not what this
        program writes (the schema's CHECKs make that possible only by editing the file)."""
        entry_id, date, pain, note, spreading, leg, back = row
        problem = _bad_value(date, pain, note, spreading, done) or _bad_schema3(leg, back, felt)
        if problem is not None:
            raise UnreadableEntryError(self.path, entry_id, problem)
        return Entry(
            id=entry_id,
            date=dt.date.fromisoformat(date),
            pain=pain,
            done=done,
            note=note,
            spreading=bool(spreading),
            leg=leg,
            back=back,
            felt=felt,
        )


def _bad_value(
    date: Any, pain: Any, note: Any, spreading: Any, done: tuple[Any, ...]
) -> str | None:
    """What is wrong with one entry's values as read back, or None."""
    if not _real_date(date):
        return f"its date {visible(repr(date), limit=60)} is not a day written YYYY-MM-DD"
    if type(pain) is not int or not PAIN_MIN <= pain <= PAIN_MAX:
        shown = visible(repr(pain), limit=60)
        return f"its pain {shown} is not a whole number from {PAIN_MIN} to {PAIN_MAX}"
    if note is not None and not isinstance(note, str):
        return "its note is not text"
    if type(spreading) is not int or spreading not in (0, 1):
        return f"its spreading mark {visible(repr(spreading), limit=60)} is not 0 or 1"
    if not all(isinstance(each, str) for each in done):
        return "an exercise it names is not text"
    return None


def _bad_schema3(leg: Any, back: Any, felt: tuple[tuple[Any, Any], ...]) -> str | None:
    """What is wrong with an entry's leg and back pain or feelings as read back, or None."""
    for name, value in (("leg", leg), ("back", back)):
        if value is not None and (type(value) is not int or not PAIN_MIN <= value <= PAIN_MAX):
            shown = visible(repr(value), limit=60)
            return f"its {name} pain {shown} is not a whole number from {PAIN_MIN} to {PAIN_MAX}"
    for exercise, how in felt:
        if not isinstance(exercise, str) or how not in FEELINGS:
            return f"how an exercise felt, {visible(repr(how), limit=60)}, is not one of " + (
                ", ".join(FEELINGS)
            )
    return None


def _real_date(value: Any) -> bool:
    """An ISO day, exactly as this program writes it, in the years it supports."""
    if not isinstance(value, str) or len(value) != len("YYYY-MM-DD"):
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return day.isoformat() == value and YEAR_MIN <= day.year <= YEAR_MAX

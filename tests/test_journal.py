"""The journal's storage (journal.py) and its summary and trend (trend.py).

Round trips, migrations from every older version, refusing files that are not ours (untouched),
permissions, SQL kept as text, atomic writes, concurrent writers and a writer killed mid-stream.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from children import default_signals

from sciatica_planner import journal as journal_module
from sciatica_planner import trend
from sciatica_planner.journal import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    Entry,
    Journal,
    JournalError,
    NewerJournalError,
    NotAJournalError,
    PsfsRating,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

DAY = dt.date(2026, 11, 25)
SQL_NOTE = "'); DROP TABLE entries; --"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection, to look at the file the way another program would."""
    return sqlite3.connect(path, isolation_level=None)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder of the test's own (tmp_path also holds the fixture's home)."""
    made = tmp_path / "files"
    made.mkdir()
    return made


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- round trips ------------------------------------------------------------------------------


def test_an_entry_round_trips(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        assert journal.created
        added = journal.add_entry(DAY, 4, ["glute-bridge", "clamshell"], "stiff in the morning")
    assert added == Entry(1, DAY, 4, ("glute-bridge", "clamshell"), "stiff in the morning")
    with Journal.open(path, create=False) as journal:
        assert not journal.created
        assert journal.entries() == [added]
        assert journal.entry(1) == added
        assert journal.entry(2) is None


@pytest.mark.parametrize(
    "note",
    [
        SQL_NOTE,
        "Robert'); DELETE FROM done_exercises WHERE ('1' = '1",
        "quotes \" and ' and ; and -- and /* */",
        "two\nlines\r\nand a\ttab",
        "",
        "ünïcödé, 日本語, emoji 🙂, and a right-to-left mark \u200f",
        "=1+1",
        "[bold]not markup[/bold] :smile:",
        None,
    ],
)
def test_notes_are_kept_verbatim(path: Path, note: str | None) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3, [], note)
    with Journal.open(path, create=False) as journal:
        assert [e.note for e in journal.entries()] == [note]
    tables = raw(path).execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert {"entries", "done_exercises"} <= {name for (name,) in tables}


def test_entries_are_in_date_order_and_since_filters(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        late = journal.add_entry(DAY, 2)
        early = journal.add_entry(DAY - dt.timedelta(days=10), 7, ["cat-camel"])
        same_day = journal.add_entry(DAY, 5, ["glute-bridge", "bird-dog", "clamshell"])
        assert journal.entries() == [early, late, same_day]
        assert journal.entries(since=DAY - dt.timedelta(days=9)) == [late, same_day]
        assert journal.entries(since=DAY + dt.timedelta(days=1)) == []


def test_done_exercises_keep_their_order(path: Path) -> None:
    order = ["wall-sit", "bird-dog", "clamshell", "glute-bridge", "cat-camel"]
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 1, order)
    with Journal.open(path, create=False) as journal:
        assert journal.entry(1).done == tuple(order)  # type: ignore[union-attr]


def test_delete_removes_the_entry_and_its_exercises(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        first = journal.add_entry(DAY, 4, ["glute-bridge", "clamshell"])
        second = journal.add_entry(DAY, 6, ["bird-dog"])
        assert journal.delete(first.id) == first
        assert journal.delete(first.id) is None
        assert journal.entries() == [second]
    rows = raw(path).execute("SELECT entry_id, exercise_id FROM done_exercises").fetchall()
    assert rows == [(second.id, "bird-dog")]


def test_numbers_are_never_reused(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 1)
        last = journal.add_entry(DAY, 2)
        journal.delete(last.id)
        assert journal.add_entry(DAY, 3).id == last.id + 1


def test_the_schema_refuses_bad_values(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        for pain in (-1, 11):
            with pytest.raises(JournalError, match="CHECK constraint"):
                journal.add_entry(DAY, pain)
        with pytest.raises(JournalError, match="CHECK constraint"):
            journal.add_entry(DAY, 3, spreading=2)  # type: ignore[arg-type]
        assert journal.entries() == []
    db = raw(path)
    for row in [("2026-02-30", 3), ("25/11/2026", 3), ("2026-11-25", 4.5), ("2026-11-25", "four")]:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO entries (date, pain) VALUES (?, ?)", row)
    for spreading in (2, -1, "yes", 0.5, None):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO entries (date, pain, spreading) VALUES ('2026-11-25', 3, ?)",
                (spreading,),
            )
    assert db.execute("SELECT count(*) FROM entries").fetchone() == (0,)
    db.execute("PRAGMA foreign_keys = ON")  # SQLite checks them only where asked, as we do
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO done_exercises VALUES (99, 0, 'glute-bridge')")


def test_a_failed_write_leaves_nothing_behind(path: Path) -> None:
    """The entry row goes in first; a bad exercise row after it must roll the entry back too."""
    with Journal.open(path, create=True) as journal:
        with pytest.raises(JournalError, match="could not log the entry"):
            journal.add_entry(DAY, 4, ["glute-bridge", object()])  # type: ignore[list-item]
        assert journal.entries() == []
        assert journal.add_entry(DAY, 4).id == 1  # usable afterwards; the number was not used
        assert len(journal.entries()) == 1
    assert raw(path).execute("SELECT count(*) FROM done_exercises").fetchone() == (0,)


# -- reading creates nothing ------------------------------------------------------------------


def test_reading_a_missing_journal_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    path = folder / "no" / "such" / "journal.sqlite3"
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == []
        assert journal.entry(1) is None
        assert journal.delete(1) is None
        with pytest.raises(JournalError, match="reading only"):
            journal.add_entry(DAY, 3)
    assert files_in(folder) == []


def test_reading_an_empty_file_writes_nothing(folder: Path) -> None:
    path = folder / "journal.sqlite3"
    path.touch()
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == []
    assert path.read_bytes() == b""
    assert files_in(folder) == ["journal.sqlite3"]


# -- migrations -------------------------------------------------------------------------------

# Journals as each older version left them, written out by hand (not by running our migrations),
# each holding one entry from 2026-11-20 with pain 5 and the note "old" (and, from version 2, a
# second entry with two exercises done).
V1_SCHEMA = f"""
    PRAGMA application_id = {APPLICATION_ID};
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
        pain INTEGER NOT NULL CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),
        note TEXT
    );
    CREATE INDEX entries_by_date ON entries (date);
    INSERT INTO entries (date, pain, note) VALUES ('2026-11-20', 5, 'old');
    PRAGMA user_version = 1;
"""
V2_SCHEMA = f"""
    PRAGMA application_id = {APPLICATION_ID};
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
        pain INTEGER NOT NULL CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),
        note TEXT
    );
    CREATE INDEX entries_by_date ON entries (date);
    CREATE TABLE done_exercises (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        PRIMARY KEY (entry_id, position)
    );
    INSERT INTO entries (date, pain, note) VALUES ('2026-11-20', 5, 'old');
    INSERT INTO entries (date, pain, note) VALUES ('2026-11-22', 7, NULL);
    INSERT INTO done_exercises VALUES (2, 0, 'cat-camel'), (2, 1, 'bird-dog');
    PRAGMA user_version = 2;
"""
V3_SCHEMA = f"""
    PRAGMA application_id = {APPLICATION_ID};
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        date TEXT NOT NULL CHECK (date IS date(date, '+0 days')),
        pain INTEGER NOT NULL CHECK (typeof(pain) = 'integer' AND pain BETWEEN 0 AND 10),
        note TEXT,
        spreading INTEGER NOT NULL DEFAULT 0 CHECK (spreading IN (0, 1))
    );
    CREATE INDEX entries_by_date ON entries (date);
    CREATE TABLE done_exercises (
        entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        exercise_id TEXT NOT NULL,
        PRIMARY KEY (entry_id, position)
    );
    INSERT INTO entries (date, pain, note) VALUES ('2026-11-20', 5, 'old');
    INSERT INTO entries (date, pain, note) VALUES ('2026-11-22', 7, NULL);
    INSERT INTO done_exercises VALUES (2, 0, 'cat-camel'), (2, 1, 'bird-dog');
    INSERT INTO entries (date, pain, note, spreading) VALUES ('2026-11-23', 6, NULL, 1);
    PRAGMA user_version = 3;
"""
OLD_SCHEMAS = {1: V1_SCHEMA, 2: V2_SCHEMA, 3: V3_SCHEMA}


def make_version(path: Path, version: int) -> list[Entry]:
    """A journal file at `version`, and the entries it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if version == 0:
        path.touch(mode=0o600)  # an empty file: SQLite reads it as an empty database
        return []
    db = raw(path)
    db.executescript(OLD_SCHEMAS[version])
    db.close()
    entries = [Entry(1, dt.date(2026, 11, 20), 5, (), "old")]
    if version >= 2:
        entries.append(Entry(2, dt.date(2026, 11, 22), 7, ("cat-camel", "bird-dog"), None))
    if version >= 3:
        entries.append(Entry(3, dt.date(2026, 11, 23), 6, (), None, spreading=True))
    return entries


def test_every_older_version_has_a_fixture() -> None:
    assert SCHEMA_VERSION == 4 == len(MIGRATIONS)
    assert [m.__name__ for m in MIGRATIONS] == [
        "m001_entries",
        "m002_done_exercises",
        "m003_spreading",
        "m004_leg_back_felt_psfs",
    ]
    assert all(m.__doc__ for m in MIGRATIONS)
    assert sorted(OLD_SCHEMAS) == list(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_an_older_journal_is_migrated_and_keeps_its_entries(path: Path, version: int) -> None:
    old = make_version(path, version)
    with Journal.open(path, create=True) as journal:
        assert journal.entries() == old
        # Never asked: not spreading (before version 3), leg and back unknown, no feelings.
        assert [e.spreading for e in journal.entries()] == [version >= 3 and e.id == 3 for e in old]
        assert all(e.leg is None and e.back is None and e.felt == () for e in journal.entries())
        assert journal.psfs() == []
        added = journal.add_entry(
            DAY,
            2,
            ["glute-bridge"],
            "new",
            spreading=True,
            leg=2,
            back=1,
            felt=[("glute-bridge", "easy")],
        )
        assert added.spreading
        assert journal.entries() == [*old, added]
        series = journal.set_psfs(["walking 1 km"], DAY)
        journal.rate_psfs(series.id, DAY, [4], replacing=None)
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == [*old, added]
        assert [s.ratings for s in journal.psfs()] == [(PsfsRating(DAY, (4,)),)]
    db = raw(path)
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert db.execute("SELECT id, spreading, leg, back FROM entries ORDER BY id").fetchall() == [
        *[(e.id, int(e.spreading), None, None) for e in old],
        (added.id, 1, 2, 1),
    ]
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_reading_an_older_journal_migrates_it(path: Path, version: int) -> None:
    old = make_version(path, version)
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == old
        assert journal.entry(1) == old[0]
    assert raw(path).execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_an_empty_file_is_never_adopted(path: Path) -> None:
    """An empty file at the journal's path is not one of ours (ours are complete from the first
    moment they have the name): `log` refuses it and leaves it as it was, mode included."""
    make_version(path, 0)
    path.chmod(0o644)
    with pytest.raises(NotAJournalError, match="an empty file, not a sciatica-plan journal"):
        Journal.open(path, create=True)
    assert path.read_bytes() == b""
    assert mode_of(path) == 0o644
    assert files_in(path.parent) == ["journal.sqlite3"]


def test_a_new_journal_is_complete_from_its_first_moment(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        assert journal.created
        assert journal.entries() == []
    db = raw(path)
    assert db.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    assert db.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    columns = db.execute(
        "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info('entries')"
    )
    assert ("spreading", "INTEGER", 1, "0") in columns.fetchall()
    db.close()
    assert files_in(path.parent) == ["journal.sqlite3"]  # no temporary file left


def test_spreading_round_trips(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        spread = journal.add_entry(DAY, 5, ["cat-camel"], spreading=True)
        calm = journal.add_entry(DAY, 2)
    assert spread == Entry(1, DAY, 5, ("cat-camel",), None, spreading=True)
    assert calm.spreading is False
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == [spread, calm]
        assert journal.entry(1) == spread
        assert journal.delete(1) == spread
    assert spread.as_json() == {
        "id": 1,
        "date": "2026-11-25",
        "pain": 5,
        "done": ["cat-camel"],
        "note": None,
        "spreading": True,
        "leg": None,
        "back": None,
        "felt": {},
    }
    assert list(calm.as_json()) == [
        "id",
        "date",
        "pain",
        "done",
        "note",
        "spreading",
        "leg",
        "back",
        "felt",
    ]


def test_a_failing_step_rolls_back_with_its_version(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_version(path, 1)

    def m002_broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk on fire")

    monkeypatch.setattr(journal_module, "MIGRATIONS", [MIGRATIONS[0], m002_broken])
    with pytest.raises(JournalError, match="disk on fire"):
        Journal.open(path, create=True)
    db = raw(path)
    assert db.execute("PRAGMA user_version").fetchone() == (1,)
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'half_done'").fetchall() == []


def test_a_migration_must_be_numbered_in_order() -> None:
    def m007_out_of_place(db: sqlite3.Connection) -> None:
        """Never registered."""

    with pytest.raises(RuntimeError, match=f"m{SCHEMA_VERSION + 1:03d}_"):
        journal_module.migration(m007_out_of_place)
    assert len(MIGRATIONS) == SCHEMA_VERSION


@pytest.mark.parametrize("create", [True, False])
def test_a_journal_from_the_future_is_refused_and_untouched(path: Path, create: bool) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3)
    db = raw(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute("PRAGMA journal_mode = DELETE")  # so the bytes below are the whole journal
    db.close()
    before = path.read_bytes()
    with pytest.raises(NewerJournalError) as caught:
        Journal.open(path, create=create)
    assert str(caught.value) == (
        f"{path}: this journal has schema version {SCHEMA_VERSION + 1}, but this sciatica-plan "
        f"knows versions up to {SCHEMA_VERSION} only: upgrade sciatica-plan to use it "
        "(the file was left as it was)"
    )
    assert path.read_bytes() == before
    assert files_in(path.parent) == ["journal.sqlite3"]


def other_database(path: Path) -> None:
    db = raw(path)
    db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, what TEXT)")
    db.execute("INSERT INTO entries (what) VALUES ('somebody else''s data')")
    db.close()


def other_database_with_a_version(path: Path) -> None:
    db = raw(path)
    db.execute("CREATE TABLE things (x)")
    db.execute("PRAGMA user_version = 1")
    db.close()


NOT_JOURNALS = {
    "random bytes": lambda p: p.write_bytes(random.Random(6).randbytes(8192)),
    "a text file": lambda p: p.write_text("my pain diary\nmonday: 4\n", encoding="utf-8"),
    "one byte": lambda p: p.write_bytes(b"\n"),
    "a SQLite header and junk": lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200),
    "another program's database": other_database,
    "a database versioned by someone else": other_database_with_a_version,
}


@pytest.mark.parametrize("create", [True, False])
@pytest.mark.parametrize("kind", NOT_JOURNALS)
def test_a_file_that_is_not_a_journal_is_refused_and_untouched(
    folder: Path, kind: str, create: bool
) -> None:
    path = folder / "journal.sqlite3"
    NOT_JOURNALS[kind](path)
    path.chmod(0o640)
    before, mode = path.read_bytes(), path.stat().st_mode
    with pytest.raises(NotAJournalError, match="not a sciatica-plan journal"):
        Journal.open(path, create=create)
    assert path.read_bytes() == before
    assert path.stat().st_mode == mode
    assert files_in(folder) == ["journal.sqlite3"]


def test_a_folder_where_the_file_should_be_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "journal.sqlite3").mkdir()
    with pytest.raises(JournalError, match="could not open the journal"):
        Journal.open(tmp_path / "journal.sqlite3", create=True)


# -- privacy ----------------------------------------------------------------------------------


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def no_umask() -> object:
    """A umask of 0, so only the modes the code asks for protect the files."""
    old = os.umask(0)
    yield
    os.umask(old)


@pytest.mark.usefixtures("no_umask")
def test_the_journal_is_private_from_the_first_byte(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "journal.sqlite3"
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 4)
        assert mode_of(path) == 0o600
        for sidecar in ("-wal", "-shm"):  # SQLite gives them the database's mode
            assert mode_of(path.with_name(path.name + sidecar)) == 0o600
    assert mode_of(path.parent) == 0o700
    assert mode_of(path.parent.parent) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    with Journal.open(tmp_path / "journal.sqlite3", create=True):
        pass
    assert mode_of(tmp_path) == 0o755
    assert mode_of(tmp_path / "journal.sqlite3") == 0o600


# -- summary and trend ------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    date: dt.date
    pain: int


def days_ago(n: int, pain: int) -> Score:
    return Score(DAY - dt.timedelta(days=n), pain)


def test_the_summary_of_an_empty_period() -> None:
    summary = trend.summarise([], DAY, 30)
    assert summary.as_json() == {
        "days": 30,
        "start": "2026-10-27",
        "end": "2026-11-25",
        "count": 0,
        "average": None,
        "trend": None,
        "last_7_days_average": None,
        "previous_7_days_average": None,
    }


def test_the_average_covers_the_period_only() -> None:
    scores = [days_ago(0, 4), days_ago(1, 5), days_ago(2, 5), days_ago(3, 9)]
    summary = trend.summarise(scores, DAY, 3)
    assert (summary.start, summary.count, summary.average) == (dt.date(2026, 11, 23), 3, 4.7)


def test_the_average_rounds_half_up() -> None:
    scores = [days_ago(0, 4), days_ago(0, 4), days_ago(0, 4), days_ago(0, 5)]  # 4.25
    assert trend.summarise(scores, DAY, 1).average == 4.3


@pytest.mark.parametrize(
    ("last_week", "week_before", "expected"),
    [
        ([3], [4], "improving"),  # exactly 1 point counts
        ([3], [3], "stable"),
        ([4, 4, 5], [4, 3, 4], "stable"),  # 4.33 against 3.67: 0.67 is less than 1
        ([4, 5], [3, 4], "worsening"),  # 4.5 against 3.5: exactly 1
        ([1, 2], [6, 6], "improving"),
        ([2, 3, 4], [1], "worsening"),
        ([5], [], None),  # nothing to compare with
        ([], [5], None),
    ],
)
def test_the_trend_compares_the_last_week_with_the_one_before(
    last_week: list[int], week_before: list[int], expected: str | None
) -> None:
    scores = [days_ago(i % 7, p) for i, p in enumerate(last_week)]
    scores += [days_ago(7 + i % 7, p) for i, p in enumerate(week_before)]
    scores += [days_ago(14, 10), days_ago(30, 0)]  # older entries play no part
    assert trend.summarise(scores, DAY, 30).trend == expected


def test_the_trend_windows_end_today() -> None:
    scores = [days_ago(6, 2), days_ago(7, 8)]  # day 6 is in the last week, day 7 the one before
    summary = trend.summarise(scores, DAY, 30)
    assert (summary.last_week_average, summary.previous_week_average) == (2.0, 8.0)
    assert summary.trend == "improving"
    assert trend.needed_since(DAY, 3) == DAY - dt.timedelta(days=13)
    assert trend.needed_since(DAY, 30) == DAY - dt.timedelta(days=29)


def test_pain_columns_are_a_day_each_or_runs_of_days() -> None:
    scores = [days_ago(0, 3), days_ago(0, 6), days_ago(2, 7)]
    start = DAY - dt.timedelta(days=3)
    daily = trend.pain_columns(scores, start, DAY, 75)
    assert [c.first for c in daily] == [start + dt.timedelta(days=i) for i in range(4)]
    assert [c.level for c in daily] == [None, 7, None, 5]  # 4.5 rounds up to 5
    paired = trend.pain_columns(scores, start, DAY, 2)
    assert [(c.first, c.last, c.level) for c in paired] == [
        (start, start + dt.timedelta(days=1), 7),
        (start + dt.timedelta(days=2), DAY, 5),  # (3 + 6) / 2 = 4.5, rounded half up
    ]
    assert len(trend.pain_columns([], DAY - dt.timedelta(days=364), DAY, 75)) <= 75


# -- many processes ---------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import datetime as dt, os, sys, time
    from sciatica_planner.journal import Journal

    path, worker, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    while not os.path.exists(go):  # start together, to collide as much as possible
        time.sleep(0.001)
    for i in range(count):
        # One open, one transaction and one close per entry, as `log` does.
        with Journal.open(path, create=True) as journal:
            journal.add_entry(dt.date(2026, 11, 1 + i % 25), (worker + i) % 11,
                              [f"worker-{worker}", "glute-bridge"], f"worker {worker} entry {i}")
    """
)


def run_together(tmp_path: Path, program: str, args: list[list[str]]) -> None:
    go = tmp_path / "go"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", program, *each, str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for each in args
    ]
    time.sleep(0.3)  # let every interpreter start and wait at the line
    go.touch()
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert "Traceback" not in err


def test_concurrent_writers_all_succeed(tmp_path: Path) -> None:
    path, workers, count = tmp_path / "fresh" / "journal.sqlite3", 6, 25
    run_together(tmp_path, WRITER, [[str(path), str(w), str(count)] for w in range(workers)])
    with Journal.open(path, create=False) as journal:
        entries = journal.entries()
    assert len(entries) == workers * count
    assert sorted(e.note for e in entries) == sorted(  # type: ignore[type-var]
        f"worker {w} entry {i}" for w in range(workers) for i in range(count)
    )
    assert len({e.id for e in entries}) == workers * count
    assert all(e.done == (f"worker-{e.note.split()[1]}", "glute-bridge") for e in entries)  # type: ignore[union-attr]
    assert raw(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


CLI_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from sciatica_planner.cli import cli

    path, worker, count, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    while not os.path.exists(go):
        time.sleep(0.001)
    for i in range(count):
        cli.main(["--journal", path, "log", "--pain", str(i % 11), "--date", "2026-11-20",
                  "--note", f"cli {worker} {i}"], prog_name="sciatica-plan", standalone_mode=False)
    """
)


def test_concurrent_log_commands_all_succeed(tmp_path: Path) -> None:
    path, workers, count = tmp_path / "journal.sqlite3", 4, 10
    run_together(tmp_path, CLI_WRITER, [[str(path), str(w), str(count)] for w in range(workers)])
    with Journal.open(path, create=False) as journal:
        notes = sorted(e.note for e in journal.entries())  # type: ignore[type-var]
    assert notes == sorted(f"cli {w} {i}" for w in range(workers) for i in range(count))


KILLED_WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from sciatica_planner.journal import Journal

    with Journal.open(sys.argv[1], create=True) as journal:
        n = 0
        while True:
            n += 1
            entry = journal.add_entry(dt.date(2026, 11, 1 + n % 25), n % 11,
                                      ["glute-bridge", "clamshell", "bird-dog"], "long note " * 300)
            print(entry.id, flush=True)  # acknowledged: committed, and on disk
    """
)


@pytest.mark.parametrize("acknowledged_before_kill", [1, 40, 300])
def test_a_writer_killed_mid_stream_loses_nothing_it_acknowledged(
    tmp_path: Path, acknowledged_before_kill: int
) -> None:
    path = tmp_path / "journal.sqlite3"
    if acknowledged_before_kill > 1:  # an existing journal, as well as one made by the writer
        with Journal.open(path, create=True) as journal:
            journal.add_entry(DAY, 1, ["cat-camel"], "before")
    pause = random.Random(acknowledged_before_kill)
    acknowledged: list[int] = []
    for _ in range(5):  # several kills, each landing somewhere else in a write
        process = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        acknowledged += [int(process.stdout.readline()) for _ in range(acknowledged_before_kill)]
        time.sleep(pause.uniform(0, 0.003))
        os.kill(process.pid, signal.SIGKILL)
        rest, _ = process.communicate(timeout=60)
        acknowledged += [int(line) for line in rest.split()]
        assert process.returncode == -signal.SIGKILL

        db = raw(path)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        db.close()
        with Journal.open(path, create=False) as journal:
            entries = {e.id: e for e in journal.entries()}
        assert set(acknowledged) <= set(entries)
        # Every entry is whole: a kill between the entry row and its exercises keeps neither.
        for entry in entries.values():
            if entry.note != "before":
                assert entry.done == ("glute-bridge", "clamshell", "bird-dog")
                assert entry.note == "long note " * 300


# -- hardening: read-only journals, empty files, values read back, special files ---------------


def test_a_foreign_empty_database_is_never_adopted(folder: Path) -> None:
    """A SQLite file with a header but no tables and no application id is somebody else's."""
    path = folder / "journal.sqlite3"
    db = raw(path)
    db.execute("PRAGMA user_version = 0")
    db.execute("VACUUM")  # writes the header: a valid, empty database
    db.close()
    path.chmod(0o644)
    before = path.read_bytes()
    assert len(before) > 0
    with pytest.raises(NotAJournalError, match="not a sciatica-plan journal"):
        Journal.open(path, create=True)
    assert path.read_bytes() == before
    assert mode_of(path) == 0o644
    assert files_in(folder) == ["journal.sqlite3"]


def journal_with_an_entry(folder: Path) -> Path:
    path = folder / "journal.sqlite3"
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 4, ["glute-bridge"], "fine")
    return path


def test_a_journal_you_cannot_write_is_read_without_leaving_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journal_with_an_entry(folder)
    monkeypatch.setattr(journal_module, "_writable", lambda path: False)
    with Journal.open(path, create=False) as journal:
        assert [e.note for e in journal.entries()] == ["fine"]
        assert files_in(folder) == ["journal.sqlite3"]  # no -wal, no -shm, not even meanwhile
    assert files_in(folder) == ["journal.sqlite3"]
    with Journal.open(path, create=False) as journal:
        with pytest.raises(JournalError, match="is read-only for you, so nothing was deleted"):
            journal.delete(1)
        assert [e.note for e in journal.entries()] == ["fine"]
    with pytest.raises(JournalError, match="is read-only for you, so nothing was logged"):
        Journal.open(path, create=True)
    assert files_in(folder) == ["journal.sqlite3"]


UNPRIVILEGED = 65534  # "nobody": root bypasses file modes, so a root test runs as it


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the unprivileged user can use (pytest's own folders are private to root)."""
    import shutil
    import tempfile

    made = Path(tempfile.mkdtemp(prefix="sciatica-plan-readonly-"))
    made.chmod(0o777)
    yield made
    shutil.rmtree(made)


def unprivileged(command: list[str]) -> list[str]:
    """The command as an unprivileged user when the tests run as root (with setpriv), else as
    ourselves; skip when root has no way to drop its privileges."""
    if os.geteuid() != 0:
        return command
    import shutil

    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be tested")
    user = f"{UNPRIVILEGED}"
    return [setpriv, f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]


def as_user(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        unprivileged([sys.executable, "-m", "sciatica_planner", *args]),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        # Nothing of root's: the test's home and XDG folders are private to it.
        env={
            **os.environ,
            **dict.fromkeys(
                ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"), "/nonexistent"
            ),
        },
    )


def chmod_as_user(path: Path, mode: int) -> None:
    subprocess.run(
        unprivileged([sys.executable, "-c", f"import os; os.chmod({str(path)!r}, {mode})"]),
        check=True,
    )


def test_a_read_only_journal_round_trip(shared_folder: Path) -> None:
    """chmod 0400, read it every way, chmod 0600, log again: it stays usable, and nothing is
    left beside it."""
    path = shared_folder / "journal.sqlite3"
    logged = as_user("--journal", str(path), "log", "--pain", "3", "--note", "before")
    if "Permission denied" in logged.stderr or "No module named" in logged.stderr:
        pytest.skip(f"the unprivileged user cannot run this checkout: {logged.stderr[-200:]}")
    assert logged.returncode == 0, logged.stderr
    chmod_as_user(path, 0o400)
    for command in (["history"], ["history", "--csv"], ["history", "--json"], ["week"]):
        shown = as_user("--journal", str(path), *command)
        assert shown.returncode == 0, (command, shown.stderr)
        assert files_in(shared_folder) == ["journal.sqlite3"], command
    assert "before" in as_user("--journal", str(path), "history", "--csv").stdout
    refused = as_user("--journal", str(path), "log", "--pain", "4")
    assert refused.returncode == 1
    assert "read-only for you, so nothing was logged" in refused.stderr
    assert files_in(shared_folder) == ["journal.sqlite3"]
    chmod_as_user(path, 0o600)
    again = as_user("--journal", str(path), "log", "--pain", "5", "--note", "after")
    assert again.returncode == 0, again.stderr
    notes = [
        e["note"]
        for e in json.loads(as_user("--journal", str(path), "history", "--json").stdout)["entries"]
    ]
    assert notes == ["before", "after"]
    assert files_in(shared_folder) == ["journal.sqlite3"]


BAD_VALUES = {
    "pain as text": ("pain", "'abc'", "its pain 'abc' is not a whole number from 0 to 10"),
    "pain 99": ("pain", "99", "its pain 99 is not a whole number from 0 to 10"),
    "pain -1": ("pain", "-1", "its pain -1 is not a whole number from 0 to 10"),
    "pain 2.5": ("pain", "2.5", "its pain 2.5 is not a whole number from 0 to 10"),
    "30 February": ("date", "'2026-02-30'", "its date '2026-02-30' is not a day written"),
    "a word": ("date", "'yesterday'", "its date 'yesterday' is not a day written"),
    "compact date": ("date", "'20261125'", "its date '20261125' is not a day written"),
    "year 9999": ("date", "'9999-12-31'", "its date '9999-12-31' is not a day written"),
    "spreading 2": ("spreading", "2", "its spreading mark 2 is not 0 or 1"),
    "note as bytes": ("note", "X'6869'", "its note is not text"),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_a_hand_edited_value_is_a_clean_error_naming_the_entry(path: Path, case: str) -> None:
    column, value, problem = BAD_VALUES[case]
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3)
        journal.add_entry(DAY, 4)
    db = raw(path)
    db.execute("PRAGMA ignore_check_constraints = ON")  # as a hand edit in a SQLite tool can
    db.execute(f"UPDATE entries SET {column} = {value} WHERE id = 2")
    db.close()
    with Journal.open(path, create=False) as journal:
        for read in (journal.entries, lambda: journal.entry(2)):
            with pytest.raises(JournalError) as caught:
                read()
            message = str(caught.value)
            assert message.startswith(f"{path}: entry 2 cannot be read: {problem}")
            assert message.endswith(
                "(was the file edited by hand? sciatica-plan forget 2 deletes it)"
            )
        assert journal.entry(1) is not None  # the other entries still read
    with Journal.open(path, create=True) as journal:
        assert journal.delete_unreadable(2)
        assert not journal.delete_unreadable(2)
        assert [e.id for e in journal.entries()] == [1]


def test_nothing_is_logged_when_the_announcement_fails(path: Path) -> None:
    def stdout_full(entry: Entry) -> None:
        assert entry.id == 1
        raise OSError(28, "No space left on device")

    with Journal.open(path, create=True) as journal:
        with pytest.raises(JournalError, match="No space left on device"):
            journal.add_entry(DAY, 3, announce=stdout_full)
        assert journal.entries() == []
        announced: list[Entry] = []
        added = journal.add_entry(DAY, 3, announce=announced.append)
        assert announced == [added] == journal.entries()


@pytest.mark.parametrize("create", [True, False])
def test_a_fifo_as_the_journal_is_refused_without_blocking(folder: Path, create: bool) -> None:
    path = folder / "journal.sqlite3"
    os.mkfifo(path)
    with pytest.raises(JournalError, match="it is a FIFO \\(named pipe\\), not a journal file"):
        Journal.open(path, create=create)
    assert stat.S_ISFIFO(path.stat().st_mode)


STOPPED_CREATOR = textwrap.dedent(
    """
    import os, signal, sys
    from sciatica_planner import journal

    real_migrate = journal._migrate

    def stopped_while_building(db, path):
        real_migrate(db, path)
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))

    journal._migrate = stopped_while_building
    journal.Journal.open(sys.argv[1], create=True)
    """
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_journal_stopped_while_being_built_leaves_nothing(folder: Path, name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", STOPPED_CREATOR, str(folder / "journal.sqlite3"), name],
        preexec_fn=default_signals,  # SIGHUP as the system defaults it, even under nohup
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == -getattr(signal, name), done.stderr
    assert files_in(folder) == []


def test_a_crash_before_the_checkpoint_loses_no_logged_entry(path: Path) -> None:
    """A process killed with its entries still in the write-ahead log (no close, no checkpoint):
    the next open replays them, and the journal reads whole (issue 28's crashed WAL)."""
    import subprocess
    import sys
    import textwrap

    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3, [], "before")
    child = textwrap.dedent(
        f"""
        import datetime as dt, os
        from sciatica_planner.journal import Journal
        journal = Journal.open({str(path)!r}, create=False)
        journal.add_entry(dt.date(2026, 11, 24), 5, ["glute-bridge"], "logged, then killed")
        os._exit(9)  # no close, no checkpoint: the entry lives in the -wal file only
        """
    )
    killed = subprocess.run([sys.executable, "-c", child], check=False)
    assert killed.returncode == 9
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    with Journal.open(path, create=False) as journal:
        notes = [e.note for e in journal.entries()]
    assert sorted(n or "" for n in notes) == ["before", "logged, then killed"]

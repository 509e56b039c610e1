"""Schema 3 of the journal (issue 24): leg and back pain apart, how each exercise felt, the PSFS;
and a hand-edited note that is not UTF-8 (issue 28)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.journal import Entry, Journal, JournalError, PsfsRating, PsfsSeries

if TYPE_CHECKING:
    from pathlib import Path

DAY = dt.date(2026, 11, 25)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "journal.sqlite3"


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def test_leg_back_and_feelings_round_trip(path: Path) -> None:
    felt = (("bird-dog", "easy"), ("glute-bridge", "painful"))
    with Journal.open(path, create=True) as journal:
        added = journal.add_entry(DAY, 6, ["bird-dog"], leg=6, back=3, felt=felt)
        plain = journal.add_entry(DAY, 2)
    assert added == Entry(1, DAY, 6, ("bird-dog",), None, leg=6, back=3, felt=felt)
    with Journal.open(path, create=False) as journal:
        assert journal.entries() == [added, plain]
        assert journal.entry(1) == added
        assert journal.numbers_on(DAY) == [1, 2]
        assert journal.numbers_on(DAY + dt.timedelta(days=1)) == []
        assert journal.first_date() == DAY
    assert added.as_json()["felt"] == {"bird-dog": "easy", "glute-bridge": "painful"}
    assert (added.as_json()["leg"], added.as_json()["back"]) == (6, 3)
    with Journal.open(path, create=True) as journal:
        journal.delete(1)
    assert raw(path).execute("SELECT count(*) FROM felt").fetchone() == (0,)  # deleted with it


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("UPDATE entries SET leg = 11", "its leg pain 11 is not a whole number from 0 to 10"),
        ("UPDATE entries SET back = 'x'", "its back pain 'x' is not a whole number"),
        ("UPDATE felt SET how = 'great'", "how an exercise felt, 'great', is not one of easy"),
    ],
)
def test_hand_edited_schema3_values_name_the_entry(path: Path, sql: str, message: str) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3, leg=3, felt=[("bird-dog", "easy")])
    db = raw(path)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(sql)
    db.close()
    with Journal.open(path, create=False) as journal, pytest.raises(JournalError) as caught:
        journal.entries()
    assert f"entry 1 cannot be read: {message}" in str(caught.value)


def test_the_schema_refuses_bad_schema3_values(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3)
    db = raw(path)
    for sql in (
        "UPDATE entries SET leg = 11",
        "UPDATE entries SET back = -1",
        "UPDATE entries SET leg = 2.5",
        "INSERT INTO felt VALUES (1, 0, 'bird-dog', 'great')",
        "INSERT INTO psfs_ratings VALUES (1, '2026-11-25', 0, 11)",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)


def test_a_note_that_is_not_utf8_reads_replaced_and_can_be_forgotten(path: Path) -> None:
    with Journal.open(path, create=True) as journal:
        journal.add_entry(DAY, 3, note="fine")
        journal.add_entry(DAY, 4, note="x")
    db = raw(path)
    # A hand edit: text bytes that are not UTF-8 (CAST keeps the value typed as text).
    db.execute("UPDATE entries SET note = CAST(X'6869FF20C3' AS TEXT) WHERE id = 2")
    assert db.execute("SELECT typeof(note) FROM entries WHERE id = 2").fetchone() == ("text",)
    db.close()
    with Journal.open(path, create=True) as journal:
        assert [e.note for e in journal.entries()] == ["fine", "hi\ufffd \ufffd"]
        assert journal.entry(2) is not None
        assert journal.delete(2) is not None
        assert [e.id for e in journal.entries()] == [1]


def test_psfs_series_and_ratings(path: Path) -> None:
    with Journal.open(path, create=False) as journal:
        assert journal.psfs() == []  # no journal: no series, nothing made
    assert not path.exists()
    with Journal.open(path, create=True) as journal:
        first = journal.set_psfs(["putting on socks", "walking 1 km"], DAY)
        journal.rate_psfs(first.id, DAY, [3, 5], replacing=None)
        later = DAY + dt.timedelta(days=8)
        journal.rate_psfs(first.id, later, [4, 6], replacing=None)
        # A second rating the same week replaces the first, in one step.
        journal.rate_psfs(first.id, later + dt.timedelta(days=1), [5, 7], replacing=later)
        second = journal.set_psfs(["gardening"], later)
    with Journal.open(path, create=False) as journal:
        assert journal.psfs() == [
            PsfsSeries(
                first.id,
                DAY,
                ("putting on socks", "walking 1 km"),
                (
                    PsfsRating(DAY, (3, 5)),
                    PsfsRating(later + dt.timedelta(days=1), (5, 7)),
                ),
            ),
            PsfsSeries(second.id, later, ("gardening",)),
        ]
    assert PsfsRating(DAY, (3, 5)).mean == 4.0

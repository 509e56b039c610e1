"""End to end through click: log, history, forget and --journal."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import stat
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from journal_cli import ok, run

from sciatica_planner import safety
from sciatica_planner.cli import cli, journal_commands
from sciatica_planner.journal import SCHEMA_VERSION
from sciatica_planner.safety import FLARE_UP_LOGGED, SPREADING_ADVICE

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner, Result

SQL_NOTE = "'); DROP TABLE entries; --"
ANSI = re.compile(r"\x1b\[")
NOT_A_JOURNAL = (
    "not a sciatica-plan journal (not a SQLite database); choose another file with --journal "
    "(this one was left as it was)"
)


def history_json(runner: CliRunner, journal: Path, *args: str) -> dict:
    result = ok(runner, journal, "history", "--json", *args)
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def three_entries(runner: CliRunner, journal: Path) -> Path:
    """Two entries in the last 7 days (pain 4 and 6), one in the 7 before (8), one long ago."""
    ok(runner, journal, "log", "--pain", "8", "--date", "2026-11-14")
    ok(runner, journal, "log", "--pain", "2", "--date", "2026-10-01", "--note", "long ago")
    ok(runner, journal, "log", "--pain", "6", "--date", "2026-11-20")
    ok(
        runner,
        journal,
        "log",
        "--pain",
        "4",
        "--done",
        "glute-bridge,clamshell",
        "--note",
        SQL_NOTE,
    )
    return journal


# -- log --------------------------------------------------------------------------------------


ONE_LINE = f"{safety.DISCLAIMER_LINE}\n"


def test_log_confirms_in_one_line(runner: CliRunner, journal: Path) -> None:
    """One line of confirmation, then the one-line disclaimer every command ends with."""
    first = ok(
        runner, journal, "log", "--pain", "4", "--done", "glute-bridge", "--done", "clamshell"
    )
    assert first.stdout == "Logged entry 1: 2026-11-25, pain 4/10, 2 exercises done.\n" + ONE_LINE
    assert first.stderr == f"Started your journal, readable by you only: {journal}\n"
    second = ok(runner, journal, "log", "--pain", "0", "--date", "2026-11-20")
    assert second.stdout == "Logged entry 2: 2026-11-20, pain 0/10, no exercises done.\n" + ONE_LINE
    assert second.stderr == ""
    third = ok(runner, journal, "log", "--pain", "10", "--done", "bird-dog")
    assert third.stdout == "Logged entry 3: 2026-11-25, pain 10/10, 1 exercise done.\n" + ONE_LINE


def test_log_stores_what_was_given(runner: CliRunner, journal: Path) -> None:
    ok(
        runner,
        journal,
        "log",
        "--pain",
        "3",
        "--done",
        " Glute-Bridge , clamshell",
        "--done",
        "glute-bridge",
        "--done",
        "bird-dog",
        "--note",
        SQL_NOTE,
    )
    assert history_json(runner, journal)["entries"] == [
        {
            "id": 1,
            "date": "2026-11-25",
            "pain": 3,
            "done": ["glute-bridge", "clamshell", "bird-dog"],
            "note": SQL_NOTE,
            "spreading": False,
            "leg": None,
            "back": None,
            "felt": {},
        }
    ]
    tables = sqlite3.connect(journal).execute("SELECT name FROM sqlite_master").fetchall()
    assert ("entries",) in tables


def test_log_files_are_private(runner: CliRunner, journal: Path) -> None:
    ok(runner, journal, "log", "--pain", "3")
    assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    assert stat.S_IMODE(journal.parent.stat().st_mode) == 0o700


def test_log_spreading_is_stored_and_advised(runner: CliRunner, journal: Path) -> None:
    # The journal's first note out of the way (the day before: no second-entry note).
    ok(runner, journal, "log", "--pain", "1", "--date", "2026-11-24")
    result = ok(runner, journal, "log", "--pain", "5", "--spreading", "--done", "bird-dog")
    assert result.stdout == "Logged entry 2: 2026-11-25, pain 5/10, 1 exercise done.\n" + ONE_LINE
    assert flat(result.stderr) == SPREADING_ADVICE
    assert result.stderr.startswith(
        "Symptoms spreading further down the leg mean ease off: next week's plan will be\n"
    )
    assert [e["spreading"] for e in history_json(runner, journal)["entries"]] == [False, True]
    rows = parsed_csv(ok(runner, journal, "history", "--csv"))
    assert rows[0][5] == "spreading"
    assert [row[5] for row in rows[1:]] == ["0", "1"]


@pytest.mark.parametrize("pain", [7, 8, 9, 10])
def test_log_flare_up_pain_is_advised(runner: CliRunner, journal: Path, pain: int) -> None:
    ok(runner, journal, "log", "--pain", "1")
    result = ok(runner, journal, "log", "--pain", str(pain))
    assert (
        result.stdout
        == f"Logged entry 2: 2026-11-25, pain {pain}/10, no exercises done.\n" + ONE_LINE
    )
    # Pain 9-10 adds the NHS advice for pain this bad ([R1], [R2]), issue 24.
    very_bad = (" " + safety.VERY_BAD_PAIN_ADVICE) if pain >= safety.VERY_BAD_PAIN_MIN else ""
    assert flat(result.stderr) == FLARE_UP_LOGGED.format(pain=pain) + very_bad
    assert result.stderr.startswith(f"Pain {pain}/10: your plan will be a gentle flare-up")
    assert "NHS 111" in result.stderr


def test_log_spreading_with_flare_up_pain_gives_both(runner: CliRunner, journal: Path) -> None:
    result = ok(runner, journal, "log", "--pain", "9", "--spreading")
    first, *advice = result.stderr.splitlines()
    assert first == f"Started your journal, readable by you only: {journal}"
    assert flat("\n".join(advice)) == " ".join(
        (SPREADING_ADVICE, FLARE_UP_LOGGED.format(pain=9), safety.VERY_BAD_PAIN_ADVICE)
    )
    assert "struggling to cope, or it stops you sleeping, contact a GP or NHS 111" in flat(
        result.stderr
    )
    assert result.stdout == "Logged entry 1: 2026-11-25, pain 9/10, no exercises done.\n" + ONE_LINE


def flat(text: str) -> str:
    """Text as one line: its line breaks and runs of spaces each one space."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("env", "width"),
    [({}, 80), ({"COLUMNS": "200"}, 80), ({"TTY_COMPATIBLE": "1", "COLUMNS": "50"}, 50)],
)
def test_log_advice_is_wrapped_to_the_terminal(
    runner: CliRunner, journal: Path, env: dict[str, str], width: int
) -> None:
    """Advice was one line of 300 characters; it wraps as other text does: at 80 columns when
    stderr is not a terminal, at a narrower terminal's width."""
    ok(runner, journal, "log", "--pain", "1")
    result = runner.invoke(
        cli, ["--journal", str(journal), "log", "--pain", "8", "--spreading"], env=env
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) > 4
    assert max(map(len, lines)) <= width < max(map(len, lines)) + 10  # filled, not ragged
    assert flat(result.stderr) == SPREADING_ADVICE + " " + FLARE_UP_LOGGED.format(pain=8)
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize("pain", ["0", "3", "6"])
def test_log_without_spreading_or_flare_up_gives_no_advice(
    runner: CliRunner, journal: Path, pain: str
) -> None:
    ok(runner, journal, "log", "--pain", "1")
    result = ok(runner, journal, "log", "--pain", pain)
    assert result.stderr == ""
    assert (
        result.stdout
        == f"Logged entry 2: 2026-11-25, pain {pain}/10, no exercises done.\n" + ONE_LINE
    )
    assert history_json(runner, journal)["entries"][-1]["spreading"] is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain", "11"], "Invalid value for '--pain': 11 is not in the range 0<=x<=10."),
        (["--pain", "-1"], "Invalid value for '--pain': -1 is not in the range 0<=x<=10."),
        (["--pain", "four"], "Invalid value for '--pain': 'four' is not a valid integer range."),
        (["--pain", "4.5"], "Invalid value for '--pain': '4.5' is not a valid integer range."),
        ([], "Missing option '--pain'."),
        (
            ["--pain", "3", "--date", "2026-11-26"],
            "Invalid value for '--date': 2026-11-26 is in the future; log a session on or "
            "before today (2026-11-25)",
        ),
        (
            ["--pain", "3", "--date", "25/11/2026"],
            "Invalid value for '--date': '25/11/2026' is not a date; write it as YYYY-MM-DD",
        ),
        (
            ["--pain", "3", "--done", "glute-bridge", "--done", "glute-bridg"],
            "Invalid value for '--done': no exercise 'glute-bridg' in the catalogue. Did you "
            "mean 'glute-bridge' or 'marching-glute-bridge' or 'single-leg-glute-bridge'? List "
            "them with: sciatica-plan exercises",
        ),
        (
            ["--pain", "3", "--done", "handstand"],
            "Invalid value for '--done': no exercise 'handstand' in the catalogue. List them "
            "with: sciatica-plan exercises",
        ),
        (
            ["--pain", "3", "--note", "bad \udcff bytes"],
            "Invalid value for '--note': the note is not valid text (UTF-8)",
        ),
        (["--pain", "3", "--bogus"], "No such option '--bogus'."),
    ],
)
def test_bad_log_input_is_a_usage_error_and_creates_nothing(
    runner: CliRunner, journal: Path, args: list[str], message: str
) -> None:
    result = run(runner, journal, "log", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not journal.parent.exists()


# -- history ----------------------------------------------------------------------------------


def test_history_json(runner: CliRunner, three_entries: Path) -> None:
    assert history_json(runner, three_entries) == {
        "entries": [
            {
                "id": 1,
                "date": "2026-11-14",
                "pain": 8,
                "done": [],
                "note": None,
                "spreading": False,
                "leg": None,
                "back": None,
                "felt": {},
            },
            {
                "id": 3,
                "date": "2026-11-20",
                "pain": 6,
                "done": [],
                "note": None,
                "spreading": False,
                "leg": None,
                "back": None,
                "felt": {},
            },
            {
                "id": 4,
                "date": "2026-11-25",
                "pain": 4,
                "done": ["glute-bridge", "clamshell"],
                "note": SQL_NOTE,
                "spreading": False,
                "leg": None,
                "back": None,
                "felt": {},
            },
        ],
        "summary": {
            "days": 30,
            "start": "2026-10-27",
            "end": "2026-11-25",
            "count": 3,
            "average": 6.0,
            "trend": "improving",
            "last_7_days_average": 5.0,
            "previous_7_days_average": 8.0,
        },
        "psfs": [],
    }


def test_history_days_limits_the_entries_not_the_trend(
    runner: CliRunner, three_entries: Path
) -> None:
    data = history_json(runner, three_entries, "--days", "3")
    assert [e["id"] for e in data["entries"]] == [4]
    assert data["summary"]["start"] == "2026-11-23"
    assert (data["summary"]["count"], data["summary"]["average"]) == (1, 4.0)
    assert data["summary"]["trend"] == "improving"
    everything = history_json(runner, three_entries, "--days", "365")
    assert [e["id"] for e in everything["entries"]] == [2, 1, 3, 4]


def test_history_json_is_the_same_every_time(runner: CliRunner, three_entries: Path) -> None:
    first = ok(runner, three_entries, "history", "--json").stdout
    assert ok(runner, three_entries, "history", "--json").stdout == first


@pytest.mark.parametrize(
    ("last_week", "week_before", "trend"),
    [
        ([5], [5, 5], "stable"),
        ([5], [4], "worsening"),  # exactly 1 point more
        ([5], [6], "improving"),  # exactly 1 point less
        ([5], [5, 6], "stable"),  # half a point
        ([2, 3], [5, 3], "improving"),  # 2.5 against 4.0
    ],
)
def test_history_trend(
    runner: CliRunner, journal: Path, last_week: list[int], week_before: list[int], trend: str
) -> None:
    """A change of 1 point or more, the last 7 days (19-25 Nov) against the 7 before."""
    for pain in last_week:
        ok(runner, journal, "log", "--pain", str(pain), "--date", "2026-11-19")
    for pain in week_before:
        ok(runner, journal, "log", "--pain", str(pain), "--date", "2026-11-18")
    assert history_json(runner, journal)["summary"]["trend"] == trend


def parsed_csv(result: Result) -> list[list[str]]:
    """The rows, read from the bytes (click's `stdout` turns CRLF into LF)."""
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8"), newline="")))


def test_history_csv(runner: CliRunner, three_entries: Path) -> None:
    result = ok(runner, three_entries, "history", "--csv")
    assert result.stderr == ""
    assert result.stdout_bytes.count(b"\r\n") == 4  # RFC 4180 line ends
    assert parsed_csv(result) == [
        ["id", "date", "pain", "done", "note", "spreading", "leg", "back", "felt"],
        ["1", "2026-11-14", "8", "", "", "0", "", "", ""],
        ["3", "2026-11-20", "6", "", "", "0", "", "", ""],
        ["4", "2026-11-25", "4", "glute-bridge;clamshell", SQL_NOTE, "0", "", "", ""],
    ]


FORMULAS = {
    '=HYPERLINK("http://evil.example","click")': '\'=HYPERLINK("http://evil.example","click")',
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1": "'\t=1",
    "\r=1": "'\\x0d=1",  # guarded, and a carriage return never reaches the terminal raw
    "a = b, not a formula": "a = b, not a formula",
    "'already quoted": "'already quoted",
    'line one\nline two, "quoted"': 'line one\nline two, "quoted"',
}


def test_history_csv_keeps_formulas_inert(runner: CliRunner, journal: Path) -> None:
    for note in FORMULAS:
        ok(runner, journal, "log", "--pain", "3", "--note", note)
    rows = parsed_csv(ok(runner, journal, "history", "--csv"))
    assert [row[4] for row in rows[1:]] == list(FORMULAS.values())
    # The journal itself keeps the notes as typed; only the spreadsheet copy is guarded.
    assert [e["note"] for e in history_json(runner, journal)["entries"]] == list(FORMULAS)


def test_history_on_a_missing_journal_is_empty_and_creates_nothing(
    runner: CliRunner, journal: Path, tmp_path: Path
) -> None:
    before = sorted(tmp_path.rglob("*"))
    result = ok(runner, journal, "history")
    assert result.stdout == (
        "Your journal: 27 Oct 2026 to 25 Nov 2026 (the last 30 days)\n"
        "No entries in the last 30 days. Log a session with: sciatica-plan log --pain N\n"
    )
    assert (
        ok(runner, journal, "history", "--csv").stdout_bytes
        == b"id,date,pain,done,note,spreading,leg,back,felt\r\n"
    )
    data = history_json(runner, journal)
    assert data["entries"] == []
    assert data["summary"]["count"] == 0
    assert data["summary"]["average"] is None
    assert sorted(tmp_path.rglob("*")) == before


def test_history_in_the_terminal(runner: CliRunner, three_entries: Path) -> None:
    ok(runner, three_entries, "log", "--pain", "5", "--note", "[bold]x[/bold] :smile: \x1b[2J")
    out = ok(runner, three_entries, "history", "--days", "5").stdout
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0] == "Your journal: 21 Nov 2026 to 25 Nov 2026 (the last 5 days)"
    assert re.search(r"No\.\s+Date\s+Pain\s+Done\s+Note", out)
    # One line per entry (issue 24): the number of exercises; --long names them.
    assert re.search(r"^\s+4\s+2026-11-25\s+4/10\s+2\s+'\); DROP", out, re.MULTILINE)
    assert re.search(r"^\s+5\s+2026-11-25 2nd\s+5/10\s+-\s+\[bold\]", out, re.MULTILINE)
    assert "2nd: a second entry on the same day; each counts." in out
    long = ok(runner, three_entries, "history", "--days", "5", "--long").stdout
    assert re.search(r"^\s+4\s+2026-11-25\s+4/10\s+glute-bridge,", long, re.MULTILINE)
    assert SQL_NOTE.split(";", maxsplit=1)[0] in out
    for literal in ("[bold]x[/bold]", ":smile:", "\\x1b[2J"):  # no markup, emoji or escape
        assert literal in out
    chart = lines[lines.index("Pain per day, 0-10") + 1 :][:14]
    assert chart == [
        "10 |",
        " 9 |",
        " 8 |",
        " 7 |",
        " 6 |",
        " 5 |         #",  # 21-24 Nov have no entry; 25 Nov: (4 + 5) / 2 = 4.5, shown as 5
        " 4 |         #",
        " 3 |         #",
        " 2 |         #",
        " 1 |         #",
        " 0 | . . . . #",
        "   +----------",
        "     21 Nov to 25 Nov",
        "# pain, the mean of the entries in each day;  . no entry",
    ]
    assert "Average pain: 4.5/10 over 2 entries." in lines
    assert "Trend: improving (5.0/10 in the last 7 days, 8.0/10 in the 7 before)." in lines
    assert "consult a healthcare professional" in " ".join(out.split())


def test_history_in_the_terminal_marks_spreading(runner: CliRunner, three_entries: Path) -> None:
    plain = ok(runner, three_entries, "history").stdout
    assert "Spread" not in plain  # no column while no entry in the period spread
    ok(runner, three_entries, "log", "--pain", "5", "--spreading", "--note", "calf tingling")
    out = ok(runner, three_entries, "history").stdout
    assert re.search(r"No\.\s+Date\s+Pain\s+Spread\s+Done\s+Note", out)
    assert re.search(r"^\s+5\s+2026-11-25 2nd\s+5/10\s+yes\s+-\s+calf tingling", out, re.MULTILINE)
    assert re.search(r"^\s+4\s+2026-11-25\s+4/10\s+2\s+'\); DROP", out, re.MULTILINE)
    assert "Spread: yes marks symptoms spreading further down the leg." in out.splitlines()
    assert out.count("yes") == 2  # the one entry and the legend
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("spreading", [[], ["--spreading"]])
@pytest.mark.parametrize("width", [80, 60])
def test_history_fits_the_width(
    runner: CliRunner, three_entries: Path, width: int, spreading: list[str]
) -> None:
    ok(runner, three_entries, "log", "--pain", "3", "--note", "a rather long note " * 8, *spreading)
    for days in ("1", "30", "200", "36500"):
        out = ok(
            runner, three_entries, "history", "--days", days, env={"COLUMNS": str(width)}
        ).stdout
        assert max(len(line) for line in out.splitlines()) <= width, days


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "--csv"], "--json and --csv are two formats; give one"),
        (["--days", "0"], "Invalid value for '--days': 0 is not in the range 1<=x<=36500."),
        (["--days", "36501"], "Invalid value for '--days': 36501 is not in the range 1<=x<=36500."),
        (["--days", "x"], "Invalid value for '--days': 'x' is not a valid integer range."),
    ],
)
def test_bad_history_input_is_a_usage_error(
    runner: CliRunner, journal: Path, args: list[str], message: str
) -> None:
    result = run(runner, journal, "history", *args)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"\nError: {message}\n")
    assert result.stdout == ""


def test_a_saved_format_gives_way_to_the_one_typed(runner: CliRunner, three_entries: Path) -> None:
    result = ok(
        runner, three_entries, "history", "--csv", default_map={"history": {"as_json": True}}
    )
    assert result.stdout.startswith("id,date,pain,done,note,spreading,leg,back,felt\n")


# -- forget -----------------------------------------------------------------------------------


def test_forget_with_yes(runner: CliRunner, three_entries: Path) -> None:
    result = ok(runner, three_entries, "forget", "4", "--yes")
    lines = result.stdout.splitlines()
    assert [line.rstrip() for line in lines[:5]] == [
        "Entry  4",
        "Date   Wednesday 25 November 2026",
        "Pain   4/10",
        "Done   glute-bridge, clamshell",
        f"Note   {SQL_NOTE}",
    ]
    assert lines[-2:] == ["Deleted entry 4: 2026-11-25, pain 4/10.", safety.DISCLAIMER_LINE]
    assert "spreading" not in result.stdout
    assert [e["id"] for e in history_json(runner, three_entries, "--days", "365")["entries"]] == [
        2,
        1,
        3,
    ]
    again = run(runner, three_entries, "forget", "4", "--yes")
    assert again.exit_code == 2


def test_forget_shows_spreading(runner: CliRunner, journal: Path) -> None:
    ok(runner, journal, "log", "--pain", "6", "--spreading")
    lines = ok(runner, journal, "forget", "1", "--yes").stdout.splitlines()
    assert lines[2].rstrip() == "Pain   6/10, symptoms spreading further down the leg"


@pytest.mark.parametrize(("answer", "kept"), [("y\n", False), ("n\n", True), ("\n", True)])
def test_forget_asks_first(
    runner: CliRunner,
    three_entries: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    kept: bool,
) -> None:
    monkeypatch.setattr(journal_commands, "_interactive", lambda: True)
    result = ok(runner, three_entries, "forget", "3", input=answer)
    assert "Delete entry 3? [y/N]: " in result.stdout
    *_, last, disclaimer = result.stdout.splitlines()
    assert last == ("Nothing deleted." if kept else "Deleted entry 3: 2026-11-20, pain 6/10.")
    assert disclaimer == safety.DISCLAIMER_LINE
    ids = [e["id"] for e in history_json(runner, three_entries)["entries"]]
    assert (3 in ids) is kept


def test_forget_without_a_terminal_needs_yes(runner: CliRunner, three_entries: Path) -> None:
    result = run(runner, three_entries, "forget", "3")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "\nError: no terminal to ask whether to delete entry 3; pass --yes to delete it\n"
    )
    assert result.stdout == ""
    assert 3 in [e["id"] for e in history_json(runner, three_entries)["entries"]]


@pytest.mark.parametrize("number", ["99", "0", "-1"])
def test_forget_an_unknown_number(runner: CliRunner, three_entries: Path, number: str) -> None:
    result = run(runner, three_entries, "forget", "--yes", "--", number)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"\nError: Invalid value for 'ENTRY': no entry {number} in the journal. "
        "See the numbers with: sciatica-plan history\n"
    )


def test_forget_on_a_missing_journal_creates_nothing(runner: CliRunner, journal: Path) -> None:
    result = run(runner, journal, "forget", "1", "--yes")
    assert result.exit_code == 2
    assert not journal.parent.exists()
    bad = run(runner, journal, "forget", "one", "--yes")
    assert bad.exit_code == 2
    assert "Error: Invalid value for 'ENTRY': 'one' is not a valid integer." in bad.stderr


# -- files that are not journals --------------------------------------------------------------

COMMANDS = [["log", "--pain", "3"], ["history"], ["history", "--json"], ["forget", "1", "--yes"]]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize(
    "content", [b"my pain diary\n", b"\x00\xff" * 4096, b"SQLite format 3\x00" + b"\x00" * 600]
)
def test_a_file_that_is_not_a_journal_is_exit_1_and_untouched(
    runner: CliRunner, tmp_path: Path, args: list[str], content: bytes
) -> None:
    path = tmp_path / "diary.txt"
    path.write_bytes(content)
    result = run(runner, path, *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"Error: {path}: not a sciatica-plan journal")
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == content


@pytest.mark.parametrize("args", COMMANDS)
def test_another_programs_database_is_exit_1_and_untouched(
    runner: CliRunner, tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, data BLOB)")
    db.commit()
    db.close()
    before = path.read_bytes()
    result = run(runner, path, *args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: a SQLite database, but not a sciatica-plan journal; choose another "
        "file with --journal (this one was left as it was)\n"
    )
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", COMMANDS)
def test_a_newer_journal_is_exit_1_and_untouched(
    runner: CliRunner, journal: Path, args: list[str]
) -> None:
    ok(runner, journal, "log", "--pain", "3")
    db = sqlite3.connect(journal, isolation_level=None)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    before = journal.read_bytes()
    result = run(runner, journal, *args)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {journal}: this journal has schema version {SCHEMA_VERSION + 5}, but this "
        f"sciatica-plan knows versions up to {SCHEMA_VERSION} only: upgrade sciatica-plan to "
        "use it (the file was left as it was)\n"
    )
    assert journal.read_bytes() == before


def test_a_folder_as_the_journal_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, tmp_path, "history")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "\nError: Invalid value for '--journal' (env var: 'SCIATICA_PLAN_JOURNAL'): "
        f"File '{tmp_path}' is a directory.\n"
    )


def test_an_unwritable_place_is_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(runner, blocker / "journal.sqlite3", "log", "--pain", "3")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {blocker / 'journal.sqlite3'}: could not open")


# -- where the journal lives ------------------------------------------------------------------


def test_the_environment_variable_names_the_journal(
    runner: CliRunner, tmp_path: Path, journal: Path
) -> None:
    from_env = tmp_path / "from-env.sqlite3"
    env = {"SCIATICA_PLAN_JOURNAL": str(from_env)}
    result = runner.invoke(cli, ["log", "--pain", "2"], env=env, catch_exceptions=False)
    assert result.exit_code == 0
    assert from_env.exists()
    ok(runner, journal, "log", "--pain", "7", env=env)  # the option wins over the variable
    data = json.loads(runner.invoke(cli, ["history", "--json"], env=env).stdout)
    assert [e["pain"] for e in data["entries"]] == [2]
    assert [e["pain"] for e in history_json(runner, journal)["entries"]] == [7]


def test_the_default_journal_is_in_the_user_data_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["log", "--pain", "2"], catch_exceptions=False)
    assert result.exit_code == 0
    expected = tmp_path / "home" / "xdg_data_home" / "sciatica-plan" / "journal.sqlite3"
    assert result.stderr == f"Started your journal, readable by you only: {expected}\n"
    assert stat.S_IMODE(expected.stat().st_mode) == 0o600
    assert stat.S_IMODE(expected.parent.stat().st_mode) == 0o700


def test_help_names_the_journal_option_and_its_variable(runner: CliRunner) -> None:
    out = runner.invoke(cli, ["--help"]).stdout
    assert "--journal PATH" in out
    assert "SCIATICA_PLAN_JOURNAL" in out
    for command in ("log", "history", "forget"):
        assert re.search(rf"^  {command}\s+\S", out, re.MULTILINE), command


@pytest.mark.parametrize("command", ["log", "history", "forget"])
def test_every_journal_command_has_help_and_a_readme_section(
    runner: CliRunner, command: str
) -> None:
    result = runner.invoke(cli, [command, "-h"], prog_name="sciatica-plan")
    assert result.stdout.startswith(f"Usage: sciatica-plan {command}")
    assert "Example:" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"sciatica-plan {command}" in readme


# -- start-up cost ----------------------------------------------------------------------------

HEAVY = {"pydantic", "pydantic_core", "rich", "yaml", "sqlite3", "_sqlite3", "platformdirs"}


def loaded_after(args: list[str]) -> list[str]:
    program = (
        "import sys\n"
        "from sciatica_planner.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, prog_name='sciatica-plan')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout.splitlines()[-1].removeprefix("LOADED ").replace("'", '"'))


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["log", "--help"], ["history", "-h"], ["forget", "-h"]]
)
def test_help_does_not_import_the_heavy_modules(args: list[str]) -> None:
    assert loaded_after(args) == []


def test_planning_a_week_does_not_open_the_database_module() -> None:
    loaded = loaded_after(["week", "--json", "--start", "2026-11-30"])
    assert "sqlite3" not in loaded
    assert "pydantic" in loaded  # the check sees what was imported

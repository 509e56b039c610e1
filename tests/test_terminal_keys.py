"""The guide's keyboard and terminal: escape sequences and pastes taken whole however they are
split, and the terminal given back on every signal that ends or suspends a session (in a real
pseudo-terminal, at each stage of a session)."""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from children import default_signals

from sciatica_planner.cli.terminal_keys import (
    BRACKETED_PASTE_OFF,
    BRACKETED_PASTE_ON,
    ESCAPE_SECONDS,
    HIDE_CURSOR,
    SHOW_CURSOR,
    KeyDecoder,
    TerminalKeys,
    session_signals,
)
from sciatica_planner.vocabulary import WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Iterator

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]")


# -- keys from bytes -------------------------------------------------------------------------------


def feed_all(pieces: list[tuple[float, str]]) -> list[str]:
    """The keys from `pieces`, each (seconds since the start, text), read as they come."""
    decoder = KeyDecoder()
    keys: list[str] = []
    for at, text in pieces:
        decoder.expire(at)
        keys += decoder.feed(text, at)
    return keys


@pytest.mark.parametrize(
    ("pieces", "expected"),
    [
        ([(0, "q")], ["quit"]),
        ([(0, "\r")], ["enter"]),
        ([(0, "S")], ["skip"]),
        ([(0, "\x1bOQ")], []),  # F2 in one piece
        ([(0, "\x1b"), (0.3, "OQ")], []),  # F2 split: was "quit"
        ([(0, "\x1b"), (0.3, "O"), (0.4, "Q")], []),
        ([(0, "\x1b["), (0.2, "1;5"), (0.4, "A")], []),  # Ctrl-Up in three pieces
        ([(0, "\x1b[1"), (0.1, "5~")], []),  # F5
        ([(0, "\x1b"), (0.2, "q")], []),  # Alt+q, split
        ([(0, "\x1b"), (ESCAPE_SECONDS + 0.1, "q")], ["quit"]),  # Esc, then q: q
        ([(0, "\x1b[A"), (0.5, "q")], ["quit"]),  # an arrow, then a key
        ([(0, "\x1b"), (0.1, "[A"), (0.2, "p")], ["pause"]),
    ],
    ids=[
        "q",
        "enter",
        "capital S",
        "F2",
        "F2 split 0.3 s",
        "F2 in three",
        "ctrl-up in three",
        "F5 split",
        "alt-q split",
        "esc then q",
        "arrow then q",
        "split arrow then p",
    ],
)
def test_escape_sequences_are_one_key_however_split(
    pieces: list[tuple[float, str]], expected: list[str]
) -> None:
    assert feed_all(pieces) == expected


@pytest.mark.parametrize(
    "pieces",
    [
        [(0, "\x1b[200~hello world\r\nq\x1b[201~")],
        [(0, "\x1b[200~hel"), (0.1, "lo \r"), (0.2, "q s\x1b[201~")],
        [(0, "\x1b[200~ \r"), (0.1, "\x1b[20"), (0.2, "1~")],  # the end marker split
        [(0, "\x1b"), (0.1, "[200~\r"), (0.2, "\x1b[201"), (0.3, "~")],
        [(0, "\x1b[200~"), (0.1, "\r"), (0.2, "q"), (0.3, "\x1b"), (0.35, "[201~")],
    ],
    ids=["whole", "in pieces", "end split", "both split", "key by key"],
)
def test_a_paste_is_never_a_key(pieces: list[tuple[float, str]]) -> None:
    assert feed_all(pieces) == []
    assert feed_all([*pieces, (1.0, "q")]) == ["quit"]  # and keys work again after it


@pytest.mark.parametrize("text", ["hello\r", "\r\r", "qq", "1\r"])
def test_several_characters_in_one_read_are_a_paste_not_keys(text: str) -> None:
    """A terminal without bracketed paste sends a paste as one burst."""
    assert feed_all([(0, text)]) == []


def test_a_lone_escape_is_forgotten_after_its_wait() -> None:
    decoder = KeyDecoder()
    assert decoder.feed("\x1b", 0.0) == []
    assert decoder.waiting(0.1) == pytest.approx(ESCAPE_SECONDS - 0.1)
    decoder.expire(ESCAPE_SECONDS)
    assert decoder.waiting(ESCAPE_SECONDS) is None
    assert decoder.feed("s", ESCAPE_SECONDS + 0.01) == ["skip"]


# -- keys from a real terminal -----------------------------------------------------------------


@pytest.fixture
def terminal() -> Iterator[tuple[int, int]]:
    master, slave = pty.openpty()
    try:
        yield master, slave
    finally:
        os.close(master)
        os.close(slave)


def drain(master: int) -> str:
    """Everything written to the terminal so far (it may come out in more than one read)."""
    data = b""
    while select.select([master], [], [], 0.2)[0]:
        data += os.read(master, 1000)
    return data.decode()


def test_a_split_function_key_through_a_real_terminal_is_not_q(
    terminal: tuple[int, int],
) -> None:
    master, slave = terminal
    with TerminalKeys(slave) as keys:
        os.write(master, b"\x1b")
        assert keys.read(0.2) is None  # waiting for the rest
        time.sleep(0.3)
        os.write(master, b"OQ")
        assert keys.read(0.2) is None
        os.write(master, b"q")
        assert keys.read(1) == "quit"


def test_the_key_reader_keeps_its_timeout_while_a_sequence_waits(
    terminal: tuple[int, int],
) -> None:
    """An unfinished sequence does not make a countdown's short wait longer."""
    master, slave = terminal
    with TerminalKeys(slave) as keys:
        os.write(master, b"\x1b[")
        began = time.monotonic()
        assert keys.read(0.1) is None
        assert time.monotonic() - began < ESCAPE_SECONDS


def test_bracketed_paste_is_on_during_the_session_and_off_after(
    terminal: tuple[int, int],
) -> None:
    master, slave = terminal
    with os.fdopen(os.dup(slave), "w") as output, TerminalKeys(slave, output):
        pass
    written = drain(master)
    assert written.index(BRACKETED_PASTE_ON) < written.index(BRACKETED_PASTE_OFF)


def test_typed_answers_are_read_without_bracketed_paste(
    terminal: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pain answer pasted at a question arrives as typed: the markers are off meanwhile."""
    import io

    master, slave = terminal
    monkeypatch.setattr(sys, "stdin", io.StringIO("4\n"))
    with os.fdopen(os.dup(slave), "w") as output, TerminalKeys(slave, output) as keys:
        assert keys.read_line() == "4\n"
    written = drain(master)
    on, off = BRACKETED_PASTE_ON, BRACKETED_PASTE_OFF
    assert written == on + off + on + off  # on for keys, off for the answer, on, off at the end


# -- signals, in process -----------------------------------------------------------------------


def cbreak(fd: int) -> bool:
    lflag = termios.tcgetattr(fd)[3]
    return not lflag & (termios.ICANON | termios.ECHO)


GUARDED = """
import os, pty, signal, sys, termios
from sciatica_planner.cli.terminal_keys import SessionStopped, TerminalKeys, session_signals

master, slave = pty.openpty()
before = termios.tcgetattr(slave)
shown = []
try:
    with TerminalKeys(slave) as keys, session_signals(keys, shown.append):
        lflag = termios.tcgetattr(slave)[3]
        assert not lflag & (termios.ICANON | termios.ECHO), "cbreak"
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))
        keys.read(5)
except SessionStopped as stopped:
    print(stopped.name, termios.tcgetattr(slave) == before, shown)
    print(signal.getsignal(getattr(signal, sys.argv[1])) == signal.SIG_DFL)
"""


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_an_ending_signal_gives_the_terminal_back(name: str) -> None:
    """In a child process (without the guard, the signal would end the test run itself)."""
    done = subprocess.run(
        [sys.executable, "-c", GUARDED, name],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        preexec_fn=default_signals,
    )
    assert done.returncode == 0, done.stderr
    # The mode as before, the cursor shown, the handlers put back.
    assert done.stdout.splitlines() == [f"{name} True [True]", "True"]


def test_an_ignored_hangup_stays_ignored_in_a_session(terminal: tuple[int, int]) -> None:
    """Under nohup SIGHUP is ignored: the session does not start listening to it."""
    _, slave = terminal
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with TerminalKeys(slave) as keys, session_signals(keys, lambda shown: None):
            assert signal.getsignal(signal.SIGHUP) == signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) != signal.SIG_DFL
    finally:
        signal.signal(signal.SIGHUP, previous)


# -- the real guide, in a pseudo-terminal ------------------------------------------------------


class Guide:
    """`sciatica-plan guide` in a pseudo-terminal of 80 x 24, whose slave end stays open here
    so its mode can be read after the program ends."""

    def __init__(self, tmp_path: Path, plan: list[str]) -> None:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")
        }
        env.update(
            TERM="xterm-256color",
            SCIATICA_PLAN_JOURNAL=str(tmp_path / "journal.sqlite3"),
            SCIATICA_PLAN_PROFILE=str(tmp_path / "profile.toml"),
        )
        self.journal = tmp_path / "journal.sqlite3"
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.before = termios.tcgetattr(self.slave)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sciatica_planner", "guide", *plan],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env,
            process_group=0,  # its own group in this session: Ctrl-Z's stop is not discarded
            preexec_fn=default_signals,  # noqa: PLW1509 - no threads here
        )
        self.raw = ""
        self.seen = 0
        self.after: list[Any] = []  # the mode once the program ended

    def expect(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, ANSI.sub("", self.raw)[self.seen :])
            if found:
                self.seen += found.end()
                return
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                shown = ANSI.sub("", self.raw)[-1500:]
                raise AssertionError(f"{pattern!r} never showed; the screen:\n{shown}")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        self.raw += data.decode("utf-8", errors="replace")
        return bool(data)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def end(self) -> int:
        code = self.process.wait(timeout=30)
        while self._read(0.2):
            pass
        self.after = termios.tcgetattr(self.slave)
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        os.close(self.master)
        os.close(self.slave)

    @property
    def text(self) -> str:
        return " ".join(ANSI.sub("", self.raw).split())


@pytest.fixture
def session_plan(tmp_path: Path) -> tuple[list[str], list[dict[str, Any]], int]:
    """Today's plan (made a training day), its exercises, and the first done in sets of
    repetitions with more than one set and a rest between them."""
    today = dt.date.today()
    on = ",".join(sorted({WEEKDAYS[today.weekday()], WEEKDAYS[(today.weekday() + 3) % 7]}))
    plan = ["--on", on, "--minutes", "15", "--no-journal"]
    env = {**os.environ, "SCIATICA_PLAN_PROFILE": str(tmp_path / "profile.toml")}
    shown = subprocess.run(
        [sys.executable, "-m", "sciatica_planner", "today", "--json", *plan],
        env=env,
        capture_output=True,
        check=True,
        timeout=60,
    )
    items = json.loads(shown.stdout)["exercises"]
    first = next(
        n
        for n, item in enumerate(items)
        if item["reps"] is not None and item["sets"] > 1 and item["rest_seconds"]
    )
    assert first + 1 < len(items), "a later exercise to stop at"
    return plan, items, first


# Each stage of a session, as (what shows when it is reached, exercises completed by then).
STAGES = ["start", "card", "reps", "rest", "felt", "question"]


def walk_to(guide: Guide, items: list[dict[str, Any]], first: int, stage: str) -> list[str]:
    """Drive the session to `stage`; the exercises completed by then (with --felt)."""
    guide.expect(r"Enter  begin")
    if stage == "start":
        return []
    guide.type("\r")
    for number in range(1, first + 1):
        guide.expect(rf"Exercise {number} of {len(items)}")
        guide.expect(r"Enter  start")
        guide.type("s")
    doing = items[first]
    guide.expect(rf"Exercise {first + 1} of {len(items)}")
    guide.expect(r"Enter  start")
    guide.type("\r")
    guide.expect(r"Set 1 of")
    if stage == "reps":
        return []
    guide.type("\r")
    guide.expect(r"Rest\. Next: set 2")
    if stage == "rest":
        return []
    guide.type("\r")
    for set_number in range(2, doing["sets"] + 1):
        guide.expect(rf"Set {set_number} of {doing['sets']}")
        guide.type("\r")
        if set_number < doing["sets"]:
            guide.expect(r"Rest\. Next: set")
            guide.type("\r")
    guide.expect(r"How did .* feel\?")
    if stage == "felt":
        return [f"--done {doing['id']}"]
    guide.type("3")
    guide.expect(rf"Exercise {first + 2} of {len(items)}")
    guide.expect(r"Enter  start")
    if stage == "card":
        return [f"--done {doing['id']}", f"--felt {doing['id']}=hard"]
    guide.type("q")
    guide.expect(r"Your pain now, 0 \(none\) to 10 \(worst\): ")
    return [f"--done {doing['id']}", f"--felt {doing['id']}=hard"]


def assert_given_back(guide: Guide) -> None:
    """The terminal's mode as before the session, the cursor shown, bracketed paste off."""
    assert guide.after == guide.before
    hidden = guide.raw.rfind(HIDE_CURSOR)
    assert hidden == -1 or guide.raw.rfind(SHOW_CURSOR) > hidden
    assert guide.raw.rfind(BRACKETED_PASTE_OFF) > guide.raw.rfind(BRACKETED_PASTE_ON) >= 0


@pytest.mark.parametrize(
    ("name", "stage"),
    [("SIGTERM", stage) for stage in STAGES] + [("SIGHUP", "card"), ("SIGQUIT", "reps")],
)
def test_a_signal_at_any_stage_gives_the_terminal_back(
    tmp_path: Path,
    session_plan: tuple[list[str], list[dict[str, Any]], int],
    name: str,
    stage: str,
) -> None:
    plan, items, first = session_plan
    guide = Guide(tmp_path, plan)
    try:
        done = walk_to(guide, items, first, stage)
        time.sleep(0.2)  # the stage's screen drawn and the key awaited
        guide.process.send_signal(getattr(signal, name))
        code = guide.end()
    finally:
        guide.close()
    assert code == -getattr(signal, name)  # ended by the signal, as the sender asked
    assert_given_back(guide)
    assert f"The session was ended ({name}); nothing was logged." in guide.text
    if done:
        command = "sciatica-plan log --pain N " + " ".join(done)
        said = "Log what you did with this command (N: your pain now, 0 to 10):"
        assert f"{said} {command}" in guide.text
        assert f"{said}\r\n{command}\r\n" in ANSI.sub("", guide.raw)  # whole on its own line
    else:
        assert "Log what you did" not in guide.text
    assert not guide.journal.exists()


def process_state(pid: int) -> str:
    return Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_z_gives_the_terminal_back_and_fg_takes_cbreak_again(
    tmp_path: Path, session_plan: tuple[list[str], list[dict[str, Any]], int]
) -> None:
    plan, items, first = session_plan
    guide = Guide(tmp_path, plan)
    try:
        walk_to(guide, items, first, "reps")
        time.sleep(0.2)
        assert cbreak(guide.slave)
        guide.process.send_signal(signal.SIGTSTP)
        deadline = time.monotonic() + 20
        while process_state(guide.process.pid) != "T":  # stopped
            assert time.monotonic() < deadline, "never stopped"
            time.sleep(0.05)
        assert termios.tcgetattr(guide.slave) == guide.before  # the shell gets its terminal
        guide.process.send_signal(signal.SIGCONT)  # fg
        while not cbreak(guide.slave):
            assert time.monotonic() < deadline, "cbreak never came back"
            time.sleep(0.05)
        guide.type("q")  # a key, without Enter: cbreak again
        guide.expect(r"No exercise done, so nothing is logged\.")
        code = guide.end()
    finally:
        guide.close()
    assert code == 0
    assert_given_back(guide)


def test_the_signal_helper_ends_by_the_signal() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import signal; from sciatica_planner.cli.terminal_keys import end_by; "
            "end_by(signal.SIGTERM)",
        ],
        capture_output=True,
        timeout=60,
        check=False,
        preexec_fn=default_signals,
    )
    assert done.returncode == -signal.SIGTERM

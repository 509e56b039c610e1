"""End to end: `guide` through click with a fake clock and scripted keys, and once for real in
a pseudo-terminal, answering its prompts."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from typing import TYPE_CHECKING, Any

import pytest
from test_guide import FakeClock, Move, Recorder, User, card

from sciatica_planner import safety
from sciatica_planner.cli import cli, guide_commands, journal_commands
from sciatica_planner.guide import ExerciseCard, SessionStart
from sciatica_planner.render.terminal import guide_views
from sciatica_planner.vocabulary import WEEKDAYS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from click.testing import CliRunner, Result

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]")
WEDNESDAY = "2026-11-25"  # conftest's today, a training day by default (mon, wed, fri)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_commands, "_interactive", lambda: True)


class Script:
    """Fake keys and clock for one `guide`: the real screen draws, a recorder watches it."""

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        moves: list[Move] | None = None,
        answers: list[Any] | None = None,
    ) -> None:
        self.clock = FakeClock()
        self.recorder = Recorder(self.clock)
        self.user = User(
            self.clock, self.recorder, list(moves or []), list(answers or ["3", "", "", "n"])
        )
        draw = guide_views.TerminalScreen.show

        def show(screen: guide_views.TerminalScreen, state: Any) -> None:
            self.recorder.show(state)
            draw(screen, state)

        monkeypatch.setattr(guide_views.TerminalScreen, "show", show)
        monkeypatch.setattr(guide_commands, "_keys", self.keys)
        monkeypatch.setattr(guide_commands, "_clock", lambda: self.clock)

    @contextlib.contextmanager
    def keys(self) -> Iterator[User]:
        yield self.user


def guide(
    runner: CliRunner, journal: Path, *args: str, env: dict[str, str] | None = None
) -> Result:
    return runner.invoke(cli, ["--journal", str(journal), "guide", *args], env=env)


def planned(runner: CliRunner, journal: Path, *args: str) -> list[str]:
    out = runner.invoke(
        cli, ["--journal", str(journal), "today", "--json", *args], catch_exceptions=False
    )
    return [item["id"] for item in json.loads(out.stdout)["exercises"]]


def entries(runner: CliRunner, journal: Path) -> list[dict]:
    out = runner.invoke(cli, ["--journal", str(journal), "history", "--json"])
    return json.loads(out.stdout)["entries"]


# -- no terminal, rest day -----------------------------------------------------------------------


def test_without_a_terminal_it_points_to_today(runner: CliRunner, journal: Path) -> None:
    result = guide(runner, journal)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: guide needs a terminal to read your keys; to see the session as text, use: "
        "sciatica-plan today\n"
    )
    assert result.stdout == "" and not journal.exists()


@pytest.mark.usefixtures("at_a_terminal")
def test_a_rest_day_says_so_and_names_the_next_training_day(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = Script(monkeypatch)
    result = guide(runner, journal, "--date", "2026-11-26")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "A rest day: an easy walk of about 20 minutes is suggested." in out
    assert "Next training day: Friday 27 November 2026" in out
    assert "healthcare professional" in out
    assert script.recorder.shown == [] and not journal.exists()


# -- sessions ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("at_a_terminal")
def test_a_complete_session_is_logged_with_every_exercise(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = planned(runner, journal)
    script = Script(monkeypatch, answers=["4", "", "", "n"])
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    assert isinstance(script.recorder.shown[0][1], SessionStart)
    assert [c.item.id for c in script.recorder.states(ExerciseCard)] == ids
    assert result.stdout.splitlines()[-2:] == [
        f"Logged entry 1: {WEDNESDAY}, pain 4/10, {len(ids)} exercises done.",
        safety.DISCLAIMER_LINE,
    ]
    (entry,) = entries(runner, journal)
    assert entry["done"] == ids and entry["pain"] == 4 and entry["spreading"] is False
    assert entry["note"] == f"guided session: {len(ids)} of {len(ids)} exercises"
    assert entry["date"] == WEDNESDAY


@pytest.mark.usefixtures("at_a_terminal")
def test_a_partial_session_logs_exactly_what_was_done(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = planned(runner, journal)
    Script(
        monkeypatch,
        [Move(card(ids[1]), "skip"), Move(card(ids[3]), "quit")],
        answers=["6", "", "", "y"],
    )
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(runner, journal)
    assert entry["done"] == [ids[0], ids[2]]
    assert (entry["pain"], entry["spreading"]) == (6, True)
    assert entry["note"] == f"guided session: 2 of {len(ids)} exercises, stopped early"
    assert safety.SPREADING_ADVICE in " ".join(result.stderr.split())
    assert max(len(line) for line in result.stderr.splitlines()[1:]) <= 80  # wrapped advice


@pytest.mark.usefixtures("at_a_terminal")
def test_ctrl_c_midway_still_asks_and_logs(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = planned(runner, journal)
    Script(monkeypatch, [Move(card(ids[2]), KeyboardInterrupt)])
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    assert entries(runner, journal)[0]["done"] == ids[:2]


@pytest.mark.usefixtures("at_a_terminal")
def test_leaving_the_questions_logs_nothing_and_says_how(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = planned(runner, journal)
    Script(monkeypatch, [Move(card(ids[1]), "quit")], answers=[KeyboardInterrupt])
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    assert f"Not logged. To log it: sciatica-plan log --pain N --done {ids[0]}" in result.stdout
    assert not journal.exists()


@pytest.mark.usefixtures("at_a_terminal")
def test_nothing_done_logs_nothing(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Script(monkeypatch, [Move(lambda s: isinstance(s, SessionStart), "quit")])
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    assert "No exercise done, so nothing is logged." in result.stdout
    assert not journal.exists()


@pytest.mark.usefixtures("at_a_terminal")
def test_the_guide_plans_as_today_does_from_profile_and_journal(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    profile = tmp_path / "profile.toml"
    monkeypatch.setenv("SCIATICA_PLAN_PROFILE", str(profile))
    runner.invoke(cli, ["profile", "set", "--minutes", "20", "--level", "intermediate"])
    log = ["--journal", str(journal), "log", "--pain", "5", "--date", "2026-11-24"]
    assert runner.invoke(cli, log).exit_code == 0
    ids = planned(runner, journal)
    assert ids != planned(runner, journal, "--no-journal")  # the journal's pain 5 shapes it
    script = Script(monkeypatch)
    result = guide(runner, journal)
    assert result.exit_code == 0, result.stderr
    assert [c.item.id for c in script.recorder.states(ExerciseCard)] == ids
    assert "pain 5/10 from your journal, Tue 24 Nov" in result.stdout
    assert entries(runner, journal)[-1]["done"] == ids


@pytest.mark.usefixtures("at_a_terminal")
def test_another_days_session_is_logged_today(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = planned(runner, journal, "--date", "2026-11-27")
    Script(monkeypatch)
    result = guide(runner, journal, "--date", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(runner, journal)
    assert entry["date"] == WEDNESDAY and entry["done"] == ids
    assert entry["note"].endswith("; the plan for Fri 27 Nov")


@pytest.mark.usefixtures("at_a_terminal")
def test_a_piped_screen_gets_one_plain_line_per_step(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Script(monkeypatch)
    out = guide(runner, journal).stdout
    assert "\x1b[" not in out
    assert re.search(r"^.+: Set 1 of \d: \d+ reps( \(each side\))?$", out, re.MULTILINE)
    hold = r"^.+: Hold \d+ (s|min)( \d+ s)?\. Set 1 of \d+(, first side)?$"
    assert re.search(hold, out, re.MULTILINE)
    assert re.search(r"^.+: Get into position, 5 s$", out, re.MULTILINE)
    # the warm-up walk is a walk in minutes, not a hold of one set
    assert re.search(r"^Easy walk, indoors or out: Walk \d+ min$", out, re.MULTILINE)
    assert "Set 1 of 1" not in out
    assert "Your pain now, 0 (none) to 10 (worst): " in out


# -- the real thing, in a pseudo-terminal --------------------------------------------------------


class Terminal:
    """A program in a pseudo-terminal of 80 x 24: read what it shows, type what it asks."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.screen = ""
        self.seen = 0

    def expect(self, pattern: str, timeout: float = 20) -> str:
        """Wait until `pattern` shows after what was already matched."""
        deadline = time.monotonic() + timeout
        while True:
            found = re.search(pattern, self.screen[self.seen :])
            if found:
                self.seen += found.end()
                return found.group(0)
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(left):
                raise AssertionError(
                    f"{pattern!r} never showed; the screen:\n{self.screen[-2000:]}"
                )

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:  # the program ended and closed the terminal
            return False
        self.screen += ANSI.sub("", data.decode("utf-8", errors="replace"))
        return bool(data)

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def close(self) -> int:
        with contextlib.suppress(OSError):
            while self._read(2):
                pass
        code = self.process.wait(timeout=20)
        os.close(self.master)
        return code


def answer_the_questions(terminal: Terminal) -> None:
    """Pain 4 (after a wrong answer), leg pain 5, back pain skipped, not spreading."""
    terminal.expect(r"Your pain now, 0 \(none\) to 10 \(worst\): ")
    terminal.type("12\r")
    terminal.expect(r"'12' is not a number from 0 to 10")
    terminal.type("4\r")
    terminal.expect(r"Your leg pain now, 0 to 10 \(Enter skips\): ")
    terminal.type("5\r")
    terminal.expect(r"Your back pain now, 0 to 10 \(Enter skips\): ")
    terminal.type("\r")
    terminal.expect(r"spread further down the leg than before\? \[y/N\]: ")
    terminal.type("n\r")


def test_the_real_command_in_a_pseudo_terminal(tmp_path: Path) -> None:
    today = dt.date.today()
    on = ",".join(sorted({WEEKDAYS[today.weekday()], WEEKDAYS[(today.weekday() + 3) % 7]}))
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
    command = [sys.executable, "-m", "sciatica_planner"]
    plan = ["--on", on, "--minutes", "15"]
    shown = subprocess.run(
        [*command, "today", "--json", *plan], env=env, capture_output=True, check=True, timeout=60
    )
    items = json.loads(shown.stdout)["exercises"]
    first = next(n for n, item in enumerate(items) if item["reps"] is not None)
    doing = items[first]

    terminal = Terminal([*command, "guide", *plan], env)
    try:
        terminal.expect(r"Enter  begin")
        terminal.type("\r")
        for number in range(1, first + 1):  # skip the ones before the first set of reps
            terminal.expect(rf"Exercise {number} of {len(items)}")
            terminal.expect(r"Enter  start")
            terminal.type("s")
        terminal.expect(rf"Exercise {first + 1} of {len(items)}")
        terminal.expect(re.escape(doing["name"]))
        terminal.expect(r"Enter  start")
        terminal.type("\r")
        for set_number in range(1, doing["sets"] + 1):
            each = r" \(each side\)" if doing["per_side"] else ""
            terminal.expect(rf"Set {set_number} of {doing['sets']}: {doing['reps']} reps{each}")
            terminal.type("\r")
            if set_number < doing["sets"] and doing["rest_seconds"]:
                terminal.expect(r"Rest\. Next: set")
                terminal.type("\r")  # Enter skips the rest
        terminal.expect(r"How did .* feel\?")  # one key: 3 is hard
        terminal.type("3")
        if first + 1 < len(items):
            terminal.expect(rf"Exercise {first + 2} of {len(items)}")
            terminal.type("q")
        answer_the_questions(terminal)
        terminal.expect(r"Logged entry 1: [\d-]+, pain 4/10 \(leg 5\), 1 exercise done\.")
    finally:
        code = terminal.close()
    assert code == 0
    history = subprocess.run(
        [*command, "history", "--json"], env=env, capture_output=True, check=True, timeout=60
    )
    (entry,) = json.loads(history.stdout)["entries"]
    assert entry["done"] == [doing["id"]]
    assert (entry["pain"], entry["spreading"]) == (4, False)
    assert (entry["leg"], entry["back"], entry["felt"]) == (5, None, {doing["id"]: "hard"})


@pytest.mark.usefixtures("at_a_terminal")
@pytest.mark.parametrize(("flag", "drawn"), [([], True), (["--no-figure"], False)])
def test_the_figure_is_beside_the_steps_unless_left_out(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch, flag: list[str], drawn: bool
) -> None:
    # A session with the clamshell, drawn.
    monday = ["--date", "2026-11-23", "--no-journal", "--seed", "1"]
    assert "clamshell" in planned(runner, journal, *monday)
    Script(monkeypatch, [Move(card("clamshell"), "quit")])
    out = guide(runner, journal, *monday, *flag).stdout
    card_text = out[
        out.index("Clamshell\n") : out.index("Press Enter to start.", out.index("Clamshell\n"))
    ]
    braille = [line for line in card_text.splitlines() if re.search("[\u2801-\u28ff]", line)]
    assert bool(braille) is drawn
    assert [line for line in card_text.splitlines() if len(line) > 80] == []
    if drawn:  # beside the steps, not under them
        assert any("1. Lie on your side" in line for line in braille)


@pytest.mark.usefixtures("at_a_terminal")
def test_a_journal_that_cannot_be_written_says_how_to_log_by_hand(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_journal = tmp_path / "notes.txt"
    not_a_journal.write_text("my own notes\n", encoding="utf-8")
    ids = planned(runner, tmp_path / "none.sqlite3")
    Script(monkeypatch, [Move(card(ids[2]), "quit")], answers=["3", "", "", "y"])
    result = guide(runner, not_a_journal)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-3:-1] == [
        "Not logged. Log it with this command:",
        f"sciatica-plan log --pain 3 --done {ids[0]},{ids[1]} --spreading",
    ]
    assert result.stderr.splitlines()[-1].startswith("Error: ")
    assert not_a_journal.read_text(encoding="utf-8") == "my own notes\n"


# -- today fits the day: the last screenful is the whole session, numbered ------------------------


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["--days", "4", "--level", "intermediate", "--equipment", "band,dumbbells",
         "--minutes", "20", "--date", "2026-11-26"],
        ["--pain", "8"],
        ["--on", "mon,thu", "--level", "intermediate", "--equipment", "band", "--minutes", "120",
         "--date", "2026-11-23"],
    ],
)  # fmt: skip
def test_todays_last_screenful_is_the_whole_session(
    runner: CliRunner, journal: Path, options: list[str]
) -> None:
    data = json.loads(
        runner.invoke(
            cli, ["--journal", str(journal), "today", "--json", *options], catch_exceptions=False
        ).stdout
    )
    assert data["exercises"], "a training day"
    result = runner.invoke(
        cli, ["--journal", str(journal), "today", *options], env={"COLUMNS": "80"}
    )
    lines = result.stdout.splitlines()
    screen = lines[-24:]
    assert all(len(line) <= 80 for line in lines)
    assert any("healthcare professional" in line for line in screen)  # the emergency box
    for number, item in enumerate(data["exercises"], start=1):
        dose = re.escape(
            f"{item['sets']} x {item['reps']}"
            if item["reps"]
            else f"{item['sets']} x {item['hold_seconds']} s"
            if item["sets"] > 1
            else f"{item['hold_seconds']} s"
            if item["hold_seconds"] < 120
            else f"{item['hold_seconds'] // 60} min"
        )
        start = re.escape(item["name"][:8])
        row = rf"(^|\s){number}\. {start}.*? {dose}"
        assert any(re.search(row, line) for line in screen), (number, item["name"], screen)
    # The details come first, above the list.
    assert any("Dose: " in line for line in lines[:-24])


def test_a_rest_day_has_no_session_list(runner: CliRunner, journal: Path) -> None:
    out = runner.invoke(cli, ["--journal", str(journal), "today", "--date", "2026-11-26"]).stdout
    assert "A rest day" in out and "The session in order" not in out


@pytest.mark.parametrize("args", [["guide", "--help"], ["profile"], ["profile", "set", "--help"]])
def test_help_and_profile_stay_light(args: list[str], tmp_path: Path) -> None:
    program = (
        "import sys\n"
        "from sciatica_planner.cli import cli\n"
        "try:\n"
        f"    cli.main({args!r}, prog_name='sciatica-plan')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'pydantic', 'pydantic_core', 'rich', 'yaml'}\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    env = {**os.environ, "SCIATICA_PLAN_PROFILE": str(tmp_path / "profile.toml")}
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "LOADED []"


def test_the_key_reader_maps_keys_and_ignores_the_rest() -> None:
    reading, writing = os.pipe()
    keys = guide_commands.TerminalKeys(reading)
    try:
        assert keys.read(0.01) is None  # nothing pressed: the timeout passes
        for pressed, key in [
            (b"\r", "enter"), (b" ", "enter"), (b"S", "skip"), (b"p", "pause"), (b"q", "quit"),
            (b"x", None), (b"\x1b[A", None), (b"\x1bq", None),
        ]:  # fmt: skip
            os.write(writing, pressed)
            assert keys.read(1) == key, pressed
        os.close(writing)
        with pytest.raises(EOFError):
            keys.read(1)
    finally:
        os.close(reading)


@pytest.mark.usefixtures("at_a_terminal")
def test_the_start_of_a_session_fits_one_screen(
    runner: CliRunner, journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Script(monkeypatch, [Move(lambda s: isinstance(s, SessionStart), "quit")])
    out = guide(runner, journal, env={"COLUMNS": "80"}).stdout
    start = out[: out.index("Enter  begin")].splitlines()
    assert len(start) < 24
    assert "healthcare professional" in out[: out.index("Enter  begin")]


@pytest.mark.usefixtures("at_a_terminal")
@pytest.mark.parametrize(
    ("saved", "flag", "quiet"),
    [
        ([], [], False),
        ([], ["--quiet"], True),
        (["--quiet"], [], True),  # saved in the profile
        (["--quiet"], ["--no-quiet"], False),  # typed wins over saved
        (["--no-quiet"], [], False),
    ],
)
def test_quiet_silences_the_bell(
    runner: CliRunner,
    journal: Path,
    monkeypatch: pytest.MonkeyPatch,
    saved: list[str],
    flag: list[str],
    quiet: bool,
) -> None:
    if saved:
        assert runner.invoke(cli, ["profile", "set", *saved]).exit_code == 0
    made: list[guide_views.TerminalScreen] = []
    build = guide_views.TerminalScreen.__init__

    def init(screen: guide_views.TerminalScreen, *args: Any, **kwargs: Any) -> None:
        build(screen, *args, **kwargs)
        made.append(screen)

    monkeypatch.setattr(guide_views.TerminalScreen, "__init__", init)
    Script(monkeypatch, [Move(lambda s: isinstance(s, SessionStart), "quit")])
    assert guide(runner, journal, *flag).exit_code == 0
    assert [screen.quiet for screen in made] == [quiet]

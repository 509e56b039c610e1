"""The guide command: today's session, walked through with timers, then logged."""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

import click

from . import context
from .context import Settings, console, pass_settings
from .params import DateType, PlanRequest, plan_options
from .plan_commands import build_week, chosen_day, next_training_day

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from types import TracebackType

    from ..guide import Key, Outcome

# What each key does; anything else (arrows, other letters) is ignored.
KEYMAP: dict[str, Key] = {
    "\r": "enter",
    "\n": "enter",
    " ": "enter",
    "s": "skip",
    "p": "pause",
    "q": "quit",
    # How an exercise felt, asked after it (digits: the letters are taken by the keys above).
    "1": "easy",
    "2": "right",
    "3": "hard",
    "4": "painful",
}
ESCAPE = "\x1b"  # arrows and function keys start with it: never mistaken for a letter


class NoTerminal(click.ClickException):
    """The guide needs someone at a terminal to press its keys."""

    exit_code = 2


class TerminalKeys:
    """Single keys from the terminal on stdin, without Enter or echo, while the session runs;
    the terminal's own mode comes back for typed answers and at the end. Ctrl-C still
    interrupts (cbreak mode keeps signals)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.saved: list[Any] | None = None  # the terminal's mode, as termios gives it

    def __enter__(self) -> TerminalKeys:
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd, termios.TCSANOW)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def read(self, timeout: float | None) -> Key | None:
        import select

        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 64)
        if not data:
            raise EOFError
        text = data.decode("utf-8", errors="ignore")
        if text.startswith(ESCAPE):
            return None
        return next((KEYMAP[ch] for ch in text.lower() if ch in KEYMAP), None)

    def read_line(self) -> str:
        import termios

        assert self.saved is not None
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        try:
            line = sys.stdin.readline()
        finally:
            import tty

            tty.setcbreak(self.fd, termios.TCSANOW)
        if not line:
            raise EOFError
        return line


def _keys() -> TerminalKeys:
    """The keyboard (tests replace this with scripted keys)."""
    return TerminalKeys(sys.stdin.fileno())


def _clock() -> Callable[[], float]:
    """The session's clock: monotonic, so a change of the wall clock moves no timer (tests
    replace this with a fake)."""
    return time.monotonic


def _has_termios() -> bool:
    """Single keys need a POSIX terminal (Linux, macOS, WSL)."""
    import importlib.util

    return importlib.util.find_spec("termios") is not None


def _interactive() -> bool:
    from .journal_commands import _interactive as at_a_terminal

    return at_a_terminal()


@click.command(short_help="Walk through a day's session with timers, then log it.")
@plan_options
@click.option(
    "--date",
    "day",
    type=DateType(),
    default=None,
    help="The day whose session to do.  [default: today, if it is in the chosen week]",
)
@click.option("--no-figure", is_flag=True, help="Leave out the drawing of each exercise.")
@pass_settings
def guide(settings: Settings, plan: PlanRequest, day: dt.date | None, no_figure: bool) -> None:
    """Walk through a day's session: each exercise's steps, a countdown for
    every hold and rest, and Enter after each set of repetitions.

    Keys: Enter to start or finish a set (and to skip a rest), p to pause,
    s to skip an exercise, q (or Ctrl-C) to end. After each exercise, one
    key for how it felt: 1 easy, 2 about right, 3 hard, 4 painful (Enter
    skips). At the end it asks your pain, then leg and back pain (Enter
    skips), and whether symptoms spread, and logs the exercises you
    completed in your journal.

    \b
    Example:
      sciatica-plan guide
      sciatica-plan guide --minutes 15
    """
    if not _interactive() or not _has_termios():
        raise NoTerminal(
            "guide needs a terminal to read your keys; to see the session as text, use: "
            "sciatica-plan today"
        )
    from ..guide import Session, journal_note
    from ..render.terminal.guide_views import TerminalScreen
    from .journal_commands import record

    start, day = chosen_day(plan, day)
    catalogue, week = build_week(settings, plan, start)
    session = week.days[(day - start).days]
    screen_console = console()
    if session.rest:
        from ..render.terminal.plan_views import show_day

        upcoming = next_training_day(settings, plan, week, day)
        show_day(screen_console, week, session, catalogue, context.today(), upcoming)
        return
    steps = {
        item.id: exercise.steps if (exercise := catalogue.exercise(item.id)) else ()
        for item in session.exercises
    }
    screen = TerminalScreen(screen_console, week, catalogue, figures=not no_figure)
    try:
        with _keys() as keys:
            outcome = Session(session, steps, clock=_clock(), keys=keys, screen=screen).run()
    finally:
        screen.close()
    if outcome.to_log:
        assert outcome.pain is not None
        now = context.today()
        planned_for = f"{day:%a} {day.day} {day:%b}" if day != now else None
        note = journal_note(outcome, planned_for)
        try:
            record(
                settings,
                now,
                outcome.pain,
                outcome.completed,
                note,
                spreading=outcome.spreading,
                leg=outcome.leg,
                back=outcome.back,
                felt=outcome.felt,
            )
        except click.ClickException:
            # The session is done; say how to log it by hand once the journal is fixed.
            click.echo(f"Not logged. Log it with: {_log_command(outcome)}", err=True)
            raise
    from ..safety import DISCLAIMER_LINE

    click.echo(DISCLAIMER_LINE)  # the session's screens have scrolled away with its start


def _log_command(outcome: Outcome) -> str:
    """The `log` command that records this session by hand."""
    parts = [f"sciatica-plan log --pain {outcome.pain}"]
    parts += [
        f"--{name} {value}"
        for name, value in (("leg", outcome.leg), ("back", outcome.back))
        if value is not None
    ]
    parts.append("--done " + ",".join(outcome.completed))
    parts += [f"--felt {exercise}={how}" for exercise, how in outcome.felt]
    if outcome.spreading:
        parts.append("--spreading")
    return " ".join(parts)


COMMANDS = (guide,)

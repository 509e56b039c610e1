"""The guide command: today's session, walked through with timers, then logged."""

from __future__ import annotations

import contextlib
import sys
import time
from typing import TYPE_CHECKING

import click

from . import context
from .context import Settings, console, pass_settings
from .params import DateType, PlanRequest, plan_options
from .plan_commands import build_week, chosen_day, next_training_day
from .terminal_keys import SessionStopped, TerminalKeys, end_by, session_signals

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from ..guide import Outcome, Session
    from ..render.terminal.guide_views import TerminalScreen


# What to say above a `log` command printed on its own line (never wrapped: copied whole).
NOT_LOGGED = "Not logged. Log it with this command:"
DID_NOT_LOG = "Log what you did with this command (N: your pain now, 0 to 10):"


class NoTerminal(click.ClickException):
    """The guide needs someone at a terminal to press its keys."""

    exit_code = 2


def _keys() -> TerminalKeys:
    """The keyboard (tests replace this with scripted keys)."""
    output = sys.stdout if sys.stdout is not None and sys.stdout.isatty() else None
    return TerminalKeys(sys.stdin.fileno(), output)


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
@click.option(
    "--quiet/--no-quiet",
    default=False,
    help="No bell at the end of each hold and rest (profile set --quiet saves it).",
)
@pass_settings
def guide(
    settings: Settings, plan: PlanRequest, day: dt.date | None, no_figure: bool, quiet: bool
) -> None:
    """Walk through a day's session: each exercise's steps, a countdown for
    every hold and rest, and Enter after each set of repetitions.

    Keys: Enter to start or finish a set (and to skip a rest), p to pause,
    s to skip an exercise, q (or Ctrl-C) to end. The terminal's bell sounds
    at the end of each hold and rest (--quiet: no bell). After each exercise, one
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
    screen = TerminalScreen(screen_console, week, catalogue, figures=not no_figure, quiet=quiet)
    walk: Session | None = None
    try:
        with _keys() as keys, _signals(keys, screen):
            walk = Session(session, steps, clock=_clock(), keys=keys, screen=screen)
            outcome = walk.run()
    except SessionStopped as stopped:
        _quietly_close(screen)
        _say_not_logged(stopped, walk)
        end_by(stopped.signum)
    finally:
        _quietly_close(screen)
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
            context.echo_note(NOT_LOGGED)
            click.echo(_log_command(outcome), err=True)  # whole, on its own line, to copy
            raise
    from ..safety import DISCLAIMER_LINE

    click.echo(DISCLAIMER_LINE)  # the session's screens have scrolled away with its start


def _signals(keys: object, screen: TerminalScreen) -> contextlib.AbstractContextManager[None]:
    """The signals that end or suspend a session, for the real keyboard only (scripted keys in
    the tests have no terminal to give back)."""
    if not isinstance(keys, TerminalKeys):
        return contextlib.nullcontext()

    def cursor(shown: bool) -> None:
        if shown or screen.live is not None:  # hidden only while a live region draws
            screen.console.show_cursor(shown)

    return session_signals(keys, cursor)


def _quietly_close(screen: TerminalScreen) -> None:
    """Give the cursor back; a terminal that hung up cannot take it, and that is no error."""
    with contextlib.suppress(Exception):
        screen.close()


def _say_not_logged(stopped: SessionStopped, walk: Session | None) -> None:
    """A session ended by a signal logs nothing (its questions were never answered): say so,
    and how to log what was done."""
    from ..guide import Outcome

    done = tuple(walk.completed) if walk is not None else ()
    lines = [f"The session was ended ({stopped.name}); nothing was logged."]
    if done:
        outcome = Outcome(done, (), True, felt=tuple(walk.felt) if walk is not None else ())
        command = _log_command(outcome).replace("--pain None", "--pain N")
        lines += [DID_NOT_LOG, command]  # the command whole, on its own line, to copy
    with contextlib.suppress(Exception):  # after SIGHUP there may be no terminal to write to
        click.echo("\n".join(lines), err=True)


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

"""The command line: the `sciatica-plan` group and its entry point. Only cli/ imports click."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .. import __version__
from .context import Settings, error_line
from .params import OutputPathType, PathType

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 80}


# Each command's module. A command's module is imported only when that command runs (or
# `--help` lists them all): importing every module cost each start about 9 ms.
COMMAND_MODULES = {
    "groups": "catalogue_commands",
    "exercises": "catalogue_commands",
    "show": "catalogue_commands",
    "validate": "catalogue_commands",
    "week": "plan_commands",
    "today": "plan_commands",
    "program": "plan_commands",
    "guide": "guide_commands",
    "export": "export_commands",
    "log": "journal_commands",
    "history": "journal_commands",
    "forget": "journal_commands",
    "psfs": "psfs_commands",
    "prescription": "prescription_commands",
    "report": "report_commands",
    "import": "import_commands",
    "profile": "profile_commands",
    "safety": "safety_commands",
}


class _Group(click.Group):
    """The group, loading each command from its module when it is wanted (COMMAND_MODULES), and
    making every error message one inert line of at most ERROR_MAX characters, whoever raised
    it (click's own messages quote the value typed, which may be megabytes); a bare group's
    help, which click raises as an error, is left whole."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMAND_MODULES:
            import importlib

            module = importlib.import_module(f".{COMMAND_MODULES[cmd_name]}", __name__)
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(cmd_name)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _short_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _short_errors():
            return super().invoke(ctx)


@contextlib.contextmanager
def _short_errors() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        # A bare group: its "error" is the help, many lines of our own text. Shortened to
        # one line it was unreadable, so it passes as click prints it.
        raise
    except click.ClickException as error:
        # Final in click's stubs, but the one way to shorten it keeping its kind and context.
        error.message = error_line(error.message)  # type: ignore[misc]
        raise


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--catalogue",
    type=PathType(),
    envvar="SCIATICA_PLAN_CATALOGUE",
    show_envvar=True,
    default=None,
    help="Use this catalogue file instead of the bundled one.",
)
@click.option(
    "--journal",
    type=PathType(dir_okay=False),
    metavar="PATH",
    envvar="SCIATICA_PLAN_JOURNAL",
    show_envvar=True,
    default=None,
    help="Your journal's SQLite file.  [default: journal.sqlite3 in your user data folder]",
)
@click.option(
    "--profile",
    "profile",
    # `profile set` writes it: `--profile dir/` is refused as `-o dir/` is, never saved as `dir`.
    type=OutputPathType(allow_dash=False, example="profile.toml"),
    metavar="PATH",
    envvar="SCIATICA_PLAN_PROFILE",
    show_envvar=True,
    default=None,
    help="Your saved plan options (TOML).  [default: profile.toml in your user config folder]",
)
@click.version_option(__version__, "--version", prog_name="sciatica-plan")
@click.pass_context
def cli(
    ctx: click.Context, catalogue: Path | None, journal: Path | None, profile: Path | None
) -> None:
    """Balanced weekly strengthening routines for people with sciatica.

    This is general information, not medical advice: consult a healthcare
    professional before starting, and stop if pain spreads down your leg or you
    notice new numbness, tingling or weakness.

    \b
    Start with:
      sciatica-plan week             this week's routine
      sciatica-plan today            today's session, step by step
      sciatica-plan exercises glutes the exercises for one group
      sciatica-plan log --pain 3     note today's pain in your journal
      sciatica-plan safety           warning signs that need a doctor
    """
    from .profile_commands import use_saved_options

    ctx.obj = Settings(catalogue_path=catalogue, journal_path=journal, profile_path=profile)
    use_saved_options(ctx, ctx.obj)


# Commands whose output is a short confirmation rather than a view: the one-line disclaimer
# follows it here, once, instead of in each of them (every view prints its own). `import`
# writes a file and reports on stderr, so its line goes to stderr too.
CONFIRMING = {"log": False, "forget": False, "profile": False, "import": True, "psfs": False}


@cli.result_callback()
@click.pass_context
def _disclaimer_after(ctx: click.Context, *_: object, **__: object) -> None:
    command = ctx.invoked_subcommand
    if command in CONFIRMING:
        from ..safety import DISCLAIMER_LINE

        click.echo(DISCLAIMER_LINE, err=CONFIRMING[command])


# Errors of a write that failed for want of room or of a device, not for a bug: every file the
# program writes maps its own (files.OutputError), so one reaching main() was standard output's.
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO") if hasattr(errno, name)
)


def main() -> None:
    """Console-script entry point: no traceback reaches the user, whatever goes wrong."""
    _streams_hold_any_text()
    try:
        cli.main(prog_name="sciatica-plan")
    except Exception as error:  # a bug, not bad input: say so in one line
        if os.environ.get("SCIATICA_PLAN_DEBUG"):
            raise
        if isinstance(error, OSError) and error.errno in OUTPUT_ERRNOS:
            _output_failed(error)
        click.echo(
            "Error: "
            + error_line(f"unexpected {type(error).__name__}: {error}")
            + " (set SCIATICA_PLAN_DEBUG=1 for details)",
            err=True,
        )
        sys.exit(1)


def _streams_hold_any_text() -> None:
    """Standard output and error in an encoding that cannot hold every character (latin-1 by
    PYTHONIOENCODING, cp1252 in a Windows redirect) write what it lacks as a backslash escape,
    instead of failing with UnicodeEncodeError halfway through a view."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if stream is None or not encoding:
            continue
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            continue
        if name.startswith("utf"):
            continue
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def _output_failed(error: OSError) -> NoReturn:
    """Standard output could not be written (a full disk, a device gone): one line, exit 1,
    and no second complaint when Python flushes it again at exit."""
    reason = error.strerror or str(error)
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"Error: could not write the output ({reason})", err=True)
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    sys.exit(1)

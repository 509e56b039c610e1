"""What every command shares: the global settings, the clock, and turning errors into exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

import click

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from rich.console import RenderableType

    from ..models import Catalogue


class Settings(NamedTuple):
    """The group's options, handed to every command."""

    catalogue_path: Path | None
    journal_path: Path | None = None  # None: journal_commands picks the user data folder
    profile_path: Path | None = None  # None: profile_commands picks the user config folder


pass_settings = click.make_pass_decorator(Settings)


def today() -> dt.date:
    """The one place that reads the clock (tests replace it)."""
    return dt.date.today()


# The longest error line: room for a long path and the problem, never megabytes of a value.
ERROR_MAX = 500


def error_line(message: str) -> str:
    """An error message as one inert line: controls and hidden characters shown as escapes
    (a file name or a value in it came from outside), and cut to ERROR_MAX characters."""
    from ..text import visible

    return visible(message, limit=ERROR_MAX)


@contextlib.contextmanager
def mapped_errors() -> Iterator[None]:
    """Turn the core's typed errors into `Error: ...` and exit code 1."""
    from ..errors import SciaticaPlanError

    try:
        yield
    except SciaticaPlanError as error:
        raise click.ClickException(error_line(str(error))) from None


def load(settings: Settings) -> Catalogue:
    from ..catalogue import load_catalogue

    with mapped_errors():
        return load_catalogue(settings.catalogue_path)


def echo_json(data: Any) -> None:
    """JSON on stdout, with DEL, C1 and hidden characters written as \\u escapes (json.dumps
    leaves them raw, and U+009B, say, starts an escape sequence on many terminals)."""
    from ..text import json_text

    click.echo(json_text(data))


# The width rich assumes for output that is not a terminal, and so ours for a senseless COLUMNS.
DEFAULT_COLUMNS = 80


def console() -> Any:
    """The terminal console; a COLUMNS of 0 (which rich takes as 0 columns, printing nothing)
    counts as unset, like a negative or non-numeric one (which rich ignores already)."""
    from ..render.terminal.console import MAX_WIDTH, make_console

    made = make_console()
    if made.width < 1:
        import shutil

        # shutil, unlike rich, reads a COLUMNS of 0 as unset and asks the terminal.
        columns = DEFAULT_COLUMNS
        if made.is_terminal:
            columns = shutil.get_terminal_size((DEFAULT_COLUMNS, 24)).columns
        made.width = min(columns, MAX_WIDTH)
    return made


def echo_note(text: str | RenderableType) -> None:
    """Advice or a note on stderr, wrapped as the views wrap prose: to the terminal's width up
    to READABLE_WIDTH, and at DEFAULT_COLUMNS when stderr is not a terminal (a log file). A
    string is plain text (never markup); a layout (say, a hanging list) is printed as laid out."""
    import sys

    from rich.text import Text

    from ..render.terminal.console import READABLE_WIDTH, make_console, say

    made = make_console(file=sys.stderr)
    # rich measures whichever standard stream is a terminal; a redirected stderr is not one.
    width = made.width if made.is_terminal and made.width > 0 else DEFAULT_COLUMNS
    made.width = min(width, READABLE_WIDTH)
    say(made, Text(text) if isinstance(text, str) else text)

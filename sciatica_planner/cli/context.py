"""What every command shares: the global settings, the clock, and turning errors into exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from ..models import Catalogue


@dataclass(frozen=True)
class Settings:
    """The group's options, handed to every command."""

    catalogue_path: Path | None
    journal_path: Path | None = None  # None: journal_commands picks the user data folder
    profile_path: Path | None = None  # None: profile_commands picks the user config folder


pass_settings = click.make_pass_decorator(Settings)


def today() -> dt.date:
    """The one place that reads the clock (tests replace it)."""
    return dt.date.today()


@contextlib.contextmanager
def mapped_errors() -> Iterator[None]:
    """Turn the core's typed errors into `Error: ...` and exit code 1."""
    from ..errors import SciaticaPlanError

    try:
        yield
    except SciaticaPlanError as error:
        raise click.ClickException(str(error)) from None


def load(settings: Settings) -> Catalogue:
    from ..catalogue import load_catalogue

    with mapped_errors():
        return load_catalogue(settings.catalogue_path)


def echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def console() -> Any:
    from ..render.terminal.console import make_console

    return make_console()

"""Writing a command's document: the format from the file's suffix, `-o PATH|-` and `--force`,
shared by `export` and `report` so both follow the same safe-write rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .context import mapped_errors
from .params import OutputPathType

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any

SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".ics": "ics",
    ".txt": "markdown",  # markdown reads as plain text
}
DEFAULT_FORMAT = "markdown"


def output_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add `-o/--output PATH|-` and `--force`."""
    command = click.option("--force", is_flag=True, help="Replace the file if it already exists.")(
        command
    )
    return click.option(
        "-o",
        "--output",
        type=OutputPathType(),
        required=True,
        help="The file to write, or - for standard output.",
    )(command)


def chosen_format(fmt: str | None, output: Path, formats: tuple[str, ...]) -> str:
    """--format if given, else the one the file's suffix names, else markdown. A suffix naming
    a format this command does not write is a usage error, not a file with the wrong insides."""
    if fmt is not None:
        return fmt.lower()
    suffix = output.suffix.lower()
    if str(output) != "-" and suffix and suffix not in SUFFIXES:
        usual = {name: suffix for suffix, name in reversed(SUFFIXES.items())}
        names = ", ".join(usual[f] for f in formats)
        pdf = "; for a PDF, write .html and print it from a browser" if "html" in formats else ""
        raise click.UsageError(
            f"{output}: sciatica-plan does not write {suffix} files; name it {names}, or give "
            f"--format{pdf}"
        )
    named = SUFFIXES.get(suffix, DEFAULT_FORMAT)
    if named not in formats:
        raise click.UsageError(
            f"{output} ends in {suffix}, but this command writes {' or '.join(formats)}; "
            "choose another name or give --format"
        )
    return named


def write_output(output: Path, data: bytes, *, force: bool, what: str) -> None:
    """`data` to standard output for `-`, else to the file, whole or not at all, never over an
    existing file without --force; then 'Wrote PATH (what).' on stderr."""
    from ..files import write_atomically

    if str(output) == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    with mapped_errors():
        write_atomically(output, data, replace=force)
    from ..text import visible

    click.echo(f"Wrote {visible(str(output))} ({what}).", err=True)

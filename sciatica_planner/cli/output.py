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
    """The format the file's suffix names (no suffix: --format, else markdown); `-` takes any
    --format. A suffix naming no format this command writes, or another format than --format
    gives, is a usage error: a file's name never says something else than its insides."""
    chosen = fmt.lower() if fmt is not None else None
    if str(output) == "-":
        return chosen or DEFAULT_FORMAT
    suffix = output.suffix.lower()
    if not suffix:
        return chosen or DEFAULT_FORMAT
    named = SUFFIXES.get(suffix)
    if named is None or named not in formats:
        raise click.UsageError(_unwritten(output, suffix, named, formats))
    if chosen is not None and chosen != named:
        raise click.UsageError(
            f"--format {chosen} does not match {output}, whose suffix {suffix} means {named}; "
            f"name the file {_renamed(output, chosen)}, or leave out --format"
        )
    return named


def _renamed(output: Path, fmt: str) -> Path:
    """`output` with the usual suffix of `fmt`."""
    usual = {name: suffix for suffix, name in reversed(SUFFIXES.items())}
    return output.with_suffix(usual[fmt])


def _unwritten(output: Path, suffix: str, named: str | None, formats: tuple[str, ...]) -> str:
    """Why `output` cannot be written, and what to write instead: for a PDF, the HTML handout
    and how to print it, never another format under a .pdf name."""
    if suffix == ".pdf" and "html" in formats:
        import shlex

        page = _renamed(output, "html")
        return (
            f"{output}: sciatica-plan does not write PDF files. Write the HTML page with "
            f"-o {shlex.quote(str(page))} and print it to PDF from a browser, or convert it "
            f"with: chromium --headless --print-to-pdf={shlex.quote(str(output))} "
            f"{shlex.quote(str(page))}"
        )
    suffixes = [_renamed(output, f).suffix for f in formats]
    names = ", ".join(suffixes[:-1]) + " or " + suffixes[-1]
    if named is not None:
        return (
            f"{output} ends in {suffix}, but this command writes {' or '.join(formats)}; "
            f"name it {names}"
        )
    return f"{output}: sciatica-plan does not write {suffix} files; name it {names}"


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

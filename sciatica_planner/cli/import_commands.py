"""The import command: another database's exercises written as a catalogue of ours."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .context import echo_note, mapped_errors
from .params import OutputPathType, PathType

if TYPE_CHECKING:
    from pathlib import Path

    from ..importers.free_exercise_db import Imported


# The summary's reasons sit under "Left out N:", their counts right-aligned, as a list.
REASON_INDENT = 2


@click.group(name="import", short_help="Turn another exercise database into a catalogue.")
def import_group() -> None:
    """Turn another exercise database into a catalogue you can plan from.

    Imported exercises are never flare-safe, are marked as imported in every
    view, and were not reviewed for sciatica: ask a healthcare professional
    before trying them.

    \b
    Example:
      sciatica-plan import free-exercise-db exercises.json -o more.yaml
      sciatica-plan --catalogue more.yaml week
    """


@import_group.command(name="free-exercise-db")
@click.argument("file", type=PathType())
@click.option(
    "-o",
    "--output",
    type=OutputPathType(example="more.yaml"),
    required=True,
    help="The catalogue file to write, or - for standard output.",
)
@click.option("--force", is_flag=True, help="Replace the file if it already exists.")
@click.option(
    "--no-bundled",
    is_flag=True,
    help="Leave the bundled exercises out (warm-ups, nerve glides and flare-safe work come "
    "from them, so a week may then not plan).",
)
def free_exercise_db(file: Path, output: Path, force: bool, no_bundled: bool) -> None:
    """Import free-exercise-db's exercises.json (or any list in its shape) as a catalogue.

    Strength work and stretches for the five groups are kept, merged with the
    bundled catalogue; everything else is left out and counted on stderr.

    \b
    Example:
      sciatica-plan import free-exercise-db exercises.json -o more.yaml
      sciatica-plan validate more.yaml
      sciatica-plan --catalogue more.yaml week --equipment dumbbells
    """
    from ..catalogue import bundled_catalogue_data
    from ..files import write_atomically
    from ..importers.free_exercise_db import import_free_exercise_db
    from ..text import visible

    with mapped_errors():
        imported = import_free_exercise_db(
            file, bundled_catalogue_data(), keep_bundled=not no_bundled
        )
        if not imported.exercises:  # say what was left out, and why, before the error
            _say_summary(imported)
        text = imported.catalogue_yaml()
        if str(output) != "-":
            # The export's safe-write rules: whole or not at all, never over a file without --force.
            write_atomically(output, text.encode("utf-8"), replace=force)
    if str(output) == "-":
        click.echo(text, nl=False)
    _say_summary(imported)
    total = len(imported.bundled["exercises"]) + len(imported.exercises)
    counts = f"{total} exercises, {len(imported.exercises)} imported"
    if str(output) == "-":
        click.echo(f"Wrote the catalogue to standard output ({counts}).", err=True)
        click.echo("Save it to a file to plan from it: -o more.yaml", err=True)
        return
    shown = visible(str(output))  # a file name may hold escape sequences
    click.echo(f"Wrote {shown} ({counts}).", err=True)
    click.echo(f"Plan from it with: sciatica-plan --catalogue {shown} week", err=True)


def _summary(imported: Imported) -> tuple[list[str], list[tuple[str, str]]]:
    """How many were read and imported per group; then each reason entries were left out for,
    with its count (most first)."""
    from ..render.wording import groups as group_names
    from ..text import visible

    count, source = imported.read, visible(str(imported.path))
    lines = [f"Read {count} exercise{'s' if count != 1 else ''} from {source}."]
    groups = ", ".join(f"{group_names((g,))} {n}" for g, n in imported.per_group().items())
    lines.append(f"Imported {len(imported.exercises)}: {groups}.")
    if not imported.left_out:
        return lines, []
    lines.append(f"Left out {sum(imported.left_out.values())}:")
    width = len(str(max(imported.left_out.values())))
    by_count = sorted(imported.left_out.items(), key=lambda item: (-item[1], item[0]))
    return lines, [(f"{n:>{width}} ", reason) for reason, n in by_count]


def _say_summary(imported: Imported) -> None:
    """The summary on stderr: its lines name a file whole (to copy), and the reasons wrap to
    the terminal, a long one under its own text."""
    from ..render.terminal.layout import Hanging, Indented

    lines, reasons = _summary(imported)
    click.echo("\n".join(lines), err=True)
    if reasons:
        echo_note(Indented([Hanging(reasons)], indent=REASON_INDENT))


COMMANDS = (import_group,)

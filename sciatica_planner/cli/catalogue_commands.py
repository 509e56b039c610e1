"""Commands that read the catalogue: groups, exercises, show, validate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..vocabulary import EQUIPMENT, KINDS, LEVELS, POSITIONS
from .completion import exercise_ids
from .context import Settings, console, echo_json, load, mapped_errors, pass_settings
from .params import (
    AvoidType,
    EquipmentType,
    GroupType,
    OutputPathType,
    PathType,
    closest,
    merge_avoid,
    merge_equipment,
)

if TYPE_CHECKING:
    from pathlib import Path

    from ..models import Exercise


@click.command()
@pass_settings
def groups(settings: Settings) -> None:
    """The five muscle groups, their muscles, and why they matter.

    \b
    Example:
      sciatica-plan groups
    """
    from ..render.terminal.catalogue_views import show_groups

    show_groups(console(), load(settings))


@click.command()
@click.argument("group", type=GroupType(), required=False)
@click.option(
    "--level",
    type=click.Choice(LEVELS, case_sensitive=False),
    help="Only exercises up to this level.  [default: every level]",
)
@click.option(
    "--equipment",
    type=EquipmentType(),
    multiple=True,
    help="Only exercises you can do with this equipment (comma list or repeated; none; all). "
    " [default: any equipment]",
)
@click.option("--kind", type=click.Choice(KINDS, case_sensitive=False), help="Only this kind.")
@click.option(
    "--position",
    type=AvoidType(),
    multiple=True,
    help="Only exercises done in these positions: comma list of standing, seated, kneeling, "
    "lying; floor (kneeling and lying).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@pass_settings
def exercises(
    settings: Settings,
    group: str | None,
    level: str | None,
    equipment: tuple[tuple[str, ...], ...],
    kind: str | None,
    position: tuple[tuple[str, ...], ...],
    as_json: bool,
) -> None:
    """List exercises, for one GROUP or all of them.

    GROUP is glutes, hamstrings, quadriceps, lower-back or hip-abductors-adductors
    (or an alias such as quads, hips, adductors).

    \b
    Example:
      sciatica-plan exercises quads --equipment band
      sciatica-plan exercises --position standing,seated
    """
    from ..planning.pool import fits

    catalogue = load(settings)
    # No filter means every level and any equipment: the most the one shared filter allows.
    top = level.lower() if level else LEVELS[-1]
    gear = merge_equipment(equipment) if equipment else EQUIPMENT
    positions = merge_avoid(position) or POSITIONS
    chosen = [
        e
        for e in catalogue.exercises
        if (group is None or group in e.groups)
        and fits(e, top, gear)
        and (kind is None or e.kind == kind.lower())
        and e.position in positions
    ]
    if as_json:
        echo_json([e.model_dump(mode="json") for e in chosen])
        return
    from ..render.terminal.catalogue_views import show_exercises

    show_exercises(console(), catalogue, chosen, group)


@click.command(short_help="How to do one exercise, step by step.")
@click.argument("exercise_id", metavar="EXERCISE_ID", shell_complete=exercise_ids)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option(
    "--svg",
    "svg_path",
    type=OutputPathType(),
    help="Save the exercise's figure as SVG to this file, or - for standard output.",
)
@click.option("--force", is_flag=True, help="With --svg: replace the file if it already exists.")
@click.option("--no-figure", is_flag=True, help="Leave the drawing out of the text.")
@pass_settings
def show(
    settings: Settings,
    exercise_id: str,
    as_json: bool,
    svg_path: Path | None,
    force: bool,
    no_figure: bool,
) -> None:
    """How to do one exercise: steps, form cues, cautions, easier and harder, and its figure.

    The figure is drawn in braille characters when the output is at least 80 columns wide.

    \b
    Example:
      sciatica-plan show glute-bridge
      sciatica-plan show glute-bridge --svg glute-bridge.svg
    """
    if as_json and svg_path is not None:
        raise click.UsageError("--json and --svg cannot be used together.")
    catalogue = load(settings)
    exercise = catalogue.exercise(exercise_id.strip().lower())
    if exercise is None:
        hint = closest(exercise_id.lower(), [e.id for e in catalogue.exercises])
        raise click.BadParameter(
            f"no exercise {exercise_id!r} in the catalogue.{hint} "
            "List them with: sciatica-plan exercises",
            param_hint="EXERCISE_ID",
        )
    if as_json:
        echo_json(exercise.model_dump(mode="json"))
        return
    if svg_path is not None:
        _save_svg(exercise, svg_path, force)
        return
    from ..render.terminal.catalogue_views import show_exercise

    show_exercise(console(), catalogue, exercise, figure=not no_figure)


def _save_svg(exercise: Exercise, path: Path, force: bool) -> None:
    from ..files import write_atomically
    from ..render.svg import figure_svg
    from ..text import visible

    svg = figure_svg(exercise)
    if svg is None:
        raise click.ClickException(
            f"{exercise.id} has no figure (exercises imported from another database are not drawn)."
        )
    if str(path) == "-":
        click.echo(svg, nl=False)
        return
    with mapped_errors():
        write_atomically(path, svg.encode("utf-8"), replace=force)
    click.echo(f"Wrote {visible(str(path))} (the figure of {exercise.id}).", err=True)


@click.command(short_help="Check a catalogue file: exit 0 if valid, 1 if not.")
@click.argument("path", type=PathType())
def validate(path: Path) -> None:
    """Check a catalogue file: exit 0 if it is valid, 1 with the problem if not.

    \b
    Example:
      sciatica-plan validate my-exercises.yaml
    """
    from ..catalogue import load_catalogue
    from ..render.terminal.catalogue_views import show_validation

    with mapped_errors():
        catalogue = load_catalogue(path)
    show_validation(console(), path, catalogue)


COMMANDS = (groups, exercises, show, validate)

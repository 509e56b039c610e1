"""A clinician's prescription: `prescription new` writes one to edit, `prescription check`
validates one."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from . import context
from .context import Settings, load, mapped_errors, pass_settings
from .output import output_options, write_output
from .params import PathType, PlanRequest, plan_options

if TYPE_CHECKING:
    from pathlib import Path

    from ..models import Catalogue, Exercise
    from ..prescription import Dosed, Prescription

# The suffixes a prescription file may have: it is YAML.
SUFFIXES = (".yaml", ".yml")


@click.group(short_help="A clinician's prescription: write one, check one.")
def prescription() -> None:
    """A clinician's prescription: a YAML file naming the exercises, doses and days
    that every plan then follows (give it with --prescription FILE, or save it with
    profile set --prescription FILE).

    \b
    Example:
      sciatica-plan prescription new -o rx.yaml --days 3 --level intermediate
      sciatica-plan prescription check rx.yaml
    """


@prescription.command(short_help="Write the week the options give as a prescription to edit.")
@plan_options
@output_options
@pass_settings
def new(settings: Settings, plan: PlanRequest, output: Path, force: bool) -> None:
    """Write the week PLAN OPTIONS give as a prescription file, commented and ready
    to edit: its sessions, exercises, doses and days, a review date six weeks on.

    \b
    Example:
      sciatica-plan prescription new -o rx.yaml --days 3 --equipment band
    """
    from ..prescription import prescription_text
    from .plan_commands import build_week

    if str(output) != "-" and output.suffix.lower() not in SUFFIXES:
        raise click.UsageError(
            f"{output}: a prescription is a YAML file; name it {output.with_suffix('.yaml')}"
        )
    now = context.today()
    catalogue, week = build_week(settings, plan, plan.week_start(now))
    text = prescription_text(week, catalogue, now)
    write_output(output, text.encode("utf-8"), force=force, what="a prescription to edit")


@prescription.command(short_help="Check a prescription file: exit 0 if valid, 1 if not.")
@click.argument("path", type=PathType(dir_okay=False))
@pass_settings
def check(settings: Settings, path: Path) -> None:
    """Check a prescription file against the format and the catalogue, and say what
    it prescribes. Exit 0 if it is valid, 1 if not (the error names the line).

    \b
    Example:
      sciatica-plan prescription check rx.yaml
    """
    from ..prescription import load_prescription

    catalogue = load(settings)
    with mapped_errors():
        found = load_prescription(path, catalogue)
    for line in summary(found, catalogue):
        click.echo(line)


def summary(found: Prescription, catalogue: Catalogue) -> list[str]:
    """What a valid prescription prescribes, a line a part; free text shown inert."""
    from ..text import visible

    by_id = catalogue.by_id
    by = f" by {visible(found.by)}" if found.by else ""
    lines = [f"Valid: a prescription{by} of {found.date.isoformat()}."]
    days = found.training_days()
    lines.append(f"  days      {', '.join(days)}" if days else "  days      from the plan options")
    for letter in found.letters():
        lines.append(f"  session {letter}")
        lines += [f"    {by_id[d.id].name}: {_dose(d, by_id[d.id])}" for d in found.session(letter)]
    for key, ids in (("warm-up", found.warm_up), ("cool-down", found.cool_down)):
        shown = ", ".join(ids) if ids else "none" if ids is not None else "the planner's"
        lines.append(f"  {key:<9} {shown}")
    lines.append(f"  progress  {found.progress}")
    if found.avoid:
        lines.append(f"  avoid     {', '.join(found.avoid)}")
    if found.exclude:
        lines.append(f"  exclude   {', '.join(found.exclude)}")
    if found.review:
        lines.append(f"  review    {found.review.isoformat()}")
    if found.notes:
        lines.append(f"  notes     {visible(found.notes, limit=None)}")
    return lines


def _dose(dosed: Dosed, exercise: Exercise) -> str:
    from ..render.wording import dose

    reps, hold = dosed.reps, dosed.hold_seconds
    if reps is None and hold is None:
        reps, hold = exercise.reps, exercise.hold_seconds
    return dose(dosed.sets or exercise.sets, reps, hold, exercise.per_side)


COMMANDS = [prescription]

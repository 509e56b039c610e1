"""The catalogue in the terminal: groups, exercise lists, one exercise, a validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.text import Text

from ...text import visible
from ...vocabulary import GROUPS
from .. import wording
from .console import disclaimer_line, heading, prose, say, show
from .layout import Column, Grid, Hanging, Indented

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from rich.console import Console, RenderableType

    from ...models import Catalogue, Exercise, PlannedExercise


def show_groups(console: Console, catalogue: Catalogue) -> None:
    from rich.table import Table  # only these views use rich's tables: plans load none

    table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=True)
    table.add_column("Group", no_wrap=True, style="bold")
    table.add_column("Muscles and why they matter", ratio=1)
    for group in catalogue.groups:
        count = sum(1 for e in catalogue.exercises if group.id in e.groups)
        about = Text.assemble(
            (", ".join(group.muscles), "italic"), "\n", group.why, (f"\n{count} exercises", "dim")
        )
        table.add_row(Text.assemble(group.id, "\n", (group.name, "dim")), about)
    say(console, table)
    say(console, Text(f"From the source article: {wording.SOURCE_ARTICLE}.", style="dim"))
    say(console, disclaimer_line())


# On a narrow terminal, names wrap down to the widest id first (ids stay whole, to be copied
# into `show`), then doses, then names and ids: down to this, a word or a dose's number and unit.
NARROWEST = 8


def exercise_table(exercises: Iterable[Exercise]) -> Grid:
    """One row per exercise: its name, then its id (never wrapped, so it can be copied into
    `show`) and what it is; the dose on one line. The table is as wide as its content needs,
    up to the terminal's width."""
    exercises = list(exercises)
    ids = max((len(e.id) for e in exercises), default=10)
    table = Grid(
        (
            Column("Exercise", give=1, keep=ids, min_width=NARROWEST),
            Column("Dose", give=2, keep=NARROWEST, min_width=NARROWEST),
            Column("Flare-safe", justify="center"),
        )
    )
    for e in exercises:
        about = ", ".join((e.kind, e.level, *e.equipment))
        table.add_row(
            Text.assemble(wording.exercise_name(e), "\n", (e.id, "bold"), (f"  {about}", "dim")),
            wording.dose(e.sets, e.reps, e.hold_seconds, e.per_side),
            Text("yes", style="green") if e.flare_safe else Text("no", style="dim"),
        )
    return table


def show_exercises(
    console: Console, catalogue: Catalogue, exercises: list[Exercise], group: str | None
) -> None:
    parts: list[RenderableType] = []
    if not exercises:
        parts.append(Text("No exercises match these filters."))
    elif group is not None:
        count = f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}"
        parts += [heading(f"{catalogue.group(group).name}: {count}"), exercise_table(exercises)]
    else:
        for group_id in GROUPS:
            mine = [e for e in exercises if e.groups[0] == group_id]
            if mine:
                name = catalogue.group(group_id).name
                parts += [heading(f"{name} ({len(mine)})"), exercise_table(mine)]
    see = Text("See one exercise with: sciatica-plan show ID", style="dim")
    parts += [prose(see), prose(disclaimer_line())]
    show(console, parts)


def _steps_cues_cautions(
    dose: Text, steps: Iterable[str], cues: Iterable[str], cautions: Iterable[str], indent: int
) -> Indented:
    """The dose, numbered steps, form cues and cautions: all it takes to do the exercise."""
    parts: list[Text | Hanging] = [
        dose,
        Hanging(
            (Text(f"{number}.", style="bold"), step) for number, step in enumerate(steps, start=1)
        ),
    ]
    # The headings sit at the markers' column, so they do not read as part of the last step.
    for title, style, notes in (
        ("Form", "bold", list(cues)),
        ("Take care", "bold yellow", list(cautions)),
    ):
        if notes:
            parts.append(Text(title, style=style))
            parts.append(Hanging((Text("-", style=style), note) for note in notes))
    return Indented(parts, indent)


def exercise_details(exercise: Exercise) -> Indented:
    """A catalogue exercise: its usual dose and the range it may be planned in, then its steps."""
    limits = exercise.dose_range
    dose = Text.assemble(
        ("Dose: ", "bold"),
        wording.dose(exercise.sets, exercise.reps, exercise.hold_seconds, exercise.per_side),
        (
            f" (range {wording.dose_range(limits.sets, limits.reps, limits.hold_seconds)})",
            "dim",
        ),
        ("   Rest: ", "bold"),
        wording.rest(exercise.rest_seconds, exercise.sets),
    )
    return _steps_cues_cautions(dose, exercise.steps, exercise.cues, exercise.cautions, 0)


def planned_details(item: PlannedExercise, exercise: Exercise | None, indent: int = 0) -> Indented:
    """A planned exercise: the dose, cues and cautions the plan gives it; steps from the
    catalogue (a planned exercise does not carry them); `indent` spaces in."""
    dose = Text.assemble(
        ("Dose: ", "bold"),
        wording.planned_dose(item),
        ("   Rest: ", "bold"),
        wording.rest(item.rest_seconds, item.sets),
    )
    steps = exercise.steps if exercise is not None else ()
    return _steps_cues_cautions(dose, steps, item.cues, item.cautions, indent)


# The braille figure is drawn only where it fits beside the text (CONTRACT.md, Figures).
FIGURE_MIN_WIDTH = 80


def figure_text(exercise: Exercise, width: int) -> Text | None:
    """The exercise's braille figure, or None when it has none or the width is under 80."""
    if width < FIGURE_MIN_WIDTH or exercise.figure is None:
        return None
    from ..braille import figure_lines

    lines = figure_lines(exercise)
    return Text("\n".join(lines), no_wrap=True) if lines else None


def show_exercise(
    console: Console, catalogue: Catalogue, exercise: Exercise, figure: bool = True
) -> None:
    from rich.table import Table

    name = wording.exercise_name(exercise)
    title = Text.assemble((name, "bold"), "  ", (exercise.id, "dim"))
    if title.cell_len > console.width:  # keep the id whole, on a line of its own
        title = Text.assemble((name, "bold"), "\n", (exercise.id, "dim"))
    say(console, title)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Trains", wording.groups(exercise.groups))
    facts.add_row("Kind", exercise.kind)
    facts.add_row("Level", exercise.level)
    facts.add_row("Needs", ", ".join(exercise.equipment) or "no equipment")
    facts.add_row(
        "Position",
        exercise.position + ("; the dose is for each side" if exercise.per_side else ""),
    )
    facts.add_row(
        "Flare-safe",
        "yes: may be used on higher-pain days"
        if exercise.flare_safe
        else "no: left out when pain is 4/10 or more",
    )
    for label, target in (("Easier", exercise.easier), ("Harder", exercise.harder)):
        linked = catalogue.exercise(target) if target else None
        if linked:
            facts.add_row(label, Text.assemble(linked.name, " ", (f"({linked.id})", "dim")))
    facts.add_row(
        "Source",
        f"named in the source article, {wording.SOURCE_ARTICLE}"
        if exercise.source == "article"
        else wording.IMPORTED_MARK
        if exercise.source == "imported"
        else "added for a balanced programme",
    )
    if exercise.dose_note:
        facts.add_row("Dose from", Text(exercise.dose_note, style="dim"))
    drawing = figure_text(exercise, console.width) if figure else None
    if drawing is None:
        say(console, facts)
    else:
        beside = Table.grid(padding=(0, 2))
        beside.add_column(ratio=1)
        beside.add_column(no_wrap=True, width=max(map(len, drawing.plain.splitlines())))
        beside.add_row(facts, drawing)
        say(console, beside)
    console.print()
    say(console, exercise_details(exercise))
    console.print()
    say(console, disclaimer_line())


def show_validation(console: Console, path: Path, catalogue: Catalogue) -> None:
    from rich.table import Table

    shown = visible(str(path))  # a file name may hold escape sequences
    console.print(Text(f"{shown}: a valid catalogue with {len(catalogue.exercises)} exercises."))
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Group", no_wrap=True)
    table.add_column("Exercises", justify="right")
    table.add_column("Strength", justify="right")
    table.add_column("Flare-safe", justify="right")
    for group in catalogue.groups:
        mine = [e for e in catalogue.exercises if group.id in e.groups]
        table.add_row(
            group.id,
            str(len(mine)),
            str(sum(e.kind == "strength" for e in mine)),
            str(sum(e.flare_safe for e in mine)),
        )
    console.print(table)
    say(console, disclaimer_line())

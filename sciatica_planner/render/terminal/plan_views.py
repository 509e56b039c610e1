"""Plans in the terminal: a week, a day and a programme."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text

from ...text import visible
from ...vocabulary import PREFER_DEFAULT
from .. import wording
from .catalogue_views import planned_details
from .console import BLANK, READABLE_WIDTH, emergency_box, prose, show
from .layout import Column, Grid, Hanging, Indented, Parts, bar_chart, bullets

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from rich.console import Console, RenderableType

    from ...models import Catalogue, Day, PlannedExercise, WeekPlan


def _options_line(plan: WeekPlan) -> Parts:
    o = plan.options
    parts = [
        ",".join(o.on),
        o.level,
        ",".join(o.equipment) or "no equipment",
        f"up to {o.minutes} min",
        wording.pain_source(o.pain, o.pain_from),
    ]
    if o.prefer != PREFER_DEFAULT:
        parts.append(f"prefer {o.prefer}")
    if o.avoid:
        parts.append(f"avoiding {wording.avoided(o.avoid)}")
    if o.exclude:
        parts.append(f"{len(o.exclude)} excluded")
    parts.append(f"seed {o.seed}")
    return Parts(parts, style="dim")


def _prescription_lines(plan: WeekPlan) -> list[RenderableType]:
    """Whose prescription the week follows, and the clinician's notes: their text, inert."""
    note = plan.prescription
    if note is None:
        return []
    lines: list[RenderableType] = [
        prose(Text(visible(wording.prescribed(note), limit=None), style="bold"))
    ]
    if note.notes:
        notes = visible(note.notes, keep="\n", limit=None)
        lines.append(prose(Text(f"Notes: {notes}")))
    return lines


def _warnings(plan: WeekPlan, extra: Sequence[str] = ()) -> Hanging | None:
    """The command's notes (`extra`), the week's, then what the journal changed (the adaptation
    and its swaps)."""
    notes = [*extra, *plan.warnings]
    if plan.adaptation is not None:
        notes.append(wording.adaptation(plan.adaptation))
        notes += [change.reason for change in plan.adaptation.changes]
    if not notes:
        return None
    return bullets(notes, "bold yellow")


def _day_title(day: Day, today: dt.date | None) -> Parts:
    """The day, its length and what it trains: wrapped between phrases, never inside one."""
    parts = [Text(wording.day_heading(day.date), style="bold")]
    if day.rest:
        walk = f" - easy walk about {day.walk_minutes} min" if day.walk_minutes > 0 else ""
        parts.append(Text(f"rest day{walk}", style="dim"))
    else:
        if day.session:
            parts.append(Text(f"session {day.session}"))
        parts.append(Text(f"~{day.estimated_minutes} min"))
        parts.append(Text(wording.trains(day.groups)))
    if day.date == today:
        parts.append(Text("<- today", style="bold reverse"))
    return Parts(parts, separator="  ")


# On a narrow terminal names wrap first, down to a few words a line; then doses wrap, down to
# their number and unit ("3 x 10 s"); then names again, down to a word (a name dropped to make
# room for a dose was an old failure).
NAME_KEEP_WIDTH, EXERCISE_MIN_WIDTH, DOSE_MIN_WIDTH = 20, 12, 8
DAY_COLUMNS = (
    Column(justify="right", style="dim"),
    Column("Exercise", give=1, keep=NAME_KEEP_WIDTH, min_width=EXERCISE_MIN_WIDTH),
    Column("Dose", give=2, keep=DOSE_MIN_WIDTH, min_width=DOSE_MIN_WIDTH),
    Column("Rest", optional=True),
)


def _day_table(day: Day, pain: int, explain: bool = False) -> Grid:
    """One row per exercise, under a heading row for each block (warm-up, main, cool-down),
    with why it is there under it when `explain`. The table is as wide as its content needs;
    on a narrow terminal names wrap first, then doses."""
    table = Grid(DAY_COLUMNS)
    index = 0
    for block, items in wording.blocks(day.exercises):
        table.add_row("", Text(wording.block_label(block, pain), style="bold dim"), "", "")
        for item in items:
            index += 1
            table.add_row(
                str(index),
                Text(wording.exercise_name(item)),
                wording.planned_dose(item),
                wording.rest(item.rest_seconds, item.sets),
            )
            if explain and item.why:
                table.add_row("", Text(item.why, style="dim"), "", "")
    return table


# The lines a 24-row terminal has for the session's numbered list at the end of `today`: the
# 5-line emergency box, a heading and a blank line take the rest.
SUMMARY_ROWS = 17
# A name cut shorter than this would no longer say which exercise it is.
SUMMARY_NAME_MIN = 12


def session_summary(
    day: Day, rows: int | None = None, width: int = READABLE_WIDTH, *, whole_names: bool = False
) -> Grid:
    """The session as a numbered list of names, doses and rests: the whole day at a glance.

    One exercise a line (a long name is cut with an ellipsis, never wrapped); more exercises
    than `rows` go in two columns without the rests, so a long session still fits its screen,
    when `width` has room for two (else one long list). With `whole_names` (the guide's first
    screen, whose cards give each rest) a name is never cut: a long one wraps, the rests are
    left out to give the names room, and two columns are used only where every name fits
    whole."""
    cells = [_summary_cells(number, item) for number, item in enumerate(day.exercises, start=1)]
    name = Column(give=1, cut=not whole_names, keep=SUMMARY_NAME_MIN, min_width=SUMMARY_NAME_MIN)
    one = [
        Column(justify="right", style="dim"),
        name,
        Column(),
        Column(style="dim", optional=True),
    ]
    if rows is not None and len(cells) > rows:
        side = [one[0], Column() if whole_names else name, one[2]]  # whole: never giving way
        two = Grid([*side, Column(), *side], gap=1)  # the empty column: a gutter
        half = (len(cells) + 1) // 2
        left, right = cells[:half], cells[half:]
        right += [("", "", "", "")] * (len(left) - len(right))
        for mine, other in zip(left, right, strict=True):
            two.add_row(*mine[:3], "", *other[:3])
        if two.fits(width):
            return two
    shown = 3 if whole_names else len(one)
    table = Grid(one[:shown], gap=1)
    for cell in cells:
        table.add_row(*cell[:shown])
    return table


def _summary_cells(number: int, item: PlannedExercise) -> tuple[Text | str, ...]:
    rest = wording.rest(item.rest_seconds, item.sets)
    return (
        f"{number}.",
        Text(wording.exercise_name(item)),
        wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side),
        f"rest {rest}" if rest != "-" else "",
    )


def _balance(plan: WeekPlan, width: int) -> Grid:
    sets = plan.weekly_sets.items()
    return bar_chart([([wording.GROUP_LABELS[group]], count) for group, count in sets], width)


def show_week(
    console: Console,
    plan: WeekPlan,
    catalogue: Catalogue,
    today: dt.date,
    explain: bool = False,
    notes: Sequence[str] = (),
) -> None:
    end = plan.start + dt.timedelta(days=6)
    title = f"Your week: {wording.day_heading(plan.start)} to {wording.day_heading(end)}"
    parts: list[RenderableType] = [
        Text(f"{title} {end.year}", style="bold"),
        prose(_options_line(plan)),
        *_prescription_lines(plan),
    ]
    warnings = _warnings(plan, notes)
    if warnings:
        parts.append(prose(warnings))
    for day in plan.days:
        parts += [BLANK, _day_title(day, today)]
        if not day.rest:
            parts.append(_day_table(day, plan.options.pain, explain))
    parts.append(BLANK)
    # A flare-up routine has no strength work, so no chart of strength sets either.
    if not wording.flare_up(plan.options.pain):
        parts.append(Text("Strength sets this week, per group", style="bold"))
        parts += [_balance(plan, console.width), BLANK]
    steps = "Steps for each exercise: sciatica-plan today, or sciatica-plan show ID"
    parts += [prose(Text(steps, style="dim")), prose(emergency_box())]
    show(console, parts)


def _rest_day(day: Day, next_day: tuple[Day, bool] | None) -> Iterable[Text]:
    if day.walk_minutes > 0:
        yield Text(f"A rest day: {wording.walk(day.walk_minutes)} is suggested.")
    else:
        yield Text("A rest day: no session planned. Gentle walking is fine.")
    if next_day is not None:
        upcoming, next_week = next_day
        trains = wording.groups(upcoming.groups) if upcoming.groups else "gentle work"
        yield Text(
            f"Next training day: {wording.long_date(upcoming.date)}"
            f"{' (next week)' if next_week else ''}: {trains}."
        )


def show_day(
    console: Console,
    plan: WeekPlan,
    day: Day,
    catalogue: Catalogue,
    today: dt.date,
    next_day: tuple[Day, bool] | None,
    explain: bool = False,
    notes: Sequence[str] = (),
) -> None:
    parts: list[RenderableType] = [
        prose(_day_title(day, today)),
        prose(_options_line(plan)),
        *_prescription_lines(plan),
    ]
    warnings = _warnings(plan, notes)
    if warnings:
        parts.append(prose(warnings))
    if day.rest:
        parts.append(BLANK)
        parts += [prose(line) for line in _rest_day(day, next_day)]
    pain = plan.options.pain
    index = 0
    for block, items in wording.blocks(day.exercises):
        parts += [BLANK, Text(wording.block_label(block, pain), style="bold underline")]
        for item in items:
            index += 1
            about = f"{wording.kind(item.kind, pain)}, {item.position}, {item.id}"
            name = wording.exercise_name(item)
            parts += [
                BLANK,
                Text.assemble((f"{index}. {name}", "bold"), "  ", (about, "dim")),
            ]
            if explain and item.why:
                why = Hanging([(Text("Why:", style="bold"), Text(item.why, style="dim"))])
                parts.append(prose(Indented([why], indent=3)))
            parts.append(prose(planned_details(item, catalogue.exercise(item.id), indent=3)))
    if day.exercises:  # the last screenful: the whole session, numbered as above
        heading = f"The session in order: {len(day.exercises)} exercises, about "
        parts += [
            BLANK,
            prose(Text(heading + f"{day.estimated_minutes} min", style="bold")),
            prose(session_summary(day, SUMMARY_ROWS, min(console.width, READABLE_WIDTH))),
        ]
    parts += [BLANK, prose(emergency_box())]
    show(console, parts)


def show_program(
    console: Console, plans: list[WeekPlan], catalogue: Catalogue, today: dt.date
) -> None:
    """One line a week (its theme and a bar of its strength volume), then the first week."""
    from ...progression import volume

    first, last = plans[0].start, plans[-1].start + dt.timedelta(days=6)
    weeks = f"{len(plans)} week{'s' if len(plans) != 1 else ''}"
    span = f"{wording.day_heading(first)} to {wording.day_heading(last)} {last.year}"
    # The theme before the date: on a narrow terminal the chart leaves out its last labels first.
    rows = [
        (
            [f"Week {plan.week_of_program}", plan.theme or "", wording.day_heading(plan.start)],
            volume(plan),
        )
        for plan in plans
    ]
    about = "Strength volume: sets x repetitions, a hold's seconds counted at one per 3 s."
    parts: list[RenderableType] = [
        Text(f"Your programme: {weeks}, {span}", style="bold"),
        BLANK,
        bar_chart(rows, console.width),
        prose(Text(about, style="dim")),
        BLANK,
    ]
    show(console, parts)
    show_week(console, plans[0], catalogue, today)


# -- the journal: history and one entry --------------------------------------------------------

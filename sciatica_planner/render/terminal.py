"""Terminal views, drawn with rich. Catalogue text is always shown literally, never as markup."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .. import safety
from ..vocabulary import GROUPS, PREFER_DEFAULT
from . import wording

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from ..models import Catalogue, Day, Exercise, PlannedExercise, WeekPlan

MAX_WIDTH = 80
BAR_WIDTH = 30


def make_console(file: object = None) -> Console:
    """A console for one command: at most 80 columns, no markup, emoji or highlighting."""
    console = Console(file=file, markup=False, emoji=False, highlight=False)  # type: ignore[arg-type]
    console.width = min(console.width, MAX_WIDTH)
    return console


def _heading(text: str) -> Text:
    return Text(text, style="bold")


def disclaimer() -> Panel:
    return Panel(
        Text(safety.DISCLAIMER),
        title=Text("Please read", style="bold"),
        title_align="left",
        box=box.ROUNDED,
        border_style="yellow",
    )


def red_flags() -> Panel:
    lines = Group(
        _Hanging((Text("!", style="bold red"), flag) for flag in safety.RED_FLAGS),
        Text(""),
        Text(safety.SEE_A_CLINICIAN, style="dim"),
    )
    return Panel(
        lines,
        title=Text(safety.RED_FLAGS_TITLE, style="bold red"),
        title_align="left",
        box=box.ROUNDED,
        border_style="red",
    )


def show_groups(console: Console, catalogue: Catalogue) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=True)
    table.add_column("Group", no_wrap=True, style="bold")
    table.add_column("Muscles and why they matter", ratio=1)
    for group in catalogue.groups:
        count = sum(1 for e in catalogue.exercises if group.id in e.groups)
        about = Text.assemble(
            (", ".join(group.muscles), "italic"), "\n", group.why, (f"\n{count} exercises", "dim")
        )
        table.add_row(Text.assemble(group.id, "\n", (group.name, "dim")), about)
    console.print(table)
    console.print(disclaimer())


def exercise_table(exercises: Iterable[Exercise]) -> Table:
    """One row per exercise; the id never wraps, so it can be copied into `show`."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("Id", no_wrap=True, style="bold")
    table.add_column("Exercise", ratio=3)
    table.add_column("Dose", ratio=2)
    table.add_column("Flare-safe", no_wrap=True, justify="center")
    for e in exercises:
        about = ", ".join((e.kind, e.level, *e.equipment))
        table.add_row(
            e.id,
            Text.assemble(e.name, "\n", (about, "dim")),
            wording.dose(e.sets, e.reps, e.hold_seconds, e.per_side),
            Text("yes", style="green") if e.flare_safe else Text("no", style="dim"),
        )
    return table


def show_exercises(
    console: Console, catalogue: Catalogue, exercises: list[Exercise], group: str | None
) -> None:
    if not exercises:
        console.print(Text("No exercises match these filters."))
    elif group is not None:
        count = f"{len(exercises)} exercise{'s' if len(exercises) != 1 else ''}"
        console.print(_heading(f"{catalogue.group(group).name}: {count}"))
        console.print(exercise_table(exercises))
    else:
        for group_id in GROUPS:
            mine = [e for e in exercises if e.groups[0] == group_id]
            if mine:
                console.print(_heading(f"{catalogue.group(group_id).name} ({len(mine)})"))
                console.print(exercise_table(mine))
    console.print(Text("See one exercise with: sciatica-plan show ID", style="dim"))
    console.print(disclaimer())


class _Hanging:
    """Marked lines whose wrapped text stays indented under itself, not under the marker.

    A two-column grid would do the same, but a table measures every cell first, and `today`
    shows dozens of these lines: wrapping each text once is several times cheaper.
    """

    def __init__(self, rows: Iterable[tuple[Text | str, Text | str]]) -> None:
        self.rows = [
            (
                Text(mark) if isinstance(mark, str) else mark,
                Text(item) if isinstance(item, str) else item,
            )
            for mark, item in rows
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max((mark.cell_len for mark, _ in self.rows), default=0) + 1
        width = max(options.max_width - indent, 10)
        for mark, item in self.rows:
            for number, line in enumerate(item.wrap(console, width)):
                head = mark.copy() if number == 0 else Text()
                head.append(" " * (indent - head.cell_len))
                yield Text.assemble(head, line)


def _bullets(items: Iterable[str], style: str = "") -> _Hanging:
    return _Hanging((Text("-", style=style or "bold"), item) for item in items)


def _steps_cues_cautions(
    dose: Text, steps: Iterable[str], cues: Iterable[str], cautions: Iterable[str]
) -> Group:
    """The dose, numbered steps, form cues and cautions: all it takes to do the exercise."""
    rows: list[tuple[Text | str, Text | str]] = [
        (Text(f"{number}.", style="bold"), step) for number, step in enumerate(steps, start=1)
    ]
    cues, cautions = list(cues), list(cautions)
    if cues:
        rows.append(("", Text("Form", style="bold")))
        rows += [(Text("-", style="bold"), cue) for cue in cues]
    if cautions:
        rows.append(("", Text("Take care", style="bold yellow")))
        rows += [(Text("-", style="bold yellow"), caution) for caution in cautions]
    return Group(dose, _Hanging(rows))


def exercise_details(exercise: Exercise) -> Group:
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
    return _steps_cues_cautions(dose, exercise.steps, exercise.cues, exercise.cautions)


def planned_details(item: PlannedExercise, exercise: Exercise | None) -> Group:
    """A planned exercise: the dose, cues and cautions the plan gives it; steps from the
    catalogue (a planned exercise does not carry them)."""
    dose = Text.assemble(
        ("Dose: ", "bold"),
        wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side),
        ("   Rest: ", "bold"),
        wording.rest(item.rest_seconds, item.sets),
    )
    steps = exercise.steps if exercise is not None else ()
    return _steps_cues_cautions(dose, steps, item.cues, item.cautions)


def show_exercise(console: Console, catalogue: Catalogue, exercise: Exercise) -> None:
    title = Text.assemble((exercise.name, "bold"), "  ", (exercise.id, "dim"))
    if title.cell_len > console.width:  # keep the id whole, on a line of its own
        title = Text.assemble((exercise.name, "bold"), "\n", (exercise.id, "dim"))
    console.print(title)
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
        "named in the source article"
        if exercise.source == "article"
        else "added for a balanced programme",
    )
    if exercise.dose_note:
        facts.add_row("Dose from", Text(exercise.dose_note, style="dim"))
    console.print(facts)
    console.print()
    console.print(exercise_details(exercise))
    console.print()
    console.print(disclaimer())
    console.print(red_flags())


def show_validation(console: Console, path: Path, catalogue: Catalogue) -> None:
    console.print(Text(f"{path}: a valid catalogue with {len(catalogue.exercises)} exercises."))
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


class _Parts:
    """Short phrases joined by ' | ', wrapped between phrases only, never inside one."""

    SEPARATOR = " | "

    def __init__(self, parts: Iterable[str], style: str = "") -> None:
        self.parts = list(parts)
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = ""
        for part in self.parts:
            joined = f"{line}{self.SEPARATOR}{part}" if line else part
            if line and len(joined) > options.max_width:
                yield Text(line, style=self.style)
                joined = part
            line = joined
        if line:
            yield Text(line, style=self.style)


def _options_line(plan: WeekPlan) -> _Parts:
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
    parts.append(f"seed {o.seed}")
    return _Parts(parts, style="dim")


def _warnings(plan: WeekPlan) -> _Hanging | None:
    """The week's notes, then what the journal changed (the adaptation and its swaps)."""
    notes = list(plan.warnings)
    if plan.adaptation is not None:
        notes.append(wording.adaptation(plan.adaptation))
        notes += [change.reason for change in plan.adaptation.changes]
    if not notes:
        return None
    return _bullets(notes, "bold yellow")


def _day_title(day: Day, today: dt.date | None) -> Text:
    title = Text(wording.day_heading(day.date), style="bold")
    if day.rest:
        walk = f" - easy walk about {day.walk_minutes} min" if day.walk_minutes > 0 else ""
        title.append(f"  rest day{walk}", style="dim")
    else:
        trains = wording.groups(day.groups) if day.groups else "gentle work only"
        title.append(f"  ~{day.estimated_minutes} min  {trains}", style="")
    if day.date == today:
        title.append("  <- today", style="bold reverse")
    return title


def _day_table(day: Day, pain: int) -> Table:
    """One row per exercise, under a heading row for each block (warm-up, main, cool-down)."""
    table = Table(box=box.SIMPLE, pad_edge=False, show_header=True, expand=True)
    table.add_column("", no_wrap=True, style="dim")
    table.add_column("Exercise", ratio=1)
    table.add_column("Type", no_wrap=True, style="dim")
    table.add_column("Dose", no_wrap=True)
    table.add_column("Rest", no_wrap=True)
    index = 0
    for block, items in wording.blocks(day.exercises):
        table.add_row("", Text(wording.BLOCK_LABELS.get(block, block), style="bold dim"))
        for item in items:
            index += 1
            table.add_row(
                str(index),
                Text(item.name),
                wording.kind(item.kind, pain),
                wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side),
                wording.rest(item.rest_seconds, item.sets),
            )
    return table


def _balance(plan: WeekPlan) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    top = max(plan.weekly_sets.values(), default=0) or 1
    for group, sets in plan.weekly_sets.items():
        bar = "#" * max(1 if sets else 0, round(sets / top * BAR_WIDTH))
        table.add_row(wording.GROUP_LABELS[group], Text(bar, style="cyan"), str(sets))
    return table


def show_week(console: Console, plan: WeekPlan, catalogue: Catalogue, today: dt.date) -> None:
    end = plan.start + dt.timedelta(days=6)
    console.print(
        Text(
            f"Your week: {wording.day_heading(plan.start)} to {wording.day_heading(end)} "
            f"{end.year}",
            style="bold",
        )
    )
    console.print(_options_line(plan))
    console.print(disclaimer())
    warnings = _warnings(plan)
    if warnings:
        console.print(warnings)
    for day in plan.days:
        console.print()
        console.print(_day_title(day, today))
        if not day.rest:
            console.print(_day_table(day, plan.options.pain))
    console.print()
    # A flare-up routine has no strength work, so no chart of strength sets either.
    if not wording.flare_up(plan.options.pain):
        console.print(Text("Strength sets this week, per group", style="bold"))
        console.print(Padding(_balance(plan), (0, 0, 1, 2)))
    console.print(
        Text("Steps for each exercise: sciatica-plan today, or sciatica-plan show ID", style="dim")
    )
    console.print(red_flags())


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
) -> None:
    console.print(_day_title(day, today))
    console.print(_options_line(plan))
    console.print(disclaimer())
    warnings = _warnings(plan)
    if warnings:
        console.print(warnings)
    if day.rest:
        console.print()
        for line in _rest_day(day, next_day):
            console.print(line)
    index = 0
    for block, items in wording.blocks(day.exercises):
        console.print()
        console.print(Text(wording.BLOCK_LABELS.get(block, block), style="bold underline"))
        for item in items:
            index += 1
            about = f"{wording.kind(item.kind, plan.options.pain)}, {item.position}, {item.id}"
            console.print()
            console.print(Text.assemble((f"{index}. {item.name}", "bold"), "  ", (about, "dim")))
            details = planned_details(item, catalogue.exercise(item.id))
            console.print(Padding(details, (0, 0, 0, 3)))
    console.print()
    console.print(red_flags())


def show_program(
    console: Console, plans: list[WeekPlan], catalogue: Catalogue, today: dt.date
) -> None:
    """One line a week (its theme and a bar of its strength volume), then the first week."""
    from ..progression import volume

    first, last = plans[0].start, plans[-1].start + dt.timedelta(days=6)
    console.print(
        Text(
            f"Your programme: {len(plans)} week{'s' if len(plans) != 1 else ''}, "
            f"{wording.day_heading(first)} to {wording.day_heading(last)} {last.year}",
            style="bold",
        )
    )
    volumes = [volume(plan) for plan in plans]
    top = max(volumes) or 1
    table = Table.grid(padding=(0, 1))
    for _ in range(4):
        table.add_column(no_wrap=True)
    table.add_column(justify="right", no_wrap=True)
    for plan, amount in zip(plans, volumes, strict=True):
        table.add_row(
            f"Week {plan.week_of_program}",
            wording.day_heading(plan.start),
            plan.theme or "",
            Text("#" * max(1, round(amount / top * BAR_WIDTH)), style="cyan"),
            str(round(amount)),
        )
    console.print(Padding(table, (1, 0, 0, 2)))
    console.print(
        Text(
            "Strength volume: sets x repetitions, a hold's seconds counted at one per 3 s.",
            style="dim",
        )
    )
    console.print()
    show_week(console, plans[0], catalogue, today)


# -- the journal: history and one entry --------------------------------------------------------

if TYPE_CHECKING:
    from ..journal import Entry
    from ..trend import Summary

CHART_LABEL = "10 | "  # the width of the pain axis left of the chart's columns
SPREADING_WORDS = "symptoms spreading further down the leg"


def _literal(text: str) -> str:
    """Journal text as typed, with control characters shown as \\xNN instead of run.

    A note is data: an escape sequence in it must not recolour or clear the user's terminal.
    """
    return "".join(
        ch if ch == "\n" or not (ord(ch) < 32 or 127 <= ord(ch) < 160) else f"\\x{ord(ch):02x}"
        for ch in text
    )


def _short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def _pain_chart(entries: list[Entry], summary: Summary, width: int) -> tuple[list[Text], Text]:
    """Pain per day as columns of '#' on a 0-10 axis, readable without colour; and its legend."""
    from ..trend import pain_columns

    room = width - len(CHART_LABEL)
    columns = pain_columns(entries, summary.start, summary.end, room)
    days = (columns[0].last - columns[0].first).days + 1
    per = "day" if days == 1 else f"{days} days"
    step = 2 if len(columns) * 2 <= room else 1  # a gap between columns when they fit
    lines = [Text(f"Pain per {per}, 0-10", style="bold")]
    for level in range(10, -1, -1):
        line = Text(f"{level:>2} | ", style="dim")
        for column in columns:
            height = column.level
            if height is None:
                line.append("." if level == 0 else " ", style="dim")
            else:
                line.append("#" if level <= height else " ", style="cyan")
            line.append(" " * (step - 1))
        line.rstrip()
        lines.append(line)
    span = len(columns) * step - (step - 1)
    lines.append(Text("   +" + "-" * (span + 1), style="dim"))
    first, last = _short_date(columns[0].first), _short_date(columns[-1].last)
    if len(columns) == 1:
        labels = first
    elif span >= len(first) + 1 + len(last):
        labels = first + last.rjust(span - len(first))  # under the first and the last column
    else:
        labels = f"{first} to {last}"
    lines.append(Text(" " * len(CHART_LABEL) + labels, style="dim"))
    legend = Text(f"# pain, the mean of the entries in each {per};  . no entry", style="dim")
    return lines, legend


def _trend_line(summary: Summary) -> Text:
    from ..trend import TREND_CHANGE, TREND_WINDOW_DAYS

    if summary.trend is None:
        return Text(
            "Trend: not known yet; it needs entries in each of the last two weeks.", style="dim"
        )
    style = {"improving": "bold green", "worsening": "bold yellow"}.get(summary.trend, "bold")
    return Text.assemble(
        "Trend: ",
        (summary.trend, style),
        f" ({summary.last_week_average}/10 in the last {TREND_WINDOW_DAYS} days, "
        f"{summary.previous_week_average}/10 in the {TREND_WINDOW_DAYS} before).\n",
        (f"Improving or worsening means a change of {TREND_CHANGE} point or more.", "dim"),
    )


def show_history(console: Console, entries: list[Entry], summary: Summary) -> None:
    """The journal's entries over a period: a table, a pain chart, the average and the trend."""
    console.print(
        Text(
            f"Your journal: {_short_date(summary.start)} {summary.start.year} to "
            f"{_short_date(summary.end)} {summary.end.year} (the last {summary.days} days)",
            style="bold",
        )
    )
    if not entries:
        console.print(
            Text(
                f"No entries in the last {summary.days} days. Log a session with: "
                "sciatica-plan log --pain N"
            )
        )
        return
    # The Spread column appears only when an entry in the period was logged with --spreading,
    # so a journal that never used it keeps its room for the exercises and notes.
    spread = any(entry.spreading for entry in entries)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("No.", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Pain", justify="right", no_wrap=True)
    if spread:
        table.add_column("Spread", no_wrap=True, style="bold")
    table.add_column("Done", ratio=1, overflow="fold")
    table.add_column("Note", ratio=1, overflow="fold")
    for entry in entries:
        cells: list[Text | str] = [str(entry.id), entry.date.isoformat(), f"{entry.pain}/10"]
        if spread:
            cells.append("yes" if entry.spreading else "")
        cells += [Text(", ".join(entry.done) or "-"), Text(_literal(entry.note or ""))]
        table.add_row(*cells)
    console.print(table)
    if spread:
        console.print(Text(f"Spread: yes marks {SPREADING_WORDS}.", style="dim"))
    chart, legend = _pain_chart(entries, summary, console.width)
    for line in chart:
        console.print(line, no_wrap=True, overflow="crop")
    console.print(legend)
    console.print()
    console.print(
        Text(
            f"Average pain: {summary.average}/10 over {summary.count} "
            f"{'entry' if summary.count == 1 else 'entries'}."
        )
    )
    console.print(_trend_line(summary))
    console.print(Text("Delete a mistaken entry with: sciatica-plan forget NUMBER", style="dim"))
    console.print(disclaimer())


def show_entry(console: Console, entry: Entry) -> None:
    """One journal entry in full, as `forget` shows it before asking."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Entry", str(entry.id))
    facts.add_row("Date", wording.long_date(entry.date))
    facts.add_row("Pain", f"{entry.pain}/10" + (f", {SPREADING_WORDS}" if entry.spreading else ""))
    facts.add_row("Done", Text(", ".join(entry.done) or "-"))
    facts.add_row("Note", Text(_literal(entry.note) if entry.note is not None else "-"))
    console.print(facts)

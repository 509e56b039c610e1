"""The journal in the terminal: history with its pain chart, and one entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ...text import visible
from .. import wording
from .console import disclaimer

if TYPE_CHECKING:
    import datetime as dt

    from rich.console import Console

    from ...journal import Entry
    from ...trend import Summary


ELLIPSIS = "\u2026"
CHART_LABEL = "10 | "  # the width of the pain axis left of the chart's columns
SPREADING_WORDS = "symptoms spreading further down the leg"


# The widest exercise id the Done column keeps on one line (ids are at most 40 characters): an
# id folded in the middle reads as two exercises.
DONE_ID_MAX = 40
# The narrowest Note column worth keeping the ids whole for: below it, the two share equally.
NOTE_MIN = 8


def _note(text: str) -> Text:
    """A note as typed, inert: a tab reads as a space, line breaks stay, and every other control
    or hidden character is shown as an escape (\\x1b, <U+202E>) instead of acting."""
    return Text(visible(text.replace("\t", " "), keep="\n", limit=None))


def _done(entry: Entry) -> Text:
    """The exercises done, each with how it felt where said ("bird-dog (easy)"), and any
    exercise said to have felt so without being logged as done."""
    felt = dict(entry.felt)
    named = list(entry.done) + [e for e in felt if e not in entry.done]
    return Text(
        ", ".join(
            visible(each, limit=None) + (f" ({felt[each]})" if each in felt else "")
            for each in named
        )
        or "-"
    )


def _done_width(entries: list[Entry], width: int, spread: bool) -> dict[str, int]:
    """Done and Note share the room equally, except that Done is never narrower than its
    longest id (folded in the middle, one id reads as two): then it takes that much."""
    longest = max((len(visible(e, limit=None)) for entry in entries for e in entry.done), default=1)
    longest = min(longest, DONE_ID_MAX) + len(",")  # the comma after an id stays with it
    number = max(len("No."), len(str(max(entry.id for entry in entries))))
    fixed = [number, len("2026-11-26"), len("10/10")]
    fixed += [len("Spread")] if spread else []
    columns = len(fixed) + 2
    # The light box draws an edge each side and one space between columns, and each column is
    # padded by one space each side except at the table's edges.
    room = width - sum(fixed) - (2 + (columns - 1) + 2 * (columns - 1))
    if longest <= room // 2 or room - longest < NOTE_MIN:
        return {"ratio": 1}
    return {"ratio": longest, "note_ratio": room - longest}


def _short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b}"


def _pain_chart(entries: list[Entry], summary: Summary, width: int) -> tuple[list[Text], Text]:
    """Pain per day as columns of '#' on a 0-10 axis, readable without colour; and its legend."""
    from ...trend import pain_columns

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
    from ...trend import TREND_CHANGE, TREND_WINDOW_DAYS

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


def _ordinals(entries: list[Entry]) -> dict[int, int]:
    """Each entry's place among the entries of its day (1 for the first), by entry number."""
    seen: dict[dt.date, int] = {}
    places = {}
    for entry in sorted(entries, key=lambda e: (e.date, e.id)):
        seen[entry.date] = seen.get(entry.date, 0) + 1
        places[entry.id] = seen[entry.date]
    return places


def _place(number: int) -> str:
    return {2: "2nd", 3: "3rd"}.get(number, f"{number}th")


def _cell(text: str, width: int) -> str:
    """`text` on one line in `width` cells: line breaks and tabs read as spaces, controls and
    hidden characters as escapes, and a text too long ends with an ellipsis."""
    from rich.cells import cell_len, set_cell_size

    shown = visible(" ".join(text.split()), limit=None)
    if cell_len(shown) <= width:
        return shown
    return set_cell_size(shown, max(0, width - 1)).rstrip() + ELLIPSIS


def _compact_table(entries: list[Entry], width: int, future: set[int]) -> tuple[list[str], bool]:
    """One line per entry within `width` columns: number, date, pain (leg and back where
    any entry has them), spreading where any entry has it, how many exercises, and the note
    cut to the room left. Built as plain lines: rich's table costs seconds at 10,000 rows.
    Also whether any entry was a later one of its day."""
    places = _ordinals(entries)
    later = any(place > 1 for place in places.values())
    apart = any(e.leg is not None or e.back is not None for e in entries)
    spread = any(e.spreading for e in entries)
    number = max(len("No."), len(str(max(e.id for e in entries))))
    date_width = len("2026-11-26") + (len(" 2nd") if later else 0)
    if future:
        date_width = max(date_width, len("2026-11-26 future"))
    columns: list[tuple[str, int, bool]] = [("No.", number, True), ("Date", date_width, False)]
    columns.append(("Pain", len("10/10"), True))
    if apart:
        columns += [("Leg", len("Leg"), True), ("Back", len("Back"), True)]
    if spread:
        columns.append(("Spread", len("Spread"), False))
    columns.append(("Done", len("Done"), True))
    used = sum(w for _, w, _ in columns) + 2 * len(columns) + 1
    note_width = max(len("Note"), width - used)
    columns.append(("Note", note_width, False))

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(w) if right else cell.ljust(w)
            for cell, (_, w, right) in zip(cells, columns, strict=True)
        ]
        return (" " + "  ".join(parts)).rstrip()

    lines = [line([name for name, _, _ in columns])]
    lines.append(" " + "─" * (min(width, used + note_width) - 1))
    for entry in entries:
        day = entry.date.isoformat()
        if entry.id in future:
            day += " future"
        elif places[entry.id] > 1:
            day += " " + _place(places[entry.id])
        cells = [str(entry.id), day, f"{entry.pain}/10"]
        if apart:
            cells += [_number(entry.leg), _number(entry.back)]
        if spread:
            cells.append("yes" if entry.spreading else "")
        cells += [str(len(entry.done)) if entry.done else "-", _cell(entry.note or "", note_width)]
        lines.append(line(cells))
    return lines, later


def _number(value: int | None) -> str:
    return "-" if value is None else str(value)


def show_history(
    console: Console,
    entries: list[Entry],
    summary: Summary,
    *,
    long: bool = False,
    counted: list[Entry] | None = None,
    future: tuple[Entry, ...] = (),
) -> None:
    """The journal's entries over a period: one line each (`long`: a table with the exercises
    and how they felt), a pain chart, the average and the trend. `counted`: the entries as the
    summary counts them (an entry dated after today counted as today's), for the chart;
    `future`: those entries, named under the table."""
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
    spread = any(entry.spreading for entry in entries)
    if long:
        _long_table(console, entries)
    else:
        lines, later = _compact_table(entries, console.width, {e.id for e in future})
        # Plain lines, every character already inert (text.visible) and every line within
        # the width: written as they are, since rich's layout of 10,000 lines took 0.4 s.
        console.file.write("\n".join(lines) + "\n")
        console.print(
            Text("Done: exercises done (their ids: history --long, --json or --csv).", style="dim")
        )
        if later:
            console.print(Text("2nd: a second entry on the same day; each counts.", style="dim"))
    if spread:
        console.print(Text(f"Spread: yes marks {SPREADING_WORDS}.", style="dim"))
    for entry in future:
        console.print(
            Text(
                f"Entry {entry.id} is dated {entry.date}, after today ({summary.end}): it is "
                "counted as today's here and in your plan. If its date is wrong: "
                f"sciatica-plan forget {entry.id}, then log it again.",
                style="yellow",
            )
        )
    chart, legend = _pain_chart(counted if counted is not None else entries, summary, console.width)
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


def _long_table(console: Console, entries: list[Entry]) -> None:
    """Every entry in full: the exercises done (and how each felt) and the whole note."""
    # The Spread column appears only when an entry in the period was logged with --spreading,
    # so a journal that never used it keeps its room for the exercises and notes.
    spread = any(entry.spreading for entry in entries)
    apart = any(e.leg is not None or e.back is not None for e in entries)
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    table.add_column("No.", justify="right", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    table.add_column("Pain", justify="right", no_wrap=True)
    if apart:
        table.add_column("Leg", justify="right", no_wrap=True)
        table.add_column("Back", justify="right", no_wrap=True)
    if spread:
        table.add_column("Spread", no_wrap=True, style="bold")
    shares = _done_width(entries, console.width, spread)
    table.add_column("Done", ratio=shares["ratio"], overflow="fold")
    table.add_column("Note", ratio=shares.get("note_ratio", 1), overflow="fold")
    for entry in entries:
        cells: list[Text | str] = [str(entry.id), entry.date.isoformat(), f"{entry.pain}/10"]
        if apart:
            cells += [_number(entry.leg), _number(entry.back)]
        if spread:
            cells.append("yes" if entry.spreading else "")
        cells += [_done(entry), _note(entry.note or "")]
        table.add_row(*cells)
    console.print(table)


def show_entry(console: Console, entry: Entry) -> None:
    """One journal entry in full, as `forget` shows it before asking."""
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    facts.add_row("Entry", str(entry.id))
    facts.add_row("Date", wording.long_date(entry.date))
    facts.add_row("Pain", f"{entry.pain}/10" + (f", {SPREADING_WORDS}" if entry.spreading else ""))
    if entry.leg is not None or entry.back is not None:
        facts.add_row("Leg, back", f"{_number(entry.leg)}, {_number(entry.back)}")
    facts.add_row("Done", _done(entry))
    facts.add_row("Note", _note(entry.note) if entry.note is not None else Text("-"))
    console.print(facts)

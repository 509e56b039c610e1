"""Laying out lines for the terminal: wrapping, columns, indented and hanging text, bar charts.

rich's Table and Padding do all this and more, but measure every cell and line several times
over; these do the plain-text layouts of our views once (docs/benchmarks.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple

from rich.cells import cell_len
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from rich.console import Console, ConsoleOptions, RenderResult

# Bars are as long as the terminal allows, up to BAR_WIDTH; never so short they stop comparing.
BAR_WIDTH, BAR_MIN_WIDTH = 30, 5
CHART_INDENT = 2  # a chart sits under its heading, two spaces in


def wrap(text: Text, console: Console, width: int) -> list[Text]:
    """`text` wrapped to `width` cells, as rich's Text.wrap does it. Most text here is one
    style of plain ASCII words: that is wrapped directly, at a fraction of rich's cost (which
    measures each word's cells and splits the text's styles at every break)."""
    plain = text.plain
    if not text.spans and plain.isascii() and plain.isprintable():
        lines = _ascii_lines(plain, width)
        if lines is not None:
            return [Text(line, style=text.style) for line in lines]
    return list(text.wrap(console, width))


def _ascii_lines(plain: str, width: int) -> list[str] | None:
    """Words of printable ASCII, one space apart, greedily filling lines of `width`; None for
    anything else (runs of spaces, a word longer than a line), which rich wraps."""
    lines: list[str] = []
    line = ""
    for word in plain.split(" "):
        if not word or len(word) > width:
            return None
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


class Column(NamedTuple):
    """One column of a Grid. A column with a `give` wraps its cells when the grid is too wide
    for the terminal: in `give` order (1 first) down to `keep`, then, if that is not enough,
    down to `min_width`. A column without a `give` never wraps. An `optional` column is left
    out, the last first, when giving way is not enough."""

    header: str = ""
    justify: Literal["left", "right", "center"] = "left"
    style: str = ""
    give: int = 0
    keep: int = 1
    min_width: int = 1
    cut: bool = False  # giving way, cut the text short with an ellipsis rather than wrap it
    optional: bool = False


LEFT_OUT = -1  # the width of an optional column a narrow terminal has no room for


class Grid:
    """Rows of cells in columns as wide as their content, `gap` spaces apart, under a header
    and rule when the columns have headers. When that is wider than the terminal, columns give
    way in their order (Column), so the width goes where the text is: at 80 columns a day's
    doses keep their line and the names wrap."""

    def __init__(self, columns: Iterable[Column], gap: int = 2, indent: int = 0) -> None:
        self.columns = list(columns)
        self.gap = gap
        self.indent = indent  # spaces before every line
        self.rows: list[list[Text]] = []

    def add_row(self, *cells: Text | str) -> None:
        self.rows.append([Text(cell) if isinstance(cell, str) else cell for cell in cells])

    def widths(self, max_width: int) -> list[int]:
        widths = [len(column.header) for column in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                widest = max((cell_len(line) for line in cell.plain.split("\n")), default=0)
                widths[index] = max(widths[index], widest)
        excess = self.indent + sum(widths) + self.gap * (len(widths) - 1) - max_width
        for floor in ("keep", "min_width"):
            for give in sorted({column.give for column in self.columns if column.give}):
                group = [i for i, column in enumerate(self.columns) if column.give == give]
                while excess > 0:  # columns giving way together: the widest gives first
                    able = [i for i in group if widths[i] > getattr(self.columns[i], floor)]
                    if not able:
                        break
                    widths[max(able, key=lambda i: widths[i])] -= 1
                    excess -= 1
        for index in reversed(range(len(widths))):
            if excess > 0 and self.columns[index].optional:
                excess -= widths[index] + self.gap
                widths[index] = LEFT_OUT
        return widths

    def fits(self, max_width: int) -> bool:
        """Whether the grid, giving way as it may, fits `max_width` with every column."""
        widths = self.widths(max_width)
        return LEFT_OUT not in widths and self._width(widths) <= max_width

    def _width(self, widths: list[int]) -> int:
        shown = [width for width in widths if width != LEFT_OUT]
        return self.indent + sum(shown) + self.gap * (len(shown) - 1)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = self._width(self.widths(options.max_width))
        return Measurement(min(widest, options.max_width), min(widest, options.max_width))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        lines: list[Text] = []
        if any(column.header for column in self.columns):
            lines += self._lines(
                console, [Text(c.header, style="bold") for c in self.columns], widths
            )
            lines.append(Text("─" * (self._width(widths) - self.indent), style="dim"))
        for row in self.rows:
            lines += self._lines(console, row, widths)
        margin = Segment(" " * self.indent)
        for line in lines:  # laid out already: rendered as they are, not wrapped again
            if self.indent:
                yield margin
            yield from styled_segments(line, console)
            yield Segment.line()

    def _lines(self, console: Console, row: list[Text], widths: list[int]) -> list[Text]:
        shown = [
            (column, given, width)
            for column, given, width in zip(self.columns, row, widths, strict=True)
            if width != LEFT_OUT
        ]
        cells: list[list[Text]] = []
        for column, given, width in shown:
            cell = given.copy()
            if column.style:
                cell.stylize_before(column.style)
            if "\n" not in cell.plain and cell.cell_len <= width:
                cells.append([cell])
            elif column.give and column.cut:
                cell.truncate(width, overflow="ellipsis")
                cells.append([cell])
            elif column.give:
                cells.append(wrap(cell, console, width))
            else:
                cells.append(list(cell.split("\n")))
        gap = " " * self.gap
        lines = []
        for number in range(max(len(parts) for parts in cells)):
            line = Text()
            for index, ((column, _, width), parts) in enumerate(zip(shown, cells, strict=True)):
                part = parts[number] if number < len(parts) else Text()
                room = width - part.cell_len
                if room < 0:  # a column that cannot give, on a terminal too narrow for it
                    part = part.copy()
                    part.truncate(width)
                    room = 0
                left = {"left": 0, "right": room, "center": room // 2}[column.justify]
                if index:
                    line.append(gap)
                line.append(" " * left)
                line.append_text(part)
                line.append(" " * (room - left))
            line.rstrip()
            lines.append(line)
        return lines


def bar_chart(rows: Sequence[tuple[Sequence[str], float]], width: int) -> Grid:
    """Labelled bars, each amount's length against the largest, then the amount: the bars as
    long as `width` leaves room for. Labels after the first are left out on a terminal too
    narrow for them (the first names the row)."""
    labels = max((len(row_labels) for row_labels, _ in rows), default=0)
    label_widths = [max(len(row_labels[i]) for row_labels, _ in rows) for i in range(labels)]
    numbers = [str(round(amount)) for _, amount in rows]
    gap = 2  # the Grid's own
    fixed = CHART_INDENT + sum(label_widths) + max(map(len, numbers), default=0)
    room = width - fixed - gap * (labels + 1)
    size = max(BAR_MIN_WIDTH, min(BAR_WIDTH, room))
    top = max((amount for _, amount in rows), default=0) or 1
    columns = [Column(optional=bool(index)) for index in range(labels)]
    chart = Grid([*columns, Column(), Column(justify="right")], gap=gap, indent=CHART_INDENT)
    for (row_labels, amount), number in zip(rows, numbers, strict=True):
        bar = "#" * max(1 if amount else 0, round(amount / top * size))
        chart.add_row(*row_labels, Text(bar, style="cyan"), number)
    return chart


def styled_segments(line: Text, console: Console) -> Iterable[Segment]:
    """A laid-out line's segments in its own style too: Text.render applies only the styles of
    its spans, rich's own printing adds the text's style on top."""
    segments = line.render(console)
    return Segment.apply_style(segments, console.get_style(line.style)) if line.style else segments


# The narrowest a wrapped text gets, whatever the terminal: a word or two a line.
TEXT_MIN_WIDTH = 10


class Hanging:
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

    def lines(self, console: Console, width: int) -> Iterator[Text]:
        indent = max((mark.cell_len for mark, _ in self.rows), default=0) + 1
        for mark, item in self.rows:
            for number, line in enumerate(wrap(item, console, max(width - indent, TEXT_MIN_WIDTH))):
                head = mark.copy() if number == 0 else Text()
                head.append(" " * (indent - head.cell_len))
                yield Text.assemble(head, line)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Indented([self])


class Indented:
    """Texts and hanging lists, one after another, every line `indent` spaces in: Padding's job
    for a block of plain text, without rich laying out each line a second time."""

    def __init__(self, parts: Iterable[Text | Hanging], indent: int = 0) -> None:
        self.parts = list(parts)
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.indent, TEXT_MIN_WIDTH)
        margin = Segment(" " * self.indent)
        for part in self.parts:
            lines = (
                part.lines(console, width)
                if isinstance(part, Hanging)
                else wrap(part, console, width)
            )
            for line in lines:
                line.rstrip()  # a wrapped line keeps the space it was broken at
                if self.indent:
                    yield margin
                yield from styled_segments(line, console)
                yield Segment.line()


def bullets(items: Iterable[str], style: str = "") -> Hanging:
    return Hanging((Text("-", style=style or "bold"), item) for item in items)


class Parts:
    """Short phrases joined by a separator, wrapped between phrases only, never inside one
    (an id, a dose or "<- today" stays whole). A phrase longer than the line wraps alone."""

    def __init__(
        self, parts: Iterable[Text | str], style: str = "", separator: str = " | "
    ) -> None:
        self.parts = [Text(part, style=style) if isinstance(part, str) else part for part in parts]
        self.separator = separator

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text()
        for part in self.parts:
            if line and line.cell_len + len(self.separator) + part.cell_len > options.max_width:
                yield from _ends_trimmed(line.wrap(console, options.max_width))
                line = Text()
            if line:
                line.append(self.separator)
            line.append_text(part)
        if line:
            yield from _ends_trimmed(line.wrap(console, options.max_width))


def _ends_trimmed(lines: Iterable[Text]) -> Iterator[Text]:
    for line in lines:
        line.rstrip()
        yield line

"""What every terminal view shares: the console, the safety boxes and line layouts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.text import Text

from ... import safety

if TYPE_CHECKING:
    from collections.abc import Iterable


MAX_WIDTH = 80
BAR_WIDTH = 30


def make_console(file: object = None) -> Console:
    """A console for one command: at most 80 columns, no markup, emoji or highlighting."""
    console = Console(file=file, markup=False, emoji=False, highlight=False)  # type: ignore[arg-type]
    console.width = min(console.width, MAX_WIDTH)
    return console


def heading(text: str) -> Text:
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
        Hanging((Text("!", style="bold red"), flag) for flag in safety.RED_FLAGS),
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

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = max((mark.cell_len for mark, _ in self.rows), default=0) + 1
        width = max(options.max_width - indent, 10)
        for mark, item in self.rows:
            for number, line in enumerate(item.wrap(console, width)):
                head = mark.copy() if number == 0 else Text()
                head.append(" " * (indent - head.cell_len))
                yield Text.assemble(head, line)


def bullets(items: Iterable[str], style: str = "") -> Hanging:
    return Hanging((Text("-", style=style or "bold"), item) for item in items)


class Parts:
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


def literal(text: str) -> str:
    """Journal text as typed, with control characters shown as \\xNN instead of run.

    A note is data: an escape sequence in it must not recolour or clear the user's terminal.
    """
    return "".join(
        ch if ch == "\n" or not (ord(ch) < 32 or 127 <= ord(ch) < 160) else f"\\x{ord(ch):02x}"
        for ch in text
    )

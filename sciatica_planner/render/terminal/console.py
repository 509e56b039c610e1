"""What every terminal view shares: the console, printing a view, and the safety boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, NewLine, RenderableType
from rich.constrain import Constrain
from rich.panel import Panel
from rich.text import Text

from ... import safety
from .layout import Hanging, Indented

if TYPE_CHECKING:
    from collections.abc import Iterable


# Tables use a wide terminal up to this many columns (wider, rows get hard to follow); prose
# and boxes wrap at the readable width, the line length typography recommends (45-90 characters).
MAX_WIDTH = 160
READABLE_WIDTH = 80


def make_console(file: object = None) -> Console:
    """A console for one command: the terminal's width up to MAX_WIDTH, no markup, emoji or
    highlighting."""
    console = Console(file=file, markup=False, emoji=False, highlight=False)  # type: ignore[arg-type]
    console.width = min(console.width, MAX_WIDTH)
    return console


def say(console: Console, *renderables: RenderableType) -> None:
    """Print prose at a readable width, however wide the terminal."""
    console.print(*map(_trimmed, renderables), width=min(console.width, READABLE_WIDTH))


def prose(renderable: RenderableType) -> Constrain:
    """Prose among a view's parts, at a readable width however wide the terminal. A view
    printed in one call costs rich one look at the terminal, not one per part."""
    return Constrain(_trimmed(renderable), READABLE_WIDTH)


def _trimmed(renderable: RenderableType) -> RenderableType:
    """A text wrapped without the space it was broken at (rich keeps it at a line's end)."""
    return Indented([renderable]) if isinstance(renderable, Text) else renderable


BLANK = NewLine()  # a blank line between a view's parts


def show(console: Console, parts: Iterable[RenderableType]) -> None:
    """Print a view's parts in one call, each on its own lines (rich joins texts next to each
    other with `sep`)."""
    console.print(*map(_trimmed, parts), sep="\n")


def heading(text: str) -> Text:
    return Text(text, style="bold")


def disclaimer_line() -> Text:
    """The one-line disclaimer that ends every view that is not a plan."""
    return Text(safety.DISCLAIMER_LINE, style="yellow")


def emergency_box() -> Panel:
    """The compact box that ends every plan view: the emergency signs in short and the
    disclaimer; its bottom edge says where the rest is (5 lines at 80 columns)."""
    return Panel(
        Group(Text(safety.EMERGENCY_SUMMARY), Text(safety.DISCLAIMER_BRIEF, style="dim")),
        title=Text(safety.EMERGENCY_BOX_TITLE, style="bold red"),
        title_align="left",
        subtitle=Text(safety.EVERY_SIGN, style="bold"),
        subtitle_align="right",
        box=box.ROUNDED,
        border_style="red",
        padding=(0, 1),
    )


def disclaimer() -> Panel:
    return Panel(
        Text(safety.DISCLAIMER),
        title=Text("Please read", style="bold"),
        title_align="left",
        box=box.ROUNDED,
        border_style="yellow",
    )


URGENCY_STYLES = {"EMERGENCY": "bold red", "SAME DAY": "bold yellow", "SEE A GP SOON": "bold"}


def red_flags() -> Panel:
    """Every warning sign, by urgency, each tier with what to do."""
    parts: list[RenderableType] = []
    for urgency in safety.URGENCIES:
        style = URGENCY_STYLES.get(urgency.label, "bold")
        if parts:
            parts.append(Text(""))
        parts.append(Text.assemble((urgency.label, style), f" - {urgency.action} if you have:"))
        parts.append(Hanging((Text("!", style=style), sign) for sign in urgency.signs))
    parts += [Text(""), Text(safety.SEE_A_CLINICIAN, style="dim")]
    return Panel(
        Group(*parts),
        title=Text(safety.RED_FLAGS_TITLE, style="bold red"),
        title_align="left",
        box=box.ROUNDED,
        border_style="red",
    )


def education() -> Group:
    """Short lessons for living with sciatica, each with its sources."""
    rows: list[Text] = []
    for lesson in safety.EDUCATION:
        if rows:
            rows.append(Text(""))
        rows += [Text(lesson.title, style="bold"), Text(lesson.text)]
        rows.append(Text(f"Source: {lesson.sources}", style="dim"))
    return Group(*rows)

"""The PSFS in the terminal: the activities, each rating, the mean and its trend, the credit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.table import Table
from rich.text import Text

from ...psfs import CREDIT, MDC_ACTIVITY, MDC_MEAN, trend
from ...text import visible

if TYPE_CHECKING:
    from rich.console import Console

    from ...journal import PsfsSeries

# The Activity column keeps this much room; each rating column takes RATING_WIDTH more.
ACTIVITY_MIN = 24
RATING_WIDTH = 8


def _day(series_date: object) -> str:
    import datetime as dt

    assert isinstance(series_date, dt.date)
    return f"{series_date.day} {series_date:%b}"


def show_psfs(console: Console, all_series: list[PsfsSeries]) -> None:
    """The current series in a table (its latest ratings that fit), its trend and the credit."""
    console.print(Text("Patient-Specific Functional Scale (PSFS)", style="bold"))
    if not all_series:
        console.print(
            Text(
                "No PSFS activities yet. Name 1 to 5 activities you find hard because of "
                'sciatica: sciatica-plan psfs set "putting on socks" "walking 1 km"'
            )
        )
        console.print(Text(CREDIT, style="dim"))
        return
    series = all_series[-1]
    started = series.started
    console.print(
        Text(
            f"Your activities since {started.day} {started:%b %Y}; 0 = unable to do it, "
            "10 = as before the problem."
        )
    )
    fit = max(1, (console.width - ACTIVITY_MIN) // RATING_WIDTH)
    shown = series.ratings[-fit:]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Activity", overflow="fold", min_width=12)
    for rating in shown:
        table.add_column(_day(rating.date), justify="right", no_wrap=True)
    for number, activity in enumerate(series.activities):
        table.add_row(visible(activity, limit=None), *(str(r.scores[number]) for r in shown))
    if shown:
        table.add_row(Text("Mean", style="bold"), *(f"{r.mean:.1f}" for r in shown))
    console.print(table)
    if len(series.ratings) > len(shown):
        console.print(
            Text(
                f"The {len(series.ratings) - len(shown)} earlier ratings are in "
                "sciatica-plan history --json and the report.",
                style="dim",
            )
        )
    if not series.ratings:
        console.print(
            Text(
                "Not rated yet. Rate each activity: sciatica-plan psfs rate "
                + " ".join(["N"] * len(series.activities))
            )
        )
    moved = trend(series.ratings)
    if moved is not None:
        console.print(Text(f"Trend: {moved.words()}"))
    elif series.ratings:
        console.print(Text("Trend: not known yet; it needs a second rating, a week or more on."))
    console.print(
        Text(
            f"A change of {MDC_MEAN} points or more on the mean ({MDC_ACTIVITY} on one activity) "
            "is more than measuring alone can change.",
            style="dim",
        )
    )
    if len(all_series) > 1:
        console.print(
            Text(
                f"{len(all_series) - 1} earlier series of other activities kept; they are not "
                "compared with these.",
                style="dim",
            )
        )
    console.print(Text(CREDIT, style="dim"))

"""The export command: a week as markdown, an HTML handout, JSON or iCalendar, written safely."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from ..profile import REMIND_DEFAULT, REMIND_MAX, TIME_DEFAULT
from ..text import json_text
from ..vocabulary import PROGRAM_WEEKS_MAX, PROGRAM_WEEKS_MIN
from . import context
from .context import Settings, pass_settings
from .output import chosen_format, output_options, write_output
from .params import PlanRequest, TimeType, plan_options
from .plan_commands import build_program, build_week, week_is_past

if TYPE_CHECKING:
    from pathlib import Path

    from ..models import Catalogue, WeekPlan
    from ..render.ics import CalendarTimes

FORMATS = ("markdown", "html", "json", "ics")


def _calendar_only(chosen: str) -> None:
    """--time and --remind typed for a format without a calendar would do nothing: say so.
    (Saved in the profile, they are only the calendar's defaults, so they pass quietly.)"""
    if chosen == "ics":
        return
    ctx = click.get_current_context()
    for name, flag in (("at", "--time"), ("remind", "--remind")):
        if ctx.get_parameter_source(name) in (
            ParameterSource.COMMANDLINE,
            ParameterSource.ENVIRONMENT,
        ):
            raise click.UsageError(
                f"{flag} sets the calendar's sessions, but this export is {chosen}; "
                "write a .ics file (or give --format ics) to use it"
            )


def _large_print_only_in_html(chosen: str, large_print: bool) -> None:
    """--large-print sets the printed handout's type: say so when the format has none."""
    if large_print and chosen != "html":
        raise click.UsageError(
            f"--large-print sets the printed handout's type, but this export is {chosen}; "
            "write a .html file (or give --format html) to use it"
        )


def _render_program(
    fmt: str,
    plans: list[WeekPlan],
    catalogue: Catalogue,
    calendar: CalendarTimes,
    large_print: bool = False,
) -> bytes:
    if fmt == "json":
        data = {"weeks": [plan.model_dump(mode="json") for plan in plans]}
        return (json_text(data) + "\n").encode()
    if fmt == "html":
        from ..render.html import program_html

        return program_html(plans, catalogue, large_print=large_print).encode()
    if fmt == "ics":
        from ..render.ics import weeks_ics

        return weeks_ics(plans, calendar, dt.datetime.now(dt.UTC))
    from ..render.programme import program_markdown

    return program_markdown(plans, catalogue).encode()


def _render(
    fmt: str,
    plan: WeekPlan,
    catalogue: Catalogue,
    calendar: CalendarTimes,
    large_print: bool = False,
) -> bytes:
    if fmt == "json":
        return (json_text(plan.model_dump(mode="json")) + "\n").encode()
    if fmt == "html":
        from ..render.html import week_html

        return week_html(plan, catalogue, large_print=large_print).encode()
    if fmt == "ics":
        from ..render.ics import week_ics

        return week_ics(plan, calendar, dt.datetime.now(dt.UTC))
    from ..render.markdown import week_markdown

    return week_markdown(plan, catalogue).encode()


def _say_if_past(plan: PlanRequest, week: WeekPlan) -> None:
    """One line on stderr when every session of the exported week is already past."""
    if week_is_past(plan, week, context.today()):
        from .context import echo_note

        echo_note("Note: this week's sessions are all past; add --next to export next week's.")


@click.command(short_help="Save the week as markdown, HTML, JSON or iCalendar.")
@plan_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="File format; it must match the file's suffix (.md, .html, .json, .ics) if it has one.  "
    "[default: from the suffix; markdown for - or a name without one]",
)
@output_options
@click.option(
    "--weeks",
    type=click.IntRange(PROGRAM_WEEKS_MIN, PROGRAM_WEEKS_MAX),
    default=None,
    help="Save a programme of this many weeks (as `program` plans it) instead of one week.",
)
@click.option(
    "--time",
    "at",
    type=TimeType(),
    default=None,
    help="Start time of each session in the calendar (iCalendar only).  [default: 07:30]",
)
@click.option(
    "--remind",
    type=click.IntRange(0, REMIND_MAX),
    default=None,
    metavar="MIN",
    help="A calendar reminder this many minutes before each session; 0 for none (iCalendar "
    f"only).  [default: {REMIND_DEFAULT}]",
)
@click.option(
    "--large-print",
    is_flag=True,
    help="Print the HTML handout in large type: 14 pt and larger figures (HTML only).",
)
@pass_settings
def export(
    settings: Settings,
    plan: PlanRequest,
    fmt: str | None,
    output: Path,
    force: bool,
    weeks: int | None,
    at: dt.time | None,
    remind: int | None,
    large_print: bool,
) -> None:
    """Save this week's routine: markdown, a printable HTML handout, JSON or iCalendar.

    \b
    Example:
      sciatica-plan export -o week.html
      sciatica-plan export --next -o sessions.ics --time 18:00 --remind 15
      sciatica-plan export --format markdown -o -
      sciatica-plan export --weeks 12 --large-print -o programme.html
    """
    chosen = chosen_format(fmt, output, FORMATS)
    _calendar_only(chosen)
    _large_print_only_in_html(chosen, large_print)
    from ..render.ics import CalendarTimes

    calendar = CalendarTimes(at or TIME_DEFAULT, REMIND_DEFAULT if remind is None else remind)
    start = plan.week_start(context.today())
    if weeks is None:
        catalogue, week = build_week(settings, plan, start)
        data = _render(chosen, week, catalogue, calendar, large_print)
        what = f"week of {week.start}"
        _say_if_past(plan, week)
    else:
        catalogue, plans = build_program(settings, plan, start, weeks)
        data = _render_program(chosen, plans, catalogue, calendar, large_print)
        what = f"{weeks} week{'s' if weeks != 1 else ''} from {start}"
    write_output(output, data, force=force, what=f"{chosen}, {what}")


COMMANDS = (export,)

"""The report command: the journal as a page for a GP or physiotherapist, written safely."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from ..vocabulary import (
    DAYS_DEFAULT,
    DEFAULT_SPREAD,
    MINUTES_DEFAULT,
    PREFER_DEFAULT,
    REPORT_DAYS_DEFAULT,
    REPORT_DAYS_MAX,
    REPORT_DAYS_MIN,
)
from . import context
from .context import Settings, load, mapped_errors, pass_settings
from .output import chosen_format, output_options, write_output
from .params import LEVEL_DEFAULT

if TYPE_CHECKING:
    from pathlib import Path

    from ..models import PrescriptionNote
    from ..report import PlanSettings

FORMATS = ("html", "markdown")
# The saved options that shape a plan (the profile's `time` and `remind` are the calendar's).
PLAN_KEYS = frozenset({"days", "on", "level", "equipment", "minutes", "prefer"})


def _plan_settings(settings: Settings) -> PlanSettings:
    """The plan options the report states: the saved profile's, the contract's defaults for
    any it does not save."""
    from ..report import PlanSettings
    from .profile_commands import saved_profile

    profile = saved_profile(settings)
    saved = set(profile.saved()) & PLAN_KEYS
    if not saved:
        source = "the defaults (no saved profile)"
    elif saved >= PLAN_KEYS - {"days"} or saved >= PLAN_KEYS - {"on"}:
        source = "the saved profile"
    else:
        source = "the saved profile, with the defaults for the rest"
    return PlanSettings(
        on=profile.on or DEFAULT_SPREAD[profile.days or DAYS_DEFAULT],
        level=profile.level or LEVEL_DEFAULT,
        equipment=profile.equipment or (),
        minutes=profile.minutes or MINUTES_DEFAULT,
        prefer=profile.prefer or PREFER_DEFAULT,
        source=source,
        avoid=profile.avoid or (),
        exclude=profile.exclude or (),
        prescription=_prescription(settings, profile.prescription),
    )


def _prescription(settings: Settings, saved: str | None) -> PrescriptionNote | None:
    """The saved prescription's note, for the report to say whose plan the person follows;
    a file that is gone or wrong is `Error:` as for every plan command."""
    if saved is None:
        return None
    from pathlib import Path

    from ..models import PrescriptionNote
    from ..prescription import load_prescription

    with mapped_errors():
        found = load_prescription(Path(saved), load(settings))
    return PrescriptionNote(
        by=found.by,
        date=found.date,
        review=found.review,
        path=saved,
        notes=found.notes,
        progress=found.progress,
    )


@click.command(short_help="A page for your GP or physiotherapist: pain, sessions, notes.")
@click.option(
    "--days",
    type=click.IntRange(REPORT_DAYS_MIN, REPORT_DAYS_MAX),
    default=REPORT_DAYS_DEFAULT,
    show_default=True,
    help="How many days back to report, today included.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default=None,
    help="File format; it must match the file's suffix (.html, .md) if it has one.  "
    "[default: from the suffix; markdown for - or a name without one]",
)
@output_options
@pass_settings
def report(settings: Settings, days: int, fmt: str | None, output: Path, force: bool) -> None:
    """A report of your journal for a GP or physiotherapist, to print or send.

    Pain per day as a chart, the average, range and trend, sessions per week
    against the plan, how each exercise went, your notes, and the red flags.
    It prints on one or two A4 pages for four weeks.

    \b
    Example:
      sciatica-plan report -o report.html
      sciatica-plan report --days 56 -o report.md
      sciatica-plan report --format markdown -o -
    """
    from ..journal import Journal
    from ..report import build_report
    from ..trend import needed_since
    from .paths import journal_path

    chosen = chosen_format(fmt, output, FORMATS)
    now = context.today()
    catalogue = load(settings)
    with mapped_errors(), Journal.open(journal_path(settings), create=False) as journal:
        entries = journal.entries(since=needed_since(now, days))
        first, psfs = journal.first_date(), journal.psfs()
    found = build_report(
        entries, now, days, catalogue, _plan_settings(settings), first_entry=first, psfs=psfs
    )
    if chosen == "html":
        from ..render.report_html import report_html

        data = report_html(found)
    else:
        from ..render.report_markdown import report_markdown

        data = report_markdown(found)
    what = f"{chosen}, {found.entries} {'entry' if found.entries == 1 else 'entries'} from "
    write_output(output, data.encode(), force=force, what=f"{what}{found.start} to {found.end}")


COMMANDS = (report,)

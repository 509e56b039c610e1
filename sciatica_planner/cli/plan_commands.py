"""Commands that plan a week: week and today (export and program share the same body)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from ..vocabulary import PROGRAM_WEEKS_MAX, PROGRAM_WEEKS_MIN
from . import context
from .context import (
    Settings,
    console,
    echo_json,
    error_line,
    load,
    mapped_errors,
    pass_settings,
)
from .params import DateType, PlanRequest, merge_avoid, merge_exclude, plan_options

if TYPE_CHECKING:
    from ..models import Catalogue, Day, PlanOptions, PrescriptionNote, WeekPlan
    from ..prescription import Prescription
    from ..progression import JournalSummary

    Prescribed = tuple[Prescription, PrescriptionNote]


def build_week(
    settings: Settings, plan: PlanRequest, start: dt.date, seed: int | None = None
) -> tuple[Catalogue, WeekPlan]:
    """The one way every command turns PLAN OPTIONS into a week."""
    from ..planning import plan_week

    catalogue, options, summary, prescribed = _resolve(settings, plan, start, seed)
    adaptation = None
    if summary is not None:  # without a journal there is nothing to adapt to
        from ..progression import adapt

        adaptation = adapt(summary, catalogue, options.pain)
    spreading = summary is not None and summary.spreading
    with mapped_errors():
        if prescribed is not None:
            from ..planning.prescribed import follow

            found, note = prescribed
            week = follow(catalogue, options, found, note, adaptation, spreading=spreading)
            return catalogue, week
        return catalogue, plan_week(catalogue, options, adaptation, spreading=spreading)


def build_program(
    settings: Settings, plan: PlanRequest, start: dt.date, weeks: int
) -> tuple[Catalogue, list[WeekPlan]]:
    """PLAN OPTIONS turned into `weeks` weeks that build and deload, from `start`."""
    from ..progression import plan_program

    catalogue, options, summary, prescribed = _resolve(settings, plan, start, None)
    with mapped_errors():
        return catalogue, plan_program(catalogue, options, weeks, summary, prescribed)


def _resolve(
    settings: Settings, plan: PlanRequest, start: dt.date, seed: int | None
) -> tuple[Catalogue, PlanOptions, JournalSummary | None, Prescribed | None]:
    """The catalogue, the week's options, the journal's summary (unless --no-journal) and the
    prescription (if any); the journal's pain of today or yesterday stands in when --pain was
    not typed, and the prescription's days when --days and --on were not."""
    from ..models import PlanOptions
    from ..planning import default_seed

    catalogue = load(settings)
    _check_excluded(plan.fields["exclude"], catalogue)
    if seed is None:
        seed = plan.seed if plan.seed is not None else default_seed(start)
    fields = dict(plan.fields)
    prescribed = _prescribed(plan, catalogue)
    if prescribed is not None:
        found = prescribed[0]
        days = found.training_days()
        if days is not None and not plan.days_typed:
            fields["on"], fields["days"] = days, len(days)
        fields["avoid"] = merge_avoid((fields["avoid"], found.avoid))
        fields["exclude"] = merge_exclude((fields["exclude"], found.exclude))
    summary = journal_summary(settings) if plan.journal else None
    if summary is not None and fields["pain_from"] == "default" and summary.latest_date:
        fields["pain"] = summary.latest_pain
        fields["pain_from"] = f"journal {summary.latest_date.isoformat()}"
    options = PlanOptions.checked(**fields, seed=seed, start=start)
    return catalogue, options, summary, prescribed


def _prescribed(plan: PlanRequest, catalogue: Catalogue) -> Prescribed | None:
    """The prescription the week follows (--prescription, or the saved one), checked; a file
    that is missing or wrong is `Error:`, exit 1, never a silent fallback to the planner."""
    if plan.prescription is None or str(plan.prescription) == "none":
        return None  # `--prescription none`: this plan without the saved one
    from ..models import PrescriptionNote
    from ..prescription import MISSING, PrescriptionError, load_prescription

    try:
        found = load_prescription(plan.prescription, catalogue)
    except PrescriptionError as error:
        if error.problem == MISSING:
            error = PrescriptionError(
                error.path,
                f"{MISSING}. To plan without it give --prescription none, or stop following "
                "it: sciatica-plan profile set --prescription none",
            )
        with mapped_errors():
            raise error from None
    note = PrescriptionNote(
        by=found.by,
        date=found.date,
        review=found.review,
        path=str(plan.prescription.absolute()),
        notes=found.notes,
        progress=found.progress,
    )
    return found, note


def _check_excluded(ids: tuple[str, ...], catalogue: Catalogue) -> None:
    """--exclude names exercises of this catalogue: a typo would exclude nothing, silently."""
    from .params import closest

    for exercise_id in ids:
        if exercise_id not in catalogue.by_id:
            raise click.BadParameter(
                f"{exercise_id!r} is not an exercise in the catalogue (see: sciatica-plan "
                f"exercises).{closest(exercise_id, list(catalogue.by_id))}",
                param_hint="'--exclude'",
            )


def journal_summary(settings: Settings) -> JournalSummary | None:
    """The journal's last two weeks; None when there is no journal. A journal that cannot be
    read never stops a plan: the reason goes to stderr and the week plans without it."""
    from ..errors import SciaticaPlanError
    from ..journal import Journal
    from ..progression import summarise
    from ..safety import ADAPT_WINDOW_DAYS
    from ..trend import as_of
    from .paths import journal_path

    now = context.today()
    since = now - dt.timedelta(days=ADAPT_WINDOW_DAYS - 1)
    try:
        with Journal.open(journal_path(settings), create=False) as journal:
            entries = journal.entries(since=since)
    except SciaticaPlanError as error:
        context.echo_note(f"Note: planning without your journal: {error_line(str(error))}")
        return None
    # An entry dated after today counts as today's (trend.as_of), and is named.
    counted, future = as_of(entries, now)
    for entry in future:
        context.echo_note(
            f"Note: journal entry {entry.id} is dated {entry.date}, after today ({now}): it "
            "counts as today's. If its date is wrong: sciatica-plan forget "
            f"{entry.id}, then log it again."
        )
    return summarise(counted, now) if counted else None


def week_is_past(plan: PlanRequest, week: WeekPlan, now: dt.date) -> bool:
    """The week is this one by default (no --start or --next) and every training day of it is
    before today (say, on a Sunday): --next would plan the sessions still to come."""
    if plan.start is not None or plan.next_week:
        return False
    training = [day.date for day in week.days if not day.rest]
    return bool(training) and max(training) < now <= week.start + dt.timedelta(days=6)


def past_week_notes(plan: PlanRequest, week: WeekPlan, now: dt.date, command: str) -> list[str]:
    """The view's note when every training day of this week is past."""
    if not week_is_past(plan, week, now):
        return []
    return [f"This week's sessions are all past: sciatica-plan {command} --next for next week."]


@click.command()
@plan_options
@click.option(
    "--explain", is_flag=True, help="Say under each exercise why it is there, at that dose."
)
@click.option("--json", "as_json", is_flag=True, help="Print the week as JSON.")
@pass_settings
def week(settings: Settings, plan: PlanRequest, explain: bool, as_json: bool) -> None:
    """This week's routine, day by day, with today marked.

    \b
    Example:
      sciatica-plan week --days 4 --equipment band --minutes 20
      sciatica-plan week --explain
    """
    now = context.today()
    catalogue, result = build_week(settings, plan, plan.week_start(now))
    if as_json:
        echo_json(result.model_dump(mode="json"))
        return
    from ..render.terminal.plan_views import show_week

    notes = past_week_notes(plan, result, now, "week")
    show_week(console(), result, catalogue, now, explain=explain, notes=notes)


def chosen_day(plan: PlanRequest, day: dt.date | None) -> tuple[dt.date, dt.date]:
    """The week's first day and the day to show: --date, else today when the chosen week holds
    it, else the week's first day; a --date outside the chosen week is a usage error."""
    now = context.today()
    chosen_week = plan.start is not None or plan.next_week
    start = plan.week_start(now if chosen_week or day is None else day)
    end = start + dt.timedelta(days=6)
    if day is None:
        day = now if start <= now <= end else start
    elif not start <= day <= end:
        raise click.BadParameter(
            f"{day} is not in the week of {start} to {end}", param_hint="'--date'"
        )
    return start, day


def next_training_day(
    settings: Settings, plan: PlanRequest, result: WeekPlan, after: dt.date
) -> tuple[Day, bool] | None:
    """The next training day after `after`: later this week, else in the following week."""
    upcoming = next((d for d in result.days if d.date > after and not d.rest), None)
    if upcoming is not None:
        return upcoming, False
    from ..planning import default_seed

    following = result.start + dt.timedelta(days=7)
    _, next_week = build_week(settings, plan, following, seed=default_seed(following))
    first = next((d for d in next_week.days if not d.rest), None)
    return (first, True) if first is not None else None


@click.command()
@plan_options
@click.option(
    "--date",
    "day",
    type=DateType(),
    default=None,
    help="The day to show.  [default: today, if it is in the chosen week]",
)
@click.option(
    "--explain", is_flag=True, help="Say under each exercise why it is there, at that dose."
)
@click.option("--json", "as_json", is_flag=True, help="Print the day as JSON.")
@pass_settings
def today(
    settings: Settings, plan: PlanRequest, day: dt.date | None, explain: bool, as_json: bool
) -> None:
    """Today's session from this week's routine, with every step.

    \b
    Example:
      sciatica-plan today
      sciatica-plan today --date 2026-12-02 --pain 5
    """
    now = context.today()
    typed_day = day
    start, day = chosen_day(plan, day)
    catalogue, result = build_week(settings, plan, start)
    entry = result.days[(day - start).days]
    if as_json:
        data = entry.model_dump(mode="json")
        data.update(
            disclaimer=result.disclaimer,
            red_flags=list(result.red_flags),
            warnings=list(result.warnings),
        )
        echo_json(data)
        return
    from ..render.terminal.plan_views import show_day

    upcoming = next_training_day(settings, plan, result, day) if entry.rest else None
    notes = [] if typed_day is not None else past_week_notes(plan, result, now, "today")
    show_day(console(), result, entry, catalogue, now, upcoming, explain=explain, notes=notes)


@click.command()
@plan_options
@click.option(
    "--weeks",
    type=click.IntRange(PROGRAM_WEEKS_MIN, PROGRAM_WEEKS_MAX),
    required=True,
    help=f"How many weeks, {PROGRAM_WEEKS_MIN}-{PROGRAM_WEEKS_MAX}.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the programme as JSON.")
@pass_settings
def program(settings: Settings, plan: PlanRequest, weeks: int, as_json: bool) -> None:
    """Several weeks that build, deload and build again.

    \b
    Example:
      sciatica-plan program --weeks 6 --level intermediate --equipment band
    """
    now = context.today()
    catalogue, plans = build_program(settings, plan, plan.week_start(now), weeks)
    if as_json:
        echo_json({"weeks": [p.model_dump(mode="json") for p in plans]})
        return
    from ..render.terminal.plan_views import show_program

    show_program(console(), plans, catalogue, now)


COMMANDS = (week, today, program)

"""The Patient-Specific Functional Scale: `psfs`, `psfs set` and `psfs rate`."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from ..vocabulary import (
    PSFS_ACTIVITIES_MAX,
    PSFS_ACTIVITIES_MIN,
    PSFS_ACTIVITY_MAX_CHARS,
    PSFS_SCORE_MAX,
    PSFS_SCORE_MIN,
)
from . import context
from .context import Settings, console, mapped_errors, pass_settings
from .params import DateType

if TYPE_CHECKING:
    import datetime as dt

    from ..journal import Journal, PsfsSeries


def _journal(settings: Settings, *, create: bool) -> Journal:
    from .journal_commands import _open_journal

    return _open_journal(settings, create=create)


def _current(journal: Journal) -> PsfsSeries | None:
    with mapped_errors():
        series = journal.psfs()
    return series[-1] if series else None


def _interactive() -> bool:
    """Is someone at a terminal to answer a question? (Tests replace this.)"""
    return sys.stdin is not None and sys.stdin.isatty()


@click.group(
    invoke_without_command=True,
    short_help="The Patient-Specific Functional Scale: activities and ratings.",
)
@pass_settings
@click.pass_context
def psfs(ctx: click.Context, settings: Settings) -> None:
    """The Patient-Specific Functional Scale (PSFS): how well you manage the
    activities you find hard, rated 0 (unable) to 10 (as before the problem).

    Name 1 to 5 activities once, then rate them about once a week. A change
    of 2 points or more on the mean is one you can trust.

    PSFS: Stratford P, Gill C, Westaway M, Binkley J, Physiotherapy Canada
    1995. Free to use; copyright its authors.

    \b
    Example:
      sciatica-plan psfs set "putting on socks" "walking 1 km" "sitting 30 minutes"
      sciatica-plan psfs rate 3 5 4
      sciatica-plan psfs
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..render.terminal.psfs_views import show_psfs

    journal = _journal(settings, create=False)
    with mapped_errors():
        series = journal.psfs()
    show_psfs(console(), series)


def _activity(text: str) -> str:
    """One activity as it may be kept: inert text, not empty, at most 80 characters."""
    from ..text import describe, forbidden

    activity = " ".join(text.split())
    if not activity:
        raise click.BadParameter("an activity is empty; name it in a few words")
    try:
        activity.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter("an activity is not valid text (UTF-8)") from None
    found = forbidden(activity)
    if found is not None:
        raise click.BadParameter(
            f"an activity holds a control or invisible character ({describe(found)}); type "
            "it again without it"
        )
    if len(activity) > PSFS_ACTIVITY_MAX_CHARS:
        raise click.BadParameter(
            f"an activity is {len(activity)} characters; keep each to "
            f"{PSFS_ACTIVITY_MAX_CHARS} or fewer"
        )
    return activity


@psfs.command(name="set")
@click.argument("activities", nargs=-1, metavar="ACTIVITY...")
@pass_settings
def set_activities(settings: Settings, activities: tuple[str, ...]) -> None:
    """Name 1 to 5 activities you find hard because of sciatica, in your own
    words. Changing them starts a new series of ratings.

    \b
    Example:
      sciatica-plan psfs set "putting on socks" "walking 1 km"
    """
    if not PSFS_ACTIVITIES_MIN <= len(activities) <= PSFS_ACTIVITIES_MAX:
        raise click.UsageError(
            f"name {PSFS_ACTIVITIES_MIN} to {PSFS_ACTIVITIES_MAX} activities, each in quotes, "
            f'for example: sciatica-plan psfs set "putting on socks" "walking 1 km" '
            f"(you gave {len(activities)})"
        )
    chosen = tuple(_activity(each) for each in activities)
    if len({a.casefold() for a in chosen}) < len(chosen):
        raise click.UsageError("an activity is named twice; name each once")
    journal = _journal(settings, create=True)
    before = _current(journal)
    if before is not None and before.activities == chosen:
        click.echo("These are your PSFS activities already: nothing changed.")
        return
    with mapped_errors():
        journal.set_psfs(chosen, context.today())
    click.echo(f"Saved {len(chosen)} PSFS {'activity' if len(chosen) == 1 else 'activities'}:")
    for number, activity in enumerate(chosen, 1):
        click.echo(f"  {number}. {activity}")
    if before is not None:
        click.echo(
            "This starts a new series: your ratings of the earlier activities are kept, but "
            "are not compared with ratings of these."
        )
    click.echo(f"Rate them with: sciatica-plan psfs rate {' '.join(['N'] * len(chosen))}")


@psfs.command()
@click.argument(
    "scores", nargs=-1, type=click.IntRange(PSFS_SCORE_MIN, PSFS_SCORE_MAX), metavar="N..."
)
@click.option(
    "--date",
    "day",
    type=DateType(),
    default=None,
    help="The day of the rating, not in the future.  [default: today]",
)
@click.option("--replace", is_flag=True, help="Replace this week's rating without asking.")
@pass_settings
def rate(settings: Settings, scores: tuple[int, ...], day: dt.date | None, replace: bool) -> None:
    """Rate each activity from 0 (unable to do it) to 10 (as before the
    problem), in the order `psfs` lists them; at most once a week.

    \b
    Example:
      sciatica-plan psfs rate 3 5 4
    """
    from ..psfs import week_of

    now = context.today()
    if day is None:
        day = now
    elif day > now:
        raise click.BadParameter(
            f"{day} is in the future; rate on or before today ({now})", param_hint="'--date'"
        )
    journal = _journal(settings, create=False)
    current = _current(journal)
    if current is None:
        raise click.UsageError(
            "no PSFS activities yet; name them first, for example: "
            'sciatica-plan psfs set "putting on socks" "walking 1 km"'
        )
    if day < current.started:
        raise click.BadParameter(
            f"{day} is before you named these activities ({current.started}); rate them on or "
            "after that day",
            param_hint="'--date'",
        )
    wanted = len(current.activities)
    if len(scores) != wanted:
        raise click.UsageError(
            f"give {wanted} score{'s' if wanted != 1 else ''}, one for each activity in order "
            f"({'; '.join(current.activities)}); you gave {len(scores)}"
        )
    same_week = [r for r in current.ratings if week_of(r.date) == week_of(day)]
    replacing = same_week[-1].date if same_week else None
    if replacing is not None and not replace:
        ask = f"You rated these activities on {replacing} this week already. Replace that rating?"
        if not _interactive():
            raise click.UsageError(
                f"you rated these activities on {replacing} this week already (the PSFS is "
                "rated at most once a week); pass --replace to replace that rating"
            )
        if not click.confirm(ask, default=False):
            click.echo("Nothing saved.")
            return
    journal = _journal(settings, create=True)
    with mapped_errors():
        rating = journal.rate_psfs(current.id, day, scores, replacing=replacing)
    verb = "Replaced" if replacing is not None else "Saved"
    click.echo(
        f"{verb} your PSFS rating for {day}: mean {rating.mean:.1f}/10 "
        f"({', '.join(map(str, scores))})."
    )
    from ..psfs import trend

    ratings = [r for r in current.ratings if r.date != replacing] + [rating]
    moved = trend(sorted(ratings, key=lambda r: r.date))
    if moved is not None:
        import textwrap

        click.echo(textwrap.fill(moved.words(), width=context.DEFAULT_COLUMNS))


COMMANDS = (psfs,)

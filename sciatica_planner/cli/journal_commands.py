"""Commands that keep the journal: log, history, forget."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from .. import safety
from ..text import is_control, is_hidden, visible
from ..vocabulary import (
    FEELINGS,
    HISTORY_DAYS_DEFAULT,
    HISTORY_DAYS_MAX,
    PAIN_MAX,
    PAIN_MIN,
    WEEKDAYS,
)
from . import context
from .completion import exercise_ids, felt_pairs
from .context import (
    Settings,
    console,
    echo_json,
    error_line,
    load,
    mapped_errors,
    pass_settings,
)
from .params import DateType, EntryNumberType, closest, note_text
from .paths import journal_path, profile_path

if TYPE_CHECKING:
    import datetime as dt

    from ..journal import Entry, Journal

# A spreadsheet runs a cell starting with one of these as a formula (OWASP, "CSV Injection"),
# also after leading blanks or invisible characters, and in their full-width forms (＝, ＋, －, ＠,
# which some spreadsheets read as the ASCII sign).
FORMULA_SIGNS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
FORMULA_STARTS = ("\t", "\r", "\n")


def _open_journal(settings: Settings, *, create: bool) -> Journal:
    """The journal, closed when the command ends; `create=False` never makes a file."""
    from ..journal import Journal

    with mapped_errors():
        journal = Journal.open(journal_path(settings), create=create)
    return click.get_current_context().with_resource(journal)


def _done_exercises(settings: Settings, values: tuple[str, ...]) -> tuple[str, ...]:
    """The --done ids, checked against the catalogue, lowercased, each once, in order."""
    if not values:
        return ()
    catalogue = load(settings)
    ids: list[str] = []
    for value in values:
        for part in value.split(","):
            key = part.strip().lower()
            if not key:
                continue
            if catalogue.exercise(key) is None:
                hint = closest(key, [e.id for e in catalogue.exercises])
                raise click.BadParameter(
                    f"no exercise {part.strip()!r} in the catalogue.{hint} "
                    "List them with: sciatica-plan exercises",
                    param_hint="'--done'",
                )
            if key not in ids:
                ids.append(key)
    return tuple(ids)


def _exercises_done(count: int) -> str:
    if count == 0:
        return "no exercises done"
    return f"{count} exercise{'' if count == 1 else 's'} done"


def _felt(settings: Settings, values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The --felt ID=HOW pairs, ids checked against the catalogue and lowercased; a second
    answer for one exercise replaces the first, in the place the first was given."""
    if not values:
        return ()
    catalogue = load(settings)
    found: dict[str, str] = {}
    for value in values:
        key, sep, how = value.partition("=")
        key, how = key.strip().lower(), how.strip().lower()
        if not sep or not key:
            raise click.BadParameter(
                f"{visible(value, limit=60)!r} is not ID=HOW, for example glute-bridge=easy",
                param_hint="'--felt'",
            )
        if how not in FEELINGS:
            raise click.BadParameter(
                f"how {key} felt must be one of {', '.join(FEELINGS)}, not "
                f"{visible(how, limit=40)!r}",
                param_hint="'--felt'",
            )
        if catalogue.exercise(key) is None:
            hint = closest(key, [e.id for e in catalogue.exercises])
            raise click.BadParameter(
                f"no exercise {visible(key, limit=60)!r} in the catalogue.{hint} "
                "List them with: sciatica-plan exercises",
                param_hint="'--felt'",
            )
        found[key] = how
    return tuple(found.items())


def _overall_pain(pain: int | None, leg: int | None, back: int | None) -> int:
    """--pain, or the larger of --leg and --back when only they are given (the contract)."""
    if pain is not None:
        return pain
    given = [each for each in (leg, back) if each is not None]
    if not given:  # as click says it when an option is required (the --help says the rest)
        ctx = click.get_current_context()
        raise click.MissingParameter(
            ctx=ctx, param=next(p for p in ctx.command.params if p.name == "pain")
        )
    return max(given)


@click.command()
@click.option(
    "--pain",
    type=click.IntRange(PAIN_MIN, PAIN_MAX),
    default=None,
    help=f"Your pain overall, {PAIN_MIN} (none) to {PAIN_MAX} (worst); without it, the larger "
    "of --leg and --back.",
)
@click.option(
    "--leg",
    type=click.IntRange(PAIN_MIN, PAIN_MAX),
    default=None,
    help=f"Your leg pain, {PAIN_MIN} to {PAIN_MAX}.",
)
@click.option(
    "--back",
    type=click.IntRange(PAIN_MIN, PAIN_MAX),
    default=None,
    help=f"Your back pain, {PAIN_MIN} to {PAIN_MAX}.",
)
@click.option(
    "--date",
    "day",
    type=DateType(),
    default=None,
    help="The day of the session, not in the future.  [default: today]",
)
@click.option(
    "--done",
    multiple=True,
    metavar="ID",
    shell_complete=exercise_ids,
    help="An exercise you did, by its id (repeat it, or give a comma list).",
)
@click.option(
    "--planned",
    is_flag=True,
    help="The day's planned session (from your saved options, as `today` shows it) as done; "
    "add others with --done.",
)
@click.option(
    "--spreading",
    is_flag=True,
    help="Your symptoms spread further down the leg than before; next week's plan is lighter.",
)
@click.option(
    "--felt",
    multiple=True,
    metavar="ID=HOW",
    shell_complete=felt_pairs,
    help="How an exercise felt: easy, right, hard or painful (repeat it); the plan adapts.",
)
@click.option("--note", default=None, help="Anything worth remembering; kept as you typed it.")
@pass_settings
def log(
    settings: Settings,
    pain: int | None,
    leg: int | None,
    back: int | None,
    day: dt.date | None,
    done: tuple[str, ...],
    planned: bool,
    spreading: bool,
    felt: tuple[str, ...],
    note: str | None,
) -> None:
    """Log a session: your pain, what you did, how it felt.

    With --spreading, or a pain of 7 or more, it also says what to do.

    \b
    Example:
      sciatica-plan log --pain 3 --planned
      sciatica-plan log --leg 4 --back 2 --planned --felt bird-dog=easy
      sciatica-plan log --pain 3 --done glute-bridge --done clamshell
      sciatica-plan log --pain 5 --date 2026-11-24 --note "stiff after driving"
      sciatica-plan log --pain 6 --spreading
    """
    overall = _overall_pain(pain, leg, back)
    now = context.today()
    if day is None:
        day = now
    elif day > now:
        raise click.BadParameter(
            f"{day} is in the future; log a session on or before today ({now})",
            param_hint="'--date'",
        )
    if note is not None:
        note_text(note)
    exercises = _done_exercises(settings, done)
    feelings = _felt(settings, felt)
    if planned:  # planned before the entry is added, so the plan is the one `today` showed
        session = _planned_session(settings, day)
        exercises = session + tuple(e for e in exercises if e not in session)
    record(
        settings,
        day,
        overall,
        exercises,
        note,
        spreading=spreading,
        leg=leg,
        back=back,
        felt=feelings,
    )
    if not exercises and _training_day(settings, day):
        context.echo_note(
            f"{day:%A} is a training day in your plan. To record its exercises, log them with "
            "--planned (the whole session) or --done ID, or let `sciatica-plan guide` walk you "
            "through the session and log it."
        )


def record(
    settings: Settings,
    day: dt.date,
    pain: int,
    exercises: tuple[str, ...],
    note: str | None,
    *,
    spreading: bool,
    leg: int | None = None,
    back: int | None = None,
    felt: tuple[tuple[str, str], ...] = (),
) -> None:
    """Add one entry to the journal (made if need be), confirm it, and give its advice.

    A second entry on a day that has one is kept as its own entry (each pain reading is real,
    and an entry already logged is never rewritten), and the confirmation says so.
    """
    journal = _open_journal(settings, create=True)
    with mapped_errors():
        earlier = journal.numbers_on(day)

    announced: list[Entry] = []

    def announce(entry: Entry) -> None:
        """Say what is logged before it is committed: if stdout fails, nothing is logged, so a
        second try never logs the session twice."""
        announced.append(entry)
        if journal.created:
            where = visible(str(journal.path))
            click.echo(f"Started your journal, readable by you only: {where}", err=True)
        try:
            click.echo(
                f"Logged entry {entry.id}: {entry.date}, {_pains(entry)}, "
                f"{_exercises_done(len(entry.done))}."
            )
        except OSError as error:
            raise click.ClickException(
                f"could not write to standard output ({error.strerror or error}), so nothing "
                "was logged; try again"
            ) from None

    try:
        with mapped_errors():
            entry = journal.add_entry(
                day,
                pain,
                exercises,
                note,
                spreading=spreading,
                leg=leg,
                back=back,
                felt=felt,
                announce=announce,
            )
    except click.ClickException as error:
        if announced and not error.message.startswith("could not write to standard output"):
            # The commit failed after the line was printed (a full disk): take it back.
            taken_back = f"{error.message}; entry {announced[0].id} above was not logged"
            raise click.ClickException(taken_back) from None
        raise
    if earlier and entry.done:
        # The session logged after the day's pain (`log --pain 6`, later `log --pain 4
        # --planned`): both readings are real and an acknowledged entry is never rewritten, so
        # the two stay apart, and the user hears so.
        numbers = " and ".join(str(number) for number in earlier)
        context.echo_note(
            f"This is your {_ordinal(len(earlier) + 1)} entry on {entry.date} (entry {numbers} "
            "too). Both are kept and counted, the session once. To keep "
            f"this one only: sciatica-plan forget {earlier[-1]}"
        )
    for advice in _advice(entry):
        context.echo_note(advice)


def _pains(entry: Entry) -> str:
    """'pain 4/10 (leg 4, back 2)'."""
    given = [
        f"{name} {value}"
        for name, value in (("leg", entry.leg), ("back", entry.back))
        if value is not None
    ]
    return f"pain {entry.pain}/10" + (f" ({', '.join(given)})" if given else "")


def _ordinal(number: int) -> str:
    return {2: "second", 3: "third"}.get(number, f"{number}th")


def _planned_session(settings: Settings, day: dt.date) -> tuple[str, ...]:
    """The exercise ids planned for `day` by the saved options (and the journal, as `today`)."""
    from .params import saved_request
    from .plan_commands import build_week
    from .profile_commands import saved_profile

    plan = saved_request(click.get_current_context(), saved_profile(settings))
    start = plan.week_start(day)
    _, week = build_week(settings, plan, start)
    session = week.days[(day - start).days]
    if session.rest:
        raise click.UsageError(
            f"{day:%A} {day} is a rest day in your plan: no session to log with --planned. "
            "Log your pain alone by leaving --planned out."
        )
    return tuple(item.id for item in session.exercises)


def _training_day(settings: Settings, day: dt.date) -> bool:
    """Is `day` one of your saved training days? Without saved options, log cannot know which
    days you train (you may type --on each time), so it does not guess; an unreadable profile
    only loses this hint."""
    from ..errors import SciaticaPlanError
    from ..profile import load_profile
    from .params import saved_request

    try:
        saved = load_profile(profile_path(settings))
    except SciaticaPlanError:
        return False
    if not saved.saved():
        return False
    on = saved_request(click.get_current_context(), saved).fields["on"]
    return WEEKDAYS[day.weekday()] in on


def _advice(entry: Entry) -> list[str]:
    """What to do after this entry: spreading symptoms and flare-up pain each have advice."""
    advice = []
    if entry.spreading:
        advice.append(safety.SPREADING_ADVICE)
    if entry.pain > safety.FLARE_SAFE_MAX_PAIN:
        advice.append(safety.FLARE_UP_LOGGED.format(pain=entry.pain))
    if entry.pain >= safety.VERY_BAD_PAIN_MIN:  # NHS: struggling to cope, or not sleeping
        advice.append(safety.VERY_BAD_PAIN_ADVICE)
    return advice


def _typed(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE


def _csv_cell(text: str) -> str:
    """Text a spreadsheet shows as text, and a terminal shows inert.

    Control and hidden characters are written visibly (\\x1b, <U+202E>, and a carriage return,
    which would move the cursor back over the line, as \\x0d); tabs and line breaks stay, as
    the quoted field holds them. A leading ' stops a formula running (OWASP), also where the
    formula sign hides behind blanks, line breaks or invisible characters, or is full-width.
    """
    if text.startswith(FORMULA_STARTS) or _formula_sign_first(text):
        text = "'" + text
    return visible(text, keep="\t\n", limit=None)


def _formula_sign_first(text: str) -> bool:
    """Does the first character that draws something start a formula?"""
    for character in text:
        if character.isspace() or is_hidden(character) or is_control(character):
            continue
        return character in FORMULA_SIGNS
    return False


def _write_csv(entries: list[Entry]) -> None:
    import csv
    import io

    # The default dialect: CRLF line ends as RFC 4180 has them, and any field holding a CR or an
    # LF is quoted (with "\n" as the line end, a lone CR in a note would go out unquoted). Built
    # in memory and printed with click.echo, as every other output is (it copes with a closed
    # standard output, where sys.stdout is None).
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    # Schema 3 added leg, back and felt at the end, so a spreadsheet that reads the first six
    # columns by position keeps working; felt is "id=how" pairs joined by ";", as done is.
    writer.writerow(["id", "date", "pain", "done", "note", "spreading", "leg", "back", "felt"])
    for entry in entries:
        writer.writerow(
            [
                entry.id,
                entry.date.isoformat(),
                entry.pain,
                _csv_cell(";".join(entry.done)),
                _csv_cell(entry.note or ""),
                int(entry.spreading),  # 1 or 0: a spreadsheet can count and filter them
                "" if entry.leg is None else entry.leg,
                "" if entry.back is None else entry.back,
                _csv_cell(";".join(f"{exercise}={how}" for exercise, how in entry.felt)),
            ]
        )
    click.echo(text.getvalue(), nl=False)


@click.command()
@click.option(
    "--days",
    type=click.IntRange(1, HISTORY_DAYS_MAX),
    default=HISTORY_DAYS_DEFAULT,
    show_default=True,
    help="How many days back to show, today included.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the entries and summary as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the entries as CSV, for a spreadsheet.")
@click.option(
    "--long",
    is_flag=True,
    help="Show each entry in full: the exercises done, how each felt, the whole note.",
)
@pass_settings
def history(settings: Settings, days: int, as_json: bool, as_csv: bool, long: bool) -> None:
    """Your journal: entries, a pain chart, its average and trend.

    One line per entry; --long shows the exercises and whole notes. The
    trend compares your mean pain over the last 7 days with the 7 days
    before: a change of 1 point or more is improving or worsening, less is
    stable.

    \b
    Example:
      sciatica-plan history --days 14
      sciatica-plan history --days 90 --csv > pain.csv
    """
    if as_json and as_csv:
        ctx = click.get_current_context()
        if _typed(ctx, "as_json") and _typed(ctx, "as_csv"):
            raise click.UsageError("--json and --csv are two formats; give one")
        as_csv = _typed(ctx, "as_csv")  # a saved default gives way to the one typed now
        as_json = not as_csv
    from ..trend import as_of, needed_since, summarise

    now = context.today()
    journal = _open_journal(settings, create=False)
    with mapped_errors():
        found = journal.entries(since=needed_since(now, days))
    counted, future = as_of(found, now)
    summary = summarise(counted, now, days)
    entries = [e for e in found if e.date >= summary.start]
    if as_json:
        with mapped_errors():
            psfs = journal.psfs()
        # Schema 3: every PSFS series, whole (they are small), so that every value the
        # journal keeps can be exported.
        echo_json(
            {
                "entries": [e.as_json() for e in entries],
                "summary": summary.as_json(),
                "psfs": [series.as_json() for series in psfs],
            }
        )
    elif as_csv:
        _write_csv(entries)
    else:
        from ..render.terminal.journal_views import show_history

        show_history(
            console(),
            entries,
            summary,
            long=long,
            counted=[e for e in counted if e.date >= summary.start],
            future=future,
        )


def _interactive() -> bool:
    """Is someone at a terminal to answer a question? (Tests replace this.) A closed stdin
    (`<&-`, which Python shows as None) is no terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


@click.command()
@click.argument("number", metavar="ENTRY", type=EntryNumberType())
@click.option("--yes", "-y", is_flag=True, help="Delete without asking.")
@pass_settings
def forget(settings: Settings, number: int, yes: bool) -> None:
    """Delete one journal entry, by its number in history.

    \b
    Example:
      sciatica-plan forget 12
      sciatica-plan forget 12 --yes
    """
    if not yes and not _interactive():
        raise click.UsageError(
            f"no terminal to ask whether to delete entry {number}; pass --yes to delete it"
        )
    from ..journal import UnreadableEntryError

    journal = _open_journal(settings, create=False)
    with mapped_errors():
        try:
            entry = journal.entry(number)
        except UnreadableEntryError as error:
            _forget_unreadable(journal, number, yes, error)
            return
    if entry is None:
        raise click.BadParameter(
            f"no entry {number} in the journal. See the numbers with: sciatica-plan history",
            param_hint="'ENTRY'",
        )
    from ..render.terminal.journal_views import show_entry

    show_entry(console(), entry)
    if not yes and not click.confirm(f"Delete entry {number}?", default=False):
        click.echo("Nothing deleted.")
        return
    with mapped_errors():
        deleted = journal.delete(number)
    if deleted is None:  # another process deleted it while we asked
        raise click.BadParameter(f"entry {number} is already gone", param_hint="'ENTRY'")
    click.echo(f"Deleted entry {deleted.id}: {deleted.date}, pain {deleted.pain}/10.")


def _forget_unreadable(journal: Journal, number: int, yes: bool, problem: Exception) -> None:
    """An entry a hand edit made unreadable cannot be shown, but it can still be deleted."""
    click.echo(f"Warning: {error_line(str(problem))}", err=True)
    if not yes and not click.confirm(f"Delete entry {number}?", default=False):
        click.echo("Nothing deleted.")
        return
    with mapped_errors():
        gone = journal.delete_unreadable(number)
    if not gone:  # another process deleted it while we asked
        raise click.BadParameter(f"entry {number} is already gone", param_hint="'ENTRY'")
    click.echo(f"Deleted entry {number}.")


COMMANDS = (log, history, forget)

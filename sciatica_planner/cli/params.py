"""Parameter types and the shared PLAN OPTIONS, built from the vocabulary without pydantic."""

from __future__ import annotations

import datetime as dt
import functools
import os
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import click
from click.core import ParameterSource

from ..vocabulary import (
    AVOID_WORDS,
    DAYS_DEFAULT,
    DAYS_MAX,
    DAYS_MIN,
    DEFAULT_SPREAD,
    EQUIPMENT,
    EQUIPMENT_ALIASES,
    GROUP_ALIASES,
    GROUPS,
    LEVELS,
    MINUTES_DEFAULT,
    MINUTES_MAX,
    MINUTES_MIN,
    PAIN_MAX,
    PAIN_MIN,
    POSITIONS,
    PREFER_DEFAULT,
    PREFERENCES,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR_MAX,
    YEAR_MIN,
    avoided_positions,
    chosen_equipment,
    is_exercise_id,
)

PAIN_DEFAULT = 0

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from click.shell_completion import CompletionItem

    from ..profile import Profile


def closest(word: str, choices: list[str]) -> str:
    """' Did you mean ...?' for an unknown name, or nothing."""
    import difflib

    matches = difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    if not matches:
        return ""
    return " Did you mean " + " or ".join(repr(m) for m in matches) + "?"


class GroupType(click.ParamType):
    """A muscle group: a canonical id or an alias, in any case."""

    name = "group"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value in GROUPS:
            return str(value)
        key = str(value).strip().lower().replace("_", "-").replace(" ", "-")
        if key in GROUPS:
            return key
        if key in GROUP_ALIASES:
            return GROUP_ALIASES[key]
        hint = closest(key, list(GROUPS))
        if not hint:  # a near miss of an alias suggests the group it stands for
            import difflib

            near = difflib.get_close_matches(key, list(GROUP_ALIASES), n=1, cutoff=0.75)
            hint = f" Did you mean {GROUP_ALIASES[near[0]]!r}?" if near else ""
        self.fail(f"unknown group {value!r}. Choose from: {', '.join(GROUPS)}.{hint}", param, ctx)

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        return [CompletionItem(g) for g in GROUPS if g.startswith(incomplete.lower())]


def comma_items(value: Any) -> list[str]:
    """A comma list as typed: its words, trimmed and lower-cased, empty ones dropped."""
    return [part.strip().lower() for part in str(value).split(",") if part.strip()]


def complete_list(incomplete: str, words: tuple[str, ...]) -> list[CompletionItem]:
    """Shell completion of the last word of a comma list."""
    from click.shell_completion import CompletionItem

    head, _, last = incomplete.rpartition(",")
    prefix = f"{head}," if head else ""
    return [CompletionItem(prefix + w) for w in words if w.startswith(last.lower())]


class WeekdaysType(click.ParamType):
    """A comma list of distinct weekdays, such as mon,wed,fri."""

    name = "days"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        days: list[str] = []
        for part in str(value).split(","):
            word = part.strip().lower()
            day = next(
                (
                    d
                    for d, name in zip(WEEKDAYS, WEEKDAY_NAMES, strict=True)
                    if word and name.lower().startswith(word) and len(word) >= 2
                ),
                None,
            )
            if day is None:
                self.fail(
                    f"{part.strip()!r} is not a weekday; use {','.join(WEEKDAYS)}", param, ctx
                )
            if day in days:
                self.fail(f"{day} is listed twice", param, ctx)
            days.append(day)
        if not DAYS_MIN <= len(days) <= DAYS_MAX:
            self.fail(
                f"choose {DAYS_MIN} to {DAYS_MAX} training days (got {len(days)})", param, ctx
            )
        return tuple(sorted(days, key=WEEKDAYS.index))

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return complete_list(incomplete, WEEKDAYS)


class EquipmentType(click.ParamType):
    """A comma list of equipment names, or `none`, or `all`."""

    name = "equipment"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = comma_items(value)
        chosen = chosen_equipment(items)
        if isinstance(chosen, str):
            hint = _equipment_hint(chosen)
            self.fail(
                f"unknown equipment {chosen!r}. Choose from: {', '.join(EQUIPMENT)}, "
                f"none, all.{hint}",
                param,
                ctx,
            )
        return chosen

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return complete_list(incomplete, (*EQUIPMENT, "none", "all"))


def _equipment_hint(word: str) -> str:
    """' Did you mean ...?' for unknown equipment: the names first, then the other names a
    user may type (a near miss of 'stability ball' suggests 'ball')."""
    key = "-".join(word.replace("_", " ").replace("-", " ").split())
    hint = closest(key, list(EQUIPMENT)) or closest(key.removesuffix("s"), list(EQUIPMENT))
    if not hint:
        import difflib

        near = difflib.get_close_matches(key, list(EQUIPMENT_ALIASES), n=1, cutoff=0.75)
        hint = f" Did you mean {EQUIPMENT_ALIASES[near[0]]!r}?" if near else ""
    return hint


class AvoidType(click.ParamType):
    """A comma list of positions to leave out: standing, seated, kneeling, lying; `floor` is
    kneeling and lying; `none` clears a saved list."""

    name = "positions"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = comma_items(value)
        chosen = avoided_positions(items)
        if isinstance(chosen, str):
            self.fail(
                f"unknown position {chosen!r}. Choose from: {', '.join(AVOID_WORDS)}, none."
                + closest(chosen.strip().lower(), list(AVOID_WORDS)),
                param,
                ctx,
            )
        return chosen

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return complete_list(incomplete, AVOID_WORDS)


class ExcludeType(click.ParamType):
    """Exercise ids never to plan, as a comma list (the option may be repeated); `none` clears
    a saved list. Whether each is in the catalogue is checked once the catalogue is loaded."""

    name = "ids"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = comma_items(value)
        if items == ["none"]:
            return ()
        for item in items:
            if not is_exercise_id(item):
                self.fail(
                    f"{item!r} is not an exercise id; ids are words joined by hyphens, such "
                    "as glute-bridge (see: sciatica-plan exercises)",
                    param,
                    ctx,
                )
        return tuple(dict.fromkeys(items))

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from .completion import exercise_ids

        return [CompletionItem(i) for i in exercise_ids(ctx, param, incomplete)]


class DateType(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD", param, ctx)
        if not YEAR_MIN <= day.year <= YEAR_MAX:
            self.fail(
                f"{day} is outside the years sciatica-plan plans for ({YEAR_MIN} to {YEAR_MAX})",
                param,
                ctx,
            )
        return day


def merge_equipment(values: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """--equipment given several times: the union, in the vocabulary's order."""
    chosen = {item for value in values for item in value}
    return tuple(e for e in EQUIPMENT if e in chosen)


def merge_avoid(values: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """--avoid given several times: the union, in the vocabulary's order."""
    chosen = {item for value in values for item in value}
    return tuple(p for p in POSITIONS if p in chosen)


def merge_exclude(values: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """--exclude given several times: every id once, in the order typed."""
    return tuple(dict.fromkeys(item for value in values for item in value))


LEVEL_DEFAULT = LEVELS[0]

level_option = click.option(
    "--level",
    type=click.Choice(LEVELS, case_sensitive=False),
    default=LEVEL_DEFAULT,
    show_default=True,
    help="Your level; includes the levels below it.",
)
equipment_option = click.option(
    "--equipment",
    type=EquipmentType(),
    multiple=True,
    help=f"Equipment you have: comma list or repeated, from {', '.join(EQUIPMENT)}; "
    "or none, or all.  [default: none]",
)


# The PLAN OPTIONS that pass straight into `PlanOptions` under the same names. `seed` and the
# week's start are left out: they depend on the week chosen, which only the command knows.
OPTION_FIELDS = (
    "days", "on", "level", "equipment", "minutes", "pain", "prefer", "pain_from", "avoid",
    "exclude",
)  # fmt: skip
# Every PLAN OPTION by its parameter name: the ones a command consumes into a `PlanRequest`.
PLAN_OPTION_NAMES = (
    "days", "on", "level", "equipment", "minutes", "pain", "seed", "start", "next_week",
    "prefer", "no_journal", "avoid", "exclude", "prescription",
)  # fmt: skip


class PlanRequest(NamedTuple):
    """The PLAN OPTIONS as typed: `fields` are `PlanOptions` fields by name, ready to pass on;
    `seed`, `start` and `next_week` wait for the command to choose the week."""

    fields: Mapping[str, Any]
    seed: int | None = None
    start: dt.date | None = None
    next_week: bool = False
    journal: bool = True  # read the journal for today's pain and the adaptation
    prescription: Path | None = None  # a clinician's prescription file the week follows
    days_typed: bool = False  # --days or --on typed now: they win over a prescription's days

    def week_start(self, anchor: dt.date) -> dt.date:
        """The first day of the chosen week: --start, else the Monday of the anchor's week."""
        if self.start is not None:
            return self.start
        monday = anchor - dt.timedelta(days=anchor.weekday())
        return monday + dt.timedelta(days=7) if self.next_week else monday


def _from_command_line(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.PROMPT)


def _days(ctx: click.Context, days: int | None, on: tuple[str, ...] | None) -> tuple[str, ...]:
    """The training days: --on, else the default spread for --days; a conflict typed now is a
    usage error, while a saved value gives way to the one typed now."""
    if on is not None and days is not None and days != len(on):
        if _from_command_line(ctx, "days") and _from_command_line(ctx, "on"):
            raise click.UsageError(
                f"--days {days} conflicts with --on {','.join(on)} ({len(on)} days); "
                "give one of them"
            )
        if _from_command_line(ctx, "days"):
            on = None  # a saved --on gives way to --days typed now
    if on is None:
        on = DEFAULT_SPREAD[days if days is not None else DAYS_DEFAULT]
    return on


def _week(
    ctx: click.Context, start: dt.date | None, next_week: bool
) -> tuple[dt.date | None, bool]:
    if start is not None and next_week:
        if _from_command_line(ctx, "start") and _from_command_line(ctx, "next_week"):
            raise click.UsageError("--start and --next both choose the week; give one")
        next_week = not _from_command_line(ctx, "start")
        start = None if next_week else start
    return start, next_week


def plan_request(ctx: click.Context, values: dict[str, Any]) -> PlanRequest:
    """The PLAN OPTIONS' values (by parameter name) as one `PlanRequest`; `values` is consumed."""
    on = _days(ctx, values.pop("days"), values.pop("on"))
    start, next_week = _week(ctx, values.pop("start"), values.pop("next_week"))
    pain = values.pop("pain")
    fields = {
        "days": len(on),
        "on": on,
        "level": values.pop("level").lower(),
        "equipment": merge_equipment(values.pop("equipment")),
        "minutes": values.pop("minutes"),
        # No default on the option, so a pain typed now is told apart from none at all.
        "pain": PAIN_DEFAULT if pain is None else pain,
        "prefer": values.pop("prefer").lower(),
        "pain_from": "default" if pain is None else "options",
        "avoid": merge_avoid(values.pop("avoid")),
        "exclude": merge_exclude(values.pop("exclude")),
    }
    return PlanRequest(
        fields=MappingProxyType(fields),
        seed=values.pop("seed"),
        start=start,
        next_week=next_week,
        journal=not values.pop("no_journal"),
        prescription=values.pop("prescription"),
        days_typed=_from_command_line(ctx, "days") or _from_command_line(ctx, "on"),
    )


def saved_request(ctx: click.Context, profile: Profile) -> PlanRequest:
    """The PLAN OPTIONS a plan command would get from the saved profile alone (`log --planned`)."""
    return plan_request(
        ctx,
        {
            "days": profile.days,
            "on": profile.on,
            "level": profile.level or LEVEL_DEFAULT,
            "equipment": (profile.equipment or (),),
            "minutes": profile.minutes or MINUTES_DEFAULT,
            "pain": None,
            "seed": None,
            "start": None,
            "next_week": False,
            "prefer": profile.prefer or PREFER_DEFAULT,
            "no_journal": False,
            "avoid": (profile.avoid or (),),
            "exclude": (profile.exclude or (),),
            "prescription": _saved_path(profile.prescription),
        },
    )


def _saved_path(text: str | None) -> Path | None:
    from pathlib import Path

    return Path(text) if text else None


def takes_plan_options(command: click.Command) -> bool:
    """Is this a plan command (week, today, guide, program, export), whose defaults are saved?"""
    names = {param.name for param in command.params}
    return set(PLAN_OPTION_NAMES) <= names


def saved_defaults(command: click.Command, profile: Profile) -> dict[str, Any]:
    """The saved options as the command's `default_map`: each key goes to the option spelled
    `--KEY`, under whatever name the command gives it; keys it has no option for are left out."""
    by_flag = {
        flag: param
        for param in command.params
        if isinstance(param, click.Option)
        for flag in param.opts
    }
    defaults: dict[str, Any] = {}
    for key, value in profile.saved().items():
        param = by_flag.get(f"--{key}")
        if param is not None and param.name is not None:
            defaults[param.name] = [value] if param.multiple else value
    return defaults


def plan_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the PLAN OPTIONS and pass them to the command as one `PlanRequest`."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in PLAN_OPTION_NAMES}
        kwargs["plan"] = plan_request(click.get_current_context(), values)
        return command(*args, **kwargs)

    decorators = (
        click.option(
            "--days",
            type=click.IntRange(DAYS_MIN, DAYS_MAX),
            default=None,
            help=f"Training days a week, {DAYS_MIN}-{DAYS_MAX}.  [default: {DAYS_DEFAULT}]",
        ),
        click.option(
            "--on",
            type=WeekdaysType(),
            default=None,
            help="Which days, e.g. mon,wed,fri (sets the number of days).",
        ),
        level_option,
        equipment_option,
        click.option(
            "--minutes",
            type=click.IntRange(MINUTES_MIN, MINUTES_MAX),
            default=MINUTES_DEFAULT,
            show_default=True,
            help="The most one session may take.",
        ),
        click.option(
            "--pain",
            type=click.IntRange(PAIN_MIN, PAIN_MAX),
            default=None,
            help=f"Today's pain, 0 (none) to 10 (worst).  [default: {PAIN_DEFAULT}]",
        ),
        click.option(
            "--seed",
            type=int,
            default=None,
            help="Vary the routine.  [default: from the week's start date]",
        ),
        click.option(
            "--start",
            type=DateType(),
            default=None,
            help="First day of the week.  [default: this week's Monday]",
        ),
        click.option("--next", "next_week", is_flag=True, help="Plan the week after this one."),
        click.option(
            "--prefer",
            type=click.Choice(PREFERENCES, case_sensitive=False),
            default=PREFER_DEFAULT,
            show_default=True,
            help="The direction of spinal movement that eases your symptoms (a clinician's "
            "directional preference).",
        ),
        click.option(
            "--no-journal",
            is_flag=True,
            help="Plan from the options alone: ignore the journal's pain and its last two weeks.",
        ),
        click.option(
            "--avoid",
            type=AvoidType(),
            multiple=True,
            help="Positions to leave out: comma list of standing, seated, kneeling, lying; "
            "floor (kneeling and lying); none.  [default: none]",
        ),
        click.option(
            "--exclude",
            type=ExcludeType(),
            multiple=True,
            metavar="ID",
            help="An exercise never to plan (repeat it, or a comma list).",
        ),
        click.option(
            "--prescription",
            type=PathType(dir_okay=False),
            default=None,
            metavar="PATH",
            help="A clinician's prescription file (YAML): the week follows it.",
        ),
    )
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return wrapper


class TimeType(click.ParamType):
    """A time of day written HH:MM (24-hour clock)."""

    name = "HH:MM"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.time:
        from ..profile import parse_time

        if isinstance(value, dt.time):
            return value
        try:
            return parse_time(str(value))
        except (ValueError, OverflowError):  # int() of 5,000 digits or more, or hour 10**20
            self.fail(f"{value!r} is not a time; write it as HH:MM, e.g. 07:30", param, ctx)


# The largest entry number SQLite can store (a signed 64-bit integer): a larger one is a typo.
ENTRY_MAX = 2**63 - 1


class EntryNumberType(click.ParamType):
    """A journal entry's number: a whole number, and one SQLite can hold."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        number: int = click.INT.convert(value, param, ctx)
        if not -ENTRY_MAX <= number <= ENTRY_MAX:
            self.fail(
                f"there is no entry {number}: entry numbers are at most {ENTRY_MAX}. "
                "See the numbers with: sciatica-plan history",
                param,
                ctx,
            )
        return number


class PathType(click.Path):
    """click.Path whose values are pathlib Paths. pathlib is imported when a value comes, not
    when the options are defined: `--help` never needs it (it costs 7 ms to import)."""

    def coerce_path_result(self, value: Any) -> Any:
        from pathlib import Path

        return value if isinstance(value, Path) else Path(os.fsdecode(value))


class OutputPathType(PathType):
    """A file to write (or - for standard output, with `allow_dash`); a name ending with a
    slash names a folder, and is refused before Path drops the slash."""

    def __init__(self, *, allow_dash: bool = True, example: str = "week.md") -> None:
        super().__init__(dir_okay=False, allow_dash=allow_dash)
        self.example = example

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..files import OutputError, refuse_trailing_separator

        if isinstance(value, str):
            try:
                refuse_trailing_separator(value, self.example)
            except OutputError as error:
                self.fail(error.problem, param, ctx)
        return super().convert(value, param, ctx)


def note_text(note: str) -> str:
    """A note as it may be stored: valid text, without hidden characters (controls are kept,
    and every view and export shows them visibly)."""
    from ..text import ALL_CONTROLS, describe, forbidden

    try:
        note.encode("utf-8")
    except UnicodeEncodeError:
        raise click.BadParameter(
            "the note is not valid text (UTF-8)", param_hint="'--note'"
        ) from None
    found = forbidden(note, allowed=ALL_CONTROLS)
    if found is not None:
        raise click.BadParameter(
            f"the note holds an invisible or direction-changing character ({describe(found)}); "
            "type it again without it",
            param_hint="'--note'",
        )
    return note

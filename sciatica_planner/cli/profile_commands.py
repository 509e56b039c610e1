"""The saved plan options: `profile`, `profile set`, `profile reset`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from ..profile import REMIND_DEFAULT, REMIND_MAX, TIME_DEFAULT
from ..text import visible
from ..vocabulary import (
    DAYS_DEFAULT,
    DAYS_MAX,
    DAYS_MIN,
    DEFAULT_SPREAD,
    EQUIPMENT,
    LEVELS,
    MINUTES_DEFAULT,
    MINUTES_MAX,
    MINUTES_MIN,
    PREFER_DEFAULT,
    PREFERENCES,
)
from .context import Settings, mapped_errors, pass_settings
from .params import (
    LEVEL_DEFAULT,
    AvoidType,
    EquipmentType,
    ExcludeType,
    PathType,
    TimeType,
    WeekdaysType,
    merge_avoid,
    merge_equipment,
    merge_exclude,
    saved_defaults,
    takes_plan_options,
)
from .paths import profile_path

if TYPE_CHECKING:
    from pathlib import Path

    from ..profile import Profile


def saved_profile(settings: Settings) -> Profile:
    """The saved options (none saved: an empty profile); a bad file is `Error:`, exit 1."""
    from ..profile import load_profile

    with mapped_errors():
        return load_profile(profile_path(settings))


def use_saved_options(ctx: click.Context, settings: Settings) -> None:
    """Give the command about to run its saved defaults (click's default_map), if it plans."""
    name = ctx.invoked_subcommand
    group = ctx.command
    command = group.get_command(ctx, name) if name and isinstance(group, click.Group) else None
    if command is None or not takes_plan_options(command):
        return
    assert name is not None  # a command was found by it
    ctx.default_map = {name: saved_defaults(command, saved_profile(settings))}


def _shown(key: str, value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(value) or "none"
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if key == "remind":
        return "off" if value == 0 else f"{value} min before"
    if key == "minutes":
        return f"{value} min"
    if key == "quiet":
        return "yes (no bell in guide)" if value else "no (guide rings at each hold's end)"
    if value is None:
        return "none"
    return visible(str(value))


def _defaults() -> dict[str, Any]:
    return {
        "days": DAYS_DEFAULT,
        "on": DEFAULT_SPREAD[DAYS_DEFAULT],
        "level": LEVEL_DEFAULT,
        "equipment": (),
        "minutes": MINUTES_DEFAULT,
        "prefer": PREFER_DEFAULT,
        "time": TIME_DEFAULT,
        "remind": REMIND_DEFAULT,
        "avoid": (),
        "exclude": (),
        "prescription": None,
        "quiet": False,
    }


def _effective(profile: Profile) -> dict[str, tuple[Any, str]]:
    """Each key's value as the plan commands see it, and where it came from."""
    saved = profile.saved()
    values = {key: (saved.get(key, default), "") for key, default in _defaults().items()}
    for key in values:
        if key not in saved:
            values[key] = (values[key][0], "default")
    # Training days are saved one way; the other follows from it.
    if profile.on is not None:
        values["days"] = (len(profile.on), "from on")
    elif profile.days is not None:
        values["on"] = (DEFAULT_SPREAD[profile.days], "spread over the week")
    return values


def _show(path: Path, profile: Profile, title: str) -> None:
    click.echo(title)
    click.echo(f"  file: {visible(str(path))}")
    for key, (value, origin) in _effective(profile).items():
        note = f"  ({origin})" if origin else ""
        click.echo(f"  {key:<12} {_shown(key, value)}{note}")
    click.echo("week, today, guide, program and export start from these;")
    click.echo("an option you type on the command line wins for that command.")


@click.group(invoke_without_command=True, short_help="Your saved plan options.")
@pass_settings
@click.pass_context
def profile(ctx: click.Context, settings: Settings) -> None:
    """Your saved plan options, the file they live in, and how to change them.

    Save your days, level, equipment and time once; every plan command then
    starts from them. Options you type still win for that one command.

    \b
    Example:
      sciatica-plan profile set --days 4 --level intermediate --equipment band
      sciatica-plan profile
      sciatica-plan today
      sciatica-plan profile reset
    """
    if ctx.invoked_subcommand is not None:
        return
    path = profile_path(settings)
    saved = saved_profile(settings)
    if saved.saved():
        _show(path, saved, "Your saved plan options:")
    else:
        _show(path, saved, "No saved plan options yet: the plan commands use the defaults.")
        click.echo("Save yours with: sciatica-plan profile set --days 4 --level intermediate")


# The PLAN OPTIONS `profile set` never saves, each with what it is and an example of its use:
# each belongs to one day or one plan, so a saved one would be wrong by the next day.
NEVER_SAVED = {
    "--pain": ("today's pain", "--pain 3"),
    "--seed": ("one variation of a week", "--seed 7"),
    "--start": ("which week to plan", "--start 2026-11-30"),
    "--next": ("which week to plan", "--next"),
    "--no-journal": ("one plan made without your journal", "--no-journal"),
}


class _SetCommand(click.Command):
    """`profile set`, naming the plan options it never saves, and why, instead of click's
    "No such option '--pain'. Did you mean '--on'?"."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        typed: list[str] = []
        for arg in args:
            if arg == "--":
                break
            flag = arg.partition("=")[0]
            if flag in NEVER_SAVED and flag not in typed:
                typed.append(flag)
        if typed:
            one = len(typed) == 1
            names = typed[0] if one else ", ".join(typed[:-1]) + " and " + typed[-1]
            reasons = "; ".join(dict.fromkeys(NEVER_SAVED[flag][0] for flag in typed))
            they = ("is", "it changes", "it") if one else ("are", "they change", "them")
            raise click.UsageError(
                f"{names} {they[0]} never saved: {they[1]} from day to day ({reasons}). "
                f"Type {they[2]} with week, today, "
                f"guide, program or export each time, e.g. sciatica-plan week "
                f"{NEVER_SAVED[typed[0]][1]}",
                ctx,
            )
        return super().parse_args(ctx, args)


@profile.command(name="set", cls=_SetCommand)
@click.option(
    "--days", type=click.IntRange(DAYS_MIN, DAYS_MAX), help="Training days a week (replaces --on)."
)
@click.option("--on", type=WeekdaysType(), help="Which days, e.g. mon,wed,fri (replaces --days).")
@click.option("--level", type=click.Choice(LEVELS, case_sensitive=False), help="Your level.")
@click.option(
    "--equipment",
    type=EquipmentType(),
    multiple=True,
    help=f"Equipment you have: comma list or repeated, from {', '.join(EQUIPMENT)}; none; all.",
)
@click.option(
    "--minutes", type=click.IntRange(MINUTES_MIN, MINUTES_MAX), help="The most a session may take."
)
@click.option(
    "--prefer",
    type=click.Choice(PREFERENCES, case_sensitive=False),
    help="The direction of spinal movement that eases your symptoms.",
)
@click.option(
    "--avoid",
    type=AvoidType(),
    multiple=True,
    help="Positions to leave out: standing, seated, kneeling, lying; floor; none.",
)
@click.option(
    "--exclude",
    type=ExcludeType(),
    multiple=True,
    metavar="ID",
    help="An exercise never to plan (repeat it, or a comma list); none clears the list.",
)
@click.option(
    "--prescription",
    type=PathType(dir_okay=False),
    metavar="PATH",
    help="A clinician's prescription file the weeks follow (saved as an absolute path); "
    "none stops following one.",
)
@click.option("--time", "at", type=TimeType(), help="Calendar start time of a session (export).")
@click.option(
    "--remind",
    type=click.IntRange(0, REMIND_MAX),
    metavar="MIN",
    help="Calendar reminder, minutes before a session; 0 turns it off (export).",
)
@click.option(
    "--quiet/--no-quiet",
    default=None,
    help="No bell at the end of each hold and rest in guide (--no-quiet: the bell again).",
)
@pass_settings
def set_options(
    settings: Settings,
    days: int | None,
    on: tuple[str, ...] | None,
    level: str | None,
    equipment: tuple[tuple[str, ...], ...],
    minutes: int | None,
    prefer: str | None,
    at: dt.time | None,
    remind: int | None,
    avoid: tuple[tuple[str, ...], ...],
    exclude: tuple[tuple[str, ...], ...],
    prescription: Path | None,
    quiet: bool | None,
) -> None:
    """Save plan options; the ones you leave out keep their saved value.

    --pain, --seed, --start, --next and --no-journal are never saved: they
    belong to one day or one plan.

    \b
    Example:
      sciatica-plan profile set --on mon,wed,fri --minutes 20
      sciatica-plan profile set --equipment band,dumbbells --time 18:00
    """
    from ..profile import update_profile

    if days is not None and on is not None and days != len(on):
        raise click.UsageError(
            f"--days {days} conflicts with --on {','.join(on)} ({len(on)} days); give one of them"
        )
    changes: dict[str, Any] = {
        "days": days,
        "on": on,
        "level": level.lower() if level else None,
        "equipment": merge_equipment(equipment) if equipment else None,
        "minutes": minutes,
        "prefer": prefer.lower() if prefer else None,
        "time": at,
        "remind": remind,
        "avoid": merge_avoid(avoid) if avoid else None,
        "exclude": merge_exclude(exclude) if exclude else None,
        "prescription": _prescription(settings, prescription) if prescription else None,
        "quiet": quiet,
    }
    changes = {key: value for key, value in changes.items() if value is not None}
    for key in ("avoid", "exclude", "prescription"):
        if changes.get(key) in ((), ""):  # `none`: saved no more
            changes[key] = None
    if not changes:
        raise click.UsageError(
            "give at least one option to save, e.g. sciatica-plan profile set --days 4"
        )
    path = profile_path(settings)
    with mapped_errors():
        updated = update_profile(path, lambda saved: saved.updated(**changes))
    _show(path, updated, f"Saved {', '.join(changes)}.")


def _prescription(settings: Settings, path: Path) -> str:
    """`--prescription PATH` as saved: an absolute path to a file that checks out now ("" for
    `none`), so a plan command can find it from any folder."""
    if str(path) == "none":
        return ""
    from ..prescription import load_prescription
    from .context import load

    absolute = path.expanduser().absolute()
    catalogue = load(settings)
    with mapped_errors():
        load_prescription(absolute, catalogue)
    return str(absolute)


def _interactive() -> bool:
    from .journal_commands import _interactive as at_a_terminal

    return at_a_terminal()


@profile.command()
@click.option("--yes", "-y", is_flag=True, help="Remove without asking.")
@pass_settings
def reset(settings: Settings, yes: bool) -> None:
    """Remove the saved options: the plan commands go back to the defaults.

    \b
    Example:
      sciatica-plan profile reset
      sciatica-plan profile reset --yes
    """
    from ..profile import profile_exists, remove_profile

    path = profile_path(settings)
    shown = visible(str(path))
    with mapped_errors():
        exists = profile_exists(path)
    if not exists:
        click.echo(f"No saved plan options ({shown} does not exist); nothing to reset.")
        return
    if not yes and not _interactive():
        raise click.UsageError(
            f"no terminal to ask whether to remove {shown}; pass --yes to remove it"
        )
    if not yes and not click.confirm(f"Remove your saved plan options ({shown})?", default=False):
        click.echo("Nothing removed.")
        return
    with mapped_errors():
        remove_profile(path)
    click.echo(f"Removed {shown}: the plan commands use the defaults again.")


COMMANDS = (profile,)

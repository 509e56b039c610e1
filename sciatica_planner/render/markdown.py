"""A week as a markdown document (CommonMark with GitHub tables): the one description of a
handout, which the HTML handout renders in turn."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import PREFER_DEFAULT
from . import cert, wording

if TYPE_CHECKING:
    from ..models import Catalogue, Day, PlannedExercise, WeekPlan

TICK_BOX = "\u2610"  # an empty ballot box, for ticking off an exercise on paper

# Characters that could start markup anywhere in a line; a backslash makes each literal.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An ampersand only matters where it would start an entity such as &amp; or &#60;.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line, these could open a list, a heading, a quote or a code block.
_LINE_START = re.compile(r"^(\d+(?=[.)])|)([-+=#.)])")


def escape(text: str) -> str:
    """Catalogue text made literal: no emphasis, links, HTML, entities, table breaks or list
    markers, while ordinary prose stays readable as plain text."""
    flat = " ".join(text.split())
    flat = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), flat)


def title(plan: WeekPlan) -> str:
    return f"Sciatica exercise plan: week of {wording.long_date(plan.start)}"


def program_title(plans: list[WeekPlan]) -> str:
    return (
        f"Sciatica exercise programme: {len(plans)} week{'s' if len(plans) != 1 else ''} "
        f"from {wording.long_date(plans[0].start)}"
    )


# Blank lines to write on: the handout is often filled in and handed over by a clinician (who
# prescribed it follows: cert.prescribed).
FILL_IN = "Name: ______________________ Date: ____________"
GLANCE = "Your week at a glance"
HOW_TO = "How to do each exercise"
WARNING_SIGNS = "Warning signs: stop exercising and get medical help"
LIVING_WITH = "Living with sciatica"


def week_markdown(plan: WeekPlan, catalogue: Catalogue) -> str:
    """The handout: on its first page the week at a glance with a tick box per set and the
    emergency signs; then each exercise once; then every warning sign and the education."""
    lines: list[str] = [f"# {title(plan)}", "", FILL_IN, ""]
    lines += cert.prescribed(plan.prescription)
    lines += emergency_box()
    lines += [f"## {GLANCE}", "", escape(options_line(plan)), ""]
    if plan.warnings:
        lines += [f"- {escape(warning)}" for warning in plan.warnings]
        lines.append("")
    if plan.adaptation is not None:
        lines += [f"**From your journal:** {escape(wording.adaptation(plan.adaptation))}", ""]
        lines += [f"- {escape(change.reason)}" for change in plan.adaptation.changes]
        lines += [""] if plan.adaptation.changes else []
    # A flare-up routine has no strength work, so no count of strength sets either.
    if not wording.flare_up(plan.options.pain):
        lines += [_balance(plan), ""]
    for days in same_sessions(plan.days):
        lines += _session(days, plan.options.pain)
    lines += _rest_days(plan)
    lines += cert.before_you_start([plan], catalogue, programme=False)
    lines += _how_to(plan, catalogue)
    lines += warning_signs(plan.disclaimer)
    lines += living_with()
    return "\n".join(lines).rstrip("\n") + "\n"


def emergency_box() -> list[str]:
    return [
        f"> **{safety.EMERGENCY_BOX_TITLE}** {escape(safety.EMERGENCY_SUMMARY)}",
        ">",
        f"> {escape(safety.DISCLAIMER_SHORT)} Every warning sign is listed at the end.",
        "",
    ]


def options_line(plan: WeekPlan) -> str:
    """The options a clinician needs to read the week (not the seed: it means nothing on paper)."""
    o = plan.options
    parts = [
        f"{len(o.on)} days ({', '.join(o.on)})",
        o.level,
        ", ".join(o.equipment) or "no equipment",
        f"sessions up to {o.minutes} minutes",
        wording.pain_source(o.pain, o.pain_from),
    ]
    if o.prefer != PREFER_DEFAULT:
        parts.append(f"directional preference {o.prefer}")
    return " · ".join(parts)


def _rows(day: Day, pain: int) -> list[tuple[str, str, str, str, int]]:
    """A training day's rows: block (named on its first row), exercise, dose, rest, sets."""
    rows = []
    for block, items in wording.blocks(day.exercises):
        for number, item in enumerate(items):
            label = wording.block_label(block, pain) if number == 0 else ""
            name = escape(wording.exercise_name(item))
            rest = wording.rest(item.rest_seconds, item.sets)
            rows.append((label, name, wording.planned_dose(item), rest, item.sets))
    return rows


def same_sessions(days: tuple[Day, ...]) -> list[list[Day]]:
    """The training days in runs that share one session exactly (the same exercises, doses
    and rests), in the order first met: a week that repeats its session prints it once."""
    sessions: dict[tuple[object, ...], list[Day]] = {}
    for day in days:
        if not day.rest:
            key = (day.estimated_minutes, tuple(day.groups), tuple(_rows(day, 0)))
            sessions.setdefault(key, []).append(day)
    return list(sessions.values())


def _session(days: list[Day], pain: int) -> list[str]:
    """One table for the days that share a session: a tick box for each set on each day (a
    column a day), the block named on its first row."""
    first = days[0]
    if len(days) == 1:
        when, columns = wording.long_date(first.date), ["Done"]
    else:
        named = [wording.day_heading(day.date) for day in days]
        when = f"{', '.join(named[:-1])} and {named[-1]}"
        columns = [f"{day.date:%a}" for day in days]
    each = " each" if len(days) > 1 else ""
    lines = [
        f"### {when}: {wording.trains(first.groups)}, about {first.estimated_minutes} "
        f"minutes{each}",
        "",
        "| Block | Exercise | Dose | Rest | " + " | ".join(columns) + " |",
        "|---|---|---|---|" + "---|" * len(columns),
    ]
    for label, name, dose, rest, sets in _rows(first, pain):
        ticks = " | ".join([_ticks(sets)] * len(days))
        lines.append(f"| {label} | {name} | {dose} | {rest} | {ticks} |")
    return [*lines, ""]


def _ticks(sets: int) -> str:
    return " ".join([TICK_BOX] * sets)


def _rest_days(plan: WeekPlan) -> list[str]:
    """One line for the rest days that share a walk: 'Rest days: Tue 24 and Thu 26 Nov: ...'."""
    walks: dict[int, list[str]] = {}
    for day in plan.days:
        if day.rest:
            walks.setdefault(day.walk_minutes, []).append(wording.day_heading(day.date))
    lines = []
    for minutes, days in walks.items():
        walk = f"{wording.walk(minutes)} each" if minutes > 0 else "rest"
        lines += [f"**Rest days** ({', '.join(days)}): {walk}.", ""]
    return lines


def _balance(plan: WeekPlan) -> str:
    counts = ", ".join(f"{wording.groups([g])} {n}" for g, n in plan.weekly_sets.items())
    return f"Strength sets this week: {counts}."


def _how_to(plan: WeekPlan, catalogue: Catalogue) -> list[str]:
    """Each exercise of the week once, in the order it first appears, with the dose planned
    (per day where the days differ), its steps, form cues and cautions."""
    first: dict[str, PlannedExercise] = {}
    doses: dict[str, dict[str, list[str]]] = {}
    for day in plan.days:
        for item in day.exercises:
            first.setdefault(item.id, item)
            dose = wording.planned_dose(item)
            doses.setdefault(item.id, {}).setdefault(dose, []).append(f"{day.date:%a}")
    lines = [f"## {HOW_TO}", ""]
    for item in first.values():
        planned = doses[item.id]
        if len(planned) == 1:
            dose = next(iter(planned))
        else:
            dose = ", ".join(f"{d} ({', '.join(days)})" for d, days in planned.items())
        rest = wording.rest(item.rest_seconds, item.sets)
        dose_line = f". **Dose:** {dose}" + (f"; rest {rest} between sets." if rest != "-" else ".")
        lines += how_to_entry(item, catalogue, plan.options.pain, dose_line)
    return lines


def how_to_entry(
    item: PlannedExercise,
    catalogue: Catalogue,
    pain: int,
    dose_line: str = ".",
    dose_table: list[str] | None = None,
) -> list[str]:
    """One exercise of the how-to: its name, what it is (`dose_line` ends that line), then
    `dose_table` if given, its steps, form cues and cautions."""
    exercise = catalogue.exercise(item.id)
    lines = [f"### {escape(wording.exercise_name(item))}", ""]
    about = [f"`{item.id}`", wording.kind(item.kind, pain), item.position]
    if item.kind == "strength" and not wording.flare_up(pain):
        about.append(f"trains {wording.groups(item.groups)}")
    lines += [" · ".join(about) + dose_line, ""]
    lines += dose_table or []
    if exercise is not None:
        lines += [f"{n}. {escape(step)}" for n, step in enumerate(exercise.steps, start=1)]
        lines.append("")
    # Cues and cautions run on in one paragraph each: on paper a list of short phrases
    # takes a line apiece.
    for heading, notes in (("Form", item.cues), ("Take care", item.cautions)):
        if notes:
            lines += [f"**{heading}:** " + " ".join(_sentence(note) for note in notes), ""]
    return lines


def _sentence(note: str) -> str:
    """A cue or caution as a sentence: capitalised, ending with a full stop."""
    text = escape(note)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def warning_signs(disclaimer: str) -> list[str]:
    """Every warning sign by urgency, what to do, and the disclaimer (the handout's and the
    clinician's report's)."""
    lines = [f"## {WARNING_SIGNS}", ""]
    for urgency in safety.URGENCIES:
        lines += [f"**{urgency.label}: {escape(urgency.action)}**", ""]
        lines += [f"- {escape(sign)}" for sign in urgency.signs]
        lines.append("")
    lines += [f"{escape(safety.SEE_A_CLINICIAN)} {escape(safety.UNSURE)}", ""]
    lines += [f"> **Please read.** {escape(disclaimer)}", ""]
    return lines


def living_with() -> list[str]:
    lines = [f"## {LIVING_WITH}", ""]
    for lesson in safety.EDUCATION:
        lines += [f"**{lesson.title}.** {escape(lesson.text)} (Source: {escape(lesson.sources)}.)"]
        lines.append("")
    return lines

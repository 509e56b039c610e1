"""A week as a markdown document (CommonMark with GitHub tables): the one description of a
handout, which the HTML handout renders in turn."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import safety
from ..vocabulary import PREFER_DEFAULT
from . import wording

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


def program_markdown(plans: list[WeekPlan], catalogue: Catalogue) -> str:
    """A programme: its title, then each week's handout one heading level down."""
    lines = [f"# {program_title(plans)}", ""]
    for plan in plans:
        week = week_markdown(plan, catalogue).splitlines()
        lines.append(f"## Week {plan.week_of_program} ({plan.theme}): {week[0].removeprefix('# ')}")
        lines += ["#" + line if line.startswith("#") else line for line in week[1:]]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def week_markdown(plan: WeekPlan, catalogue: Catalogue) -> str:
    lines: list[str] = [f"# {title(plan)}", ""]
    lines += [f"> **Please read.** {escape(plan.disclaimer)}", ""]
    lines += [f"## {safety.RED_FLAGS_TITLE}", ""]
    lines += [f"- {escape(flag)}" for flag in plan.red_flags]
    lines += ["", escape(safety.SEE_A_CLINICIAN), ""]
    if plan.warnings:
        lines += ["## Notes for this week", ""]
        lines += [f"- {escape(warning)}" for warning in plan.warnings]
        lines.append("")
    if plan.adaptation is not None:
        lines += ["## From your journal", "", escape(wording.adaptation(plan.adaptation)), ""]
        lines += [f"- {escape(change.reason)}" for change in plan.adaptation.changes]
        lines += [""] if plan.adaptation.changes else []
    lines += _options(plan)
    # A flare-up routine has no strength work, so no table of strength sets either.
    if not wording.flare_up(plan.options.pain):
        lines += _balance(plan)
    for day in plan.days:
        if not day.rest:
            lines += _day(day, plan.options.pain)
    rest_days = [d for d in plan.days if d.rest]
    if rest_days:
        lines += ["## Rest days", ""]
        for day in rest_days:
            walk = f": {wording.walk(day.walk_minutes)}" if day.walk_minutes > 0 else ""
            lines.append(f"- {wording.long_date(day.date)}{walk}")
        lines.append("")
    lines += _how_to(plan, catalogue)
    return "\n".join(lines).rstrip("\n") + "\n"


def _day(day: Day, pain: int) -> list[str]:
    """A training day's table; the Block column names each block on its first row."""
    trains = wording.groups(day.groups) if day.groups else "gentle work only"
    lines = [
        f"## {wording.long_date(day.date)}: {trains}",
        "",
        f"About {day.estimated_minutes} minutes.",
        "",
        f"| {TICK_BOX} | Block | Exercise | Dose | Rest | Notes |",
        "|:-:|---|---|---|---|---|",
    ]
    for block, items in wording.blocks(day.exercises):
        for number, item in enumerate(items):
            label = wording.BLOCK_LABELS.get(block, block) if number == 0 else ""
            dose = wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side)
            notes = wording.kind(item.kind, pain)
            if item.kind == "strength":
                notes += f": {wording.groups(item.groups)}"
            lines.append(
                f"| {TICK_BOX} | {label} | {escape(item.name)} | {dose} | "
                f"{wording.rest(item.rest_seconds, item.sets)} | {notes}; {item.position} |"
            )
    return [*lines, ""]


def _options(plan: WeekPlan) -> list[str]:
    o = plan.options
    rows = [
        ("Training days", ", ".join(o.on)),
        ("Level", o.level),
        ("Equipment", ", ".join(o.equipment) or "none"),
        ("Longest session", f"{o.minutes} minutes"),
        ("Pain today", wording.pain_source(o.pain, o.pain_from).removeprefix("pain ")),
    ]
    if o.prefer != PREFER_DEFAULT:
        rows.append(("Directional preference", o.prefer))
    rows.append(("Seed", str(o.seed)))
    lines = ["## Options", "", "| Option | Value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return [*lines, ""]


def _balance(plan: WeekPlan) -> list[str]:
    lines = ["## Strength sets per group", "", "| Group | Sets this week |", "|---|--:|"]
    lines += [f"| {wording.groups([g])} | {n} |" for g, n in plan.weekly_sets.items()]
    return [*lines, ""]


def _how_to(plan: WeekPlan, catalogue: Catalogue) -> list[str]:
    """Each exercise of the week once, in the order it first appears, with the dose planned
    (per day where the days differ), its steps, form cues and cautions."""
    first: dict[str, PlannedExercise] = {}
    doses: dict[str, dict[str, list[str]]] = {}
    for day in plan.days:
        for item in day.exercises:
            first.setdefault(item.id, item)
            dose = wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side)
            doses.setdefault(item.id, {}).setdefault(dose, []).append(f"{day.date:%a}")
    lines = ["## How to do each exercise", ""]
    for item in first.values():
        exercise = catalogue.exercise(item.id)
        lines += [f"### {escape(item.name)}", ""]
        planned = doses[item.id]
        if len(planned) == 1:
            dose = next(iter(planned))
        else:
            dose = ", ".join(f"{d} ({', '.join(days)})" for d, days in planned.items())
        kind = wording.kind(item.kind, plan.options.pain)
        lines += [f"`{item.id}`, {kind}, {item.position}. Planned dose {dose}.", ""]
        if exercise is not None:
            lines += [f"{n}. {escape(step)}" for n, step in enumerate(exercise.steps, start=1)]
            lines.append("")
        for heading, notes in (("Form", item.cues), ("Take care", item.cautions)):
            if notes:
                lines += [f"**{heading}:**", ""]
                lines += [f"- {escape(note)}" for note in notes]
                lines.append("")
    return lines

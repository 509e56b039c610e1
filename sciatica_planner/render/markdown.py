"""A week as a markdown document (CommonMark with GitHub tables): the one description of a
handout, which the HTML handout renders in turn."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import safety
from . import wording

if TYPE_CHECKING:
    from ..models import Catalogue, Exercise, WeekPlan

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
    lines += _options(plan)
    lines += _balance(plan)
    for day in plan.days:
        if day.rest:
            continue
        trains = wording.groups(day.groups) if day.groups else "gentle work only"
        lines += [
            f"## {wording.long_date(day.date)}: {trains}",
            "",
            f"About {day.estimated_minutes} minutes.",
            "",
            f"| {TICK_BOX} | Exercise | Dose | Rest | Notes |",
            "|:-:|---|---|---|---|",
        ]
        for item in day.exercises:
            exercise = catalogue.exercise(item.id)
            per_side = exercise.per_side if exercise else False
            dose = wording.dose(item.sets, item.reps, item.hold_seconds, per_side)
            notes = item.kind
            if item.kind == "strength":
                notes += f": {wording.groups(item.groups)}"
            lines.append(
                f"| {TICK_BOX} | {escape(item.name)} | {dose} | "
                f"{wording.rest(item.rest_seconds, item.sets)} | {notes} |"
            )
        lines.append("")
    rest_days = [wording.long_date(d.date) for d in plan.days if d.rest]
    if rest_days:
        lines += ["## Rest days", "", ", ".join(rest_days) + ".", ""]
    lines += _how_to(plan, catalogue)
    return "\n".join(lines).rstrip("\n") + "\n"


def _options(plan: WeekPlan) -> list[str]:
    o = plan.options
    rows = [
        ("Training days", ", ".join(o.on)),
        ("Level", o.level),
        ("Equipment", ", ".join(o.equipment) or "none"),
        ("Longest session", f"{o.minutes} minutes"),
        ("Pain today", f"{o.pain}/10"),
        ("Seed", str(o.seed)),
    ]
    lines = ["## Options", "", "| Option | Value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return [*lines, ""]


def _balance(plan: WeekPlan) -> list[str]:
    lines = ["## Strength sets per group", "", "| Group | Sets this week |", "|---|--:|"]
    lines += [f"| {wording.groups([g])} | {n} |" for g, n in plan.weekly_sets.items()]
    return [*lines, ""]


def _how_to(plan: WeekPlan, catalogue: Catalogue) -> list[str]:
    """Each exercise of the week once, in the order it first appears."""
    seen: dict[str, Exercise] = {}
    for day in plan.days:
        for item in day.exercises:
            exercise = catalogue.exercise(item.id)
            if exercise is not None and item.id not in seen:
                seen[item.id] = exercise
    lines = ["## How to do each exercise", ""]
    for exercise in seen.values():
        lines += [f"### {escape(exercise.name)}", ""]
        dose = wording.dose(exercise.sets, exercise.reps, exercise.hold_seconds, exercise.per_side)
        lines += [f"`{exercise.id}`, {exercise.kind}. Usual dose {dose}.", ""]
        lines += [f"{n}. {escape(step)}" for n, step in enumerate(exercise.steps, start=1)]
        lines.append("")
        if exercise.cautions:
            lines += ["**Take care:**", ""]
            lines += [f"- {escape(caution)}" for caution in exercise.cautions]
            lines.append("")
    return lines

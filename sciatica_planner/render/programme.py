"""A programme's handout as markdown: one summary of the weeks, the sessions they repeat, then
each exercise once with its dose week by week, and the warning signs and education once.

Most of a programme's weeks repeat the same few exercises at slowly changing doses, so a
handout of each week in turn said the same instructions a dozen times (a 4-week programme
printed to 25-29 pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import cert, wording
from .markdown import (
    FILL_IN,
    TICK_BOX,
    emergency_box,
    escape,
    how_to_entry,
    living_with,
    options_line,
    program_title,
    warning_signs,
)

if TYPE_CHECKING:
    from ..models import Catalogue, PlannedExercise, WeekPlan

AT_A_GLANCE = "Your programme at a glance"
SESSIONS = "Your sessions"
HOW_TO = "How to do each exercise"
DOSE_HEADER = ["| Weeks | Dose | Rest |", "|---|---|---|"]


def program_markdown(plans: list[WeekPlan], catalogue: Catalogue) -> str:
    """The programme's handout: the weeks at a glance (a tick box a session), its sessions, the
    CERT items, each exercise's instructions once with a table of its dose week by week, then
    the warning signs and education once."""
    first = plans[0]
    lines = [f"# {program_title(plans)}", "", FILL_IN, ""]
    lines += cert.prescribed(first.prescription)
    lines += emergency_box()
    lines += [f"## {AT_A_GLANCE}", "", escape(options_line(first)), ""]
    lines += _notes(plans)
    lines += _weeks_table(plans)
    lines += _rest_days(plans)
    lines += _sessions(plans)
    lines += cert.before_you_start(plans, catalogue, programme=True)
    lines += _how_to(plans, catalogue)
    lines += warning_signs(first.disclaimer)
    lines += living_with()
    return "\n".join(lines).rstrip("\n") + "\n"


def _notes(plans: list[WeekPlan]) -> list[str]:
    """Each week's warnings and journal adaptation, said once for the weeks that share them."""
    said: dict[str, list[int]] = {}
    for plan in plans:
        texts = list(plan.warnings)
        if plan.adaptation is not None:
            texts.append(f"From your journal: {wording.adaptation(plan.adaptation)}")
            texts += [change.reason for change in plan.adaptation.changes]
        for text in texts:
            said.setdefault(text, []).append(_week(plan))
    lines = []
    for text, weeks in said.items():
        when = "" if len(weeks) == len(plans) else f"{week_span(weeks)}: "
        lines.append(f"- {when}{escape(text)}")
    return [*lines, ""] if lines else []


def _week(plan: WeekPlan) -> int:
    return plan.week_of_program or 1


def week_span(weeks: list[int]) -> str:
    """'Week 4', 'Weeks 1-3', 'Weeks 2-3, 5-7 and 9-11': runs of consecutive weeks."""
    runs: list[list[int]] = []
    for week in sorted(set(weeks)):
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    parts = [f"{run[0]}" if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs]
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    plural = len(weeks) > 1
    return f"Week{'s' if plural else ''} {listed}"


def _weeks_table(plans: list[WeekPlan]) -> list[str]:
    """A row a week: its dates, whether it builds or is lighter, its days, and a tick box for
    each session done."""
    lines = ["| Week | Dates | Theme | Sessions | Done |", "|---|---|---|---|---|"]
    for plan in plans:
        training = [day for day in plan.days if not day.rest]
        end = plan.days[-1].date
        dates = f"{plan.start.day} {plan.start:%b} - {end.day} {end:%b}"
        days = ", ".join(f"{day.date:%a}" for day in training)
        longest = max((day.estimated_minutes for day in training), default=0)
        theme = "lighter" if plan.theme == "deload" else (plan.theme or "build")
        sessions = f"{days}, up to {longest} min" if training else "rest"
        ticks = " ".join([TICK_BOX] * len(training))
        lines.append(f"| {_week(plan)} | {dates} | {theme} | {sessions} | {ticks} |")
    return [*lines, ""]


def _rest_days(plans: list[WeekPlan]) -> list[str]:
    """The rest days' walk, once for the weeks that share it."""
    walks: dict[int, list[int]] = {}
    for plan in plans:
        for walk in {day.walk_minutes for day in plan.days if day.rest}:
            walks.setdefault(walk, []).append(_week(plan))
    lines = []
    for minutes, weeks in walks.items():
        when = "" if len(weeks) == len(plans) else f" ({week_span(weeks).lower()})"
        what = f"{wording.walk(minutes)} each" if minutes > 0 else "rest"
        lines += [f"**Rest days**{when}: {what}.", ""]
    return lines


def _sessions(plans: list[WeekPlan]) -> list[str]:
    """Each distinct session once, with the weeks and days it is done on and its exercises in
    order, by block; the doses are in the table under each exercise."""
    pain = plans[0].options.pain
    found: dict[tuple[str, ...], dict[int, list[str]]] = {}
    items: dict[tuple[str, ...], tuple[PlannedExercise, ...]] = {}
    for plan in plans:
        for day in plan.days:
            if day.rest:
                continue
            key = tuple(f"{item.block} {item.id}" for item in day.exercises)
            items.setdefault(key, day.exercises)
            found.setdefault(key, {}).setdefault(_week(plan), []).append(f"{day.date:%a}")
    lines = [f"## {SESSIONS}", ""]
    for key, weeks in found.items():
        by_days: dict[tuple[str, ...], list[int]] = {}
        for week, days in weeks.items():
            by_days.setdefault(tuple(days), []).append(week)
        when = "; ".join(f"{week_span(w)}: {', '.join(d)}" for d, w in by_days.items())
        blocks = [
            f"{wording.block_label(block, pain)}: "
            + ", ".join(escape(wording.exercise_name(item)) for item in run)
            for block, run in wording.blocks(items[key])
        ]
        lines += [f"**{when}.** " + ". ".join(blocks) + ".", ""]
    return lines


def _how_to(plans: list[WeekPlan], catalogue: Catalogue) -> list[str]:
    """Each exercise of the programme once, in the order first met, with its dose week by week:
    weeks that share a dose share a row."""
    pain = plans[0].options.pain
    first: dict[str, PlannedExercise] = {}
    rows: dict[str, dict[tuple[str, str], list[int]]] = {}
    for plan in plans:
        week: dict[str, dict[str, list[str]]] = {}
        rests: dict[str, str] = {}
        for day in plan.days:
            for item in day.exercises:
                first.setdefault(item.id, item)
                rests.setdefault(item.id, wording.rest(item.rest_seconds, item.sets))
                dose = wording.planned_dose(item)
                week.setdefault(item.id, {}).setdefault(dose, []).append(f"{day.date:%a}")
        for ident, doses in week.items():
            if len(doses) == 1:
                dose = next(iter(doses))
            else:
                dose = ", ".join(f"{d} ({', '.join(days)})" for d, days in doses.items())
            rows.setdefault(ident, {}).setdefault((dose, rests[ident]), []).append(_week(plan))
    lines = [f"## {HOW_TO}", ""]
    for ident, item in first.items():
        table = [
            f"| {week_span(weeks).removeprefix('Weeks ').removeprefix('Week ')} | {dose} | {rest} |"
            for (dose, rest), weeks in rows[ident].items()
        ]
        lines += how_to_entry(item, catalogue, pain, ".", [*DOSE_HEADER, *table, ""])
    return lines

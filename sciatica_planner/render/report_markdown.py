"""The clinician's report as a markdown document: the one description of the report, which the
HTML page renders in turn (with its charts drawn in place of the per-day table)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import __version__, safety
from ..report import WEEK_DAYS
from ..text import visible
from ..trend import TREND_CHANGE, TREND_WINDOW_DAYS
from . import wording
from .markdown import escape, warning_signs

if TYPE_CHECKING:
    import datetime as dt

    from ..report import DayPain, PlanSettings, Report

PAIN_HEADING = "Pain per day"
PSFS_HEADING = "Function: the Patient-Specific Functional Scale (PSFS)"
# The PSFS ratings a table shows (the latest); a longer series is in `psfs` and history --json.
PSFS_COLUMNS = 6
SESSIONS_HEADING = "Sessions per week"
EXERCISES_HEADING = "Exercises"
NOTES_HEADING = "Notes"
SESSION_WORDS = "a session is a day with exercises logged"
SPREADING_WORDS = "symptoms spreading further down the leg"


def note_markdown(text: str) -> list[str]:
    """A note as it was typed, one markdown line per line of it: control and hidden characters
    shown as inert codes (text.visible, uncut), markdown made literal, line breaks kept as hard
    breaks; blank lines are left out."""
    lines = [escape(visible(line, limit=None)) for line in text.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def report_title(report: Report) -> str:
    """'Sciatica journal report: 30 October to 26 November 2026'."""
    start, end = report.start, report.end
    first = f"{start.day} {start:%B}" + (f" {start.year}" if start.year != end.year else "")
    return f"Sciatica journal report: {first} to {end.day} {end:%B %Y}"


def day_words(report: Report, date: dt.date) -> str:
    """'Mon 30 Nov', with the year where the period spans two."""
    if report.start.year == report.end.year:
        return wording.short_day(date)
    return f"{wording.short_day(date)} {date.year}"


def _pain(value: float | int | None) -> str:
    """'3.5/10', '4/10'; '-' when there is none."""
    if value is None:
        return "-"
    return f"{value:g}/10"


def plan_words(plan: PlanSettings) -> str:
    """'3 days a week (mon, wed, fri), beginner, no equipment, up to 30 minutes a session'."""
    equipment = ", ".join(plan.equipment) if plan.equipment else "no equipment"
    words = (
        f"{len(plan.on)} days a week ({', '.join(plan.on)}), {plan.level}, {equipment}, "
        f"up to {plan.minutes} minutes a session"
    )
    if plan.prefer != "neutral":
        words += f", directional preference {plan.prefer}"
    if plan.avoid:
        words += f", avoiding {', '.join(plan.avoid)} positions"
    if plan.exclude:
        words += f", leaving out {', '.join(plan.exclude)}"
    words = f"{words}; from {plan.source}"
    if plan.prescription is not None:
        words += ". " + escape(wording.prescribed(plan.prescription))
        if plan.prescription.notes:
            words += f" Notes: {escape(plan.prescription.notes)}"
    return words


def trend_words(report: Report) -> str:
    summary = report.summary
    if summary.trend is None:
        return "not known: it needs entries in each of the last two weeks"
    return (
        f"{summary.trend} ({_pain(summary.last_week_average)} on average in the last "
        f"{TREND_WINDOW_DAYS} days, {_pain(summary.previous_week_average)} in the "
        f"{TREND_WINDOW_DAYS} before; a change of {TREND_CHANGE} point or more counts)"
    )


def report_markdown(report: Report) -> str:
    lines = [f"# {report_title(report)}", ""]
    lines += [
        f"For a GP or physiotherapist: the last {report.days} days of a pain and exercise "
        f"journal kept with sciatica-plan {__version__}, prepared on "
        f"{wording.long_date(report.today)}.",
        "",
    ]
    if report.empty:
        lines += [
            f"No journal entries between {wording.long_date(report.start)} and "
            f"{wording.long_date(report.end)}, so there is nothing to report yet. Log each "
            "session with `sciatica-plan log --pain N`.",
            "",
        ]
    else:
        lines += _summary(report)
        lines += _pain_days(report)
        lines += _sessions(report)
        lines += _psfs(report)
        lines += _exercises(report)
        lines += _notes(report)
    # The page is the clinician's: the numbers first, then what the patient must know.
    lines += warning_signs(safety.DISCLAIMER)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(report: Report) -> list[str]:
    entries = f"{report.entries} {'entry' if report.entries == 1 else 'entries'}"
    logged = len(report.pain_days)
    spreading = report.spreading_days
    if spreading:
        spread = f"on {len(spreading)} day{'s' if len(spreading) != 1 else ''}: " + ", ".join(
            day_words(report, day) for day in spreading
        )
    else:
        spread = "none logged"
    if report.adaptation is None:
        adaptation = "none: no entries in the last two weeks"
    else:
        adaptation = wording.adaptation(report.adaptation)
    lines = [
        "## Summary",
        "",
        f"- **Entries:** {entries} on {logged} of the {report.days} days.",
        f"- **Pain:** average {_pain(report.summary.average)}, lowest {_pain(report.lowest)}, "
        f"highest {_pain(report.highest)}.",
        f"- **Trend over the last two weeks:** {escape(trend_words(report))}.",
    ]
    if report.leg_and_back is not None:
        lines.append(f"- **Leg and back pain:** {escape(report.leg_and_back.words())}")
    elif any(day.leg is not None or day.back is not None for day in report.pain_days):
        lines.append(
            "- **Leg and back pain:** logged, but not in each of the last two weeks, so not "
            "compared."
        )
    days_word = "day" if report.planned == 1 else "days"
    lines += [
        f"- **Sessions:** {report.sessions} logged, against {report.planned} training "
        f"{days_word} in the plan{_counted_from(report)} "
        f"({share(report.sessions, report.planned)}; {SESSION_WORDS}).",
        f"- **{SPREADING_WORDS.capitalize()}:** {spread}.",
    ]
    if report.future:
        numbers = ", ".join(str(n) for n in report.future)
        lines.append(
            f"- **Dated after today:** entry {numbers}; counted as today's (a date set wrong?)."
        )
    lines += [
        f"- **The plan now:** {escape(adaptation)}",
    ]
    if report.adaptation is not None:
        lines += [f"  - {escape(change.reason)}" for change in report.adaptation.changes]
    lines += [f"- **Plan options:** {escape(plan_words(report.plan))}.", ""]
    return lines


def _counted_from(report: Report) -> str:
    """' since Mon 30 Nov (the journal's first entry)' when the journal began in the period."""
    first = report.counted_from
    if first is None or first <= report.start:
        return ""
    return (
        f" since {day_words(report, first)} (the journal's first entry; the days before it "
        "are not counted)"
    )


def _pain_days(report: Report) -> list[str]:
    apart = any(day.leg is not None or day.back is not None for day in report.pain_days)
    lines = [
        f"## {PAIN_HEADING}",
        "",
        "Each day with entries: its pain (the mean of the day's entries, with their range "
        "where they differ), "
        + ("its leg and back pain where logged, " if apart else "")
        + "whether exercises were logged (a session), and whether symptoms spread further "
        "down the leg.",
        "",
        "| Date | Pain | Leg | Back | Session | Spreading |"
        if apart
        else "| Date | Pain | Session | Spreading |",
        "|---|--:|--:|--:|:-:|:-:|" if apart else "|---|--:|:-:|:-:|",
    ]
    for day in report.pain_days:
        both = f"{_pain(day.leg)} | {_pain(day.back)} | " if apart else ""
        lines.append(
            f"| {day_words(report, day.date)} | {day_pain(day)} | {both}"
            f"{'yes' if day.session else ''} | {'yes' if day.spreading else ''} |"
        )
    return [*lines, ""]


def day_pain(day: DayPain) -> str:
    """'3/10', or '3.5/10 (3-4)' for a day whose entries differ."""
    if day.lowest == day.highest:
        return _pain(day.pain)
    return f"{_pain(day.pain)} ({day.lowest}-{day.highest})"


def _sessions(report: Report) -> list[str]:
    lines = [
        f"## {SESSIONS_HEADING}",
        "",
        f"Sessions in each week against the plan's training days ({', '.join(report.plan.on)}); "
        f"{SESSION_WORDS}.",
        "",
        "| Week | Sessions | Planned | Share |",
        "|---|--:|--:|--:|",
    ]
    for week in report.weeks:
        span = wording.day_span(week.first, week.last)
        if week.days < WEEK_DAYS:
            span += f" ({week.days} day{'s' if week.days != 1 else ''})"
        lines.append(
            f"| {span} | {week.sessions} | {week.planned} | {share(week.sessions, week.planned)} |"
        )
    lines.append(
        f"| **All** | **{report.sessions}** | **{report.planned}** | "
        f"**{share(report.sessions, report.planned)}** |"
    )
    return [*lines, ""]


def share(done: int, planned: int) -> str:
    """'67%', or '-' when nothing was planned. Sessions beyond the planned days (on other
    days) are said as such, never as more than 100%: '100% (+1 extra)'."""
    if planned == 0:
        return "-"
    if done > planned:
        return f"100% (+{done - planned} extra)"
    return f"{(200 * done + planned) // (2 * planned)}%"  # half up: 12.5% is 13%


def _psfs(report: Report) -> list[str]:
    """The current PSFS series: each activity's latest ratings, the mean, its trend against
    the 2-point minimal detectable change, and the authors' credit."""
    from ..psfs import CREDIT, MDC_MEAN

    series = report.psfs
    lines = [f"## {PSFS_HEADING}", ""]
    if series is None:
        return [
            *lines,
            "No PSFS activities set (`sciatica-plan psfs set ...`).",
            "",
            f"*{escape(CREDIT)}*",
            "",
        ]
    shown = series.ratings[-PSFS_COLUMNS:]
    lines.append(
        "Activities hard because of sciatica, in the patient's words, rated 0 (unable) to 10 "
        f"(as before the problem); the score is the mean, and {MDC_MEAN} points or more on it "
        "is a real change (the minimal detectable change)."
    )
    lines.append("")
    if shown:
        dates = " | ".join(f"{r.date.day} {r.date:%b}" for r in shown)
        lines += [f"| Activity | {dates} |", "|---|" + "--:|" * len(shown)]
        for number, activity in enumerate(series.activities):
            scores = " | ".join(str(r.scores[number]) for r in shown)
            lines.append(f"| {escape(visible(activity))} | {scores} |")
        means = " | ".join(f"**{r.mean:.1f}**" for r in shown)
        lines.append(f"| **Mean** | {means} |")
        lines.append("")
        if len(series.ratings) > len(shown):
            lines += [f"The latest {len(shown)} of {len(series.ratings)} ratings.", ""]
    else:
        activities = "; ".join(escape(visible(a)) for a in series.activities)
        lines += [f"Activities: {activities}. Not rated yet.", ""]
    if report.psfs_trend is not None:
        lines += [f"**Trend:** {escape(report.psfs_trend.words())}", ""]
    lines += [f"*{escape(CREDIT)}*", ""]
    return lines


def _exercises(report: Report) -> list[str]:
    lines = [f"## {EXERCISES_HEADING}", ""]
    if not report.exercises:
        return [*lines, "No exercises were logged in this period.", ""]
    felt = any(any(record.felt) for record in report.exercises)
    lines += [
        "How many logged sessions included each exercise, and how many of those were followed "
        f"the next day by pain at least {safety.FLARE_NEXT_DAY_RISE} points higher (after "
        f"{safety.FLARE_SESSIONS} such sessions the plan swaps the exercise for an easier one)"
        + (
            "; and how it felt (painful twice: swapped; easy twice running: one notch up; "
            "hard: its dose kept)."
            if felt
            else "."
        ),
        "",
        "| Exercise | Done | Pain up next day |"
        + (" Easy | Right | Hard | Painful |" if felt else ""),
        "|---|--:|--:|" + ("--:|" * 4 if felt else ""),
    ]
    lines += [
        f"| {escape(visible(record.name))} | {record.done} | {record.rises} |"
        + ("".join(f" {n} |" for n in record.felt) if felt else "")
        for record in report.exercises
    ]
    return [*lines, ""]


def _notes(report: Report) -> list[str]:
    lines = [f"## {NOTES_HEADING}", ""]
    if not report.notes:
        return [*lines, "No notes in this period.", ""]
    lines.append("As typed, with any control or hidden characters shown as codes.")
    if report.notes_left_out:
        lines[-1] += (
            f" The latest {len(report.notes)}; the {report.notes_left_out} earlier notes of "
            "the period are in `sciatica-plan history --long`."
        )
    lines.append("")
    for note in report.notes:
        text = note_markdown(note.text) or ["(blank)"]
        spread = f", {SPREADING_WORDS}" if note.spreading else ""
        if note.shortened:  # the page keeps the start; the journal keeps it all
            text[-1] += (
                f" \u2026 *(shortened here: the whole note is entry {note.entry} in "
                "`sciatica-plan history --long`)*"
            )
        lines.append(
            f"- **{day_words(report, note.date)}** (pain {note.pain}/10{spread}): {text[0]}"
        )
        lines += [f"  {line}" for line in text[1:]]
    return [*lines, ""]

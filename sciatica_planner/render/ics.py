"""A week as an iCalendar file: one event per training day, made with the icalendar library.

Times are floating (no time zone): a session at 07:30 stays at 07:30 wherever the calendar is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import safety
from . import wording

if TYPE_CHECKING:
    from ..models import Day, WeekPlan

PRODUCT_ID = "-//sciatica-plan//sciatica-plan//EN"


def event_uid(date: dt.date, seed: int) -> str:
    """Stable for the same day and seed, so importing again updates instead of duplicating."""
    return f"{date.isoformat()}-{seed}@sciatica-plan"


@dataclass(frozen=True)
class CalendarTimes:
    """When each session sits in the calendar, and how long before it a reminder goes off
    (0: no reminder)."""

    at: dt.time
    remind_minutes: int


def week_ics(plan: WeekPlan, times: CalendarTimes, now: dt.datetime) -> bytes:
    return weeks_ics([plan], times, now)


def session_description(plan: WeekPlan, day: Day) -> str:
    """What a phone shows under the event: each exercise with its dose, block by block, then
    the disclaimer and the emergency signs."""
    lines = [f"About {day.estimated_minutes} minutes: {wording.trains(day.groups)}.", ""]
    note = plan.prescription
    if note is not None:
        # The clinician's words as they wrote them: a calendar shows its text as text.
        lines.append(wording.prescribed(note))
        if note.notes:
            lines.append(f"Notes: {note.notes}")
        lines.append("")
    for block, items in wording.blocks(day.exercises):
        lines.append(f"{wording.block_label(block, plan.options.pain)}:")
        lines += [
            f"- {wording.exercise_name(item)}: {wording.planned_dose(item)}" for item in items
        ]
        lines.append("")
    lines += [
        safety.DISCLAIMER_SHORT,
        "",
        f"{safety.EMERGENCY_BOX_TITLE}: {safety.EMERGENCY_SUMMARY}",
        f"{safety.EVERY_SIGN}.",
    ]
    return "\n".join(lines)


def weeks_ics(plans: list[WeekPlan], times: CalendarTimes, now: dt.datetime) -> bytes:
    """One calendar event per training day of every week, with a reminder unless it is off."""
    from icalendar import Alarm, Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Sciatica exercise plan")
    for plan, day in ((week, day) for week in plans for day in week.days):
        if day.rest:
            continue
        gentle = " (gentle)" if wording.flare_up(plan.options.pain) else ""
        summary = f"Sciatica exercises{gentle}: {wording.trains(day.groups)}"
        event = Event()
        event.add("uid", event_uid(day.date, plan.options.seed))
        event.add("dtstamp", now)
        event.add("dtstart", dt.datetime.combine(day.date, times.at))
        event.add("duration", dt.timedelta(minutes=max(day.estimated_minutes, 1)))
        event.add("summary", summary)
        event.add("description", session_description(plan, day))
        if times.remind_minutes > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", -dt.timedelta(minutes=times.remind_minutes))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()

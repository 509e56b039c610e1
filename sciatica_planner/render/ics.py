"""A week as an iCalendar file: one event per training day, made with the icalendar library.

Times are floating (no time zone): a session at 07:30 stays at 07:30 wherever the calendar is.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .. import safety
from . import wording

if TYPE_CHECKING:
    from ..models import WeekPlan

PRODUCT_ID = "-//sciatica-plan//sciatica-plan//EN"


def event_uid(date: dt.date, seed: int) -> str:
    """Stable for the same day and seed, so importing again updates instead of duplicating."""
    return f"{date.isoformat()}-{seed}@sciatica-plan"


def week_ics(plan: WeekPlan, at: dt.time, now: dt.datetime) -> bytes:
    return weeks_ics([plan], at, now)


def weeks_ics(plans: list[WeekPlan], at: dt.time, now: dt.datetime) -> bytes:
    """One calendar event per training day of every week."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Sciatica exercise plan")
    for plan, day in ((week, day) for week in plans for day in week.days):
        if day.rest:
            continue
        trains = wording.groups(day.groups) if day.groups else "gentle mobility"
        lines = []
        for block, items in wording.blocks(day.exercises):
            lines.append(f"{wording.BLOCK_LABELS.get(block, block)}:")
            for item in items:
                dose = wording.dose(item.sets, item.reps, item.hold_seconds, item.per_side)
                lines.append(
                    f"- {item.name}: {dose} ({wording.kind(item.kind, plan.options.pain)})"
                )
        description = "\n".join(
            [
                f"About {day.estimated_minutes} minutes.",
                *lines,
                "",
                "Steps: sciatica-plan today --date " + day.date.isoformat(),
                "",
                plan.disclaimer,
                "",
                f"{safety.RED_FLAGS_TITLE}:",
                *(f"- {flag}" for flag in plan.red_flags),
            ]
        )
        event = Event()
        event.add("uid", event_uid(day.date, plan.options.seed))
        event.add("dtstamp", now)
        event.add("dtstart", dt.datetime.combine(day.date, at))
        event.add("duration", dt.timedelta(minutes=max(day.estimated_minutes, 1)))
        event.add("summary", f"Sciatica exercises: {trains}")
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()

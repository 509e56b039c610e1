"""Short phrases every view shares: doses, rests, group names, dates. Standard library only."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

from ..importers import IMPORTED_CAUTION
from ..models import Exercise
from ..safety import FLARE_SAFE_MAX_PAIN
from ..vocabulary import GROUP_WORDS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..models import Adaptation, PlannedExercise, PrescriptionNote

# The article the five groups come from (its text is in the design notes).
SOURCE_ARTICLE = (
    "\u201cTargeted Muscle Strengthening Exercises for Alleviating Sciatica Pain\u201d by liuqiyue"
)

# What every view and export says after the name of an exercise imported from another
# database (`import free-exercise-db`): it was not reviewed for sciatica.
IMPORTED_MARK = "imported, not reviewed for sciatica"


def exercise_name(item: Exercise | PlannedExercise) -> str:
    """The name, marked '(imported, not reviewed for sciatica)' for an imported exercise: a
    catalogue's by its source, a planned one by the caution every import carries."""
    # isinstance, not getattr(item, "source", None): a missing attribute on a pydantic model
    # is slow to find missing, and views name every planned exercise.
    source = item.source if isinstance(item, Exercise) else None
    imported = source == "imported" or IMPORTED_CAUTION in item.cautions
    return f"{item.name} ({IMPORTED_MARK})" if imported else item.name


BLOCK_LABELS = {"warm-up": "Warm-up", "main": "Main", "cool-down": "Cool-down"}

GROUP_LABELS = GROUP_WORDS


# Above this many reps a dose names its unit: '2 x 10' reads as sets and reps, but '1 x 60'
# (heel digs for a minute) left readers asking "60 what?".
REPS_UNNAMED_MAX = 30


def dose(sets: int, reps: int | None, hold_seconds: int | None, per_side: bool = False) -> str:
    """'2 x 10', '1 x 60 reps', '3 x 30 s hold', '5 min', with ' each side' where it applies."""
    if reps is not None:
        text = f"{sets} x {reps}" + (" reps" if reps > REPS_UNNAMED_MAX else "")
    elif sets == 1 and hold_seconds and hold_seconds >= 120 and hold_seconds % 60 == 0:
        text = f"{hold_seconds // 60} min"  # a walk or march reads in minutes
    else:
        text = f"{sets} x {hold_seconds} s hold" if sets > 1 else f"{hold_seconds} s"
    return text + (" each side" if per_side else "")


def rest(seconds: int, sets: int = 2) -> str:
    """The rest between sets: none to show for a single set."""
    if seconds == 0 or sets < 2:
        return "-"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


def groups(ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(GROUP_LABELS.get(g, g) for g in ids)


def trains(ids: tuple[str, ...] | list[str]) -> str:
    """What a training day works: its groups, or gentle work on a flare-up day."""
    return groups(ids) if ids else "gentle work only"


def planned_dose(item: PlannedExercise) -> str:
    """A planned exercise's dose as every view writes it: '2 x 10 each side'."""
    return dose(item.sets, item.reps, item.hold_seconds, item.per_side)


def day_heading(date: dt.date) -> str:
    """'Monday 30 Nov'."""
    return f"{date:%A} {date.day} {date:%b}"


def long_date(date: dt.date) -> str:
    """'Monday 30 November 2026'."""
    return f"{date:%A} {date.day} {date:%B %Y}"


def flare_up(pain: int) -> bool:
    """Pain 7-10: the week is a flare-up routine of gentle work only."""
    return pain > FLARE_SAFE_MAX_PAIN


def block_label(block: str, pain: int) -> str:
    """A block's heading: in a flare-up routine the main block is gentle work, not strength."""
    if block == "main" and flare_up(pain):
        return "Gentle work"
    return BLOCK_LABELS.get(block, block)


def kind(kind: str, pain: int) -> str:
    """An item's kind as shown: in a flare-up routine no item is called strength work."""
    return "gentle" if kind == "strength" and flare_up(pain) else kind


def blocks(items: Iterable[PlannedExercise]) -> list[tuple[str, list[PlannedExercise]]]:
    """A day's exercises in runs of one block, in the plan's order: [("warm-up", [...]), ...]."""
    return [(name, list(run)) for name, run in itertools.groupby(items, key=lambda i: i.block)]


def _span(bounds: tuple[int, int], unit: str = "") -> str:
    low, high = bounds
    return f"{low}{unit}" if low == high else f"{low}-{high}{unit}"


def dose_range(
    sets: tuple[int, int], reps: tuple[int, int] | None, hold_seconds: tuple[int, int] | None
) -> str:
    """'1-3 sets of 8-12', '2 sets of 20-40 s hold'."""
    count = f"{_span(sets)} set{'' if sets == (1, 1) else 's'}"
    if reps is not None:
        return f"{count} of {_span(reps)}"
    return f"{count} of {_span(hold_seconds or (0, 0), ' s')} hold"


def walk(minutes: int) -> str:
    """'an easy walk of about 20 minutes'."""
    return f"an easy walk of about {minutes} minute{'s' if minutes != 1 else ''}"


ADAPTATION_TITLES = {
    "regress": "Easing off",
    "hold": "Holding steady",
    "progress": "Stepping up",
}


def adaptation(change: Adaptation) -> str:
    """'Easing off. <the reason>'."""
    return f"{ADAPTATION_TITLES[change.direction]}. {change.reason}"


def pain_source(pain: int, pain_from: str) -> str:
    """'pain 0/10', 'pain 5/10 (--pain)', 'pain 6/10 from your journal, Wed 25 Nov'."""
    if pain_from == "options":
        return f"pain {pain}/10 (--pain)"
    if pain_from.startswith("journal"):
        dated = pain_from.removeprefix("journal").strip(" :,")
        try:
            when = dt.date.fromisoformat(dated)
        except ValueError:
            return f"pain {pain}/10 from your journal"
        return f"pain {pain}/10 from your journal, {when:%a} {when.day} {when:%b}"
    return f"pain {pain}/10"


def short_day(date: dt.date) -> str:
    """'Mon 30 Nov'."""
    return f"{date:%a} {date.day} {date:%b}"


def day_span(first: dt.date, last: dt.date) -> str:
    """'30 Nov - 6 Dec', or '30 Nov' for a single day."""
    if first == last:
        return f"{first.day} {first:%b}"
    return f"{first.day} {first:%b} - {last.day} {last:%b}"


def prescribed(note: PrescriptionNote) -> str:
    """'Follows the prescription by A. Physio of Tue 1 Dec 2026; review Tue 12 Jan 2027.' The
    clinician's name is the file's text: each view shows it inert in its own way."""
    by = f" by {note.by}" if note.by else ""
    review = f"; review {_dated(note.review)}" if note.review else ""
    return f"Follows the prescription{by} of {_dated(note.date)}{review}."


def _dated(date: dt.date) -> str:
    """'Tue 1 Dec 2026'."""
    return f"{date:%a} {date.day} {date:%b %Y}"


def avoided(positions: tuple[str, ...]) -> str:
    """'floor' for kneeling and lying together, else the positions: 'standing,seated'."""
    from ..vocabulary import AVOID_ALIASES

    for word, covered in AVOID_ALIASES.items():
        if set(covered) <= set(positions):
            rest = [p for p in positions if p not in covered]
            return ",".join([word, *rest])
    return ",".join(positions)

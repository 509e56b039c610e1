"""Short phrases every view shares: doses, rests, group names, dates. Standard library only."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt

GROUP_LABELS = {
    "glutes": "glutes",
    "hamstrings": "hamstrings",
    "quadriceps": "quadriceps",
    "lower-back": "lower back",
    "hip-abductors-adductors": "hips",
}


def dose(sets: int, reps: int | None, hold_seconds: int | None, per_side: bool = False) -> str:
    """'2 x 10', '3 x 30 s hold', with ' each side' where it applies."""
    if reps is not None:
        text = f"{sets} x {reps}"
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


def day_heading(date: dt.date) -> str:
    """'Monday 30 Nov'."""
    return f"{date:%A} {date.day} {date:%b}"


def long_date(date: dt.date) -> str:
    """'Monday 30 November 2026'."""
    return f"{date:%A} {date.day} {date:%B %Y}"

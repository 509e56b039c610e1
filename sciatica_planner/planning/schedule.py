"""Which groups are strengthened on which days, with recovery between; no exercises involved."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, NamedTuple

from .. import safety
from ..vocabulary import GROUPS, WEEKDAY_NAMES

if TYPE_CHECKING:
    import datetime as dt
    import random


class Schedule(NamedTuple):
    """The groups each training day strengthens, and the groups its strength work may touch."""

    dates: tuple[dt.date, ...]
    groups: dict[dt.date, tuple[str, ...]]
    # A day next to another training day may only touch its own groups (contract rule 3);
    # a day with no neighbour may touch any group as a secondary one.
    allowed: dict[dt.date, frozenset[str]]
    warnings: tuple[str, ...]

    def days_of(self, group: str) -> int:
        return sum(group in groups for groups in self.groups.values())


def recovered(first: dt.date, second: dt.date) -> bool:
    """Enough time between two sessions for the same group (ACSM's 48 hours)."""
    return abs((second - first).days) * 24 >= safety.RECOVERY_HOURS


def schedule_week(
    dates: list[dt.date], rng: random.Random, together: dict[frozenset[str], int] | None = None
) -> Schedule:
    """Give every group two recovered days, keeping the number of groups per day even and, among
    equal choices, putting groups together that share exercises (`together` counts them: most
    lower-body work also trains the glutes), so a day's exercises may train all their groups."""
    together = together or {}

    def shared(group: str, days: tuple[dt.date, ...]) -> int:
        return sum(
            together.get(frozenset((group, other)), 0) for d in days for other in scheduled[d]
        )

    scheduled: dict[dt.date, list[str]] = {d: [] for d in dates}
    # Each group's days: MIN_STRENGTH_DAYS_PER_GROUP of them, each recovered from the others.
    pairs = [
        days
        for days in itertools.combinations(dates, safety.MIN_STRENGTH_DAYS_PER_GROUP)
        if all(recovered(a, b) for a, b in itertools.combinations(days, 2))
    ]
    groups = list(GROUPS)
    rng.shuffle(groups)
    for group in groups:
        if pairs:
            jitter = [rng.random() for _ in pairs]
            chosen = min(
                zip(pairs, jitter, strict=True),
                key=lambda pj: (
                    sum(len(scheduled[d]) for d in pj[0]),
                    max(len(scheduled[d]) for d in pj[0]),
                    -shared(group, pj[0]),
                    -(pj[0][-1] - pj[0][0]).days,
                    pj[1],
                ),
            )[0]
            for day in chosen:
                scheduled[day].append(group)
        else:
            day = min(
                dates,
                key=lambda d: (len(scheduled[d]), -shared(group, (d,)), rng.random()),
            )
            scheduled[day].append(group)
    warnings: list[str] = []
    if not pairs:
        names = " and ".join(WEEKDAY_NAMES[d.weekday()] for d in dates)
        warnings.append(
            f"{names} are back to back, so each group is strengthened on one day only: "
            "muscles need 48 hours to recover. Spread your days (for example --on mon,thu) "
            "to train every group twice."
        )
    for day in dates:
        if not scheduled[day]:
            warnings.append(
                f"{WEEKDAY_NAMES[day.weekday()]} falls between two strength days, so it holds "
                "warm-up, mobility and stretches only, to give muscles 48 hours to recover."
            )
    allowed = {}
    for day in dates:
        lonely = all(recovered(day, other) for other in dates if other != day)
        allowed[day] = frozenset(GROUPS if lonely and scheduled[day] else scheduled[day])
    return Schedule(
        dates=tuple(dates),
        groups={d: tuple(sorted(g, key=GROUPS.index)) for d, g in scheduled.items()},
        allowed=allowed,
        warnings=tuple(warnings),
    )

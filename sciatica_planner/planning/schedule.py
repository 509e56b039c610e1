"""Which template each training day repeats (A or B), and the groups each may train, with
recovery between: no exercises involved."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, NamedTuple

from .. import safety
from ..vocabulary import GROUPS, WEEKDAY_NAMES, group_words

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable


class Layout(NamedTuple):
    """The week's shape: each training date's template, and the groups each template trains."""

    letters: dict[dt.date, str]
    groups: dict[str, frozenset[str]]  # by letter
    split: bool  # back-to-back days: A and B train different groups
    warnings: tuple[str, ...]
    # A split week's other ways to share the groups, best first (the planner tries each).
    others: tuple[dict[str, frozenset[str]], ...] = ()

    def dates_of(self, letter: str) -> list[dt.date]:
        return [d for d, x in self.letters.items() if x == letter]

    def days_of(self, letter: str) -> int:
        return sum(x == letter for x in self.letters.values())


def recovered(first: dt.date, second: dt.date) -> bool:
    """Enough time between two sessions for the same group (ACSM's 48 hours)."""
    return abs((second - first).days) * 24 >= safety.RECOVERY_HOURS


def lay_out(
    dates: list[dt.date], alternate: bool, coverage: Callable[[frozenset[str]], int]
) -> Layout:
    """Full-body sessions where no two training days are back to back (A, or A and B in turn
    when `alternate`); otherwise a split pair: neighbouring days take A and B in turn, and the
    groups are shared between them so that no group is strengthened on two days running
    (contract rule 3). `coverage(groups)` scores what a session of those groups can train; the
    split that covers most, then gives each template its fair share of days, wins."""
    back_to_back = any(not recovered(a, b) for a, b in itertools.pairwise(dates))
    letters: dict[dt.date, str] = {}
    if not back_to_back:
        for index, date in enumerate(dates):
            letters[date] = "B" if alternate and index % 2 else "A"
        every = frozenset(GROUPS)
        groups = {"A": every, "B": every} if alternate and len(dates) > 1 else {"A": every}
        return Layout(letters, groups, False, ())
    previous: dt.date | None = None
    for date in dates:
        if previous is not None and not recovered(previous, date):
            letters[date] = "B" if letters[previous] == "A" else "A"
        else:  # after a rest day: the template with fewer days so far
            counts = [sum(x == y for x in letters.values()) for y in "AB"]
            letters[date] = "A" if counts[0] <= counts[1] else "B"
        previous = date
    days = {x: sum(y == x for y in letters.values()) for x in "AB"}
    ranked = []
    for size in range(1, len(GROUPS)):
        for chosen in itertools.combinations(GROUPS, size):
            side = frozenset(chosen)
            other = frozenset(GROUPS) - side
            # The template with more days takes the side with fewer groups, so the groups it
            # trains more often have fewer sets each time, and the week can balance.
            fewer_first = (len(side) > len(other)) == (days["A"] > days["B"])
            mine, theirs = coverage(side), coverage(other)
            key = (-(mine + theirs), abs(mine - theirs), not fewer_first)
            ranked.append((key, {"A": side, "B": other}))
    ranked.sort(key=lambda pair: pair[0])
    groups = ranked[0][1]
    warnings = []
    once = [
        g
        for x in "AB"
        if days[x] < safety.MIN_STRENGTH_DAYS_PER_GROUP
        for g in GROUPS
        if g in groups[x]
    ]
    if once:
        names = " and ".join(WEEKDAY_NAMES[d.weekday()] for d in dates)
        warnings.append(
            f"{names} include back-to-back days, so {group_words(once)} "
            f"{'is' if len(once) == 1 else 'are'} strengthened on one day only: muscles need 48 "
            "hours to recover. Spread your days (for example --on mon,thu) to train every group "
            "twice."
        )
    others = tuple(g for _, g in ranked[1:])
    return Layout(letters, groups, True, tuple(warnings), others)

"""A week's strength work: the templates' slots filled, the groups balanced by sets, then by
accessories and swaps, then cut to the time; a split week tries its ways of sharing the groups
between A and B."""

from __future__ import annotations

import itertools
import random
from typing import TYPE_CHECKING

from ..vocabulary import GROUPS, group_words
from . import rules
from .balance import balance, even_sets, reset, strain, week_gap
from .choose import scorer
from .cuts import fit
from .draft import WeekDraft
from .fill import (
    candidates,
    common,
    cover_groups,
    covered,
    days_trained,
    fill,
    fill_sessions,
    group_slot,
    replace,
    slots_of,
)
from .pool import PlanError

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Exercise, PlanOptions
    from .policy import Policy
    from .pool import Pool
    from .schedule import Layout
    from .templates import Slot, Templates

# Passes over the exercises trying others in their place, when sets alone cannot balance.
SWAP_PASSES = 4
# A split week tries at most this many ways of sharing the groups between A and B (the first
# few by what each side can train; later ones rarely differ).
SPLITS_TRIED = 8


def alternates(templates: Templates, options: PlanOptions, paused: bool) -> bool:
    """A and B take turns on spread days above beginner, from three days a week; a beginner,
    a two-day week and a flare-up repeat one session (fewer exercises, done more often)."""
    return bool(templates.B) and options.level != "beginner" and options.days >= 3 and not paused


def coverage(pool: Pool, templates: Templates, groups: frozenset[str]) -> int:
    """How much a session of these groups can train: slots with a candidate, and groups with
    an exercise of their own."""
    slots = {s.patterns for s in (*templates.A, *templates.B)}
    found = sum(
        any(rules.within_groups(e, groups) for e in pool.of_patterns(patterns))
        for patterns in slots
    )
    own = sum(any(rules.within_groups(e, groups) for e in pool.strength[g]) for g in groups)
    return found + own


def strength_week(
    pool: Pool,
    policy: Policy,
    templates: Templates,
    layout: Layout,
    options: PlanOptions,
    main_budget: float,
    fewer_than: int | None,
) -> WeekDraft:
    """The week's strength work; a split week tries its ways of sharing the groups between A
    and B, best first, until one plans (at pain 4-6, with fewer sets than at pain 0: rule 8).
    Where none does, the error of the first that balanced but needed more time says what
    would help; else the first one's."""
    errors: list[PlanError] = []
    heavier: list[WeekDraft] = []
    # Rule 22: a week the user's --avoid or --exclude narrowed that no way of sharing can make
    # whole is planned without what it lacks (an uncovered movement, a short session, an
    # uneven balance) and tailoring.py says so; only after every strict way has failed.
    for relaxed in (False, True) if policy.tailored else (False,):
        for groups in (layout.groups, *layout.others[:SPLITS_TRIED]):
            shared = layout._replace(groups=groups)
            try:
                draft = _one_split(
                    pool, policy, templates, shared, options, main_budget, fewer_than, relaxed
                )
            except PlanError as error:
                errors.append(error)
                continue
            if fewer_than is None or draft.sets() < fewer_than:
                return draft
            heavier.append(draft)
        if heavier:
            return min(heavier, key=lambda d: d.sets())
    raise next((e for e in errors if e.filter == "--minutes"), errors[0])


def _one_split(
    pool: Pool,
    policy: Policy,
    templates: Templates,
    layout: Layout,
    options: PlanOptions,
    main_budget: float,
    fewer_than: int | None,
    relaxed: bool = False,
) -> WeekDraft:
    rng = random.Random(options.seed)
    draft = WeekDraft(layout, {letter: [] for letter in sorted(layout.groups)}, pool.groups)
    plan = slots_of(pool, templates, layout)
    optional = [(x, slot) for x, slots in plan.items() for slot in slots if slot.optional]
    required = {x: [slot for slot in slots if not slot.optional] for x, slots in plan.items()}
    # A split week fills A's and B's slots in turn, so neither template takes the week's share
    # of exercises (rule 19) before the other has its foundations; a full-body week fills A's
    # first, and B reuses them where it can.
    turns = (
        itertools.zip_longest(*required.values())
        if layout.split
        else (
            (slot if x == letter else None for x in required)
            for letter in required
            for slot in required[letter]
        )
    )
    for turn in turns:
        for letter, slot in zip(required, turn, strict=True):
            if slot is not None:
                fill(draft, letter, slot, pool, policy, rng)
    cover_groups(draft, pool, policy, rng)
    fill_sessions(draft, pool, policy, optional, rng)
    short = [x for x, items in draft.main.items() if len(items) < rules.SESSION_STRENGTH[0]]
    if short and any(pool.strength[g] for g in GROUPS) and not relaxed:
        groups = group_words(sorted(draft.layout.groups[short[0]], key=GROUPS.index))
        raise PlanError(
            f"too few exercises for the {groups} to make a session of "
            f"{rules.SESSION_STRENGTH[0]}; spread the --on days, or use a catalogue with more "
            "exercises",
            filter="the catalogue",
        )
    _even_out(draft, pool, policy, optional, rng)
    unbalanced = not rules.balanced(draft.weekly()) and not relaxed
    if unbalanced or not rules.under_ceiling(draft.totals(), policy):
        reached = ", ".join(f"{group_words([g])} {n}" for g, n in draft.weekly().items())
        raise PlanError(
            f"cannot balance the week's strength work across the five groups ({reached}); "
            "spread the --on days, or use a catalogue with more exercises that train one group",
            filter="the catalogue",
        )
    fit(draft, policy, main_budget, options.minutes, fewer_than, templates.foundations, pool)
    if not relaxed:
        _check_cover(draft, pool)
    return draft


def _check_cover(draft: WeekDraft, pool: Pool) -> None:
    """Rules 4 and 5, checked last: every required movement trained by its group's own
    exercise, and on spread days every group on two days; where the catalogue's templates
    leave one out, an error names it (rule 10), for the caller to try another layout."""
    exercises = draft.exercises()
    for group in pool.groups:
        for move in pool.required_movements.get(group, ()):
            if not covered(exercises, group, move):
                raise PlanError(
                    f"no {move} exercise for {group} fits the week's sessions; use a catalogue "
                    "with more exercises for this group",
                    group=group,
                    filter="the catalogue",
                )
        if not draft.layout.split and days_trained(draft, group) < min(
            2, len(draft.layout.letters)
        ):
            raise PlanError(
                f"the {group_words([group])} cannot be strengthened on two days with the "
                "catalogue's sessions; use a catalogue with more exercises for this group",
                group=group,
                filter="the catalogue",
            )


def _even_out(
    draft: WeekDraft,
    pool: Pool,
    policy: Policy,
    optional: list[tuple[str, Slot]],
    rng: random.Random,
) -> None:
    """Balance the groups (rule 5): by sets first; then with the templates' accessories, each
    kept only if it helps; then with an accessory for the group furthest behind; then by
    trying each slot's other candidates, each with its doses balanced afresh."""
    # Two working sets an exercise first, with swaps if need be; the ranges' low ends only
    # where nothing else balances.
    if even_sets(draft, policy, working=True) and not week_gap(draft, policy):
        return
    if _tried(draft, lambda: _swaps(draft, pool, policy, working=True)):
        return
    extra = list(optional)
    for group in _lagging(draft):
        for letter in sorted(draft.main, key=lambda x: -draft.layout.days_of(x)):
            extra.append((letter, group_slot(pool, group)))
    for letter, slot in extra:
        before = strain(draft.weekly(), policy)
        draft.save()
        if fill(draft, letter, slot, pool, policy, rng) and (
            balance(draft, policy) or strain(draft.weekly(), policy) < before
        ):
            draft.keep()
        else:
            draft.undo()
        if strain(draft.weekly(), policy) == 0 and not week_gap(draft, policy):
            return
    if _tried(draft, lambda: _swaps(draft, pool, policy, working=True)):
        return
    for _ in range(SWAP_PASSES):
        if _swaps(draft, pool, policy, working=None):
            return
    balance(draft, policy)  # the nearest the week comes; the caller says if it is not enough


def _tried(draft: WeekDraft, attempt: Callable[[], bool]) -> bool:
    """Keep what `attempt` did to the draft if it succeeded, else undo it all."""
    draft.save()
    if attempt():
        draft.keep()
        return True
    draft.undo()
    return False


def _swaps(draft: WeekDraft, pool: Pool, policy: Policy, working: bool | None) -> bool:
    """Each exercise in turn (in every template that has it, so a shared one stays shared)
    takes the candidate whose week, its sets balanced afresh, is nearest balance and the level
    (then the best fit); True once the week balances and trains its level. `working`: keep two
    working sets an exercise (True), go to the ranges' low ends (False), or the first of those
    that balances (None)."""

    def even() -> bool:
        if working is None:
            return balance(draft, policy)
        return even_sets(draft, policy, working)

    for exercise_id in dict.fromkeys(e.id for e in draft.exercises()):
        where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == exercise_id]
        if not where:
            continue
        found = None
        for letter, index, placed in where:
            fits = candidates(draft, letter, placed.slot, pool, policy, swap=index)
            found = fits if found is None else common(found, fits)
        slot = where[0][2].slot
        best: tuple[float, float, Exercise] | None = None
        for exercise in found or ():
            draft.save()
            replace(draft, where, exercise, pool, policy)
            reset(draft, policy)
            even()
            key = (
                strain(draft.weekly(), policy) + week_gap(draft, policy),
                scorer(slot, policy, pool.step)(exercise),
            )
            draft.undo()
            if best is None or key < best[:2]:
                best = (*key, exercise)
        if best is not None and best[2].id != exercise_id:
            replace(draft, where, best[2], pool, policy)
        reset(draft, policy)
        if even() and not week_gap(draft, policy):
            return True
    return False


def _lagging(draft: WeekDraft) -> list[str]:
    """The groups below the band the most-trained group sets, furthest behind first."""
    weekly = draft.weekly()
    most = max(weekly.values(), default=0)
    behind = [g for g in weekly if rules.BALANCE_RATIO * weekly[g] < most]
    return sorted(behind, key=lambda g: weekly[g])

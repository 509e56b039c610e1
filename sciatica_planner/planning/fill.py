"""Filling a template's pattern slots: the candidates the rules allow, the chosen one at its
usual dose, and the accessories that cover a group or a session's least exercises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..vocabulary import GROUPS, group_words
from . import rules
from .choose import pick, scorer
from .draft import Placed
from .templates import Slot

if TYPE_CHECKING:
    import random

    from ..models import Exercise
    from .draft import WeekDraft
    from .policy import Policy
    from .pool import Pool
    from .schedule import Layout
    from .templates import Templates


def slots_of(pool: Pool, templates: Templates, layout: Layout) -> dict[str, list[Slot]]:
    """Each template's slots: full-body weeks take A's and B's own; a split week shares all
    the slots between its two templates, each where its exercises may go (rule 3), B's own
    order of a pattern set A already has becoming an accessory."""
    if not layout.split:
        return {
            x: list(templates.B if x == "B" and templates.B else templates.A) for x in layout.groups
        }
    plan: dict[str, list[Slot]] = {x: [] for x in layout.groups}
    seen: set[frozenset[str]] = set()
    for given in (*templates.A, *templates.B):
        kind = frozenset(given.patterns)
        slot = given._replace(optional=True) if kind in seen else given
        seen.add(kind)
        sides = [
            x
            for x in sorted(layout.groups)
            if any(
                rules.within_groups(e, layout.groups[x]) for e in pool.of_patterns(slot.patterns)
            )
        ]
        if sides:
            side = min(sides, key=lambda x: sum(not s.optional for s in plan[x]))
            plan[side].append(slot)
    return plan


def candidates(
    draft: WeekDraft, letter: str, slot: Slot, pool: Pool, policy: Policy, swap: int | None = None
) -> list[Exercise]:
    """The exercises the rules allow in this slot of this template (`swap`: in place of the
    item at that index)."""
    layout = draft.layout
    session = [p.exercise for i, p in enumerate(draft.main[letter]) if i != swap]
    week = [p.exercise for x, i, p in draft.placed() if not (x == letter and i == swap)]
    distinct = {e.id for e in week}
    cap = rules.WEEK_STRENGTH_MAX[policy.level]
    # A swap keeps every required movement the outgoing exercise alone covers (rule 5).
    kept: list[tuple[str, str]] = []
    if swap is not None:
        outgoing = draft.main[letter][swap].exercise
        group = outgoing.groups[0]
        kept = [
            (group, move)
            for move in pool.required_movements.get(group, ())
            if move in outgoing.tags and not covered(week, group, move)
        ]
    return [
        e
        for e in pool.of_patterns(slot.patterns)
        if all(covered([e], group, move) for group, move in kept)
        and rules.within_groups(e, layout.groups[letter])
        and rules.no_twins(e, session, pool.family)
        and rules.one_per_pattern(e, session)
        and rules.isometric_room(e, session, policy)
        and rules.positions_room(e, session)
        and rules.heavy_room(e, week, layout.days_of(letter))
        and (e.id in distinct or len(distinct) < cap)
        and len(session) < rules.SESSION_STRENGTH[1]
    ]


def fill(
    draft: WeekDraft, letter: str, slot: Slot, pool: Pool, policy: Policy, rng: random.Random
) -> bool:
    """Fill one slot with its best candidate; in a B template, the exercise A chose for a slot
    of the same patterns, where the rules allow (fewer exercises to learn)."""
    found = candidates(draft, letter, slot, pool, policy)
    if letter == "B" and not draft.layout.split:
        same = [p.exercise for p in draft.main.get("A", []) if p.slot.patterns == slot.patterns]
        same_ids = {e.id for e in same}
        found = [e for e in found if e.id in same_ids] or found
    weekly = draft.weekly()
    busy = {g for g, n in weekly.items() if n and n >= sum(weekly.values()) / len(weekly)}
    base = scorer(slot, policy, pool.step)
    chosen = pick(found, lambda e: base(e) + crowding(e, busy), rng)
    if chosen is None:
        return False
    sets = policy.usual_sets(chosen)
    dose = policy.dose(chosen, sets)
    draft.main[letter].append(Placed(chosen, dose, slot, step_note(chosen, pool, policy), sets))
    return True


# Per group beyond its first that the week already trains more than most: an exercise that
# adds to a busy group makes the week harder to balance (rule 5).
CROWDED = 0.75


def crowding(exercise: Exercise, busy: set[str]) -> float:
    return CROWDED * sum(g in busy for g in exercise.groups[1:])


def step_note(exercise: Exercise, pool: Pool, policy: Policy) -> str:
    """Which step of its chain this is, and what chose it (the start of its `why`)."""
    if policy.easier_first:
        return "the easier version while your journal shows pain rising"
    if policy.progressing:
        return "a step up after two calm, active weeks"
    if policy.tier == "flare-safe":
        return "a flare-safe choice while pain is raised"
    article = "an" if policy.level[0] in "aeiou" else "a"
    gear = " with your equipment" if exercise.equipment else ""
    return f"the step of the {exercise.pattern} chain for {article} {policy.level}{gear}"


def replace(
    draft: WeekDraft,
    where: list[tuple[str, int, Placed]],
    exercise: Exercise,
    pool: Pool,
    policy: Policy,
) -> None:
    sets = policy.usual_sets(exercise)
    for letter, index, placed in where:
        draft.main[letter][index] = placed._replace(
            exercise=exercise,
            dose=policy.dose(exercise, sets),
            usual=sets,
            step=step_note(exercise, pool, policy),
        )


def cover_groups(draft: WeekDraft, pool: Pool, policy: Policy, rng: random.Random) -> None:
    """Every group trained, on two days where the days allow (rule 4), and every required
    movement in the week by an exercise of its group (rule 5): where the slots left one out,
    an exercise of its own joins a template that may train it and does not yet."""
    for group in pool.groups:
        for move in pool.required_movements.get(group) or (None,):
            if move is not None and covered(draft.exercises(), group, move):
                continue
            for letter in sorted(draft.layout.groups, key=lambda x: -draft.layout.days_of(x)):
                if move is None and (
                    days_trained(draft, group) >= 2
                    or any(group in p.exercise.groups for p in draft.main[letter])
                ):
                    continue
                found = {e.id for e in pool.strength[group] if move is None or move in e.tags}
                slot = group_slot(pool, group, move)
                allowed = [
                    e for e in candidates(draft, letter, slot, pool, policy) if e.id in found
                ]
                chosen = pick(allowed, scorer(slot, policy, pool.step), rng)
                if chosen is not None:
                    sets = policy.usual_sets(chosen)
                    note = step_note(chosen, pool, policy)
                    draft.main[letter].append(
                        Placed(chosen, policy.dose(chosen, sets), slot, note, sets)
                    )
                    if move is not None:
                        break


def covered(exercises: list[Exercise], group: str, move: str) -> bool:
    """A required movement is trained by an exercise whose primary group it belongs to."""
    return any(e.groups[0] == group and move in e.tags for e in exercises)


def days_trained(draft: WeekDraft, group: str) -> int:
    """On how many days the group has strength work (rule 4)."""
    return sum(
        draft.layout.days_of(x)
        for x, items in draft.main.items()
        if any(group in p.exercise.groups for p in items)
    )


def common(first: list[Exercise], second: list[Exercise]) -> list[Exercise]:
    """The exercises in both lists, in the first's order (by id: linear, not quadratic)."""
    ids = {e.id for e in second}
    return [e for e in first if e.id in ids]


def group_slot(pool: Pool, group: str, move: str | None = None) -> Slot:
    """An accessory slot for a group (and one of its required movements): every pattern its
    own exercises have."""
    found = [e for e in pool.strength[group] if move is None or move in e.tags]
    patterns = tuple(dict.fromkeys(e.pattern or "" for e in found))
    what = group_words([group]) + (f" ({move})" if move else "")
    return Slot(what, patterns, f"Trains the {what}.", optional=True)


def fill_sessions(
    draft: WeekDraft,
    pool: Pool,
    policy: Policy,
    optional: list[tuple[str, Slot]],
    rng: random.Random,
) -> None:
    """Rule 19: a session holds at least three strength exercises: a short one takes its
    accessories, then an exercise for each of its groups in turn."""
    for letter, items in draft.main.items():
        extra = [slot for x, slot in optional if x == letter]
        for group in sorted(draft.layout.groups[letter], key=GROUPS.index):
            extra.append(group_slot(pool, group))
        for slot in extra:
            if len(items) >= rules.SESSION_STRENGTH[0]:
                break
            fill(draft, letter, slot, pool, policy, rng)

"""Planning a week: `plan_week(catalogue, options) -> WeekPlan`. Pure: no I/O, no clock.

The search: the schedule gives each training day its template (A or B) and the groups each may
train; each template's pattern slots are filled with the step of their chain that fits (choose);
the doses are set from the usual ones, evened out so the groups balance, then cut to the time
budget (and, at pain 4-6, below the pain-0 week); a programme's week climbs from there (climb);
the warm-up and cool-down go around the strength work (session). Every move is kept only if the
rules allow it (rules.py), on one WeekDraft (draft.py).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import TYPE_CHECKING, cast

from .. import safety
from ..vocabulary import GROUPS, WEEKDAY_NAMES, WEEKDAYS, group_words
from . import rules
from .choose import pick, strength_score
from .climb import climb
from .draft import Placed, WeekDraft
from .measures import balance_ratio
from .policy import MIN_WORKING_SETS, Dose, Stage, policy_for
from .pool import PlanError, build_pool
from .reasons import gentle_why, strength_why
from .schedule import lay_out
from .session import Item, Session, fill_gentle, work_seconds, warm_up_target
from .templates import Slot, Templates, templates_of
from .timing import dose_seconds, minutes

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..models import Adaptation, Catalogue, Exercise, PlanOptions, WeekPlan
    from ..vocabulary import GroupId
    from .policy import Policy
    from .pool import Pool
    from .schedule import Layout

# Product choice: the main block may take this share of a session, leaving the rest for the
# warm-up and cool-down (a fifth each, see session.py)...
MAIN_SHARE = 0.6
# ...but never less than this for them once the warm-up takes 4 minutes (20-minute sessions):
# the warm-up, its changeovers, a hamstring stretch and a preferred-direction move.
GENTLE_MINIMUM_SECONDS = 540
GENTLE_MINIMUM_SHARE = 0.45  # reached smoothly, so a longer session never has less main time
# Product choice: a flare-up session holds at most this many gentle holds.
FLARE_UP_HOLDS = 3
# Each balancing or cutting search stops after this many moves (a week has at most a dozen
# exercises of at most 10 sets each, so it never needs more).
MAX_MOVES = 200
# A deload cuts up to this many exercises' sets at once where fewer cuts would unbalance it.
DELOAD_CUTS = 3
# Passes over the exercises trying others in their place, when sets alone cannot balance.
SWAP_PASSES = 2
# A split week tries at most this many ways of sharing the groups between A and B (the first
# few by what each side can train; later ones rarely differ).
SPLITS_TRIED = 8


def gentle_reserve(budget: float) -> float:
    """Seconds kept for the warm-up and cool-down of a session of `budget` seconds."""
    floor = min(GENTLE_MINIMUM_SECONDS, GENTLE_MINIMUM_SHARE * budget)
    return max((1 - MAIN_SHARE) * budget, floor)


def default_seed(start: dt.date) -> int:
    """The seed of a week when none is given: its start date as a number, e.g. 20261130."""
    return int(start.strftime("%Y%m%d"))


def plan_week(
    catalogue: Catalogue,
    options: PlanOptions,
    adaptation: Adaptation | None = None,
    stage: Stage | None = None,
    spreading: bool = False,
) -> WeekPlan:
    """Build the week the options ask for (a programme's week, with `stage`; `spreading`: the
    journal's last week logged symptoms spreading down the leg); raises PlanError when the
    filters leave too little."""
    policy = policy_for(options, adaptation, stage, spreading)
    pool = build_pool(catalogue, policy)
    templates = templates_of(catalogue)
    dates = [
        options.start + dt.timedelta(days=k)
        for k in range(7)
        if WEEKDAYS[(options.start + dt.timedelta(days=k)).weekday()] in options.on
    ]
    alternate = _alternates(templates, options, policy.strength_paused)
    layout = lay_out(dates, alternate, lambda groups: _coverage(pool, templates, groups))
    budget = options.minutes * 60
    main_budget = budget - gentle_reserve(budget)
    warnings = list(layout.warnings)
    if policy.strength_paused:
        draft = _gentle_holds(pool, policy, layout, random.Random(options.seed), main_budget)
    else:
        fewer_than = None
        if policy.tier == "flare-safe":
            fewer_than = _calm_sets(catalogue, options, adaptation, stage)
        # A programme keeps its first week's exercises and climbs from them: choose as week 1.
        first = policy if stage is None else policy_for(options, adaptation, Stage(1, "build"))
        try:
            draft = _shared(pool, first, templates, layout, options, main_budget, fewer_than)
        except PlanError as error:
            if not (first.progressing and error.filter == "--minutes"):
                raise
            # The stepped-up doses do not fit the time: the week keeps the usual ones.
            first = policy = first._replace(progressing=False)
            pool = build_pool(catalogue, first)
            draft = _shared(pool, first, templates, layout, options, main_budget, fewer_than)
        if fewer_than is not None and draft.sets() >= fewer_than and first.easier_first:
            # The easier variants cannot come in lighter than the week they ease from: ease
            # off with the usual exercises instead (still flare-safe, fewer sets).
            usual = first._replace(easier_first=False)
            try:
                lighter = _shared(
                    build_pool(catalogue, usual), usual, templates, layout, options, main_budget, fewer_than
                )
            except PlanError:
                lighter = draft
            if lighter.sets() < draft.sets():
                draft, pool = lighter, build_pool(catalogue, usual)
        if stage is not None and stage.week > 1:
            if not climb(draft, stage, policy, pool, main_budget, lambda: _cut_set(draft, policy, None, DELOAD_CUTS)):
                warnings.append(
                    "This week keeps last week's doses: the exercises your level and equipment "
                    f"allow are at the top of what {options.minutes} minutes a session can hold. "
                    "Allow more --minutes, or ask a physiotherapist about the next level."
                )
        if stage is None or stage.theme != "deload":  # a deload is light on purpose
            warnings += _week_warnings(draft, policy, templates, pool)
    sessions = _sessions(draft, pool, policy, budget, random.Random(options.seed), warnings)
    return _week_plan(options, policy, draft, sessions, warnings, adaptation, stage, spreading)


def _alternates(templates: Templates, options: PlanOptions, paused: bool) -> bool:
    """A and B take turns on spread days above beginner, from three days a week; a beginner,
    a two-day week and a flare-up repeat one session (fewer exercises, done more often)."""
    return bool(templates.B) and options.level != "beginner" and options.days >= 3 and not paused


def _coverage(pool: Pool, templates: Templates, groups: frozenset[str]) -> int:
    """How much a session of these groups can train: slots with a candidate, and groups with
    an exercise of their own."""
    slots = {s.patterns for s in (*templates.A, *templates.B)}
    found = sum(
        any(rules.within_groups(e, groups) for e in pool.of_patterns(patterns))
        for patterns in slots
    )
    own = sum(
        any(rules.within_groups(e, groups) for e in pool.strength[g]) for g in groups
    )
    return found + own


def _calm_sets(
    catalogue: Catalogue, options: PlanOptions, adaptation: Adaptation | None, stage: Stage | None
) -> int | None:
    """Rule 8: the strength sets of the same options at pain 0 (for a week that eases off, of
    the week it eases from), unless that week has one set per exercise; None without one."""
    eased = safety.pain_tier(options.pain) == "normal"  # by the journal, not today's pain
    calm = options if eased else options.model_copy(update={"pain": 0})
    steady = adaptation.model_copy(update={"direction": "hold"}) if adaptation else None
    policy = policy_for(calm, steady, stage)
    try:
        pool = build_pool(catalogue, policy)
    except PlanError:
        return None
    templates = templates_of(catalogue)
    dates = [
        options.start + dt.timedelta(days=k)
        for k in range(7)
        if WEEKDAYS[(options.start + dt.timedelta(days=k)).weekday()] in options.on
    ]
    alternate = _alternates(templates, options, False)
    layout = lay_out(dates, alternate, lambda groups: _coverage(pool, templates, groups))
    budget = options.minutes * 60
    try:
        draft = _shared(pool, policy, templates, layout, calm, budget - gentle_reserve(budget), None)
    except PlanError:
        return None
    if all(p.dose.sets == 1 for _, _, p in draft.placed()):
        return None
    return draft.sets()


def _shared(
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
    for groups in (layout.groups, *layout.others[:SPLITS_TRIED]):
        shared = layout._replace(groups=groups)
        try:
            draft = _strength_week(pool, policy, templates, shared, options, main_budget, fewer_than)
        except PlanError as error:
            errors.append(error)
            continue
        if fewer_than is None or draft.sets() < fewer_than:
            return draft
        heavier.append(draft)
    if heavier:
        return min(heavier, key=lambda d: d.sets())
    raise next((e for e in errors if e.filter == "--minutes"), errors[0])


def _strength_week(
    pool: Pool,
    policy: Policy,
    templates: Templates,
    layout: Layout,
    options: PlanOptions,
    main_budget: float,
    fewer_than: int | None,
) -> WeekDraft:
    rng = random.Random(options.seed)
    draft = WeekDraft(layout, {letter: [] for letter in sorted(layout.groups)})
    plan = _slots(pool, templates, layout)
    optional = [(x, slot) for x, slots in plan.items() for slot in slots if slot.optional]
    required = {x: [slot for slot in slots if not slot.optional] for x, slots in plan.items()}
    # A split week fills A's and B's slots in turn, so neither template takes the week's share
    # of exercises (rule 19) before the other has its foundations; a full-body week fills A's
    # first, and B reuses them where it can.
    turns = itertools.zip_longest(*required.values()) if layout.split else (
        (slot if x == letter else None for x in required) for letter in required for slot in required[letter]
    )
    for turn in turns:
        for letter, slot in zip(required, turn, strict=True):
            if slot is not None:
                _fill(draft, letter, slot, pool, policy, rng)
    _cover_groups(draft, pool, policy, rng)
    _fill_sessions(draft, pool, policy, optional, rng)
    short = [x for x, items in draft.main.items() if len(items) < rules.SESSION_STRENGTH[0]]
    if short and any(pool.strength[g] for g in GROUPS):
        groups = group_words(sorted(draft.layout.groups[short[0]], key=GROUPS.index))
        raise PlanError(
            f"too few exercises for the {groups} to make a session of "
            f"{rules.SESSION_STRENGTH[0]}; spread the --on days, or use a catalogue with more "
            "exercises",
            filter="the catalogue",
        )
    _even_out(draft, pool, policy, optional, rng)
    if not rules.balanced(draft.weekly()) or not rules.under_ceiling(draft.weekly(), policy):
        reached = ", ".join(f"{group_words([g])} {n}" for g, n in draft.weekly().items())
        raise PlanError(
            f"cannot balance the week's strength work across the five groups ({reached}); "
            "spread the --on days, or use a catalogue with more exercises that train one group",
            filter="the catalogue",
        )
    _fit(draft, policy, main_budget, options.minutes, fewer_than, templates.foundations, pool)
    return draft


def _fill_sessions(
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
            found = [e for e in pool.strength[group] if e.groups[0] == group]
            patterns = tuple(dict.fromkeys(e.pattern or "" for e in found))
            what = group_words([group])
            extra.append(Slot(what, patterns, f"Trains the {what}.", optional=True))
        for slot in extra:
            if len(items) >= rules.SESSION_STRENGTH[0]:
                break
            _fill(draft, letter, slot, pool, policy, rng)


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
    if (_balance(draft, policy) and not _week_gap(draft, policy)) or _swaps(draft, pool, policy):
        return
    extra = list(optional)
    for group in _lagging(draft):
        found = [e for e in pool.strength[group] if e.groups[0] == group]
        patterns = tuple(dict.fromkeys(e.pattern or "" for e in found))
        what = group_words([group])
        for letter in sorted(draft.main, key=lambda x: -draft.layout.days_of(x)):
            extra.append((letter, Slot(what, patterns, f"Trains the {what}.", optional=True)))
    for letter, slot in extra:
        before = _strain(draft.weekly(), policy)
        draft.save()
        if _fill(draft, letter, slot, pool, policy, rng) and (
            _balance(draft, policy) or _strain(draft.weekly(), policy) < before
        ):
            draft.keep()
        else:
            draft.undo()
        if _strain(draft.weekly(), policy) == 0 and not _week_gap(draft, policy):
            return
    for _ in range(SWAP_PASSES):
        if _swaps(draft, pool, policy):
            return


def _swaps(draft: WeekDraft, pool: Pool, policy: Policy) -> bool:
    """Each exercise in turn (in every template that has it, so a shared one stays shared)
    takes the candidate whose week, its sets balanced afresh, is nearest balance and the level
    (then the best fit); True once the week balances and trains its level."""
    for exercise_id in dict.fromkeys(e.id for e in draft.exercises()):
        where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == exercise_id]
        if not where:
            continue
        found = None
        for letter, index, placed in where:
            fits = _candidates(draft, letter, placed.slot, pool, policy, swap=index)
            found = fits if found is None else [e for e in found if e in fits]
        slot = where[0][2].slot
        best: tuple[float, float, Exercise] | None = None
        for exercise in found or ():
            draft.save()
            _replace(draft, where, exercise, pool, policy)
            _reset(draft, policy)
            _balance(draft, policy)
            key = (
                _strain(draft.weekly(), policy) + _week_gap(draft, policy),
                strength_score(exercise, slot, policy, pool.step.get(exercise.id, 0)),
            )
            draft.undo()
            if best is None or key < best[:2]:
                best = (*key, exercise)
        if best is not None and best[2].id != exercise_id:
            _replace(draft, where, best[2], pool, policy)
        _reset(draft, policy)
        if _balance(draft, policy) and not _week_gap(draft, policy):
            return True
    return False


def _replace(
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
            step=_step(exercise, pool, policy),
        )


def _lagging(draft: WeekDraft) -> list[str]:
    """The groups below the band the most-trained group sets, furthest behind first."""
    weekly = draft.weekly()
    most = max(weekly.values())
    behind = [g for g in GROUPS if rules.BALANCE_RATIO * weekly[g] < most]
    return sorted(behind, key=lambda g: weekly[g])


def _reset(draft: WeekDraft, policy: Policy) -> None:
    """Every exercise back at the sets it started from."""
    for letter, index, placed in draft.placed():
        draft.set_dose(letter, index, policy.dose(placed.exercise, placed.usual))


def _slots(pool: Pool, templates: Templates, layout: Layout) -> dict[str, list[Slot]]:
    """Each template's slots: full-body weeks take A's and B's own; a split week shares all
    the slots between its two templates, each where its exercises may go (rule 3), B's own
    order of a pattern set A already has becoming an accessory."""
    if not layout.split:
        return {x: list(templates.B if x == "B" and templates.B else templates.A) for x in layout.groups}
    plan: dict[str, list[Slot]] = {x: [] for x in layout.groups}
    seen: set[frozenset[str]] = set()
    for slot in (*templates.A, *templates.B):
        kind = frozenset(slot.patterns)
        if kind in seen:
            slot = slot._replace(optional=True)
        seen.add(kind)
        sides = [
            x
            for x in sorted(layout.groups)
            if any(rules.within_groups(e, layout.groups[x]) for e in pool.of_patterns(slot.patterns))
        ]
        if sides:
            side = min(sides, key=lambda x: sum(not s.optional for s in plan[x]))
            plan[side].append(slot)
    return plan


def _candidates(
    draft: WeekDraft, letter: str, slot: Slot, pool: Pool, policy: Policy, swap: int | None = None
) -> list[Exercise]:
    """The exercises the rules allow in this slot of this template (`swap`: in place of the
    item at that index)."""
    layout = draft.layout
    session = [p.exercise for i, p in enumerate(draft.main[letter]) if i != swap]
    week = [p.exercise for x, i, p in draft.placed() if not (x == letter and i == swap)]
    distinct = {e.id for e in week}
    cap = rules.WEEK_STRENGTH_MAX[policy.level]
    return [
        e
        for e in pool.of_patterns(slot.patterns)
        if rules.within_groups(e, layout.groups[letter])
        and rules.no_twins(e, session, pool.family)
        and rules.one_per_pattern(e, session)
        and rules.isometric_room(e, session, policy)
        and rules.positions_room(e, session)
        and rules.heavy_room(e, week, layout.days_of(letter))
        and (e.id in distinct or len(distinct) < cap)
        and len(session) < rules.SESSION_STRENGTH[1]
    ]


def _fill(
    draft: WeekDraft, letter: str, slot: Slot, pool: Pool, policy: Policy, rng: random.Random
) -> bool:
    """Fill one slot with its best candidate; in a B template, the exercise A chose for a slot
    of the same patterns, where the rules allow (fewer exercises to learn)."""
    found = _candidates(draft, letter, slot, pool, policy)
    if letter == "B" and not draft.layout.split:
        same = [p.exercise for p in draft.main.get("A", []) if p.slot.patterns == slot.patterns]
        found = [e for e in found if e in same] or found
    chosen = pick(found, lambda e: strength_score(e, slot, policy, pool.step.get(e.id, 0)), rng)
    if chosen is None:
        return False
    sets = policy.usual_sets(chosen)
    dose = policy.dose(chosen, sets)
    draft.main[letter].append(Placed(chosen, dose, slot, _step(chosen, pool, policy), sets))
    return True


def _step(exercise: Exercise, pool: Pool, policy: Policy) -> str:
    """Which step of its chain this is, and what chose it (the start of its `why`)."""
    if policy.easier_first:
        return "the easier version while your journal shows pain rising"
    if policy.progressing:
        return "a step up after two calm, active weeks"
    if policy.tier == "flare-safe":
        return "a flare-safe choice while pain is raised"
    level = policy.level + (" with your equipment" if exercise.equipment else "")
    return f"the step of its chain that suits {level}"


def _cover_groups(draft: WeekDraft, pool: Pool, policy: Policy, rng: random.Random) -> None:
    """Every group trained and every required movement in the week (rules 4 and 5): where the
    slots left one out, an exercise of its own joins a template that may train it."""
    for group in GROUPS:
        moves = pool.required_movements.get(group) or (None,)
        for move in moves:
            if any(
                group in p.exercise.groups and (move is None or move in p.exercise.tags)
                for _, _, p in draft.placed()
            ):
                continue
            for letter in sorted(draft.layout.groups, key=lambda x: -draft.layout.days_of(x)):
                found = [e for e in pool.strength[group] if move is None or move in e.tags]
                patterns = tuple(dict.fromkeys(e.pattern or "" for e in found))
                what = group_words([group]) + (f" ({move})" if move else "")
                slot = Slot(what, patterns, f"Trains the {what}.", optional=True)
                candidates = [e for e in _candidates(draft, letter, slot, pool, policy) if e in found]
                chosen = pick(candidates, lambda e, s=slot: strength_score(e, s, policy, pool.step.get(e.id, 0)), rng)
                if chosen is not None:
                    sets = policy.usual_sets(chosen)
                    draft.main[letter].append(
                        Placed(chosen, policy.dose(chosen, sets), slot, _step(chosen, pool, policy), sets)
                    )
                    break


def _set_bounds(placed: Placed, policy: Policy, working: bool = True) -> tuple[int, int]:
    """The fewest and most sets balancing may give an exercise: its range, and at pain 0-3 at
    least the working sets the policy starts from (unless `working` is off)."""
    low, high = policy.strength_sets(placed.exercise)
    if policy.tier == "normal" and working:
        low = max(low, min(high, MIN_WORKING_SETS))
    return low, high


def _strain(weekly: dict[str, int], policy: Policy) -> float:
    """How far the week is from balance (rule 5) and under the ceiling (rule 15): 0 when it is."""
    most = max(weekly.values())
    # Each group's shortfall below the band the most-trained group sets: 0 for all when
    # balanced, and it shrinks with every set that moves a lagging group up.
    short = sum(max(0.0, most - rules.BALANCE_RATIO * n) for n in weekly.values())
    over = sum(max(0, n - policy.weekly_ceiling) for n in weekly.values())
    return short + over + (100 if min(weekly.values()) == 0 else 0)


def _balance(draft: WeekDraft, policy: Policy) -> bool:
    """Even the groups out by one set at a time (rule 5, under the ceiling of rule 15), keeping
    two working sets an exercise where that can balance, else down to the ranges' low ends."""
    return _even_sets(draft, policy, working=True) or _even_sets(draft, policy, working=False)


def _even_sets(draft: WeekDraft, policy: Policy, working: bool) -> bool:
    """Each move is the one that most reduces the strain, then stays nearest the usual sets.
    Worked on the weekly totals alone, then written back."""
    placed = draft.placed()
    days = [draft.layout.days_of(x) for x, _, _ in placed]
    sets = [p.dose.sets for _, _, p in placed]
    bounds = [_set_bounds(p, policy, working) for _, _, p in placed]
    weekly = draft.weekly()
    usual = sum(p.usual * n for (_, _, p), n in zip(placed, days, strict=True))
    counts = [0, 0, 0]  # sets, above beginner, in repetitions
    kinds = [_kinds(p.exercise) for _, _, p in placed]
    for kind, count, n in zip(kinds, sets, days, strict=True):
        counts = [c + k * count * n for c, k in zip(counts, kind, strict=True)]
    strain = _strain(weekly, policy) + _level_gap(counts, policy)
    for _ in range(MAX_MOVES):
        if strain == 0:
            break
        best: tuple[float, int, int, int] | None = None
        for k, (_, _, item) in enumerate(placed):
            low, high = bounds[k]
            for change in (1, -1):
                if not low <= sets[k] + change <= high:
                    continue
                step = change * days[k]
                trial = dict(weekly)
                for group in item.exercise.groups:
                    trial[group] += step
                moved = [c + kind * step for c, kind in zip(counts, kinds[k], strict=True)]
                key = (
                    _strain(trial, policy) + _level_gap(moved, policy),
                    abs(moved[0] - usual),
                )
                if best is None or key < best[:2]:
                    best = (*key, k, change)
        if best is None or best[0] >= strain:
            break
        strain, _, k, change = best
        sets[k] += change
        counts = [c + kind * change * days[k] for c, kind in zip(counts, kinds[k], strict=True)]
        for group in placed[k][2].exercise.groups:
            weekly[group] += change * days[k]
    for (letter, index, item), count in zip(placed, sets, strict=True):
        if count != item.dose.sets:
            draft.set_dose(letter, index, item.dose._replace(sets=count))
    return strain == 0


def _kinds(exercise: Exercise) -> tuple[int, int, int]:
    """What a set of it counts towards: (sets, above beginner, in repetitions)."""
    return (1, int(exercise.level != "beginner"), int(exercise.reps is not None))


def _level_gap(counts: list[int], policy: Policy) -> float:
    """Sets short of half above beginner (rule 14, intermediate and advanced) and of half in
    repetitions (rule 21), at pain 0-3; 0 elsewhere."""
    if policy.tier != "normal":
        return 0.0
    total, above, reps = counts
    gap = max(0.0, total / 2 - reps)
    if policy.level != "beginner":
        gap += max(0.0, total / 2 - above)
    return gap


def _week_gap(draft: WeekDraft, policy: Policy) -> float:
    counts = [0, 0, 0]
    for x, _, p in draft.placed():
        n = p.dose.sets * draft.layout.days_of(x)
        counts = [c + k * n for c, k in zip(counts, _kinds(p.exercise), strict=True)]
    return _level_gap(counts, policy)


def _fit(
    draft: WeekDraft,
    policy: Policy,
    main_budget: float,
    budget_minutes: int,
    fewer_than: int | None,
    foundations: tuple[Slot, ...],
    pool: Pool,
) -> None:
    """Time is a ceiling (rule 15): while the longest session overruns, one set comes off
    (the move that keeps the week balanced and saves the most time), then a non-foundation
    exercise goes; never a dose below its range. At pain 4-6 the same cuts go on until the
    week has fewer sets than at pain 0 (rule 8). Each move depends on the week alone, never on
    the budget, so a longer budget stops earlier and keeps more work."""
    for _ in range(MAX_MOVES):
        letter = max(draft.main, key=draft.main_seconds)
        longest = draft.main_seconds(letter)
        lighter = fewer_than is not None and draft.sets() >= fewer_than
        if longest <= main_budget and not lighter:
            return
        if _cut_set(draft, policy, letter if longest > main_budget else None):
            continue
        if _drop_one(draft, policy, letter, foundations, pool):
            continue
        if longest > main_budget:
            if not _lighter_swap(draft, pool, policy, _longest_seconds):
                _too_short(draft, letter, budget_minutes)
            continue
        if not _lighter_swap(
            draft, pool, policy, WeekDraft.sets, lambda d: _longest_seconds(d) <= main_budget
        ):
            return  # rule 8 cannot go lower: the ranges' low ends are reached
    letter = max(draft.main, key=draft.main_seconds)
    if draft.main_seconds(letter) > main_budget:  # pragma: no cover - every move saves time
        _too_short(draft, letter, budget_minutes)


def _longest_seconds(draft: WeekDraft) -> float:
    return max(draft.main_seconds(x) for x in draft.main)


def _lighter_swap(
    draft: WeekDraft,
    pool: Pool,
    policy: Policy,
    measure: Callable[[WeekDraft], float],
    keeping: Callable[[WeekDraft], bool] = lambda draft: True,
) -> bool:
    """Where cuts cannot go lower (rule 8's sets, or the longest session's time): the exercise
    whose swap for another candidate of its slot most lowers the `measure`, the week balanced
    (sets evened out afresh from the ranges' low ends). False when no swap lowers it."""
    before = measure(draft)
    gap = _week_gap(draft, policy)
    best: tuple[float, str, Exercise] | None = None
    for exercise_id in dict.fromkeys(e.id for e in draft.exercises()):
        where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == exercise_id]
        found = None
        for letter, index, placed in where:
            fits = _candidates(draft, letter, placed.slot, pool, policy, swap=index)
            found = fits if found is None else [e for e in found if e in fits]
        for exercise in found or ():
            draft.save()
            _replace(draft, where, exercise, pool, policy)
            _lowest(draft, policy)
            value = measure(draft)
            keeps = (
                rules.balanced(draft.weekly())
                and value < before
                and _week_gap(draft, policy) <= gap
                and keeping(draft)
            )
            draft.undo()
            if keeps and (best is None or value < best[0]):
                best = (value, exercise_id, exercise)
    if best is None:
        return False
    where = [(x, i, p) for x, i, p in draft.placed() if p.exercise.id == best[1]]
    _replace(draft, where, best[2], pool, policy)
    _lowest(draft, policy)
    return True


def _lowest(draft: WeekDraft, policy: Policy) -> None:
    """Every exercise at the low end of its sets, then evened out (rule 5)."""
    for letter, index, placed in draft.placed():
        low = policy.strength_sets(placed.exercise)[0]
        draft.set_dose(letter, index, placed.dose._replace(sets=low))
    _even_sets(draft, policy, working=False)


def _cut_set(draft: WeekDraft, policy: Policy, letter: str | None, most: int = 2) -> bool:
    """One set less (of the template `letter`, or any), or where no single cut keeps the week
    balanced, one less of each of two exercises: the cut that saves the most time and keeps
    rule 5 and rule 21's share of repetitions. False when none does."""
    placed = [
        (x, i, p)
        for x, i, p in draft.placed()
        if (letter is None or x == letter) and p.dose.sets > policy.strength_sets(p.exercise)[0]
    ]
    gap = _week_gap(draft, policy)
    for size in range(1, most + 1):
        best: tuple[float, list[tuple[str, int, Dose]]] | None = None
        for chosen in itertools.combinations(placed, size):
            cuts = [(x, i, p.dose._replace(sets=p.dose.sets - 1)) for x, i, p in chosen]
            for x, i, dose in cuts:
                draft.set_dose(x, i, dose)
            keeps = rules.balanced(draft.weekly()) and _week_gap(draft, policy) <= gap
            saving = sum(p.seconds - dose_seconds(p.exercise, d) for (_, _, p), (_, _, d) in zip(chosen, cuts, strict=True))
            for x, i, p in chosen:
                draft.set_dose(x, i, p.dose)
            if keeps and (best is None or saving > best[0]):
                best = (saving, cuts)
        if best is not None:
            for x, i, dose in best[1]:
                draft.set_dose(x, i, dose)
            return True
    return False


def _drop_one(
    draft: WeekDraft, policy: Policy, letter: str, foundations: tuple[Slot, ...], pool: Pool
) -> bool:
    """Leave out one exercise of the template, longest first, accessories before the rest:
    only where the week still trains every foundation pattern, group and required movement,
    the session keeps its least strength exercises (rule 19), the week balances again (its
    sets evened out afresh) and the session is shorter for it."""
    items = draft.main[letter]
    if len(items) <= rules.SESSION_STRENGTH[0]:
        return False
    before = draft.main_seconds(letter)
    order = sorted(range(len(items)), key=lambda i: (not items[i].slot.optional, -items[i].seconds))
    for index in order:
        days = _days_per_group(draft)
        draft.save()
        del draft.main[letter][index]
        if (
            _covers(draft, foundations, pool)
            and all(
                n >= min(days[g], safety.MIN_STRENGTH_DAYS_PER_GROUP)
                for g, n in _days_per_group(draft).items()
            )
            and (rules.balanced(draft.weekly()) or _balance(draft, policy))
            and draft.main_seconds(letter) < before
        ):
            draft.keep()
            return True
        draft.undo()
    return False


def _days_per_group(draft: WeekDraft) -> dict[str, int]:
    """On how many days each group has strength work (rule 4)."""
    return {
        g: sum(
            draft.layout.days_of(x)
            for x, items in draft.main.items()
            if any(g in p.exercise.groups for p in items)
        )
        for g in GROUPS
    }


def _covers(draft: WeekDraft, foundations: tuple[Slot, ...], pool: Pool) -> bool:
    """Every foundation pattern (rule 21), group and required movement still in the week."""
    exercises = draft.exercises()
    patterns = {e.pattern for e in exercises}
    if any(not patterns & set(s.patterns) for s in foundations):
        return False
    for group in GROUPS:
        for move in pool.required_movements.get(group) or (None,):
            if not any(
                group in e.groups and (move is None or move in e.tags) for e in exercises
            ):
                return False
    return True


def _too_short(draft: WeekDraft, letter: str, budget_minutes: int) -> None:
    seconds = draft.main_seconds(letter)
    needed = next(m for m in range(budget_minutes, 600) if m * 60 - gentle_reserve(m * 60) >= seconds)
    day = WEEKDAY_NAMES[draft.layout.dates_of(letter)[0].weekday()]
    raise PlanError(
        f"{day}'s session needs at least {needed} minutes for its strength work, more than "
        f"--minutes {budget_minutes}; allow more minutes or more --days",
        filter="--minutes",
    )


def _gentle_holds(
    pool: Pool, policy: Policy, layout: Layout, rng: random.Random, main_budget: float
) -> WeekDraft:
    """A flare-up: a few gentle holds (rule 8) for different groups, at the low end of their
    range, each only where it fits the main block's time, so the warm-up and the relief
    positions (rule 1) always have theirs."""
    draft = WeekDraft(layout, {x: [] for x in sorted(layout.groups)})
    for letter in draft.main:
        for group in GROUPS:
            if len(draft.main[letter]) >= FLARE_UP_HOLDS:
                break
            slot = Slot(f"gentle hold for the {group_words([group])}", (), "", optional=True)
            session = [p.exercise for p in draft.main[letter]]
            found = [
                e
                for e in pool.strength[group]
                if rules.within_groups(e, layout.groups[letter])
                and rules.no_twins(e, session, pool.family)
                and draft.main_seconds(letter) + dose_seconds(e, policy.dose(e, policy.strength_sets(e)[0]))
                <= main_budget
            ]
            chosen = pick(found, lambda e: strength_score(e, slot, policy, pool.step.get(e.id, 0)), rng)
            if chosen is not None:
                sets = policy.strength_sets(chosen)[0]
                draft.main[letter].append(
                    Placed(chosen, policy.dose(chosen, sets), slot, "a gentle hold for a flare-up", sets)
                )
    return draft


def _week_warnings(
    draft: WeekDraft, policy: Policy, templates: Templates, pool: Pool
) -> list[str]:
    """Say where the week falls short: a foundation pattern it cannot train (rule 21), too
    little work above beginner or in repetitions (rules 14 and 21), too few sets."""
    warnings = []
    if policy.tier != "normal":
        return warnings
    patterns = {e.pattern for e in draft.exercises()}
    missing = [s.name for s in templates.foundations if not patterns & set(s.patterns)]
    if missing:
        warnings.append(
            f"Your level and equipment leave this week without {', '.join(missing)}: "
            "the catalogue offers no such exercise that fits."
        )
    weekly = draft.weekly()
    short = [g for g in GROUPS if weekly[g] < policy.weekly_floor]
    if short:
        warnings.append(
            f"This week gives the {group_words(short)} fewer than {policy.weekly_floor} "
            f"strength sets, the least {'an' if policy.level[0] in 'aeiou' else 'a'} "
            f"{policy.level} week aims for; allow more --minutes or --days if you can."
        )
    if policy.level == "beginner":
        return warnings
    placed = [(p, draft.layout.days_of(x)) for x, _, p in draft.placed()]
    total = sum(p.dose.sets * n for p, n in placed) or 1
    above = sum(p.dose.sets * n for p, n in placed if p.exercise.level != "beginner")
    reps = sum(p.dose.sets * n for p, n in placed if p.dose.reps is not None)
    if above < total / 2 or reps < total / 2:
        warnings.append(
            f"Your level and equipment offer little {policy.level} work in repetitions "
            "for some groups, so this week leans on easier exercises and holds there."
        )
    return warnings


def _sessions(
    draft: WeekDraft,
    pool: Pool,
    policy: Policy,
    budget: float,
    rng: random.Random,
    warnings: list[str],
) -> dict[dt.date, Session]:
    """Each template's session, warm-up and cool-down around its strength work, repeated on
    each of its days (rule 19)."""
    sessions: dict[dt.date, Session] = {}
    used: set[str] = set()
    for letter in draft.main:
        dates = draft.layout.dates_of(letter)
        if not dates:
            continue
        session = Session(dates[0], letter)
        for placed in draft.main[letter]:
            why = strength_why(placed, letter, policy, draft.layout.days_of(letter))
            session.main.append(Item(placed.exercise, placed.dose, "main", why))
        room = rules.WEEK_EXERCISES_MAX - len(draft.distinct()) - len(used)
        fill_gentle(session, pool, policy, budget, frozenset(used), rng, room)
        for block in (session.warm_up, session.cool_down):
            block[:] = [
                Item(i.exercise, i.dose, i.block, gentle_why(i.exercise, i.block, policy)) for i in block
            ]
        used |= {i.exercise.id for i in (*session.warm_up, *session.cool_down)}
        name = WEEKDAY_NAMES[dates[0].weekday()]
        warmed = work_seconds(session.warm_up)
        target = warm_up_target(budget)
        if budget >= safety.WARM_UP_FULL_FROM_MINUTES * 60 and warmed < min(
            target, safety.WARM_UP_MIN_SECONDS
        ):
            warnings.append(
                f"The catalogue's warm-up exercises fill only {minutes(warmed)} of the "
                f"{minutes(target)} warm-up minutes on {name}: walk gently for the rest."
            )
        for date in dates:
            sessions[date] = Session(
                date, letter, list(session.warm_up), list(session.main), list(session.cool_down)
            )
    return sessions


def _week_plan(
    options: PlanOptions,
    policy: Policy,
    draft: WeekDraft,
    sessions: dict[dt.date, Session],
    warnings: list[str],
    adaptation: Adaptation | None,
    stage: Stage | None,
    spreading: bool,
) -> WeekPlan:
    from ..models import Day, PlannedExercise, WeekPlan

    days = []
    for offset in range(7):
        date = options.start + dt.timedelta(days=offset)
        session = sessions.get(date)
        items = session.ordered() if session else []
        exercises = tuple(
            # The planner's own output is well-formed by construction: no validation pass.
            PlannedExercise.model_construct(
                id=i.exercise.id,
                name=i.exercise.name,
                kind=i.exercise.kind,
                groups=i.exercise.groups,
                level=i.exercise.level,
                equipment=i.exercise.equipment,
                flare_safe=i.exercise.flare_safe,
                tags=i.exercise.tags,
                sets=i.dose.sets,
                reps=i.dose.reps,
                hold_seconds=i.dose.hold_seconds,
                rest_seconds=i.exercise.rest_seconds,
                per_side=i.exercise.per_side,
                position=i.exercise.position,
                block=i.block,
                cues=i.exercise.cues,
                cautions=i.exercise.cautions,
                pattern=i.exercise.pattern,
                why=i.why,
            )
            for i in items
        )
        trained = session.trained() if session else set()
        days.append(
            Day.model_construct(
                date=date,
                weekday=WEEKDAY_NAMES[date.weekday()],
                rest=session is None,
                estimated_minutes=minutes(session.seconds()) if session else 0,
                groups=cast("tuple[GroupId, ...]", tuple(g for g in GROUPS if g in trained)),
                exercises=exercises,
                walk_minutes=policy.walk_minutes if session is None else 0,
                session=session.letter if session else None,
            )
        )
    notes = []
    note = safety.pain_warning(options.pain)
    if note:
        notes.append(note)
    if spreading:
        notes.append(safety.SPREADING_WEEK_WARNING)
    weekly = draft.weekly()
    return WeekPlan.model_construct(
        schema_version=3,
        start=options.start,
        options=options,
        days=tuple(days),
        weekly_sets=cast("dict[GroupId, int]", weekly),
        warnings=tuple([*notes, *warnings]),
        adaptation=adaptation,
        disclaimer=safety.DISCLAIMER,
        red_flags=safety.RED_FLAGS,
        week_of_program=stage.week if stage else None,
        theme=stage.theme if stage else None,
        prescription=None,
    )


__all__ = ["PlanError", "balance_ratio", "default_seed", "plan_week"]

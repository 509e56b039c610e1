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
    alternate = bool(templates.B) and options.level != "beginner" and not policy.strength_paused
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
        draft = _strength_week(pool, first, templates, layout, options, main_budget, fewer_than)
        if stage is not None and stage.week > 1:
            climb(draft, stage, policy, pool, main_budget)
        warnings += _week_warnings(draft, policy, templates, pool)
    sessions = _sessions(draft, pool, policy, budget, random.Random(options.seed), warnings)
    return _week_plan(options, policy, draft, sessions, warnings, adaptation, stage, spreading)


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
    alternate = bool(templates.B) and options.level != "beginner"
    layout = lay_out(dates, alternate, lambda groups: _coverage(pool, templates, groups))
    budget = options.minutes * 60
    try:
        draft = _strength_week(
            pool, policy, templates, layout, calm, budget - gentle_reserve(budget), None
        )
    except PlanError:
        return None
    if all(p.dose.sets == 1 for _, _, p in draft.placed()):
        return None
    return draft.sets()


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
    optional: list[tuple[str, Slot]] = []
    for letter, slots in plan.items():
        for slot in slots:
            if slot.optional:
                optional.append((letter, slot))
            else:
                _fill(draft, letter, slot, pool, policy, rng)
    _cover_groups(draft, pool, policy, rng)
    if not _balance(draft, policy):
        # Accessories where the week needs them: each optional slot filled, kept if it helps.
        for letter, slot in optional:
            before = _strain(draft.weekly(), policy)
            draft.save()
            if _fill(draft, letter, slot, pool, policy, rng) and (
                _balance(draft, policy) or _strain(draft.weekly(), policy) < before
            ):
                draft.keep()
            else:
                draft.undo()
            if rules.balanced(draft.weekly()):
                break
    if not rules.balanced(draft.weekly()) or not rules.under_ceiling(draft.weekly(), policy):
        reached = ", ".join(f"{group_words([g])} {n}" for g, n in draft.weekly().items())
        raise PlanError(
            f"cannot balance the week's strength work across the five groups ({reached}); "
            "spread the --on days, or use a catalogue with more exercises that train one group",
            filter="the catalogue",
        )
    _fit(draft, policy, main_budget, options.minutes, fewer_than)
    return draft


def _slots(pool: Pool, templates: Templates, layout: Layout) -> dict[str, list[Slot]]:
    """Each template's slots: full-body weeks take A's and B's own; a split week shares all
    the slots between its two templates, each where its exercises may go (rule 3)."""
    if not layout.split:
        return {x: list(templates.B if x == "B" and templates.B else templates.A) for x in layout.groups}
    plan: dict[str, list[Slot]] = {x: [] for x in layout.groups}
    seen = set()
    for slot in (*templates.A, *templates.B):
        if slot.patterns in seen:
            continue
        seen.add(slot.patterns)
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
    chosen = pick(found, lambda e: strength_score(e, slot, policy), rng)
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
                chosen = pick(candidates, lambda e, s=slot: strength_score(e, s, policy), rng)
                if chosen is not None:
                    sets = policy.usual_sets(chosen)
                    draft.main[letter].append(
                        Placed(chosen, policy.dose(chosen, sets), slot, _step(chosen, pool, policy), sets)
                    )
                    break


def _set_bounds(placed: Placed, policy: Policy) -> tuple[int, int]:
    """The fewest and most sets balancing may give an exercise: its range, and at pain 0-3 at
    least the working sets the policy starts from."""
    low, high = policy.strength_sets(placed.exercise)
    if policy.tier == "normal":
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
    """Even the groups out by one set at a time (rule 5, under the ceiling of rule 15): each
    move is the one that most reduces the strain, then stays nearest the usual sets."""
    usual = sum(p.usual * draft.layout.days_of(x) for x, _, p in draft.placed())
    for _ in range(MAX_MOVES):
        weekly = draft.weekly()
        strain = _strain(weekly, policy)
        if strain == 0:
            return True
        best: tuple[tuple[float, int, int], str, int, Dose] | None = None
        for letter, index, placed in draft.placed():
            low, high = _set_bounds(placed, policy)
            for change in (1, -1):
                sets = placed.dose.sets + change
                if not low <= sets <= high:
                    continue
                draft.set_dose(letter, index, placed.dose._replace(sets=sets))
                key = (_strain(draft.weekly(), policy), abs(draft.sets() - usual), -len(best or ()))
                draft.set_dose(letter, index, placed.dose)
                if best is None or key[:2] < best[0][:2]:
                    best = ((key[0], key[1], 0), letter, index, placed.dose._replace(sets=sets))
        if best is None or best[0][0] >= strain:
            return False
        draft.set_dose(best[1], best[2], best[3])
    return False


def _fit(
    draft: WeekDraft, policy: Policy, main_budget: float, budget_minutes: int, fewer_than: int | None
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
        if not _cut_set(draft, policy, letter if longest > main_budget else None):
            if not _drop_accessory(draft, policy, letter):
                if longest > main_budget:
                    _too_short(draft, letter, budget_minutes)
                return  # rule 8 cannot go lower: the ranges' low ends are reached
    raise AssertionError("cutting did not converge")  # pragma: no cover


def _cut_set(draft: WeekDraft, policy: Policy, letter: str | None) -> bool:
    best: tuple[float, str, int, Dose] | None = None
    for x, index, placed in draft.placed():
        if letter is not None and x != letter:
            continue
        low = policy.strength_sets(placed.exercise)[0]
        if placed.dose.sets <= low:
            continue
        dose = placed.dose._replace(sets=placed.dose.sets - 1)
        draft.set_dose(x, index, dose)
        keeps = rules.balanced(draft.weekly())
        saving = placed.seconds - dose_seconds(placed.exercise, dose)
        draft.set_dose(x, index, placed.dose)
        if keeps and (best is None or saving > best[0]):
            best = (saving, x, index, dose)
    if best is None:
        return False
    draft.set_dose(best[1], best[2], best[3])
    return True


def _drop_accessory(draft: WeekDraft, policy: Policy, letter: str) -> bool:
    """Leave out the longest accessory of the template, where the week stays balanced with
    every group trained and the session keeps its least strength exercises (rule 19)."""
    items = draft.main[letter]
    if len(items) <= rules.SESSION_STRENGTH[0]:
        return False
    for index in sorted(range(len(items)), key=lambda i: -items[i].seconds):
        if not items[index].slot.optional:
            continue
        draft.save()
        del draft.main[letter][index]
        if rules.balanced(draft.weekly()):
            draft.keep()
            return True
        draft.undo()
    return False


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
            chosen = pick(found, lambda e: strength_score(e, slot, policy), rng)
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
        fill_gentle(session, pool, policy, budget, frozenset(used), rng)
        for block in (session.warm_up, session.cool_down):
            block[:] = [
                Item(i.exercise, i.dose, i.block, gentle_why(i.exercise, i.block, policy)) for i in block
            ]
        used |= {i.exercise.id for i in session.items()}
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

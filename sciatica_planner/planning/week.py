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
import functools
import random
from typing import TYPE_CHECKING, Literal, cast

from .. import safety
from ..vocabulary import GROUPS, WEEKDAY_NAMES, WEEKDAYS, group_words
from . import rules, tailoring
from .choose import pick, scorer
from .climb import climb
from .cuts import cut_set
from .draft import Placed, WeekDraft
from .policy import Stage, policy_for
from .pool import PlanError, build_pool
from .reasons import gentle_why, strength_why
from .schedule import lay_out
from .session import Item, Session, fill_gentle, warm_up_target, work_seconds
from .strength import alternates, coverage, strength_week
from .templates import Slot, Templates, templates_of
from .timing import dose_seconds, gentle_reserve, minutes

if TYPE_CHECKING:
    from ..models import Adaptation, Catalogue, Day, PlanOptions, WeekPlan
    from ..vocabulary import GroupId
    from .policy import Policy
    from .pool import Pool
    from .schedule import Layout

# Product choice: a flare-up session holds at most this many gentle holds.
FLARE_UP_HOLDS = 3
# A deload cuts up to this many exercises' sets at once where fewer cuts would unbalance it.
DELOAD_CUTS = 3


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
    dates = _training_dates(options)
    alternate = alternates(templates, options, policy.strength_paused)
    budget = options.minutes * 60
    main_budget = budget - gentle_reserve(budget)
    for turns in dict.fromkeys((alternate, False)):
        # A and B in turn where they balance; else one session repeated, which always can
        # where the catalogue can.
        layout = lay_out(dates, turns, functools.partial(coverage, pool, templates))
        warnings = list(layout.warnings)
        if policy.strength_paused:
            draft = _gentle_holds(pool, policy, layout, random.Random(options.seed), main_budget)
            break
        try:
            draft, week_policy, week_pool = _strength(
                catalogue, options, adaptation, stage, (policy, pool, layout, main_budget), warnings
            )
        except PlanError as error:
            if not turns or error.filter != "the catalogue":
                raise
            continue
        policy, pool = week_policy, week_pool
        break
    sessions = _sessions(draft, pool, policy, budget, random.Random(options.seed), warnings)
    warnings += tailoring.warnings(catalogue, policy, pool, draft, templates)
    return _week_plan(options, policy, draft, sessions, warnings, adaptation, stage, spreading)


def _training_dates(options: PlanOptions) -> list[dt.date]:
    days = (options.start + dt.timedelta(days=k) for k in range(7))
    return [day for day in days if WEEKDAYS[day.weekday()] in options.on]


def _strength(
    catalogue: Catalogue,
    options: PlanOptions,
    adaptation: Adaptation | None,
    stage: Stage | None,
    start: tuple[Policy, Pool, Layout, float],
    warnings: list[str],
) -> tuple[WeekDraft, Policy, Pool]:
    """The week's strength work, with the policy and pool it was chosen from. A programme's
    week is chosen as its first and climbs from there; where stepped-up doses do not fit the
    time the week keeps the usual ones; where easier variants cannot come in lighter than the
    week they ease from (rule 8), the usual exercises ease off instead."""
    policy, pool, layout, main_budget = start
    templates = templates_of(catalogue)
    fewer_than = (
        _calm_sets(catalogue, options, adaptation, stage) if policy.tier == "flare-safe" else None
    )
    first = (
        policy
        if stage is None or stage.week == 1
        else policy_for(options, adaptation, Stage(1, "build"))
    )

    def build(chosen: Policy) -> tuple[WeekDraft, Policy, Pool]:
        found = pool if chosen == policy else build_pool(catalogue, chosen)
        week = strength_week(found, chosen, templates, layout, options, main_budget, fewer_than)
        return week, chosen, found

    try:
        draft, first, pool = build(first)
    except PlanError as error:
        if not ((first.progressing or first.stepped_up) and error.filter == "--minutes"):
            raise
        draft, first, pool = build(first._replace(progressing=False, stepped_up=frozenset()))
    if fewer_than is not None and draft.sets() >= fewer_than and first.easier_first:
        try:
            lighter = build(first._replace(easier_first=False))
        except PlanError:
            lighter = (draft, first, pool)
        if lighter[0].sets() < draft.sets():
            draft, first, pool = lighter
    if stage is not None and stage.week > 1:
        # The stage's own policy (heavy work from week 2), with the fallbacks week 1 took.
        policy = policy._replace(progressing=first.progressing, easier_first=first.easier_first)
        cut = lambda: cut_set(draft, policy, None, DELOAD_CUTS)  # noqa: E731
        if not climb(draft, stage, policy, pool, main_budget, cut):
            warnings.append(
                "This week keeps last week's doses: the exercises your level and equipment "
                f"allow are at the top of what {options.minutes} minutes a session can hold. "
                "Allow more --minutes, or ask a physiotherapist about the next level."
            )
    else:
        policy = first
    if stage is None or stage.theme != "deload":  # a deload is light on purpose
        warnings += _week_warnings(catalogue, draft, policy, templates)
    return draft, policy, pool


def _calm_sets(
    catalogue: Catalogue, options: PlanOptions, adaptation: Adaptation | None, stage: Stage | None
) -> int | None:
    """Rule 8: the strength sets of the same options at pain 0 (for a week that eases off, of
    the week it eases from), unless that week has one set per exercise; None without one."""
    eased = safety.pain_tier(options.pain) == "normal"  # by the journal, not today's pain
    calm = options if eased else options.model_copy(update={"pain": 0})
    steady = adaptation.model_copy(update={"direction": "hold"}) if adaptation else None
    try:
        week = plan_week(catalogue, calm, steady, stage)
    except PlanError:
        return None
    strength = [e for day in week.days for e in day.exercises if e.kind == "strength"]
    if all(e.sets == 1 for e in strength):
        return None
    return sum(e.sets for e in strength)


def _gentle_holds(
    pool: Pool, policy: Policy, layout: Layout, rng: random.Random, main_budget: float
) -> WeekDraft:
    """A flare-up: a few gentle holds (rule 8) for different groups, at the low end of their
    range, each only where it fits the main block's time, so the warm-up and the relief
    positions (rule 1) always have theirs."""
    draft = WeekDraft(layout, {x: [] for x in sorted(layout.groups)}, pool.groups)
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
                and draft.main_seconds(letter)
                + dose_seconds(e, policy.dose(e, policy.strength_sets(e)[0]))
                <= main_budget
            ]
            chosen = pick(
                found,
                scorer(slot, policy, pool.step),
                rng,
            )
            if chosen is not None:
                sets = policy.strength_sets(chosen)[0]
                draft.main[letter].append(
                    Placed(
                        chosen,
                        policy.dose(chosen, sets),
                        slot,
                        "a gentle hold for a flare-up",
                        sets,
                    )
                )
    return draft


def _week_warnings(
    catalogue: Catalogue, draft: WeekDraft, policy: Policy, templates: Templates
) -> list[str]:
    """Say where the week falls short: a foundation pattern it cannot train (rule 21; one the
    user's --avoid or --exclude took away, tailoring.py names), too little work above beginner
    or in repetitions (rules 14 and 21), too few sets."""
    warnings: list[str] = []
    if policy.tier != "normal":
        return warnings
    patterns = {e.pattern for e in draft.exercises()}
    missing = [
        s.name
        for s in templates.foundations
        if not patterns & set(s.patterns) and not tailoring.took(catalogue, policy, s)
    ]
    if missing:
        warnings.append(
            f"Your level and equipment leave this week without {', '.join(missing)}: "
            "the catalogue offers no such exercise that fits."
        )
    weekly = draft.weekly()
    short = [g for g in weekly if weekly[g] < policy.weekly_floor]
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
                Item(i.exercise, i.dose, i.block, gentle_why(i.exercise, i.block, policy))
                for i in block
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
    from ..models import WeekPlan

    days = planned_days(options, policy, sessions)
    return WeekPlan.model_construct(
        schema_version=3,
        start=options.start,
        options=options,
        days=tuple(days),
        weekly_sets=cast("dict[GroupId, int]", draft.totals()),
        warnings=(*pain_notes(options, spreading), *warnings),
        adaptation=adaptation,
        disclaimer=safety.DISCLAIMER,
        red_flags=safety.RED_FLAGS,
        week_of_program=stage.week if stage else None,
        theme=stage.theme if stage else None,
        prescription=None,
    )


def pain_notes(options: PlanOptions, spreading: bool) -> list[str]:
    """The warnings a week's pain and the journal's spreading entry put first (rules 8, 23)."""
    notes = []
    note = safety.pain_warning(options.pain)
    if note:
        notes.append(note)
    if spreading:
        notes.append(safety.SPREADING_WEEK_WARNING)
    return notes


def planned_days(
    options: PlanOptions, policy: Policy, sessions: dict[dt.date, Session]
) -> list[Day]:
    """The week's seven days, each training day's session in order (a rest day suggests a
    walk: rule 18)."""
    from ..models import Day, PlannedExercise

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
                session=cast("Literal['A', 'B']", session.letter) if session else None,
            )
        )
    return days


__all__ = ["PlanError", "default_seed", "gentle_reserve", "plan_week"]

"""The contract's week rules 1-18, checked over the whole option space with hypothesis."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from typing import TYPE_CHECKING

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from contract import DAY_KEYS, OPTIONS_KEYS, PLANNED_KEYS, WEEK_KEYS
from sciatica_planner import safety
from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import Adaptation, Catalogue, PlanOptions, WeekPlan
from sciatica_planner.planner import PlanError, default_seed, plan_week, slot_seconds
from sciatica_planner.progression import plan_program, volume
from sciatica_planner.vocabulary import DEFAULT_SPREAD, GROUPS, LEVELS, WEEKDAYS
from strategies import _exercise, catalogues, minimal_catalogue_data, plan_options

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_planner.models import Day, Exercise, PlannedExercise


BUNDLED = load_catalogue()
# Documented limits: sessions this long always plan. A two-day week trains all five groups in
# each session, so it needs longer ones; shorter sessions plan or say "allow more minutes".
SHORTEST_ALWAYS_PLANNED = 20
SHORTEST_TWO_DAY_SESSION = 30


def always_plans(opts: PlanOptions) -> bool:
    """Thirty minutes always plan; twenty do on three or more days spread over the week."""
    spread = opts.days >= 3 and opts.on == DEFAULT_SPREAD[opts.days]
    return opts.minutes >= (SHORTEST_ALWAYS_PLANNED if spread else SHORTEST_TWO_DAY_SESSION)


GENTLE = {"warm-up", "mobility", "stretch"}
CHANGEOVER = 20  # seconds between exercises, part of the time model
BLOCK_ORDER = ["warm-up", "main", "cool-down"]


def options(**changes: object) -> PlanOptions:
    base: dict[str, object] = {
        "days": 3,
        "on": ("mon", "wed", "fri"),
        "level": "beginner",
        "equipment": (),
        "minutes": 30,
        "pain": 0,
        "seed": 7,
        "start": dt.date(2026, 11, 30),
    }
    base.update(changes)
    if "on" in changes and "days" not in changes:
        base["days"] = len(base["on"])  # type: ignore[arg-type]  # "on" is a tuple here
    return PlanOptions(**base)


def strength_sets(plan: WeekPlan) -> int:
    return sum(e.sets for d in plan.days for e in d.exercises if e.kind == "strength")


def families(catalogue: Catalogue) -> dict[str, int]:
    """Connected components of the easier/harder links between exercises of one kind (the
    variants of rule 13), by a walk over the link graph."""
    kinds = {e.id: e.kind for e in catalogue.exercises}
    links: dict[str, set[str]] = {e.id: set() for e in catalogue.exercises}
    for e in catalogue.exercises:
        for other in (e.easier, e.harder):
            if other and kinds[other] == e.kind:
                links[e.id].add(other)
                links[other].add(e.id)
    found: dict[str, int] = {}
    for number, start in enumerate(links):
        stack = [start]
        while stack:
            node = stack.pop()
            if node not in found:
                found[node] = number
                stack.extend(links[node])
    return found


def work_seconds(item: PlannedExercise, exercise: Exercise) -> float:
    per_set = item.reps * exercise.seconds_per_rep if item.reps else item.hold_seconds or 0
    return item.sets * per_set * (2 if item.per_side else 1) + (item.sets - 1) * item.rest_seconds


def position_changes(items: tuple[PlannedExercise, ...]) -> int:
    return sum(a.position != b.position for a, b in itertools.pairwise(items))


def check_rules(plan: WeekPlan, catalogue: Catalogue, opts: PlanOptions) -> None:
    """Assert every rule of CONTRACT.md 'What every planned week keeps' that applies."""
    # The planner builds its result without a validation pass; it must still be valid.
    data = plan.model_dump()
    data["options"]["start"] = plan.start  # kept out of the JSON: the week's own start says it
    assert WeekPlan.model_validate(data) == plan
    assert plan.schema_version == 2
    # The shape: seven consecutive days from the start, training exactly on the chosen weekdays.
    assert [d.date for d in plan.days] == [opts.start + dt.timedelta(days=k) for k in range(7)]
    for day in plan.days:
        assert day.rest == (WEEKDAYS[day.date.weekday()] not in opts.on)
        strength = [e for e in day.exercises if e.kind == "strength"]
        assert set(day.groups) == {g for e in strength for g in e.groups}
        if day.rest:
            assert day.exercises == () and day.estimated_minutes == 0 and day.groups == ()
            # Rule 18: rest days move (a short walk even in a flare-up, as the NHS advises).
            assert day.walk_minutes > 0
        else:
            assert day.walk_minutes == 0
            check_session(plan, day, catalogue, opts)
    check_week(plan, catalogue, opts)


def check_session(plan: WeekPlan, day: Day, catalogue: Catalogue, opts: PlanOptions) -> None:
    """The rules of one training day: 1, 2, 6, 7, 11, 12, 13, 16 and 17."""
    by_id = catalogue.by_id
    items = day.exercises
    normal = opts.pain <= safety.NORMAL_MAX_PAIN
    # Rule 1: a warm-up first and a hamstring stretch.
    assert items[0].kind == "warm-up" and items[0].block == "warm-up"
    assert any(e.kind == "stretch" and "hamstrings" in e.groups for e in items)
    if not day.groups and opts.pain <= safety.FLARE_SAFE_MAX_PAIN:
        assert any(day.weekday in w for w in plan.warnings), plan.warnings
        assert {e.kind for e in items} <= GENTLE
    # Rule 12: blocks in order; warm-up and mobility first, strength, then stretches.
    blocks = [e.block for e in items]
    assert blocks == sorted(blocks, key=BLOCK_ORDER.index), blocks
    expected = {"warm-up": {"warm-up", "mobility"}, "main": {"strength"}}
    for item in items:
        assert item.kind in expected.get(item.block, {"stretch"}), (item.id, item.block)
    if opts.minutes >= safety.WARM_UP_FULL_FROM_MINUTES:
        warm = sum(work_seconds(e, by_id[e.id]) for e in items if e.block == "warm-up")
        if catalogue is BUNDLED:
            assert warm >= 240, (day.date, warm)
        elif warm < 240:  # a catalogue without enough warm-up says so
            assert any("warm-up" in w and day.weekday in w for w in plan.warnings)
    if opts.pain <= safety.FLARE_SAFE_MAX_PAIN:
        least = 60 if normal else 40
        for item in items:
            if item.kind == "stretch" and item.hold_seconds:
                assert item.sets * item.hold_seconds >= least, item
    assert position_changes(items) <= 4, [e.position for e in items]
    # Rule 2: no exercise twice on one day; rule 13: no variant twins.
    ids = [e.id for e in items]
    family = families(catalogue)
    assert len(ids) == len(set(ids))
    assert len({family[i] for i in ids}) == len(ids), ids
    for item in items:
        check_item(item, by_id[item.id], opts)
    assert sum("heavy" in e.tags for e in items) <= 1
    wanted = f"spinal-{opts.prefer}"
    if opts.prefer != "neutral" and catalogue is BUNDLED and opts.minutes >= 20:
        # Rule 17 asks for one in the week; the planner gives each session one when it can.
        assert any(wanted in e.tags for e in items), (day.date, ids)
    # Rule 7: the time budget, and a plausible estimate.
    assert 0 < day.estimated_minutes <= opts.minutes
    floor = sum(work_seconds(e, by_id[e.id]) + CHANGEOVER for e in items) / 60
    assert day.estimated_minutes >= floor


def check_item(item: PlannedExercise, exercise: Exercise, opts: PlanOptions) -> None:
    """Rules 6, 11, 16 and 17 for one planned exercise."""
    normal = opts.pain <= safety.NORMAL_MAX_PAIN
    # Rule 6: level and equipment.
    assert LEVELS.index(item.level) <= LEVELS.index(opts.level)
    assert set(item.equipment) <= set(opts.equipment)
    assert exercise.groups == item.groups
    # Rule 11: doses inside the range.
    limits = exercise.dose_range
    assert limits.sets[0] <= item.sets <= limits.sets[1], item
    if item.reps is not None:
        assert limits.reps and limits.reps[0] <= item.reps <= limits.reps[1], item
    else:
        hold = limits.hold_seconds
        assert hold and item.hold_seconds and hold[0] <= item.hold_seconds <= hold[1]
    # Rule 16: nerve tension only when settled; heavy only advanced, pain 0-1.
    if "nerve-tension" in item.tags:
        assert normal
    if "heavy" in item.tags:
        assert opts.level == "advanced" and opts.pain <= 1
    # Rule 17: the directional preference.
    if opts.prefer == "extension":
        assert "spinal-flexion" not in item.tags
    if opts.prefer == "flexion":
        assert "spinal-extension" not in item.tags
    if opts.prefer == "neutral" and not normal:
        assert not {"spinal-flexion", "spinal-extension"} & set(item.tags)


def check_week(plan: WeekPlan, catalogue: Catalogue, opts: PlanOptions) -> None:
    """The rules of the whole week: 3, 4, 5, 8, and at pain 0-3 rules 14 and 15."""
    # Rule 3: no group strengthened on two consecutive dates.
    for today, tomorrow in itertools.pairwise(plan.days):
        assert not set(today.groups) & set(tomorrow.groups), (today.date, today.groups)
    # weekly_sets is defined by the strength exercises.
    expected = dict.fromkeys(GROUPS, 0)
    for day in plan.days:
        for item in day.exercises:
            if item.kind == "strength":
                for group in item.groups:
                    expected[group] += item.sets
    assert plan.weekly_sets == expected
    assert list(plan.weekly_sets) == list(GROUPS)
    assert plan.disclaimer == safety.DISCLAIMER and plan.red_flags == safety.RED_FLAGS
    everything = [e for d in plan.days for e in d.exercises]
    if opts.prefer != "neutral" and catalogue is BUNDLED:  # rule 17: at least one in the week
        assert any(f"spinal-{opts.prefer}" in e.tags for e in everything)
    if opts.pain >= 4:
        # Rule 8: flare-safe only from pain 4; gentle work only from pain 7.
        assert all(e.flare_safe for e in everything)
    if opts.pain > safety.FLARE_SAFE_MAX_PAIN:
        assert all(e.kind in GENTLE or "isometric" in e.tags for e in everything)
        assert any("flare-up" in w for w in plan.warnings)
        return
    # Rule 4: two strength days per group with the default spread, else a warning.
    days_per_group = {g: sum(g in d.groups for d in plan.days) for g in GROUPS}
    if opts.on == DEFAULT_SPREAD[opts.days]:
        assert min(days_per_group.values()) >= 2, days_per_group
    elif min(days_per_group.values()) < 2:
        assert plan.warnings
    # Rule 5: balance, and every required movement (the hip group's abduction and adduction).
    sets = plan.weekly_sets.values()
    assert min(sets) > 0 and max(sets) <= 1.5 * min(sets), plan.weekly_sets
    for group_info in catalogue.groups:
        for move in group_info.required_movements:
            assert any(
                e.kind == "strength" and e.groups[0] == group_info.id and move in e.tags
                for e in everything
            ), (group_info.id, move)
    if opts.pain <= safety.NORMAL_MAX_PAIN:
        check_level_and_time(plan, catalogue, opts, days_per_group)


def check_level_and_time(
    plan: WeekPlan, catalogue: Catalogue, opts: PlanOptions, days_per_group: dict[str, int]
) -> None:
    """Rule 15 (never above the ceiling; time used unless every group reached it) and rule 14
    (the level is trained; the bundled catalogue always can)."""
    ceiling = {
        g: min(
            safety.WEEKLY_SET_CEILING[opts.level],
            max(1, days_per_group[g]) * safety.SESSION_SET_CAP[opts.level],
        )
        for g in GROUPS
    }
    weekly: dict[str, int] = dict(plan.weekly_sets.items())
    assert all(weekly[g] <= ceiling[g] for g in GROUPS), weekly
    at_ceiling = all(weekly[g] >= ceiling[g] for g in GROUPS)
    for day in plan.days if not at_ceiling else ():
        if day.rest or day.estimated_minutes >= 0.7 * opts.minutes:
            continue
        # Known limit (see the closing note): where the week's days and exercises
        # stop a group a few sets short of its ceiling, a long session is not padded out with
        # more stretching; the week says so instead.
        said = f"{day.weekday}'s session takes about {day.estimated_minutes} of your"
        assert any(w.startswith(said) for w in plan.warnings), (day.date, plan.weekly_sets)
    if opts.level != "beginner":
        check_level(plan, catalogue, opts, days_per_group)


def check_level(
    plan: WeekPlan, catalogue: Catalogue, opts: PlanOptions, days_per_group: dict[str, int]
) -> None:
    """Rule 14 at intermediate and advanced: half the sets above beginner, half in reps."""
    strength = [e for d in plan.days for e in d.exercises if e.kind == "strength"]
    total = sum(e.sets for e in strength)
    above = sum(e.sets for e in strength if e.level != "beginner")
    reps = sum(e.sets for e in strength if e.reps is not None)
    if catalogue is BUNDLED and min(days_per_group.values()) >= 2:
        assert above >= total / 2 and reps >= total / 2, (above, reps, total)
    elif above < total / 2 or reps < total / 2:
        # Documented limit: back-to-back days keep each group's work on its own day, which
        # rules out much of the level's work that trains two groups; the week says so.
        assert any(opts.level in w for w in plan.warnings), plan.warnings


def check_moderate_pain_is_lighter(catalogue: Catalogue, opts: PlanOptions) -> None:
    """Rule 8: pain 4-6 has fewer strength sets than the same options at pain 0."""
    plan = plan_week(catalogue, opts)
    baseline = plan_week(catalogue, opts.model_copy(update={"pain": 0}))
    all_single = all(
        e.sets == 1 for d in baseline.days for e in d.exercises if e.kind == "strength"
    )
    if not all_single:
        assert strength_sets(plan) < strength_sets(baseline)
    assert plan.warnings and f"{opts.pain}/10" in plan.warnings[0]


@given(plan_options())
@example(options(on=("mon", "tue")))
@example(  # a quicker swap once traded work above beginner for beginner work (rule 14)
    options(on=("mon", "tue", "wed"), minutes=10, level="advanced", equipment=("dumbbells",))
)
@example(options(on=("mon", "tue", "wed"), minutes=10))
@example(options(days=2, on=("mon", "thu"), minutes=10, level="advanced"))
@example(options(level="advanced", equipment=("barbell",), minutes=120))
@example(options(level="intermediate", on=("sat", "sun"), minutes=120, prefer="extension"))
# Its first choices gave the glutes 9 sets, over the beginner's ceiling of 8: an exercise for
# the hamstrings that also trains the glutes left no room for the glutes' own exercise.
@example(options(on=("mon", "thu"), minutes=25, seed=3646, start=dt.date(2020, 1, 1)))
def test_bundled_catalogue_keeps_every_rule(opts: PlanOptions) -> None:
    try:
        plan = plan_week(BUNDLED, opts)
    except PlanError as error:
        # Documented limit: a short session on few days can be too short for a warm-up, one
        # exercise per group and a stretch; the planner then says so.
        assert not always_plans(opts) and error.filter == "--minutes", error
        assert "--minutes" in str(error)
        return
    check_rules(plan, BUNDLED, opts)


@given(plan_options(), st.integers(SHORTEST_TWO_DAY_SESSION, 120))
def test_sessions_long_enough_always_plan(opts: PlanOptions, minutes: int) -> None:
    opts = opts.model_copy(update={"minutes": minutes})
    check_rules(plan_week(BUNDLED, opts), BUNDLED, opts)


@given(st.integers(3, 6), plan_options(), st.integers(SHORTEST_ALWAYS_PLANNED, 30))
@example(  # its first choices overran Wednesday by 18 s: they must trade for quicker ones
    days=3,
    opts=PlanOptions(
        days=3,
        on=("mon", "wed", "fri"),
        level="advanced",
        equipment=("dumbbells",),
        minutes=20,
        seed=2651229,
        start=dt.date(2020, 1, 1),
    ),
    minutes=20,
)
@example(  # Friday's first choices at intermediate needed 21-22 minutes: quicker ones of any
    days=3,  # level may stand in where no quicker one above beginner fits
    opts=PlanOptions(
        days=3,
        on=("mon", "wed", "fri"),
        level="intermediate",
        equipment=(),
        minutes=20,
        seed=50,
        start=dt.date(2020, 1, 2),
    ),
    minutes=20,
)
@example(
    days=3,
    opts=PlanOptions(
        days=3,
        on=("mon", "wed", "fri"),
        level="intermediate",
        equipment=(),
        minutes=20,
        seed=7,
        start=dt.date(2020, 1, 2),
    ),
    minutes=20,
)
def test_sessions_of_20_minutes_always_plan_on_spread_days(
    days: int, opts: PlanOptions, minutes: int
) -> None:
    opts = opts.model_copy(update={"minutes": minutes, "days": days, "on": DEFAULT_SPREAD[days]})
    check_rules(plan_week(BUNDLED, opts), BUNDLED, opts)


@given(plan_options(pain=st.integers(4, 6)), st.integers(SHORTEST_TWO_DAY_SESSION, 120))
def test_moderate_pain_is_lighter_than_no_pain(opts: PlanOptions, minutes: int) -> None:
    check_moderate_pain_is_lighter(BUNDLED, opts.model_copy(update={"minutes": minutes}))


@given(
    plan_options(pain=st.integers(0, 3)),
    st.integers(SHORTEST_TWO_DAY_SESSION, 119),
    st.integers(1, 60),
)
def test_a_longer_budget_never_gives_less_work(opts: PlanOptions, minutes: int, more: int) -> None:
    """Rule 15: the week's work, the sum of its weekly_sets (a set counting for each group it
    trains), never falls as --minutes rises."""
    short = plan_week(BUNDLED, opts.model_copy(update={"minutes": minutes}))
    long = plan_week(BUNDLED, opts.model_copy(update={"minutes": min(120, minutes + more)}))
    assert sum(long.weekly_sets.values()) >= sum(short.weekly_sets.values())


@given(plan_options())
def test_same_options_same_plan(opts: PlanOptions) -> None:
    def outcome() -> str:
        try:
            return plan_week(BUNDLED, opts).model_dump_json()
        except PlanError as error:
            return f"PlanError: {error}"

    assert outcome() == outcome()


@given(catalogues(), plan_options())
def test_random_catalogues_keep_the_rules_or_say_why(data: dict, opts: PlanOptions) -> None:
    catalogue = Catalogue.model_validate(data)
    try:
        plan = plan_week(catalogue, opts)
    except PlanError as error:
        assert error.filter, str(error)
        return
    check_rules(plan, catalogue, opts)


def test_a_flare_up_hold_never_crowds_out_the_warm_up() -> None:
    """A gentle hold with long rests (over 8 minutes) does not fit a 10-minute flare-up session
    beside its warm-up and hamstring stretch (rule 1), so that day does without it."""
    data = minimal_catalogue_data()
    hold = _exercise("long-hold", "strength", ["glutes"], sets=5, reps=3, rest=113, ranged=False)
    hold["tags"] = ["isometric"]
    data["exercises"].append(hold)
    catalogue = Catalogue.model_validate(data)
    opts = options(on=("mon", "tue"), minutes=10, pain=10)
    check_rules(plan_week(catalogue, opts), catalogue, opts)


def test_minimal_catalogue_always_plans() -> None:
    catalogue = Catalogue.model_validate(minimal_catalogue_data())
    for pain in range(11):
        for days, on in DEFAULT_SPREAD.items():
            opts = options(days=days, on=on, pain=pain, minutes=20)
            check_rules(plan_week(catalogue, opts), catalogue, opts)


def test_default_seed_is_the_start_date() -> None:
    assert default_seed(dt.date(2026, 11, 30)) == 20261130


def test_weeks_vary_from_week_to_week() -> None:
    plans = [
        plan_week(BUNDLED, options(start=start, seed=default_seed(start)))
        for start in (dt.date(2026, 11, 30) + dt.timedelta(weeks=k) for k in range(4))
    ]
    routines = {tuple(tuple(e.id for e in d.exercises) for d in plan.days) for plan in plans}
    assert len(routines) == 4


def test_a_group_gets_different_exercises_on_its_two_days() -> None:
    plan = plan_week(BUNDLED, options())
    for group in GROUPS:
        primary = [
            {e.id for e in d.exercises if e.kind == "strength" and e.groups[0] == group}
            for d in plan.days
            if group in d.groups
        ]
        assert len(set().union(*primary)) >= 2, group


def test_back_to_back_days_keep_recovery_and_warn() -> None:
    plan = plan_week(BUNDLED, options(on=("mon", "tue")))
    assert not set(plan.days[0].groups) & set(plan.days[1].groups)
    assert any("48 hours" in w for w in plan.warnings)


def test_a_day_between_two_strength_days_is_gentle_and_said() -> None:
    plan = plan_week(BUNDLED, options(on=("mon", "tue", "wed")))
    tuesday = plan.days[1]
    assert tuesday.groups == ()
    assert {e.kind for e in tuesday.exercises} <= GENTLE
    assert any("Tuesday" in w for w in plan.warnings)


def test_a_shorter_budget_drops_work_not_groups_or_doses() -> None:
    long = plan_week(BUNDLED, options(minutes=60))
    short = plan_week(BUNDLED, options(minutes=20))
    trained = [{g for d in p.days for g in d.groups} for p in (long, short)]
    assert trained == [set(GROUPS), set(GROUPS)]
    assert strength_sets(short) < strength_sets(long)
    assert all(d.estimated_minutes <= 20 for d in short.days)
    check_rules(short, BUNDLED, options(minutes=20))  # every dose still inside its range


def test_flare_up_is_gentle_with_a_warning_and_sliders_only() -> None:
    plan = plan_week(BUNDLED, options(pain=8))
    assert any("flare-up" in w for w in plan.warnings)
    assert any("GP" in w or "physiotherapist" in w for w in plan.warnings)
    items = [e for d in plan.days for e in d.exercises]
    assert {"mobility", "stretch"} <= {e.kind for e in items}
    assert all(e.flare_safe and (e.kind in GENTLE or "isometric" in e.tags) for e in items)
    assert not any("nerve-tension" in e.tags for e in items)
    assert any("nerve-slider" in e.tags for e in items)
    assert all(d.walk_minutes > 0 for d in plan.days if d.rest)


@pytest.mark.parametrize("level", LEVELS)
def test_the_default_weeks_read_well(level: str) -> None:
    """What a physiotherapist looks for first: real doses, a warm-up worth the name, the
    level trained, time used, few trips to the floor, no nerve tensioner as the routine."""
    equipment = {"beginner": (), "intermediate": ("band", "dumbbells"), "advanced": ()}[level]
    minutes = {"beginner": 30, "intermediate": 30, "advanced": 45}[level]
    opts = options(level=level, equipment=equipment, minutes=minutes)
    plan = plan_week(BUNDLED, opts)
    check_rules(plan, BUNDLED, opts)
    for day in plan.days:
        if day.rest:
            continue
        assert day.estimated_minutes >= 0.7 * minutes
        warm = [e for e in day.exercises if e.block == "warm-up"]
        assert len(warm) >= 2
        assert not any("nerve-tension" in e.tags for e in day.exercises)
        for item in day.exercises:
            if item.kind == "strength" and item.reps is not None:
                assert item.sets >= 2, item  # no "1 x 5" token sets at pain 0


def test_prefer_extension_plans_extension_and_no_flexion() -> None:
    for pain in (0, 5, 8):
        plan = plan_week(BUNDLED, options(prefer="extension", pain=pain))
        for day in plan.days:
            if not day.rest:
                tags = [t for e in day.exercises for t in e.tags]
                assert "spinal-extension" in tags and "spinal-flexion" not in tags


def test_neutral_plans_no_bias_from_pain_4() -> None:
    plan = plan_week(BUNDLED, options(pain=5))
    tags = {t for d in plan.days for e in d.exercises for t in e.tags}
    assert not {"spinal-flexion", "spinal-extension"} & tags


@pytest.mark.parametrize(
    ("changes", "group", "filter_word"),
    [
        ({"level": "beginner"}, "hamstrings", "--level beginner"),
        ({"level": "advanced", "equipment": ()}, "hamstrings", "--equipment none"),
        ({"level": "advanced", "equipment": ("machine",), "pain": 5}, "hamstrings", "--pain 5"),
    ],
)
def test_unsatisfiable_plans_name_group_and_filter(
    tmp_path: Path, changes: dict, group: str, filter_word: str
) -> None:
    data = minimal_catalogue_data()
    data["exercises"] = [e for e in data["exercises"] if e["id"] != "hamstrings-basic"]
    data["exercises"].append(
        {
            **next(
                e for e in minimal_catalogue_data()["exercises"] if e["id"] == "hamstrings-basic"
            ),
            "level": "intermediate" if filter_word.startswith("--level") else "beginner",
            "equipment": [] if filter_word.startswith("--level") else ["machine"],
            "flare_safe": not filter_word.startswith("--pain"),
        }
    )
    catalogue = Catalogue.model_validate(data)
    with pytest.raises(PlanError) as raised:
        plan_week(catalogue, options(**changes))
    assert raised.value.group == group
    assert filter_word in str(raised.value)
    assert group in str(raised.value)


def test_missing_adduction_is_named() -> None:
    data = minimal_catalogue_data()
    data["exercises"] = [e for e in data["exercises"] if e["id"] != "hip-adduction"]
    with pytest.raises(PlanError, match="adduction exercise for hip-abductors-adductors"):
        plan_week(Catalogue.model_validate(data), options())


def test_required_movements_are_data() -> None:
    """A catalogue that asks the glutes for hip extension and a squat gets both each week, with
    no code; where the filters leave one out, the error names it."""
    data = minimal_catalogue_data()
    data["groups"][0]["required_movements"] = ["hip-extension", "squat"]
    data["exercises"] = [
        {**e, "tags": ["hip-extension"]} if e["id"] == "glutes-basic" else e
        for e in data["exercises"]
    ]
    data["exercises"].append({**data["exercises"][2], "id": "glutes-squat", "tags": ["squat"]})
    plan = plan_week(Catalogue.model_validate(data), options())
    tags = {t for d in plan.days for e in d.exercises if e.groups[0] == "glutes" for t in e.tags}
    assert {"hip-extension", "squat"} <= tags
    data["exercises"][-1]["level"] = "intermediate"
    with pytest.raises(PlanError, match="squat exercise for glutes fits --level beginner"):
        plan_week(Catalogue.model_validate(data), options())


def test_plan_json_matches_the_contract_shape() -> None:
    data = json.loads(plan_week(BUNDLED, options()).model_dump_json())
    assert list(data) == WEEK_KEYS
    assert list(data["options"]) == OPTIONS_KEYS
    assert list(data["days"][0]) == DAY_KEYS
    assert list(data["days"][0]["exercises"][0]) == PLANNED_KEYS
    assert data["schema_version"] == 2 and data["adaptation"] is None
    assert "consult a healthcare professional" in data["disclaimer"]


def test_catalogue_yaml_round_trip_plans_the_same(tmp_path: Path) -> None:
    """A catalogue read from a file plans exactly like the same data built in memory."""
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(minimal_catalogue_data()), encoding="utf-8")
    from_file = plan_week(load_catalogue(path), options())
    in_memory = plan_week(Catalogue.model_validate(minimal_catalogue_data()), options())
    assert from_file == in_memory


def test_time_model_counts_work_rests_and_one_changeover() -> None:
    exercise = Catalogue.model_validate(minimal_catalogue_data()).exercise("glutes-basic")
    assert exercise is not None  # 10 reps at 3 s, 30 s rest between sets
    assert slot_seconds(exercise, 1) == 10 * 3 + 20
    assert slot_seconds(exercise, 2) == 2 * 10 * 3 + 30 + 20
    both_sides = exercise.model_copy(update={"per_side": True})
    assert slot_seconds(both_sides, 2) == 2 * 2 * 10 * 3 + 30 + 20
    hold = exercise.model_copy(update={"reps": None, "hold_seconds": 15})
    assert slot_seconds(hold, 3) == 3 * 15 + 2 * 30 + 20


# -- weeks the journal adapts (progression.adapt) ----------------------------------------------


def adaptation(direction: str, *flared: str) -> Adaptation:
    return Adaptation.model_validate(
        {
            "direction": direction,
            "reason": "a test",
            "changes": [{"from": e, "to": None, "reason": "flared"} for e in flared],
        }
    )


@given(plan_options(), st.sampled_from(["regress", "hold", "progress"]))
@example(  # the easier variants could not balance in 30 minutes: it eases off with the usual ones
    opts=PlanOptions(
        days=2,
        on=("mon", "thu"),
        level="advanced",
        equipment=("dumbbells",),
        minutes=30,
        seed=26573,
        start=dt.date(2020, 1, 1),
    ),
    direction="regress",
)
def test_adapted_weeks_keep_every_rule(opts: PlanOptions, direction: str) -> None:
    opts = opts.model_copy(update={"minutes": max(opts.minutes, SHORTEST_TWO_DAY_SESSION)})
    plan = plan_week(BUNDLED, opts, adaptation(direction))
    assert plan.adaptation == adaptation(direction)
    # A week that eases off is planned as at pain 4-6, and kept to those rules.
    eased = direction == "regress" and opts.pain <= safety.NORMAL_MAX_PAIN
    check_rules(plan, BUNDLED, opts.model_copy(update={"pain": 4}) if eased else opts)


@given(plan_options(pain=st.integers(0, 3)), st.integers(SHORTEST_TWO_DAY_SESSION, 120))
def test_easing_off_is_lighter_and_stepping_up_climbs_the_doses(
    opts: PlanOptions, minutes: int
) -> None:
    opts = opts.model_copy(update={"minutes": minutes})
    steady = plan_week(BUNDLED, opts, adaptation("hold"))
    eased = plan_week(BUNDLED, opts, adaptation("regress"))
    assert strength_sets(eased) < strength_sets(steady)
    assert all(e.flare_safe for d in eased.days for e in d.exercises)
    stepped = plan_week(BUNDLED, opts, adaptation("progress"))
    for day in stepped.days:
        for item in day.exercises:
            usual = BUNDLED.by_id[item.id]
            if item.kind == "strength" and item.reps is not None and usual.reps is not None:
                assert item.reps >= usual.reps
            if item.kind == "strength" and item.hold_seconds and usual.hold_seconds:
                assert item.hold_seconds >= usual.hold_seconds


def test_a_flared_exercise_is_left_out() -> None:
    plan = plan_week(BUNDLED, options())
    used = next(e.id for d in plan.days for e in d.exercises if e.kind == "strength")
    adapted = plan_week(BUNDLED, options(), adaptation("hold", used))
    assert all(e.id != used for d in adapted.days for e in d.exercises)


def test_easing_off_takes_the_easier_variant() -> None:
    eased = plan_week(BUNDLED, options(level="intermediate"), adaptation("regress"))
    ids = {e.id for d in eased.days for e in d.exercises}
    for exercise_id in ids:
        easier = BUNDLED.by_id[exercise_id].easier
        policy_ok = easier is not None and BUNDLED.by_id[easier].flare_safe
        assert not policy_ok or easier not in ids or easier == exercise_id


# -- programmes (progression.plan_program) -------------------------------------------------------


def back_to_back(**changes: object) -> PlanOptions:
    """Two advanced 30-minute sessions on Monday and Tuesday: each session trains all the groups
    it can in a short time, which growing a lighter week afresh could not always balance."""
    base: dict[str, object] = {
        "on": ("mon", "tue"),
        "level": "advanced",
        "start": dt.date(2020, 1, 1),
        "seed": 0,
    }
    return options(**{**base, **changes})


@settings(max_examples=15)
@given(plan_options(pain=st.integers(0, 10)), st.sampled_from([4, 6, 12]))
# Grown afresh under its cap, week 2 came out lighter than week 1 (102 against 105.3).
@example(back_to_back(seed=0), 4)
# Grown afresh under their caps, weeks 1 and 4 could not balance the groups (PlanError).
@example(back_to_back(seed=1), 4)
def test_every_programme_week_keeps_every_rule_and_the_volume_builds_and_deloads(
    opts: PlanOptions, weeks: int
) -> None:
    opts = opts.model_copy(update={"minutes": max(opts.minutes, SHORTEST_TWO_DAY_SESSION)})
    plans = plan_program(BUNDLED, opts, weeks)
    assert [p.week_of_program for p in plans] == list(range(1, weeks + 1))
    assert [p.start for p in plans] == [opts.start + dt.timedelta(weeks=k) for k in range(weeks)]
    for plan in plans:
        check_rules(plan, BUNDLED, opts.model_copy(update={"start": plan.start}))
        assert plan.week_of_program is not None
        deload = plan.week_of_program % 4 == 0
        assert plan.theme == ("deload" if deload else "build")
        if plan.week_of_program == 1 or deload:  # heavy work waits, and never in a deload
            assert not any("heavy" in e.tags for d in plan.days for e in d.exercises)
    volumes = [volume(p) for p in plans]
    if opts.pain <= safety.NORMAL_MAX_PAIN:
        assert volumes[0] <= volumes[1] <= volumes[2] and volumes[0] < volumes[2] * 0.95
        for k in range(3, weeks, 4):  # each deload: at most 70% of the week before the block's
            assert volumes[k] <= 0.7 * volumes[k - 1] + 1e-9
        # Each later block's third week holds at least the first block's (its doses step up
        # where the sessions have room).
        assert all(volumes[k] >= volumes[2] for k in range(6, weeks, 4))


def test_a_deload_is_about_two_thirds_of_the_week_before() -> None:
    opts = options(level="intermediate", equipment=("band", "dumbbells"), minutes=45)
    volumes = [volume(p) for p in plan_program(BUNDLED, opts, 6)]
    assert 0.6 * volumes[2] <= volumes[3] <= 0.7 * volumes[2]
    assert volumes[4] > volumes[0] and volumes[5] > volumes[1]  # later weeks build beyond


def test_a_lighter_week_keeps_its_full_weeks_exercises_at_lower_doses() -> None:
    """Week 1 is its own full week with the doses lowered to 80% of week 3's volume, not a week
    grown afresh under that cap (which could not balance these two sessions)."""
    from sciatica_planner.planning.policy import Stage

    opts = back_to_back(seed=1)
    plans = plan_program(BUNDLED, opts, 4)
    full = plan_week(BUNDLED, opts, stage=Stage(1, "build", 1.0))
    assert volume(plans[0]) <= 0.8 * volume(plans[2]) < volume(full)
    for lighter, day in zip(plans[0].days, full.days, strict=True):
        strength = [(e.id, e) for e in day.exercises if e.kind == "strength"]
        lowered = [(e.id, e) for e in lighter.exercises if e.kind == "strength"]
        assert [i for i, _ in lowered] == [i for i, _ in strength]
        for (_, low), (_, usual) in zip(lowered, strength, strict=True):
            assert low.sets <= usual.sets and (low.reps or 0) <= (usual.reps or 0)
            assert (low.hold_seconds or 0) <= (usual.hold_seconds or 0)
    assert plans[0].weekly_sets == full.weekly_sets  # the repetitions alone came down

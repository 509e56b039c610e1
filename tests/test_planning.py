"""Each step of the planning pipeline on hand-built inputs: policy, pool, templates,
schedule, choose, rules, measures, draft, session, climb and reasons."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sciatica_planner import safety
from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import Catalogue, Exercise, PlanOptions
from sciatica_planner.planning import rules
from sciatica_planner.planning.choose import pick, strength_score
from sciatica_planner.planning.climb import step_up, topped
from sciatica_planner.planning.draft import Placed, WeekDraft
from sciatica_planner.planning.measures import (
    SECONDS_PER_COUNTED_REP,
    balance_ratio,
    dose_volume,
    weekly_sets,
)
from sciatica_planner.planning.policy import Dose, policy_for
from sciatica_planner.planning.pool import build_pool, chain_steps, fits, variant_families
from sciatica_planner.planning.reasons import gentle_why, strength_why
from sciatica_planner.planning.schedule import lay_out
from sciatica_planner.planning.session import (
    Item,
    Session,
    keeps_positions,
    order_by_position,
    position_changes,
    warm_up_target,
)
from sciatica_planner.planning.templates import Slot, templates_of
from sciatica_planner.planning.timing import CHANGEOVER_SECONDS
from sciatica_planner.planning.week import gentle_reserve
from sciatica_planner.vocabulary import GROUPS, Block
from strategies import _exercise, minimal_catalogue_data

MONDAY = dt.date(2026, 11, 30)
BUNDLED = load_catalogue()


def opts(**changes: Any) -> PlanOptions:
    base: dict[str, Any] = {
        "days": 3,
        "on": ("mon", "wed", "fri"),
        "seed": 1,
        "start": MONDAY,
    }
    return PlanOptions(**(base | changes))


def exercise(exercise_id: str = "x", **fields: Any) -> Exercise:
    kind = fields.pop("kind", "strength")
    groups = fields.pop("groups", ["glutes"])
    pattern = fields.pop("pattern", None)
    data = _exercise(exercise_id, kind, groups, **fields)
    if pattern:
        data["pattern"] = pattern
    return Exercise.model_validate(data)


def item(position: str, block: Block = "main", exercise_id: str | None = None) -> Item:
    e = exercise(exercise_id or f"{position}-{block}", position=position)
    return Item(e, Dose(2, 10, None), block)


SLOT = Slot("bridge or hinge", ("bridge", "hinge"), "Trains the back of the hips.")


# -- policy -----------------------------------------------------------------------------------


def test_policy_gates_nerve_tension_heavy_and_direction() -> None:
    tension = exercise("tension", kind="stretch", groups=["hamstrings"], hold=30, reps=None,
                       tags=["nerve-tension"])  # fmt: skip
    heavy = exercise("heavy", level="advanced", tags=["heavy"], flare_safe=False)
    flexion = exercise("flexion", kind="mobility", groups=["lower-back"], tags=["spinal-flexion"])
    assert policy_for(opts(pain=3)).allows(tension)
    assert not policy_for(opts(pain=4)).allows(tension)
    assert policy_for(opts(level="advanced", pain=1)).allows(heavy)
    assert not policy_for(opts(level="advanced", pain=2)).allows(heavy)
    assert not policy_for(opts(level="intermediate", pain=0)).allows(heavy)
    assert not policy_for(opts(pain=2)).allows(flexion)  # neutral leans neither way
    assert not policy_for(opts(pain=2, prefer="extension")).allows(flexion)
    assert policy_for(opts(pain=2, prefer="flexion")).allows(flexion)
    assert not policy_for(opts(pain=5)).allows(flexion)  # neutral plans no bias at pain >= 4


def test_policy_doses_stay_in_range_and_lighten_with_pain() -> None:
    squat = exercise("squat", sets=3, reps=10)  # range 1-3 sets of 8-12
    light = exercise("light", sets=2, reps=10, ranged=False)
    light = light.model_copy(
        update={"dose_range": light.dose_range.model_copy(update={"sets": (1, 4)})}
    )
    assert policy_for(opts(pain=5)).strength_sets(light) == (1, 2)
    assert policy_for(opts(pain=0)).strength_sets(squat) == (1, 3)
    assert policy_for(opts(pain=5)).strength_sets(squat) == (1, 3)  # the usual dose at most
    assert policy_for(opts(pain=8)).strength_sets(squat) == (1, 1)
    assert policy_for(opts(pain=8)).dose(squat, 1) == Dose(1, 8, None)


def test_stretch_dose_reaches_the_time_a_side_or_is_refused() -> None:
    stretch = exercise("s", kind="stretch", groups=["hamstrings"], sets=2, hold=20, reps=None)
    assert policy_for(opts(pain=0)).stretch_dose(stretch) == Dose(3, None, 20)
    assert policy_for(opts(pain=5)).stretch_dose(stretch) == Dose(2, None, 20)
    short = exercise("t", kind="stretch", groups=["hamstrings"], sets=1, hold=10, reps=None,
                     ranged=False)  # fmt: skip
    assert policy_for(opts(pain=0)).stretch_dose(short) is None
    assert not policy_for(opts(pain=0)).allows(short)


def test_ceilings_come_from_safety_and_are_the_same_at_moderate_pain() -> None:
    """Rule 15's ceiling is the level's; rule 8 makes pain 4-6 lighter, not a lower ceiling."""
    for level, ceiling in safety.WEEKLY_SET_CEILING.items():
        for pain in (0, 3, 5):
            assert policy_for(opts(level=level, pain=pain)).weekly_ceiling == ceiling


def test_rule_23_weeks_leave_out_stretches_and_nerve_load_and_admit_positions_of_ease() -> None:
    load = exercise("load", kind="mobility", groups=["hamstrings"], tags=["nerve-load"])
    stretch = exercise("s", kind="stretch", groups=["hamstrings"], sets=2, hold=30, reps=None)
    ease = exercise("ease", kind="mobility", groups=["lower-back"], hold=120, reps=None,
                    tags=["position-of-ease"])  # fmt: skip
    calm, flare = policy_for(opts()), policy_for(opts(pain=8))
    spreading = policy_for(opts(pain=2), spreading=True)
    assert calm.allows(load) and calm.allows(stretch) and not calm.allows(ease)
    for week in (flare, spreading):
        assert week.protect_nerve
        assert not week.allows(load) and not week.allows(stretch) and week.allows(ease)


def test_neutral_leaves_out_both_directions_at_any_pain() -> None:
    flexion = exercise("f", kind="mobility", groups=["lower-back"], tags=["spinal-flexion"])
    assert not policy_for(opts(pain=0)).allows(flexion)
    assert policy_for(opts(pain=0, prefer="flexion")).allows(flexion)


def test_heavy_is_strength_work_only() -> None:
    heavy_stretch = exercise("hs", kind="stretch", groups=["hamstrings"], sets=3, hold=20,
                             reps=None, tags=["heavy"])  # fmt: skip
    assert not policy_for(opts(level="advanced", pain=0)).allows(heavy_stretch)


# -- pool -------------------------------------------------------------------------------------


def test_fits_is_level_and_equipment() -> None:
    band = exercise("b", level="intermediate", equipment=["band"])
    assert fits(band, "intermediate", ("band",))
    assert fits(band, "advanced", ("band", "ball"))
    assert not fits(band, "beginner", ("band",))
    assert not fits(band, "advanced", ())


def test_variant_families_follow_chains() -> None:
    data = minimal_catalogue_data()
    data["exercises"] += [
        _exercise("a", "strength", ["glutes"]),
        {**_exercise("b", "strength", ["glutes"]), "easier": "a"},
        {**_exercise("c", "strength", ["glutes"]), "easier": "b"},
        _exercise("d", "strength", ["glutes"]),
    ]
    family = variant_families(Catalogue.model_validate(data))
    assert family["a"] == family["b"] == family["c"] != family["d"]


def test_pool_indexes_by_kind_and_primary_group() -> None:
    catalogue = Catalogue.model_validate(minimal_catalogue_data())
    pool = build_pool(catalogue, policy_for(opts()))
    assert [e.id for e in pool.warm_ups] == ["warm-up"]
    assert [e.id for e in pool.hamstring_stretches()] == ["hamstring-stretch"]
    assert {g: len(found) for g, found in pool.strength.items()} == {
        "glutes": 1, "hamstrings": 1, "quadriceps": 1, "lower-back": 1,
        "hip-abductors-adductors": 2,
    }  # fmt: skip
    assert pool.required_movements["hip-abductors-adductors"] == ("abduction", "adduction")


# -- choose ---------------------------------------------------------------------------------


def test_pick_is_seeded_and_stable_when_the_catalogue_grows() -> None:
    policy = policy_for(opts())
    few = [exercise(f"e{i}", pattern="bridge") for i in range(5)]

    def score(e: Exercise) -> float:
        return strength_score(e, SLOT, policy)

    chosen = pick(few, score, random.Random(3))
    assert chosen == pick(few, score, random.Random(3))
    # A new exercise that loses the draw does not change the choice among the others.
    more = [*few, exercise("late", level="advanced", pattern="bridge")]
    winner = pick(more, score, random.Random(3))
    assert winner == chosen or (winner is not None and winner.id == "late")


def test_score_prefers_the_users_level_reps_and_the_slots_first_pattern() -> None:
    policy = policy_for(opts(level="intermediate"))
    easy_hold = exercise("easy", hold=10, reps=None, pattern="bridge")
    level_reps = exercise("level", level="intermediate", pattern="bridge")
    hinge = exercise("hinge", level="intermediate", pattern="hinge")
    assert strength_score(level_reps, SLOT, policy) < strength_score(easy_hold, SLOT, policy)
    assert strength_score(level_reps, SLOT, policy) < strength_score(hinge, SLOT, policy)


def test_beginners_start_at_the_bottom_of_the_chain() -> None:
    policy = policy_for(opts())
    entry, higher = exercise("entry", pattern="bridge"), exercise("higher", pattern="bridge")
    assert strength_score(entry, SLOT, policy, step=0) < strength_score(
        higher, SLOT, policy, step=2
    )
    steps = chain_steps(BUNDLED)
    assert steps["glute-bridge"] == 0 and steps["hip-thrust"] > steps["single-leg-glute-bridge"]


# -- templates and schedule --------------------------------------------------------------------


def test_templates_are_the_catalogues_or_one_slot_a_group() -> None:
    bundled = templates_of(BUNDLED)
    assert bundled.A and bundled.B and len(bundled.foundations) == 5
    plain = templates_of(Catalogue.model_validate(minimal_catalogue_data()))
    assert plain.B == () and len(plain.A) == 6  # one a group, the hips' two movements apart
    assert plain.foundations == ()


def test_spread_days_are_full_body_and_alternate_only_when_asked() -> None:
    days = [MONDAY, MONDAY + dt.timedelta(2), MONDAY + dt.timedelta(4)]
    layout = lay_out(days, True, len)
    assert [layout.letters[d] for d in days] == ["A", "B", "A"]
    assert layout.groups == {"A": frozenset(GROUPS), "B": frozenset(GROUPS)}
    assert not layout.split and layout.warnings == ()
    single = lay_out(days, False, len)
    assert set(single.letters.values()) == {"A"}


def test_back_to_back_days_split_the_groups_and_say_so() -> None:
    days = [MONDAY, MONDAY + dt.timedelta(1)]
    layout = lay_out(days, False, len)
    assert layout.split and [layout.letters[d] for d in days] == ["A", "B"]
    assert not layout.groups["A"] & layout.groups["B"]
    assert layout.groups["A"] | layout.groups["B"] == frozenset(GROUPS)
    assert "48 hours" in layout.warnings[0] and "lower-back" not in layout.warnings[0]
    assert layout.others  # other ways to share the groups, for the planner to try


def test_four_days_alternate_so_each_template_gets_two() -> None:
    days = [MONDAY + dt.timedelta(k) for k in (0, 1, 3, 4)]
    layout = lay_out(days, True, len)
    assert [layout.letters[d] for d in days] == ["A", "B", "A", "B"]
    assert layout.warnings == ()


# -- rules and measures ------------------------------------------------------------------------


def test_one_exercise_per_pattern_and_two_single_leg_at_most() -> None:
    bridge = exercise("b", pattern="bridge")
    other_bridge = exercise("b2", pattern="bridge")
    single = [exercise(f"s{i}", pattern=p, tags=["single-leg"]) for i, p in
              enumerate(("lunge", "step", "hinge"))]  # fmt: skip
    assert not rules.one_per_pattern(other_bridge, [bridge])
    assert rules.one_per_pattern(single[1], [single[0]])
    assert not rules.one_per_pattern(single[2], single[:2])


def test_one_isometric_at_pain_0_to_3_and_heavy_on_one_day() -> None:
    hold = exercise("h", hold=10, reps=None, tags=["isometric"])
    other = exercise("h2", hold=10, reps=None, tags=["isometric"])
    assert not rules.isometric_room(other, [hold], policy_for(opts()))
    assert rules.isometric_room(other, [hold], policy_for(opts(pain=5)))
    heavy = exercise("heavy", tags=["heavy"])
    assert rules.heavy_room(heavy, [], 1) and not rules.heavy_room(heavy, [], 2)
    assert not rules.heavy_room(heavy, [exercise("h3", tags=["heavy"])], 1)


def test_the_strength_block_keeps_to_three_positions() -> None:
    three = [exercise(f"p{i}", position=p) for i, p in enumerate(("standing", "kneeling", "lying"))]
    assert not rules.positions_room(exercise("seated", position="seated"), three)
    assert rules.positions_room(exercise("lying2", position="lying"), three)


@given(st.dictionaries(st.sampled_from(GROUPS), st.integers(1, 30), min_size=5, max_size=5))
def test_balanced_allows_one_and_a_half(weekly: dict[str, int]) -> None:
    assert rules.balanced(weekly) == (max(weekly.values()) <= 1.5 * min(weekly.values()))
    assert balance_ratio(weekly) == max(weekly.values()) / min(weekly.values())


def test_measures_count_every_group_and_holds_at_one_rep_per_3_s() -> None:
    assert weekly_sets([(("glutes", "hamstrings"), 3), (("glutes",), 2)])["glutes"] == 5
    assert SECONDS_PER_COUNTED_REP == 3
    assert dose_volume(Dose(3, None, 30)) == 30 and dose_volume(Dose(2, 10, None)) == 20


# -- draft -------------------------------------------------------------------------------------


def test_the_draft_counts_each_template_on_each_of_its_days_and_undoes() -> None:
    days = [MONDAY, MONDAY + dt.timedelta(2), MONDAY + dt.timedelta(4)]
    layout = lay_out(days, True, len)
    bridge = exercise("b", groups=["glutes", "hamstrings"], pattern="bridge")
    draft = WeekDraft(layout, {"A": [Placed(bridge, Dose(2, 10, None), SLOT, "", 2)], "B": []})
    assert draft.weekly()["glutes"] == 4 and draft.sets() == 4  # A on two days
    draft.save()
    draft.set_dose("A", 0, Dose(3, 10, None))
    assert draft.sets() == 6
    draft.undo()
    assert draft.sets() == 4


# -- climb ----------------------------------------------------------------------------------


def test_a_notch_is_reps_or_hold_first_then_a_set() -> None:
    squat = exercise("squat", sets=2, reps=10)  # range 1-3 sets of 8-12
    assert step_up(squat, Dose(2, 10, None)) == Dose(2, 12, None)
    assert step_up(squat, Dose(2, 12, None)) == Dose(3, 12, None)
    assert step_up(squat, Dose(3, 12, None)) == Dose(3, 12, None)  # the top of its range
    hold = exercise("hold", sets=3, hold=20, reps=None)  # holds 15-30 s
    assert step_up(hold, Dose(3, None, 20)) == Dose(3, None, 25)
    assert topped(Placed(squat, Dose(2, 12, None), SLOT, "", 2))
    assert not topped(Placed(squat, Dose(2, 10, None), SLOT, "", 2))


# -- reasons ----------------------------------------------------------------------------------


def test_every_reason_is_one_plain_sentence() -> None:
    bridge = exercise("b", pattern="bridge")
    placed = Placed(bridge, Dose(3, 10, None), SLOT, "the step of the bridge chain", 2)
    why = strength_why(placed, "A", policy_for(opts()), 3)
    assert why.startswith("Session A's bridge or hinge: the step") and why.endswith(".")
    assert "1 more than usual" in why and "3 days" in why
    ease = exercise("e", kind="mobility", groups=["lower-back"], tags=["position-of-ease"])
    assert "resting position" in gentle_why(ease, "cool-down", policy_for(opts(pain=8)))


# -- session ----------------------------------------------------------------------------------


def test_order_changes_position_least() -> None:
    warm = [item("lying", "warm-up", "w1"), item("standing", "warm-up", "w2")]
    main = [
        item("lying", "main", "m1"),
        item("standing", "main", "m2"),
        item("kneeling", "main", "m3"),
    ]
    cool = [item("standing", "cool-down", "c1"), item("lying", "cool-down", "c2")]
    shuffled = [*warm, *main, *cool]
    assert position_changes(shuffled) == 6
    ordered = order_by_position(warm, main, cool)
    assert position_changes(ordered) == 4  # one inside each block of two, two in the main
    assert [i.block for i in ordered] == ["warm-up"] * 2 + ["main"] * 3 + ["cool-down"] * 2


def test_a_fifth_position_change_is_refused() -> None:
    session = Session(MONDAY, "A")
    session.warm_up = [item("standing", "warm-up", "w"), item("lying", "warm-up", "w2")]
    session.main = [item("seated", "main", "m"), item("kneeling", "main", "m2")]
    session.cool_down = [item("standing", "cool-down", "c")]
    assert position_changes(session.ordered()) == 4
    assert not keeps_positions(session, item("lying", "cool-down", "c2"))
    assert keeps_positions(session, item("standing", "cool-down", "c3"))


def test_warm_up_target_grows_with_the_session() -> None:
    assert warm_up_target(19 * 60) < safety.WARM_UP_MIN_SECONDS
    assert warm_up_target(20 * 60) == safety.WARM_UP_MIN_SECONDS
    assert warm_up_target(45 * 60) == 0.2 * 45 * 60
    assert warm_up_target(120 * 60) == safety.WARM_UP_MAX_SECONDS


def test_item_time_counts_one_changeover() -> None:
    one = Item(exercise(sets=2, reps=10), Dose(2, 10, None), "main")
    assert one.seconds == 2 * 10 * 3 + 30 + CHANGEOVER_SECONDS
    assert one.work_seconds == one.seconds - CHANGEOVER_SECONDS


def test_the_main_block_never_loses_time_as_the_session_grows() -> None:
    mains = [m * 60 - gentle_reserve(m * 60) for m in range(10, 121)]
    assert mains == sorted(mains)

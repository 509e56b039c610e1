"""How each exercise felt, as the planner consumes it (issue 24): Adaptation.step_up steps an
exercise one notch up even in a `hold` week; Adaptation.hold_dose keeps an exercise at its usual
dose even in a `progress` week; a change whose `to` is its `from` keeps the exercise."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sciatica_planner.models import Adaptation, Change, PlanOptions
from sciatica_planner.planning import plan_week

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue, PlannedExercise, WeekPlan

OPTIONS = PlanOptions(
    days=3, on=("mon", "wed", "fri"), level="beginner", minutes=45, seed=7,
    start=dt.date(2026, 11, 30),
)  # fmt: skip


def doses(week: WeekPlan) -> dict[str, tuple[int, int | None, int | None]]:
    found: dict[str, tuple[int, int | None, int | None]] = {}
    for day in week.days:
        for item in day.exercises:
            if item.kind == "strength":
                found.setdefault(item.id, (item.sets, item.reps, item.hold_seconds))
    return found


def notch_up(
    before: tuple[int, int | None, int | None], after: tuple[int, int | None, int | None]
) -> bool:
    sets, reps, hold = before
    more_sets, more_reps, more_hold = after
    return (more_sets, more_reps or 0, more_hold or 0) > (sets, reps or 0, hold or 0) and all(
        b is None or a is None or a >= b for a, b in zip(after, before, strict=True)
    )


def same_change(exercise_id: str, reason: str) -> Change:
    return Change.model_validate({"from": exercise_id, "to": exercise_id, "reason": reason})


def first_strength(week: WeekPlan) -> PlannedExercise:
    return next(i for d in week.days for i in d.exercises if i.kind == "strength")


def test_an_easy_exercise_steps_up_in_a_hold_week_and_only_it(catalogue: Catalogue) -> None:
    hold = Adaptation(direction="hold", reason="steady")
    usual = plan_week(catalogue, OPTIONS, hold)
    chosen = first_strength(usual).id
    easy = hold.model_copy(
        update={"step_up": (chosen,), "changes": (same_change(chosen, "felt easy"),)}
    )
    stepped = plan_week(catalogue, OPTIONS, easy)
    before, after = doses(usual), doses(stepped)
    assert chosen in after  # a change naming itself keeps the exercise in the week
    assert notch_up(before[chosen], after[chosen])
    assert {k: v for k, v in after.items() if k != chosen} == {
        k: v for k, v in before.items() if k != chosen and k in after
    }
    assert stepped.adaptation is not None and stepped.adaptation.step_up == (chosen,)


def test_a_hard_exercise_keeps_its_dose_in_a_progress_week(catalogue: Catalogue) -> None:
    usual = plan_week(catalogue, OPTIONS, Adaptation(direction="hold", reason="steady"))
    progress = Adaptation(direction="progress", reason="calm")
    climbing = plan_week(catalogue, OPTIONS, progress)
    climbed = [k for k, v in doses(climbing).items() if k in doses(usual) and v != doses(usual)[k]]
    assert climbed  # the progress week does step doses up
    chosen = climbed[0]
    hard = progress.model_copy(
        update={"hold_dose": (chosen,), "changes": (same_change(chosen, "felt hard"),)}
    )
    held = doses(plan_week(catalogue, OPTIONS, hard))
    assert held[chosen] == doses(usual)[chosen]


def test_no_step_up_at_pain_4_to_6(catalogue: Catalogue) -> None:
    sore = OPTIONS.model_copy(update={"pain": 5})
    hold = Adaptation(direction="hold", reason="steady")
    usual = plan_week(catalogue, sore, hold)
    chosen = first_strength(usual).id
    easy = hold.model_copy(update={"step_up": (chosen,)})
    assert doses(plan_week(catalogue, sore, easy))[chosen] == doses(usual)[chosen]

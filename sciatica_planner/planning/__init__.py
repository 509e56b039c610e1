"""Planning a week: `plan_week(catalogue, options) -> WeekPlan`, pure, no I/O, no clock.

policy (what the pain tier, level and options allow, and how they dose) -> pool (the eligible
exercises, indexed) -> templates (A and B as pattern slots, from the catalogue) -> schedule
(templates to days, with recovery) -> choose (the step of each chain that fits) -> draft (the
week being built, with undo) under rules (one predicate per contract rule), measured by
measures -> climb (a programme's week) -> session (warm-up and cool-down, order, time) ->
reasons (why each exercise is there); assembled by week.plan_week.
"""

from .pool import PlanError
from .week import default_seed, plan_week

__all__ = ["PlanError", "default_seed", "plan_week"]

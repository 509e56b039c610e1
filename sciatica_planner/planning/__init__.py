"""Planning a week, as a pipeline of small pure steps; `plan_week` is the one entry point.

policy (what the pain tier and options allow and dose) -> pool (the eligible exercises, indexed)
-> schedule (groups to days) -> choose (candidates and their score) -> session (blocks, order,
time) -> balance (even weekly sets) -> lighten (a programme's lighter week: lower doses),
assembled by `planner.plan_week`.
"""

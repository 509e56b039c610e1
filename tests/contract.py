"""The JSON keys of CONTRACT.md, key for key and in order, shared by the tests that check them."""

# `exercises --json` items and `show --json` (schema 2 adds per_side to figure, schema 3 pattern).
EXERCISE_KEYS = [
    "id", "name", "kind", "groups", "level", "equipment", "sets", "reps", "hold_seconds",
    "rest_seconds", "flare_safe", "tags", "steps", "cues", "cautions", "easier", "harder",
    "source", "per_side", "position", "dose_range", "figure", "pattern",
]  # fmt: skip
# `week --json`.
WEEK_KEYS = [
    "schema_version", "start", "options", "days", "weekly_sets", "warnings", "adaptation",
    "disclaimer", "red_flags", "week_of_program", "theme", "prescription",
]  # fmt: skip
OPTIONS_KEYS = [
    "days", "on", "level", "equipment", "minutes", "pain", "seed", "prefer", "pain_from",
]  # fmt: skip
DAY_KEYS = [
    "date", "weekday", "rest", "estimated_minutes", "groups", "exercises", "walk_minutes",
    "session",
]  # fmt: skip
# An exercise inside a day.
PLANNED_KEYS = [
    "id", "name", "kind", "groups", "level", "equipment", "flare_safe", "tags", "sets", "reps",
    "hold_seconds", "rest_seconds", "per_side", "position", "block", "cues", "cautions",
    "pattern", "why",
]  # fmt: skip
DOSE_RANGE_KEYS = ["sets", "reps", "hold_seconds"]
SCHEMA_VERSION = 3

"""The eligible exercises, indexed; the one level and equipment filter."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..errors import SciaticaPlanError
from ..vocabulary import EQUIPMENT, GROUPS, LEVELS, group_words

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from ..models import Catalogue, Exercise
    from .policy import Policy


def fits(exercise: Exercise, level: str, equipment: Iterable[str]) -> bool:
    """Within the user's level (a level includes the ones below it) and equipment."""
    return LEVELS.index(exercise.level) <= LEVELS.index(level) and set(exercise.equipment) <= set(
        equipment
    )


class PlanError(SciaticaPlanError):
    """The catalogue and the chosen filters cannot make the week the contract promises."""

    def __init__(self, message: str, group: str | None = None, filter: str | None = None) -> None:
        super().__init__(message)
        self.group, self.filter = group, filter


def _topped_out(exercise: Exercise) -> bool:
    """The usual dose is already the top of the range: no notch left to climb."""
    limits = exercise.dose_range
    top_reps = limits.reps is None or exercise.reps == limits.reps[1]
    top_hold = limits.hold_seconds is None or exercise.hold_seconds == limits.hold_seconds[1]
    return exercise.sets == limits.sets[1] and top_reps and top_hold


def variant_families(catalogue: Catalogue) -> dict[str, str]:
    """Each exercise's family: exercises of one kind linked, directly or through a chain of
    easier/harder links, share one (contract rule 13: never two of a family on one day). A link
    between kinds (a warm-up whose harder form is a strength exercise) makes no variants."""
    parent = {e.id: e.id for e in catalogue.exercises}

    def root(exercise_id: str) -> str:
        while parent[exercise_id] != exercise_id:
            parent[exercise_id] = parent[parent[exercise_id]]
            exercise_id = parent[exercise_id]
        return exercise_id

    kinds = {e.id: e.kind for e in catalogue.exercises}
    for exercise in catalogue.exercises:
        for link in (exercise.easier, exercise.harder):
            if link is not None and kinds.get(link) == exercise.kind:
                parent[root(link)] = root(exercise.id)
    return {exercise_id: root(exercise_id) for exercise_id in parent}


def _by_pattern(exercises: list[Exercise]) -> dict[str, tuple[Exercise, ...]]:
    found: dict[str, list[Exercise]] = {}
    for exercise in exercises:
        if exercise.kind == "strength" and exercise.pattern:
            found.setdefault(exercise.pattern, []).append(exercise)
    return {pattern: tuple(group) for pattern, group in found.items()}


def chain_steps(catalogue: Catalogue) -> dict[str, int]:
    """Each exercise's place in its chain: the easier links below it of its own kind."""
    by_id = catalogue.by_id
    steps: dict[str, int] = {}
    for exercise in catalogue.exercises:
        count, seen, below = 0, {exercise.id}, by_id.get(exercise.easier or "")
        while below is not None and below.kind == exercise.kind and below.id not in seen:
            count += 1
            seen.add(below.id)
            below = by_id.get(below.easier or "")
        steps[exercise.id] = count
    return steps


class Pool(NamedTuple):
    """The exercises a week may use, indexed the ways the planner asks for them."""

    strength: dict[str, tuple[Exercise, ...]]  # by primary group
    warm_ups: tuple[Exercise, ...]
    mobility: tuple[Exercise, ...]
    stretches: tuple[Exercise, ...]
    family: dict[str, str]
    required_movements: dict[str, tuple[str, ...]]
    step: dict[str, int]  # how many easier steps below it in its chain (0: an entry point)
    by_pattern: dict[str, tuple[Exercise, ...]]  # strength exercises, in catalogue order
    # Rule 22: the groups the week can strengthen (all five unless --avoid or --exclude left
    # one without an exercise), and each need tailoring left empty, in words, for `warnings`.
    groups: tuple[str, ...] = GROUPS
    missing: tuple[str, ...] = ()

    def hamstring_stretches(self) -> tuple[Exercise, ...]:
        return tuple(e for e in self.stretches if "hamstrings" in e.groups)

    def sliders(self) -> tuple[Exercise, ...]:
        return tuple(e for e in self.mobility if "nerve-slider" in e.tags)

    def positions_of_ease(self) -> tuple[Exercise, ...]:
        return tuple(e for e in self.mobility if "position-of-ease" in e.tags)

    def of_patterns(self, patterns: tuple[str, ...]) -> list[Exercise]:
        """Strength exercises of these patterns, pattern by pattern."""
        return [e for pattern in dict.fromkeys(patterns) for e in self.by_pattern.get(pattern, ())]


def build_pool(catalogue: Catalogue, policy: Policy, with_strength: bool = True) -> Pool:
    """The policy's exercises, in catalogue order; raises PlanError when a need is empty
    (`with_strength`: the week's strength work comes from the pool, not from a prescription)."""
    allowed = [e for e in catalogue.exercises if policy.allows(e)]
    ids = {e.id for e in allowed}
    if policy.easier_first:  # easing off: an exercise gives way to its easier variant
        allowed = [e for e in allowed if e.easier not in ids]
    elif policy.progressing:  # stepping up: one with no room left gives way to its harder one
        allowed = [e for e in allowed if not (e.harder in ids and _topped_out(e))]
    strength: dict[str, list[Exercise]] = {g: [] for g in GROUPS}
    for exercise in allowed:
        if exercise.kind == "strength":
            strength[exercise.groups[0]].append(exercise)
    pool = Pool(
        strength={g: tuple(found) for g, found in strength.items()},
        warm_ups=tuple(e for e in allowed if e.kind == "warm-up"),
        mobility=tuple(e for e in allowed if e.kind == "mobility"),
        stretches=tuple(e for e in allowed if e.kind == "stretch"),
        family=variant_families(catalogue),
        required_movements={g.id: g.required_movements for g in catalogue.groups},
        step=chain_steps(catalogue),
        by_pattern=_by_pattern(allowed),
    )
    return _check(pool, catalogue, policy, with_strength)


def _check(pool: Pool, catalogue: Catalogue, policy: Policy, with_strength: bool = True) -> Pool:
    """Contract rule 10: every need of a week has at least one exercise, or an error says
    which group and which filter emptied it. Rule 22: a need only the user's --avoid or
    --exclude emptied is planned without, and the pool says which."""
    missing: list[str] = []

    def lacking(what: str, matches: Callable[[Exercise], bool], group: str | None = None) -> None:
        untailored = policy.untailored()
        if policy.tailored and any(
            matches(e) and untailored.allows(e) for e in catalogue.exercises
        ):
            missing.append(f"{what} of its own for the {group_words([group])}" if group else what)
            return
        raise explain_empty(catalogue, policy, what, matches, group)

    if not pool.warm_ups:
        lacking("warm-up", lambda e: e.kind == "warm-up")
    if policy.protect_nerve:  # rule 1 in a week rule 23 covers
        if not pool.sliders() and not pool.positions_of_ease():
            lacking(
                "nerve slider or position of ease",
                lambda e: bool({"nerve-slider", "position-of-ease"} & set(e.tags)),
            )
    elif not pool.hamstring_stretches():
        lacking("hamstring stretch", lambda e: e.kind == "stretch" and "hamstrings" in e.groups)
    if policy.strength_paused or not with_strength:
        return pool._replace(missing=tuple(missing))
    groups = []
    required = dict(pool.required_movements)
    for group in GROUPS:
        if not pool.strength[group]:
            lacking(
                "strength exercise",
                lambda e, g=group: e.kind == "strength" and e.groups[0] == g,  # type: ignore[misc]
                group,
            )
            required[group] = ()
            continue
        groups.append(group)
        kept = []
        for move in pool.required_movements.get(group, ()):
            if any(move in e.tags for e in pool.strength[group]):
                kept.append(move)
                continue
            lacking(
                f"{move} exercise",
                lambda e, g=group, m=move: (  # type: ignore[misc]
                    e.kind == "strength" and e.groups[0] == g and m in e.tags
                ),
                group,
            )
        required[group] = tuple(kept)
    return pool._replace(groups=tuple(groups), missing=tuple(missing), required_movements=required)


def explain_empty(
    catalogue: Catalogue,
    policy: Policy,
    what: str,
    matches: Callable[[Exercise], bool],
    group: str | None = None,
) -> PlanError:
    """Name the filter that emptied a need, checking them in the order a user sets them."""
    candidates = [e for e in catalogue.exercises if matches(e)]
    level = [e for e in candidates if fits(e, policy.level, EQUIPMENT)]
    equipped = [e for e in level if fits(e, policy.level, policy.equipment)]
    gear = ",".join(e for e in EQUIPMENT if e in policy.equipment) or "none"
    if not candidates:
        culprit = "the catalogue"
    elif not level:
        culprit = f"--level {policy.level}"
    elif not equipped:
        culprit = f"--equipment {gear}"
    elif policy.tier != "normal":
        culprit = f"--pain {policy.pain} (flare-safe exercises only)"
    else:
        culprit = f"--pain {policy.pain} and --prefer {policy.prefer}"
    target = f"{what} for {group}" if group else what
    return PlanError(
        f"no {target} fits {culprit}; try a higher --level, more --equipment, or another catalogue",
        group=group,
        filter=culprit,
    )

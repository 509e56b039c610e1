"""A week that follows a clinician's prescription (CONTRACT.md, "Prescriptions"): its sessions,
doses and days stand; the safety rules apply on top. Pure: no I/O, no clock.

Over a prescription the planner keeps rules 1-3, 8, 9, 10, 16, 17, 18, 22 and 23: whatever they
rule out is swapped for its flare-safe `easier` variant, or left out, and `warnings` says which
and why. The rules that shape the planner's own weeks (4-7, 11-15, 19-21) are the clinician's
call: `warnings` only names where the prescription departs from them.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import TYPE_CHECKING, cast

from .. import safety
from ..prescription import usual_range
from ..vocabulary import EQUIPMENT, GROUPS, LEVELS, WEEKDAY_NAMES, WEEKDAYS, group_words
from .measures import weekly_sets
from .policy import Dose, policy_for
from .pool import build_pool
from .reasons import gentle_why
from .schedule import lay_out, recovered
from .session import Item, Session, fill_gentle, gentle_item, top_up_essentials
from .timing import gentle_reserve, minutes

if TYPE_CHECKING:
    from ..models import (
        Adaptation,
        Catalogue,
        Exercise,
        PlanOptions,
        PrescriptionNote,
        WeekPlan,
    )
    from ..prescription import Dosed, Prescription
    from ..vocabulary import Block, GroupId
    from .policy import Policy, Stage

# How far an easier chain is followed to find a variant the safety rules allow.
EASIER_STEPS_MAX = 6
# Where a prescribed exercise of each kind goes in a session.
BLOCK_OF_KIND: dict[str, Block] = {
    "warm-up": "warm-up",
    "mobility": "main",
    "strength": "main",
    "stretch": "cool-down",
}


def follow(
    catalogue: Catalogue,
    options: PlanOptions,
    prescription: Prescription,
    note: PrescriptionNote,
    adaptation: Adaptation | None = None,
    stage: Stage | None = None,
    spreading: bool = False,
) -> WeekPlan:
    """The week the prescription sets, for these options (their days, pain and tailoring are
    already the prescription's where the command line did not say otherwise)."""
    from .week import plan_week

    # `fixed`: the journal may not step doses up; easing off for pain is safety, and stays.
    if prescription.progress == "fixed" and adaptation and adaptation.direction == "progress":
        adaptation = adaptation.model_copy(update={"direction": "hold"})
    policy = policy_for(options, adaptation, stage, spreading)
    warnings: list[str] = []
    if policy.strength_paused:
        # Rule 8 at pain 7-10: the flare-up routine, whatever the prescription says.
        week = plan_week(catalogue, options, adaptation, stage, spreading)
        paused = (
            f"Pain {options.pain}/10: your prescription's exercises wait until the flare-up "
            "settles; until then this is the gentle flare-up routine."
        )
        return week.model_copy(
            update={
                "warnings": (*week.warnings, paused, *_review(prescription, note, options)),
                "prescription": note,
            }
        )
    plan = _Follower(catalogue, options, prescription, policy, adaptation, stage, warnings)
    if policy.tier == "flare-safe":
        plan.fewer_than = _calm_sets(catalogue, options, prescription, note, adaptation, stage)
    sessions = plan.sessions()
    return _week_plan(options, policy, sessions, plan, note, adaptation, stage, spreading)


def _calm_sets(
    catalogue: Catalogue,
    options: PlanOptions,
    prescription: Prescription,
    note: PrescriptionNote,
    adaptation: Adaptation | None,
    stage: Stage | None,
) -> int | None:
    """Rule 8: the strength sets of the same prescription at pain 0 (for a week the journal
    eases off, of the week it eases from); None where that week has one set per exercise."""
    eased = safety.pain_tier(options.pain) == "normal"
    calm = options if eased else options.model_copy(update={"pain": 0})
    steady = adaptation.model_copy(update={"direction": "hold"}) if adaptation else None
    week = follow(catalogue, calm, prescription, note, steady, stage)
    strength = [e for d in week.days for e in d.exercises if e.kind == "strength"]
    if all(e.sets == 1 for e in strength):
        return None
    return sum(e.sets for e in strength)


class _Follower:
    """The prescription's sessions made safe for this week, one template at a time."""

    def __init__(
        self,
        catalogue: Catalogue,
        options: PlanOptions,
        prescription: Prescription,
        policy: Policy,
        adaptation: Adaptation | None,
        stage: Stage | None,
        warnings: list[str],
    ) -> None:
        self.catalogue, self.options, self.prescription = catalogue, options, prescription
        self.policy, self.adaptation, self.stage = policy, adaptation, stage
        self.warnings = warnings
        # The clinician chose the exercises: level and equipment do not filter them (rule 6
        # binds the planner's own weeks); heavy work still waits for the user's level.
        self.safety = policy._replace(level=LEVELS[-1], equipment=frozenset(EQUIPMENT))
        self.swaps: dict[str, tuple[str | None, str]] = {}
        self.by = prescription.by or "your clinician"
        self.days = 1  # training days of the template being made (rule 16's heavy day)
        self.fewer_than: int | None = None  # rule 8: the week's sets stay below this
        self.heavy_day = False  # rule 16: an earlier template already has the week's heavy work

    def sessions(self) -> dict[dt.date, Session]:
        options, prescription = self.options, self.prescription
        dates = [
            options.start + dt.timedelta(days=k)
            for k in range(7)
            if WEEKDAYS[(options.start + dt.timedelta(days=k)).weekday()] in options.on
        ]
        letters = prescription.letters()
        layout = lay_out(dates, len(letters) > 1, lambda groups: 0)
        by_date = {d: layout.letters[d] if len(letters) > 1 else "A" for d in dates}
        budget = options.minutes * 60
        pool = build_pool(self.catalogue, self.policy, with_strength=False)
        rng = random.Random(options.seed)
        templates: dict[str, Session] = {}
        used: set[str] = set()
        for letter in letters:
            first = next((d for d in dates if by_date[d] == letter), None)
            if first is None:
                continue
            session = Session(first, letter)
            self.days = sum(x == letter for x in by_date.values())
            items = self._items(letter)
            for item in items:
                {"warm-up": session.warm_up, "main": session.main, "cool-down": session.cool_down}[
                    item.block
                ].append(item)
            self.heavy_day = self.heavy_day or any("heavy" in i.exercise.tags for i in items)
            longest = max(budget, session.main_seconds() + gentle_reserve(budget))
            if prescription.warm_up is None and prescription.cool_down is None:
                fill_gentle(session, pool, self.policy, longest, frozenset(used), rng)
            else:
                self._gentle(session, "warm-up", prescription.warm_up or ())
                self._gentle(session, "cool-down", prescription.cool_down or ())
                top_up_essentials(session, pool, self.policy, longest, frozenset(used), rng)
            session.warm_up[:] = [self._why(i) for i in session.warm_up]
            session.cool_down[:] = [self._why(i) for i in session.cool_down]
            used |= {i.exercise.id for i in session.items()}
            templates[letter] = session
        self._say_swaps()
        sessions, waits = self._recovered(dates, by_date, templates)
        while self.fewer_than is not None and _sets(sessions) >= self.fewer_than:
            if not self._lighter(templates):
                break
            sessions, waits = self._recovered(dates, by_date, templates)
        deload = self.stage is not None and self.stage.theme == "deload"
        if deload and prescription.progress == "journal":
            # A deload week: the week before's doses at most 70% of its sets
            # (safety.DELOAD_SET_SHARE), never below one set an exercise.
            target = math.floor(_sets(sessions) * safety.DELOAD_SET_SHARE[1])
            while _sets(sessions) > target and self._lighter(templates, drop=False):
                sessions, waits = self._recovered(dates, by_date, templates)
        self.warnings += waits
        for session in {id(s): s for s in templates.values()}.values():
            if session.seconds() > budget:
                name = WEEKDAY_NAMES[session.date.weekday()]
                self.warnings.append(
                    f"Session {session.letter} ({name}) takes about "
                    f"{minutes(session.seconds())} minutes, more than --minutes "
                    f"{options.minutes}: as prescribed, it is kept."
                )
        return sessions

    def _items(self, letter: str) -> list[Item]:
        """The session's prescribed exercises, each safe for this week, at its dose, in the
        block of its kind (a stretch among them goes to the cool-down)."""
        items: list[Item] = []
        for dosed in self.prescription.session(letter):
            exercise = self._safe(self.catalogue.by_id[dosed.id], items)
            if exercise is None:
                continue
            dose, why = self._dose(dosed, exercise, letter)
            items.append(Item(exercise, dose, BLOCK_OF_KIND[exercise.kind], why))
        return items

    def _safe(self, exercise: Exercise, session: list[Item]) -> Exercise | None:
        """The exercise, or the nearest easier variant of it the safety rules allow this week
        (none: left out); the swap is remembered for `warnings`."""
        wanted = exercise
        reason = self._ruled_out(exercise, session)
        steps = 0
        while reason is not None:
            easier = self.catalogue.by_id.get(exercise.easier or "")
            steps += 1
            if easier is None or easier.kind != exercise.kind or steps > EASIER_STEPS_MAX:
                self.swaps.setdefault(wanted.id, (None, self._ruled_out(wanted, session) or ""))
                return None
            exercise = easier
            reason = self._ruled_out(exercise, session)
        if self.policy.easier_first and exercise.easier:
            # Easing off (the journal's `regress`): one step down the chain where it may.
            easier = self.catalogue.by_id.get(exercise.easier)
            if (
                easier is not None
                and easier.kind == exercise.kind
                and self._ruled_out(easier, session) is None
            ):
                exercise = easier
        if exercise.id != wanted.id:
            why = self._ruled_out(wanted, session) or "your journal asks for an easier week"
            self.swaps.setdefault(wanted.id, (exercise.id, why))
        return exercise

    def _ruled_out(self, exercise: Exercise, session: list[Item]) -> str | None:
        """Why a safety rule leaves this exercise out of this week, or None."""
        policy = self.policy
        if exercise.id in policy.left_out:
            return "you excluded it"
        if exercise.position in policy.avoid:
            return f"you asked to avoid {exercise.position} positions"
        if exercise.id in policy.excluded:
            return "your journal says it flared your symptoms"
        if policy.tier != "normal" and not exercise.flare_safe:
            return f"at pain {policy.pain}/10 only flare-safe exercises are planned"
        tags = set(exercise.tags)
        if "nerve-tension" in tags and policy.pain > safety.NERVE_TENSION_MAX_PAIN:
            return f"at pain {policy.pain}/10 nerve work is gentle gliding only"
        if policy.protect_nerve and ({"nerve-tension", "nerve-load"} & tags):
            return "while symptoms spread or flare, nothing may load the nerve"
        if policy.protect_nerve and exercise.kind == "stretch":
            return "while symptoms spread or flare, no end-range stretch"
        if "heavy" in tags:
            if not policy.allow_heavy:
                return (
                    f"heavy work needs the {safety.HEAVY_LEVEL} level and pain of "
                    f"{safety.HEAVY_MAX_PAIN}/10 or less, outside a programme's first and "
                    "deload weeks"
                )
            if sum("heavy" in i.exercise.tags for i in session) >= safety.MAX_HEAVY_PER_SESSION:
                return "one heavy exercise a session at most"
            if self.days > 1 or self.heavy_day:
                return "heavy work on one day a week at most"
            if any(i.exercise.pattern == exercise.pattern for i in session):
                return "no heavy exercise beside another of its pattern"
        if not self.safety.allows(exercise):
            # The planner keeps resting positions for flare-ups; a clinician may prescribe one
            # any week, in the preferred direction.
            if "position-of-ease" in tags and self.safety._replace(protect_nerve=True).allows(
                exercise
            ):
                return None
            return f"your directional preference ({policy.prefer}) leaves it out"
        return None

    def _dose(self, dosed: Dosed, exercise: Exercise, letter: str) -> tuple[Dose, str]:
        """The prescribed dose (the catalogue's usual one where the file gives none), eased
        for pain, stepped for the journal or the programme where `progress: journal` lets
        it; and why."""
        policy, swapped = self.policy, exercise.id != dosed.id
        limits = exercise.dose_range
        if swapped:  # an easier variant: the prescribed sets, at its own usual repetitions
            base = Dose(
                min(dosed.sets or exercise.sets, limits.sets[1]),
                exercise.reps,
                exercise.hold_seconds,
            )
        else:
            reps, hold = dosed.reps, dosed.hold_seconds
            if reps is None and hold is None:
                reps, hold = exercise.reps, exercise.hold_seconds
            base = Dose(dosed.sets or exercise.sets, reps, hold)
        inside = _inside(base, exercise)
        dose = base
        if self.prescription.progress == "journal" and inside and exercise.kind == "strength":
            dose = _stepped(dose, exercise, self._notches(policy, exercise))
        if policy.tier == "flare-safe" and dose.sets > 1:
            dose = dose._replace(sets=dose.sets - 1)  # rule 8: fewer sets than at pain 0
        why = self._strength_why(dosed, exercise, base, dose, inside, letter)
        return dose, why

    def _notches(self, policy: Policy, exercise: Exercise) -> int:
        """Notches up from the prescribed dose: one for a week the journal says progresses
        (or for an exercise that felt easy twice; none for one that felt hard), and one for
        each build week of a programme before this one (a deload keeps the doses of the
        week before it, with fewer sets)."""
        if exercise.id in policy.held:
            return 0
        notches = 1 if policy.progressing or exercise.id in policy.stepped_up else 0
        if self.stage is not None:
            week = self.stage.week
            built = (week - 1) - (week - 1) // safety.PROGRAM_BLOCK_WEEKS
            notches += built - 1 if self.stage.theme == "deload" else built
        return max(notches, 0)

    def _strength_why(
        self, dosed: Dosed, exercise: Exercise, base: Dose, dose: Dose, inside: bool, letter: str
    ) -> str:
        if exercise.id != dosed.id:
            wanted = self.catalogue.by_id[dosed.id].name
            reason = self.swaps.get(dosed.id, (None, ""))[1]
            return f"In place of the prescribed {wanted.lower()}: {reason}."
        said = f"As prescribed by {self.by} (session {letter})"
        if not inside:
            return (
                f"{said}: a dose outside the catalogue's usual range "
                f"({usual_range(exercise)}), the clinician's call."
            )
        if dose.sets < base.sets:
            return f"{said}, with fewer sets while pain is up."
        if dose != base:
            return f"{said}, one step up as your progress allows."
        return f"{said}."

    def _gentle(self, session: Session, block: str, ids: tuple[str, ...]) -> None:
        """The file's warm-up or cool-down items that are safe this week."""
        target = session.warm_up if block == "warm-up" else session.cool_down
        for exercise_id in ids:
            exercise = self._safe(self.catalogue.by_id[exercise_id], [])
            if exercise is None or session.has(exercise):
                continue
            target.append(gentle_item(exercise, cast("Block", block), self.policy))

    def _why(self, item: Item) -> Item:
        listed = (*(self.prescription.warm_up or ()), *(self.prescription.cool_down or ()))
        if item.exercise.id in listed:
            why = f"As prescribed by {self.by}."
        else:
            why = gentle_why(item.exercise, item.block, self.policy)
        return Item(item.exercise, item.dose, item.block, why)

    def _say_swaps(self) -> None:
        by_id = self.catalogue.by_id
        for wanted, (instead, reason) in self.swaps.items():
            name = by_id[wanted].name
            if instead is None:
                self.warnings.append(f"{name} is left out this week: {reason}.")
            else:
                self.warnings.append(
                    f"{by_id[instead].name} takes the place of {name.lower()} this week: {reason}."
                )

    def _lighter(self, templates: dict[str, Session], drop: bool = True) -> bool:
        """One set less for the exercise with the most (more than one); else (`drop`) one
        exercise less, a swapped-in one first; False when nothing is left to cut."""
        placed = [(s, i) for s in templates.values() for i, item in enumerate(s.main)]
        strength = [(s, i) for s, i in placed if s.main[i].exercise.kind == "strength"]
        if not strength:
            return False
        session, index = max(strength, key=lambda p: p[0].main[p[1]].dose.sets)
        item = session.main[index]
        if item.dose.sets > 1:
            dose = item.dose._replace(sets=item.dose.sets - 1)
            session.main[index] = Item(item.exercise, dose, item.block, item.why)
            return True
        if not drop:
            return False
        swapped = [(s, i) for s, i in strength if s.main[i].why.startswith("In place of")]
        session, index = (swapped or strength)[-1]
        dropped = session.main.pop(index).exercise
        self.warnings.append(
            f"{dropped.name} is left out this week: at pain {self.policy.pain}/10 the week "
            "holds fewer sets than it would at pain 0."
        )
        return True

    def _recovered(
        self,
        dates: list[dt.date],
        by_date: dict[dt.date, str],
        templates: dict[str, Session],
    ) -> tuple[dict[dt.date, Session], list[str]]:
        """Each training day's session; where a group worked the day before (rule 3), its
        strength work waits for the next day it may, and `warnings` says so."""
        sessions: dict[dt.date, Session] = {}
        waits: list[str] = []
        previous: tuple[dt.date, set[str]] | None = None
        for date in dates:
            template = templates.get(by_date[date])
            if template is None:
                continue
            main = list(template.main)
            if previous is not None and not recovered(previous[0], date):
                tired = previous[1]
                kept = [i for i in main if not (_trains(i) & tired)]
                dropped = [i for i in main if _trains(i) & tired]
                if dropped:
                    names = "; ".join(i.exercise.name.lower() for i in dropped)
                    groups = sorted({g for i in dropped for g in _trains(i) & tired})
                    waits.append(
                        f"{WEEKDAY_NAMES[date.weekday()]} leaves out {names}: the "
                        f"{group_words(groups)} worked the day before and need "
                        f"{safety.RECOVERY_HOURS} hours to recover."
                    )
                main = kept
            session = Session(
                date, template.letter, list(template.warm_up), main, list(template.cool_down)
            )
            sessions[date] = session
            previous = (date, session.trained())
        return sessions, waits


def _sets(sessions: dict[dt.date, Session]) -> int:
    return sum(
        i.dose.sets for s in sessions.values() for i in s.main if i.exercise.kind == "strength"
    )


def _trains(item: Item) -> set[str]:
    return set(item.exercise.groups) if item.exercise.kind == "strength" else set()


def _inside(dose: Dose, exercise: Exercise) -> bool:
    limits = exercise.dose_range
    low, high = limits.sets
    if not low <= dose.sets <= high:
        return False
    if dose.reps is not None and (limits.reps is None or not _within(dose.reps, limits.reps)):
        return False
    return dose.hold_seconds is None or (
        limits.hold_seconds is not None and _within(dose.hold_seconds, limits.hold_seconds)
    )


def _within(value: int, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= value <= bounds[1]


def _stepped(dose: Dose, exercise: Exercise, notches: int) -> Dose:
    """`notches` steps up inside the range: repetitions or hold first, then a set."""
    limits = exercise.dose_range
    for _ in range(notches):
        if dose.reps is not None and limits.reps and dose.reps < limits.reps[1]:
            dose = dose._replace(reps=min(limits.reps[1], dose.reps + safety.PROGRESS_REPS_STEP))
        elif (
            dose.hold_seconds is not None
            and limits.hold_seconds
            and dose.hold_seconds < limits.hold_seconds[1]
        ):
            hold = min(limits.hold_seconds[1], dose.hold_seconds + safety.PROGRESS_HOLD_STEP)
            dose = dose._replace(hold_seconds=hold)
        elif dose.sets < limits.sets[1]:
            dose = dose._replace(sets=dose.sets + 1)
    return dose


def _review(prescription: Prescription, note: PrescriptionNote, options: PlanOptions) -> list[str]:
    """The review line, once the week reaches the prescription's review date."""
    if prescription.review is None:
        return []
    end = options.start + dt.timedelta(days=6)
    if prescription.review > end:
        return []
    who = prescription.by or "the clinician who wrote it"
    when = "was" if prescription.review < options.start else "is"
    return [
        f"Your prescription {when} due for review on {prescription.review:%a %d %b %Y}: "
        f"ask {who} to review it before you go on."
    ]


def _week_plan(
    options: PlanOptions,
    policy: Policy,
    sessions: dict[dt.date, Session],
    plan: _Follower,
    note: PrescriptionNote,
    adaptation: Adaptation | None,
    stage: Stage | None,
    spreading: bool,
) -> WeekPlan:
    from .week import pain_notes, planned_days

    days = planned_days(options, policy, sessions)
    strength = [(e.groups, e.sets) for d in days for e in d.exercises if e.kind == "strength"]
    notes = pain_notes(options, spreading)
    departures = _departures(options, sessions)
    from ..models import WeekPlan

    return WeekPlan.model_construct(
        schema_version=3,
        start=options.start,
        options=options,
        days=tuple(days),
        weekly_sets=cast("dict[GroupId, int]", weekly_sets(strength)),
        warnings=(
            *notes,
            *_review(plan.prescription, note, options),
            *plan.warnings,
            *departures,
        ),
        adaptation=adaptation,
        disclaimer=safety.DISCLAIMER,
        red_flags=safety.RED_FLAGS,
        week_of_program=stage.week if stage else None,
        theme=stage.theme if stage else None,
        prescription=note,
    )


def _departures(options: PlanOptions, sessions: dict[dt.date, Session]) -> list[str]:
    """Where the prescription departs from the planner's own rules: exercises above the level
    or needing equipment the user did not list, groups it does not strengthen."""
    from .pool import fits

    found: list[str] = []
    exercises = {i.exercise.id: i.exercise for s in sessions.values() for i in s.items()}
    above = [
        e.name for e in exercises.values() if LEVELS.index(e.level) > LEVELS.index(options.level)
    ]
    gear = [e.name for e in exercises.values() if not fits(e, LEVELS[-1], options.equipment)]
    if above:
        found.append(
            f"Your prescription includes work above the {options.level} level "
            f"({', '.join(above)}): as prescribed."
        )
    if gear:
        needed = sorted(
            {q for e in exercises.values() for q in e.equipment} - set(options.equipment)
        )
        found.append(
            f"Your prescription needs equipment you did not list ({', '.join(needed)}) for "
            f"{', '.join(gear)}."
        )
    trained = {g for s in sessions.values() for g in s.trained()}
    missing = [g for g in GROUPS if g not in trained]
    if missing:
        found.append(f"This week does not strengthen the {group_words(missing)}.")
    return found

"""What a handout owes its reader by CERT, the Consensus on Exercise Reporting Template
(clinical.md [F3]): what they will need, how hard a set should feel, how the programme
progresses, who prescribed it, and a place to note anything that felt wrong. Markdown lines,
for the week's and the programme's handouts alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import safety
from . import wording

if TYPE_CHECKING:
    from ..models import Catalogue, PrescriptionNote, WeekPlan

BEFORE_YOU_START = "Before you start"
YOU_WILL_NEED = "You will need"
HOW_HARD = "How hard each set should feel"
HOW_IT_PROGRESSES = "How the programme progresses"
FELT_WRONG = "Anything that felt wrong"
# Lines to write on, as many as a few notes need; each is a paragraph of its own (a line of
# underscores alone would be a markdown rule, so each starts with its label).
WRITING_LINE = "Date: __________ What happened: ______________________________"
WRITING_LINES = 3

# The planner's equipment, as a shopping list names it.
EQUIPMENT_NAMES = {
    "band": "a resistance band",
    "dumbbells": "a pair of dumbbells",
    "kettlebell": "a kettlebell",
    "barbell": "a barbell with plates",
    "bench": "a weight bench",
    "ball": "an exercise ball",
    "machine": "the gym machines named in the exercises",
}
# Household things the figures draw (their props); a prop not named here belongs to a piece of
# equipment above (a machine's pad or plate) or needs no mention (the floor).
HOUSEHOLD_NAMES = {
    "chair": "a sturdy chair without wheels",
    "step": "a stair or a sturdy step",
    "wall": "a clear stretch of wall",
    "doorframe": "a doorway",
    "towel": "a towel",
    "roll": "a rolled-up towel",
    "pillow": "a pillow",
    "cushion": "a cushion",
    "stick": "a broom handle or walking stick",
    "mat": "an exercise mat or a folded blanket",
}
# Lying and kneeling work wants something soft on the floor, drawn or not.
FLOOR_POSITIONS = ("lying", "kneeling")
FLOOR_COVER = HOUSEHOLD_NAMES["mat"]
ALWAYS = "comfortable clothes and shoes, and water to drink"


def needed(plans: list[WeekPlan], catalogue: Catalogue) -> list[str]:
    """What the planned exercises use, in the order first met: equipment, then the household
    things their figures show, then a floor cover for work lying or kneeling."""
    equipment: list[str] = []
    household: list[str] = []
    floor = False
    for plan in plans:
        for day in plan.days:
            for item in day.exercises:
                equipment += [e for e in item.equipment if e not in equipment]
                exercise = catalogue.exercise(item.id)
                figure = exercise.figure if exercise is not None else None
                for prop in figure.props if figure is not None else ():
                    kind = prop.split("@", 1)[0]
                    if kind in HOUSEHOLD_NAMES and kind not in household:
                        household.append(kind)
                floor = floor or item.position in FLOOR_POSITIONS
    names = [EQUIPMENT_NAMES.get(e, e) for e in equipment]
    names += [HOUSEHOLD_NAMES[h] for h in household if h != "mat"]
    if floor or "mat" in household:
        names.append(FLOOR_COVER)
    return [*names, ALWAYS]


def effort(pain: int) -> str:
    """How hard a set should feel this week (safety.py, with its sources)."""
    return safety.SET_EFFORT_FLARE_UP if wording.flare_up(pain) else safety.SET_EFFORT


def week_progression() -> str:
    """How one week leads to the next: the journal's rules (the contract's journal-aware
    weeks), with safety.py's numbers."""
    return (
        "The plan reads your journal. After two good weeks (pain "
        f"{safety.PROGRESS_MAX_AVERAGE}/10 or less on average, nothing spreading, sessions on "
        f"{safety.PROGRESS_SESSIONS_PER_WEEK} days or more each week), the next week steps up a "
        f"little: {safety.PROGRESS_REPS_STEP} more repetitions, {safety.PROGRESS_HOLD_STEP} "
        "seconds more on a hold, or one more set. If pain rises or spreads, it steps down. So "
        "log each session: sciatica-plan log --pain N --done ID."
    )


def prescription_progression(note: PrescriptionNote) -> str:
    """How a prescribed plan moves on: as its `progress` says, pain always easing it."""
    from .markdown import escape

    who = escape(note.by) if note.by else "your clinician"
    if note.progress == "fixed":
        moves = (
            "The exercises and doses stay as prescribed from week to week; only pain, a "
            "flare-up or symptoms spreading down the leg ease them."
        )
    else:
        moves = (
            "After good weeks in your journal the doses step up a little, within each "
            f"exercise's usual range ({safety.PROGRESS_REPS_STEP} more repetitions, "
            f"{safety.PROGRESS_HOLD_STEP} seconds more on a hold, or one more set); if pain "
            "rises or spreads, they ease off. So log each session: sciatica-plan log --pain N."
        )
    lead = escape(note.by) if note.by else "Your clinician"
    return f"{lead} set this plan. {moves} Ask {who} before changing it."


def programme_progression() -> str:
    """How a programme builds and deloads (safety.py's block of weeks)."""
    build, block = safety.PROGRAM_BUILD_WEEKS, safety.PROGRAM_BLOCK_WEEKS
    low, high = (round(share * 100) for share in safety.DELOAD_SET_SHARE)
    return (
        f"The weeks come in blocks of {block}. In weeks 1 to {build} of a block each exercise "
        f"steps up a little each week ({safety.PROGRESS_REPS_STEP} more repetitions, "
        f"{safety.PROGRESS_HOLD_STEP} seconds more on a hold, or one more set) until it reaches "
        f"the top of its range. Week {block} is lighter, with about {low}-{high}% of the sets, "
        "so your body can catch up. A new block may swap an exercise you have mastered for a "
        "harder one. The table under each exercise gives its dose week by week."
    )


def prescribed(note: PrescriptionNote | None) -> list[str]:
    """Who prescribed the plan, with the date, review and notes; else a line to fill in."""
    from .markdown import escape

    if note is None:
        return ["Prescribed by: ______________________ Review date: ____________", ""]
    who = f"Prescribed by {escape(note.by)}" if note.by else "Prescribed"
    line = f"{who} on {wording.long_date(note.date)}"
    if note.review is not None:
        line += f"; review {wording.long_date(note.review)}"
    lines = [line + ".", ""]
    if note.notes:
        lines += [f"**Notes from your clinician:** {escape(note.notes)}", ""]
    return lines


def before_you_start(plans: list[WeekPlan], catalogue: Catalogue, programme: bool) -> list[str]:
    """The CERT section: what you will need, how hard a set should feel, how the plan moves
    on, and lines to note anything that felt wrong."""
    pain = plans[0].options.pain
    lines = [f"## {BEFORE_YOU_START}", ""]
    lines += [f"**{YOU_WILL_NEED}:** " + "; ".join(needed(plans, catalogue)) + ".", ""]
    lines += [f"**{HOW_HARD}:** {effort(pain)}", ""]
    note = plans[0].prescription
    if note is not None:
        progression = prescription_progression(note)
    else:
        progression = programme_progression() if programme else week_progression()
    lines += [f"**{HOW_IT_PROGRESSES}:** {progression}", ""]
    lines += [
        f"**{FELT_WRONG}** (the date, the exercise and what happened; show your clinician):",
        "",
    ]
    for _ in range(WRITING_LINES):
        lines += [WRITING_LINE, ""]
    return lines

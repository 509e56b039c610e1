"""The guided session in the terminal: a calm card per exercise, a big countdown under it.

`TerminalScreen` draws the states `guide.Session` sends. At a terminal the timer redraws in
place (rich's Live); to a file or pipe each phase is one plain line, so a log stays readable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Group
from rich.constrain import Constrain
from rich.live import Live
from rich.panel import Panel
from rich.segment import Segment, Segments
from rich.table import Table
from rich.text import Text

from ...guide import (
    Countdown,
    ExerciseCard,
    Finished,
    HowItFelt,
    Question,
    RepsSet,
    SessionStart,
    TimeUp,
)
from .. import wording
from .catalogue_views import figure_text, planned_details
from .console import READABLE_WIDTH, emergency_box, say
from .layout import Indented, Parts, bullets
from .plan_views import session_summary

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from ...guide import Outcome, State
    from ...models import Catalogue, Day, PlannedExercise, WeekPlan

# Digits drawn on a 3 x 5 grid of pixels; each pixel is two columns by half a row, so a
# digit is 6 columns by 3 rows, taller than wide, and reads from across the room.
DIGIT_PIXELS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
}
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def _glyph(pixels: tuple[str, ...]) -> tuple[str, str, str]:
    """Two pixel rows to a text row, in half blocks; each pixel two columns wide."""
    rows = [*pixels, "." * len(pixels[0])]
    return tuple(  # type: ignore[return-value]
        "".join(
            HALF_BLOCKS[(top == "#", bottom == "#")] * 2
            for top, bottom in zip(rows[pair], rows[pair + 1], strict=True)
        )
        for pair in (0, 2, 4)
    )


BIG_DIGITS = {ch: _glyph(pixels) for ch, pixels in DIGIT_PIXELS.items()}
BAR_CELLS = 40  # the progress bar's width: a cell is 2.5% of the timer
PHASE_STYLES = {"ready": "bold yellow", "hold": "bold green", "rest": "bold cyan"}
KEYS_DURING = {
    "ready": "Enter  start now    p  pause    s  skip exercise    q  end session",
    "hold": "p  pause    s  skip exercise    q  end session",
    "rest": "Enter  skip the rest    p  pause    s  skip exercise    q  end session",
}
KEYS_PAUSED = "p or Enter  go on    s  skip exercise    q  end session"
KEYS_REPS = "Enter  set done    s  skip exercise    q  end session"
KEYS_CARD = "Enter  start    s  skip this exercise    q  end session"
START_HINT = (
    "Go gently; stop any exercise that makes pain spread down your leg. At the end you are "
    "asked your pain, and the session goes into your journal."
)
# The most lines the live region takes under a card: the timer's box (two borders, its title,
# three rows of digits and the bar) and the keys. A card's body is cut to leave room for it on
# a short screen, so the exercise, its number and the timer are all in view at once.
LIVE_ROWS = 8

# The session's list before it starts has the lines a 24-row screen leaves around it: a title,
# the pain line, the 5-line emergency box, the hint, the keys and blank lines.
START_ROWS = 12


def big_number(text: str, style: str) -> Text:
    """`text` (digits and a colon) three rows tall."""
    rows = [" ".join(BIG_DIGITS[ch][row] for ch in text) for row in range(3)]
    return Text("\n".join(rows), style=style)


def clock_text(seconds: int) -> str:
    """'45', or '4:05' from a minute up."""
    if seconds < 60:
        return str(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def duration_text(seconds: int) -> str:
    """'30 s', '3 min', '2 min 30 s'."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def side_text(side: int | None) -> str:
    return {1: "first side", 2: "second side"}.get(side or 0, "")


def set_text(item: PlannedExercise, set_number: int) -> str:
    """'Set 1 of 2'."""
    return f"Set {set_number} of {item.sets}"


def reps_text(item: PlannedExercise, set_number: int) -> str:
    """'Set 1 of 2: 10 reps (each side)'."""
    each = " (each side)" if item.per_side else ""
    return f"{set_text(item, set_number)}: {item.reps} reps{each}"


# A hold of a minute or more done once is an activity or a resting position, not a held
# contraction: it is named for what it is ("Walk 4 min", not "Hold 4 min. Set 1 of 1").
ACTIVITY_SECONDS = 60
# Words in an exercise's id that name a timed activity, and the title's word for it.
ACTIVITY_WORDS = (("walk", "Walk"), ("march", "March"))


def hold_word(item: PlannedExercise) -> str:
    """'Hold', or what a long single hold is: 'Walk', 'March', 'Rest in this position'."""
    if item.sets == 1 and (item.hold_seconds or 0) >= ACTIVITY_SECONDS:
        for part, word in ACTIVITY_WORDS:
            if part in item.id:
                return word
        if "position-of-ease" in item.tags:
            return "Rest in this position"
    return "Hold"


def countdown_title(timer: Countdown) -> str:
    """What the timer is for, in a few words: 'Hold 30 s. Set 1 of 2, first side', 'Walk 4
    min' (a single set names no set)."""
    item = timer.item
    if timer.phase == "ready":
        return "Change sides" if timer.side == 2 else "Get into position"
    if timer.phase == "rest":
        return f"Rest. Next: set {timer.set_number + 1} of {item.sets}"
    title = f"{hold_word(item)} {duration_text(timer.seconds)}"
    if item.sets > 1:
        title += f". {set_text(item, timer.set_number)}"
    side = side_text(timer.side)
    return title + (f", {side}" if side else "")


def progress_bar(timer: Countdown) -> Text:
    """Cells fill as the timer runs: the time gone, at a glance."""
    done = 1 - timer.remaining / timer.seconds if timer.seconds else 1
    filled = min(BAR_CELLS, max(0, round(done * BAR_CELLS)))
    style = PHASE_STYLES[timer.phase].replace("bold ", "")
    # Heavy for the time gone, light for the time to go: readable without colour too.
    return Text.assemble(("━" * filled, style), ("─" * (BAR_CELLS - filled), "dim"))


def countdown_panel(timer: Countdown) -> RenderableType:
    style = "dim" if timer.paused else PHASE_STYLES[timer.phase]
    title = countdown_title(timer) + ("  (paused)" if timer.paused else "")
    body = Group(
        Text(title, style=style),
        big_number(clock_text(timer.shown_seconds), style),
        progress_bar(timer),
    )
    keys = KEYS_PAUSED if timer.paused else KEYS_DURING[timer.phase]
    return _boxed(timer.item.name, body, style, keys)


def reps_panel(step: RepsSet) -> RenderableType:
    item = step.item
    body = Group(
        Text(reps_text(item, step.set_number), style="bold green"),
        big_number(str(item.reps), "bold green"),
        Text("At your own pace; press Enter when the set is done.", style="dim"),
    )
    return _boxed(item.name, body, "bold green", KEYS_REPS)


def _boxed(name: str, body: Group, style: str, keys: str) -> RenderableType:
    """The live region: a box named after the exercise, the keys under it (7 lines)."""
    panel = Panel(
        body,
        title=Text(name, style="bold"),
        title_align="left",
        box=box.ROUNDED,
        border_style=style,
        padding=(0, 2),
    )
    return Group(panel, _keys(keys))


# The terminal's bell: most terminals beep or flash for it.
BELL = "\a"

# The questions at the end, as the user reads them.
QUESTIONS = {
    "pain": "Your pain now, 0 (none) to 10 (worst): ",
    "leg": "Your leg pain now, 0 to 10 (Enter skips): ",
    "back": "Your back pain now, 0 to 10 (Enter skips): ",
    "spreading": "Have your symptoms spread further down the leg than before? [y/N]: ",
}
FELT_KEYS = "1  easy    2  about right    3  hard    4  painful    Enter  skip"


def _felt_line(question: HowItFelt) -> str:
    return f"How did {question.item.name} feel? {FELT_KEYS}"


def _how_it_felt(question: HowItFelt) -> RenderableType:
    return Group(Text(f"How did {question.item.name} feel?", style="bold"), _keys(FELT_KEYS))


def _keys(text: str) -> Text:
    return Text(text, style="dim")


class TerminalScreen:
    """Draws a guided session on a rich console."""

    def __init__(
        self,
        console: Console,
        plan: WeekPlan,
        catalogue: Catalogue,
        *,
        figures: bool = True,
        quiet: bool = False,
    ) -> None:
        self.console, self.plan, self.catalogue = console, plan, catalogue
        self.figures = figures
        self.quiet = quiet  # no bell at the end of a hold or rest
        self.live: Live | None = None
        self.drawn: object = None  # what the live region shows now, to skip identical redraws
        self.at_terminal = console.is_terminal and not console.is_dumb_terminal

    def show(self, state: State) -> None:
        if isinstance(state, SessionStart):
            self._start(state.day)
        elif isinstance(state, ExerciseCard):
            self._card(state)
        elif isinstance(state, RepsSet):
            line = f"{state.item.name}: {reps_text(state.item, state.set_number)}"
            self._region(("reps", state), reps_panel(state), line)
        elif isinstance(state, Countdown):
            self._countdown(state)
        elif isinstance(state, TimeUp):
            self._bell()
        elif isinstance(state, HowItFelt):
            self._region(("felt", state.number), _how_it_felt(state), _felt_line(state))
        elif isinstance(state, Question):
            self._question(state)
        elif isinstance(state, Finished):
            self._finished(state.outcome)

    def close(self) -> None:
        """Stop redrawing in place (the terminal gets its cursor back)."""
        if self.live is not None:
            self.live.stop()
            self.live = None
        self.drawn = None

    # -- the states ----------------------------------------------------------------------------

    def _start(self, day: Day) -> None:
        pain = self.plan.options.pain
        trains = wording.groups(day.groups) if day.groups else "gentle work"
        self.console.clear()
        say(
            self.console,
            Text.assemble(
                ("Guided session: ", "bold"),
                (wording.day_heading(day.date), "bold"),
                f"  about {day.estimated_minutes} min, {trains}",
            ),
        )
        say(self.console, Parts([wording.pain_source(pain, self.plan.options.pain_from)], "dim"))
        notes = list(self.plan.warnings)
        if self.plan.adaptation is not None:
            notes.append(wording.adaptation(self.plan.adaptation))
        if notes:
            say(self.console, bullets(notes, "bold yellow"))
        self.console.print()
        width = min(self.console.width, READABLE_WIDTH)
        say(self.console, session_summary(day, START_ROWS, width, whole_names=True))
        self.console.print()
        say(self.console, emergency_box())
        say(self.console, Text(START_HINT, style="dim"))
        say(self.console, _keys("Enter  begin    q  leave"))

    def _card(self, card: ExerciseCard) -> None:
        self.close()
        item, pain = card.item, self.plan.options.pain
        self.console.clear()
        where = " · ".join(
            (
                f"Exercise {card.number} of {card.total}",
                wording.BLOCK_LABELS.get(item.block, item.block),
                wording.kind(item.kind, pain),
                item.position,
            )
        )
        head = [Text(where, style="dim"), Text(wording.exercise_name(item), style="bold")]
        exercise = self.catalogue.exercise(item.id)
        details = planned_details(item, exercise, indent=2)
        width = min(self.console.width, READABLE_WIDTH)
        drawing = figure_text(exercise, width) if self.figures and exercise else None
        body: RenderableType = details
        if drawing is not None:  # the drawing beside the steps, as `show` has it beside the facts
            drawn = max(map(len, drawing.plain.splitlines()))
            beside = Table.grid(padding=(0, 2))
            beside.add_column(ratio=1)
            beside.add_column(no_wrap=True, width=drawn)
            beside.add_row(details, drawing)
            body = beside
            # A wide terminal gives the steps their readable width and the drawing its own.
            width = min(self.console.width, READABLE_WIDTH + drawn + 2)
        head_lines = self._lines(Group(*head), min(self.console.width, READABLE_WIDTH))
        lines = self._lines(body, width)
        if self.at_terminal:  # the header and the timer stay on the screen: the body gives way
            room = max(self.console.height - len(head_lines) - LIVE_ROWS - 2, 1)
            if len(lines) > room:
                more = f"(cut to fit the screen; all of it: sciatica-plan show {item.id})"
                note = self._lines(Indented([Text(more, style="dim")], indent=2), width)
                lines = [*lines[: max(room - len(note), 0)], *note]
        shown = [Segments([*line, Segment.line()]) for line in [*head_lines, *lines]]
        self.console.print(*shown, sep="", end="", crop=False)
        self.console.print()
        self._region(("card", card.number), _keys(KEYS_CARD), "Press Enter to start.")

    def _lines(self, renderable: RenderableType, width: int) -> list[list[Segment]]:
        """`renderable` laid out at `width`, line by line (no padding to the width)."""
        options = self.console.options.update_width(width)
        if isinstance(renderable, Text):
            renderable = Indented([renderable])  # wrapped without the space it broke at
        return self.console.render_lines(renderable, options, pad=False)

    def _countdown(self, timer: Countdown) -> None:
        key = ("timer", timer.phase, timer.set_number, timer.side, timer.paused)
        shown = (timer.shown_seconds, round(timer.remaining / timer.seconds * BAR_CELLS))
        if not self.at_terminal:  # one line per phase, not per second
            title = countdown_title(timer) + (" (paused)" if timer.paused else "")
            if timer.phase != "hold":  # a hold's title says its time
                title += f", {duration_text(timer.seconds)}"
            self._region(key, None, f"{timer.item.name}: {title}")
            return
        self._region((key, shown), countdown_panel(timer), "")

    def _bell(self) -> None:
        """The terminal's bell (BEL), at a terminal and unless --quiet: never into a log."""
        if self.at_terminal and not self.quiet:
            self.console.file.write(BELL)
            self.console.file.flush()

    def _region(self, key: object, renderable: RenderableType | None, line: str) -> None:
        """Show `renderable` in the live region (a terminal), or `line` once (a file)."""
        if key == self.drawn:
            return
        self.drawn = key
        if not self.at_terminal:
            self.console.print(Text(line))
            return
        assert renderable is not None
        renderable = Constrain(renderable, READABLE_WIDTH)
        if self.live is None:
            self.live = Live(renderable, console=self.console, auto_refresh=False, transient=True)
            self.live.start(refresh=True)
        else:
            self.live.update(renderable, refresh=True)

    def _question(self, question: Question) -> None:
        self.close()
        if question.problem:
            self.console.print(Text(f"{question.problem}.", style="yellow"))
        text = QUESTIONS[question.topic]
        if question.topic == "pain" and question.problem is None:
            self.console.print()
        self.console.print(Text(text, style="bold"), end="")

    def _finished(self, outcome: Outcome) -> None:
        self.close()
        done, total = len(outcome.completed), len(outcome.completed) + len(outcome.not_done)
        self.console.print()
        if done == total:
            self.console.print(Text(f"Session complete: all {total} exercises done.", style="bold"))
        elif done:
            self.console.print(Text(f"{done} of {total} exercises done.", style="bold"))
        else:
            self.console.print(Text("No exercise done, so nothing is logged.", style="bold"))
        if outcome.completed and outcome.pain is None:
            self.console.print(
                Text(
                    "Not logged. To log it: sciatica-plan log --pain N --done "
                    + ",".join(outcome.completed)
                )
            )

"""The guided session's logic: exercise by exercise, set by set, with timers that do not drift.

Pure: the clock, the keys and the screen come in, so a test runs a whole session in
milliseconds with a fake clock and scripted keys. No click, no rich, no printing; the screen
is told what to show (one of the states below) and decides how it looks.

Timers are deadlines: a countdown reads the clock once to fix its end, then redraws until the
clock reaches it, so a slow screen makes fewer redraws, never a longer hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from .vocabulary import FEELINGS, PAIN_MAX, PAIN_MIN

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from .models import Day, PlannedExercise

# Seconds to get into position before an exercise's first hold, and to change sides.
GET_READY_SECONDS = 5
# The longest a countdown waits for a key between redraws. The deadline ends a timer, never the
# count of ticks, so this only sets how fresh the display is (a tenth of a second reads as
# smooth and keeps an idle session at a few redraws a second).
TICK_SECONDS = 0.1
# Time left below a microsecond is the rounding of adding seconds as floats, not time to show.
CLOCK_RESOLUTION = 1e-6

T = TypeVar("T")
Key = Literal["enter", "skip", "pause", "quit", "easy", "right", "hard", "painful"]
Phase = Literal["ready", "hold", "rest"]


class Keys(Protocol):
    """The keyboard: one key at a time, and a typed line for the questions at the end."""

    def read(self, timeout: float | None) -> Key | None:
        """A key pressed within `timeout` seconds (None: wait for one), else None.
        Ctrl-C raises KeyboardInterrupt; a closed input raises EOFError."""

    def read_line(self) -> str:
        """A typed line, echoed as it is typed (EOFError when the input is closed)."""


class Screen(Protocol):
    """Whatever shows the session: a terminal, or a recorder in the tests."""

    def show(self, state: State) -> None: ...


# -- what the screen is told to show -----------------------------------------------------------


@dataclass(frozen=True)
class SessionStart:
    """The session at a glance, before it begins: Enter begins, q leaves."""

    day: Day


@dataclass(frozen=True)
class ExerciseCard:
    """An exercise's name, position, dose, steps, cues and cautions, shown once; then Enter
    starts it, s skips it, q ends the session."""

    number: int
    total: int
    item: PlannedExercise
    steps: tuple[str, ...]


@dataclass(frozen=True)
class RepsSet:
    """A set of repetitions, done at the user's pace: Enter when done."""

    item: PlannedExercise
    set_number: int


@dataclass(frozen=True)
class Countdown:
    """A timer running (or paused): getting ready, a hold, or a rest between sets."""

    item: PlannedExercise
    phase: Phase
    set_number: int
    seconds: int
    remaining: float
    side: int | None = None  # 1 or 2 for a hold done on each side, else None
    paused: bool = False

    @property
    def shown_seconds(self) -> int:
        """The whole seconds left, as a countdown shows them: 30 until 29 s remain, 1 at the
        end, never 0 while it runs."""
        return max(0, math.ceil(self.remaining - CLOCK_RESOLUTION))


@dataclass(frozen=True)
class TimeUp:
    """A hold or a rest ran its whole time (not ended early): the screen may sound, for
    someone lying on the floor who is not watching it."""

    timer: Countdown


@dataclass(frozen=True)
class HowItFelt:
    """After an exercise done to its last set: how did it feel? One key (1 easy, 2 about right,
    3 hard, 4 painful); Enter or s skips, q ends the session."""

    number: int
    total: int
    item: PlannedExercise


Topic = Literal["pain", "leg", "back", "spreading"]


@dataclass(frozen=True)
class Question:
    """A question at the end: the pain now (overall, then leg and back, which Enter skips), or
    whether symptoms spread. `problem` says why the last answer was not taken."""

    topic: Topic
    problem: str | None = None


@dataclass(frozen=True)
class Outcome:
    """How the session went: what to log, and what to say."""

    completed: tuple[str, ...]  # exercise ids done to the last set, in the session's order
    not_done: tuple[str, ...]  # skipped with s, or not reached
    ended_early: bool  # q or Ctrl-C before the last exercise
    pain: int | None = None  # None: not answered (nothing done, or the questions were left)
    spreading: bool = False
    # How each completed exercise felt, where answered: (exercise id, easy/right/hard/painful).
    felt: tuple[tuple[str, str], ...] = ()
    leg: int | None = None  # leg and back pain at the end, None when skipped
    back: int | None = None

    @property
    def to_log(self) -> bool:
        return bool(self.completed) and self.pain is not None


@dataclass(frozen=True)
class Finished:
    """The session is over; the outcome is shown before it is logged."""

    outcome: Outcome


State = SessionStart | ExerciseCard | RepsSet | Countdown | TimeUp | HowItFelt | Question | Finished


class _EndSession(Exception):
    """q or Ctrl-C: stop the session and go to the questions."""


class _SkipExercise(Exception):
    """s: leave this exercise and go to the next."""


class Session:
    """One guided session; `run()` walks through it and returns what happened."""

    def __init__(
        self,
        day: Day,
        steps: Mapping[str, tuple[str, ...]],
        *,
        clock: Callable[[], float],
        keys: Keys,
        screen: Screen,
    ) -> None:
        self.day, self.steps = day, steps
        self.clock, self.keys, self.screen = clock, keys, screen
        self.drawing_takes = 0.0  # how long the screen took to draw a timer, last time
        # Progress so far, kept here so that a session ended from outside (a signal) can still
        # say what was done.
        self.completed: list[str] = []
        self.felt: list[tuple[str, str]] = []

    def run(self) -> Outcome:
        completed, felt = self.completed, self.felt
        items = self.day.exercises
        ended_early = False
        try:
            self.screen.show(SessionStart(self.day))
            if self._wait({"enter", "quit"}) == "quit":
                raise _EndSession
            for number, item in enumerate(items, start=1):
                try:
                    self._exercise(number, item)
                except _SkipExercise:
                    continue
                completed.append(item.id)
                how = self._how_it_felt(HowItFelt(number, len(items), item))
                if how is not None:
                    felt.append((item.id, how))
        except (_EndSession, KeyboardInterrupt, EOFError):
            ended_early = True
        done = tuple(completed)
        outcome = Outcome(
            done, tuple(i.id for i in items if i.id not in done), ended_early, felt=tuple(felt)
        )
        if done:
            outcome = self._ask(outcome)
        self.screen.show(Finished(outcome))
        return outcome

    # -- one exercise --------------------------------------------------------------------------

    def _exercise(self, number: int, item: PlannedExercise) -> None:
        self.screen.show(ExerciseCard(number, len(self.day.exercises), item, self.steps[item.id]))
        key = self._wait({"enter", "skip", "quit"})
        self._act(key)
        for set_number in range(1, item.sets + 1):
            if item.hold_seconds is None:
                self.screen.show(RepsSet(item, set_number))
                self._act(self._wait({"enter", "skip", "quit"}))
            else:
                self._holds(item, set_number, item.hold_seconds)
            if set_number < item.sets and item.rest_seconds > 0:
                self._countdown(Countdown(item, "rest", set_number, item.rest_seconds, 0.0))

    def _holds(self, item: PlannedExercise, set_number: int, seconds: int) -> None:
        sides: tuple[int | None, ...] = (1, 2) if item.per_side else (None,)
        for side in sides:
            # Get into position before the first hold, and again to change sides; a rest
            # already gave the time before later sets.
            if set_number == 1 or side == 2:
                self._countdown(Countdown(item, "ready", set_number, GET_READY_SECONDS, 0.0, side))
            self._countdown(Countdown(item, "hold", set_number, seconds, 0.0, side))

    @staticmethod
    def _act(key: Key) -> None:
        if key == "skip":
            raise _SkipExercise
        if key == "quit":
            raise _EndSession

    def _how_it_felt(self, question: HowItFelt) -> str | None:
        """One key for how the exercise felt; None when skipped (Enter or s)."""
        self.screen.show(question)
        key = self._wait({"enter", "skip", "quit", *FEELINGS})
        if key == "quit":
            raise _EndSession
        return key if key in FEELINGS else None

    # -- waiting and counting ------------------------------------------------------------------

    def _wait(self, wanted: set[str]) -> Key:
        """The next key among `wanted`; others are ignored."""
        while True:
            key = self.keys.read(None)
            if key is not None and key in wanted:
                return key

    def _countdown(self, timer: Countdown) -> None:
        """Run a timer to its deadline. Enter ends getting ready or a rest early (never a hold);
        p pauses and resumes; s and q leave it."""
        deadline = self.clock() + timer.seconds
        last_shown: int | None = None
        while True:
            remaining = deadline - self.clock()
            if remaining <= CLOCK_RESOLUTION:
                return self._time_up(timer)
            # The timer's first drawing is always made: it says what to do now (a hold shorter
            # than one drawing still shows as a hold). After it, a drawing that would outlast
            # the timer is not started: the screen already shows the last second, and the
            # timer ends on time however slow the screen is. Nor is one that would only show
            # the same number again while the next one comes due: a slow screen waits for that
            # second instead, so it misses none.
            current = _at(timer, remaining)
            stale = current.shown_seconds == last_shown and remaining - self.drawing_takes < (
                current.shown_seconds - 1
            )
            if last_shown is None or (remaining > self.drawing_takes and not stale):
                began = self.clock()
                self.screen.show(current)
                last_shown = current.shown_seconds
                self.drawing_takes = self.clock() - began
                remaining = deadline - self.clock()  # drawing took time: wait only what is left
                if remaining <= CLOCK_RESOLUTION:
                    return self._time_up(timer)
            key = self.keys.read(min(TICK_SECONDS, remaining, _to_next_second(remaining)))
            if key == "enter" and timer.phase != "hold":
                return
            if key == "pause":
                left = max(0.0, deadline - self.clock())
                self._paused(_at(timer, left, paused=True))
                deadline = self.clock() + left
            elif key in ("skip", "quit"):
                self._act(key)

    def _time_up(self, timer: Countdown) -> None:
        """A hold or rest that ran to its end says so; getting ready leads straight on."""
        if timer.phase != "ready":
            self.screen.show(TimeUp(timer))

    def _paused(self, timer: Countdown) -> None:
        self.screen.show(timer)
        key = self._wait({"pause", "enter", "skip", "quit"})
        if key in ("skip", "quit"):
            self._act(key)

    # -- the questions at the end --------------------------------------------------------------

    def _ask(self, outcome: Outcome) -> Outcome:
        """Pain now (overall, then leg and back, each of those skippable) and spreading;
        leaving the questions (Ctrl-C, closed input) logs nothing."""
        try:
            pain = self._answer("pain", _pain)
            leg = self._answer("leg", _pain_or_skip)
            back = self._answer("back", _pain_or_skip)
            spreading = self._answer("spreading", _yes_or_no)
        except (KeyboardInterrupt, EOFError):
            return outcome
        return Outcome(
            outcome.completed,
            outcome.not_done,
            outcome.ended_early,
            pain,
            spreading,
            felt=outcome.felt,
            leg=leg,
            back=back,
        )

    def _answer(self, topic: Topic, parse: Callable[[str], T]) -> T:
        problem: str | None = None
        while True:
            self.screen.show(Question(topic, problem))
            try:
                return parse(self.keys.read_line())
            except ValueError as error:
                problem = str(error)


def _to_next_second(remaining: float) -> float:
    """How long until the countdown's whole number changes (just past it): waking then, a slow
    screen still draws every second, the last one included."""
    shown = math.ceil(remaining - CLOCK_RESOLUTION)
    return max(remaining - (shown - 1) + 2 * CLOCK_RESOLUTION, CLOCK_RESOLUTION)


def _at(timer: Countdown, remaining: float, *, paused: bool = False) -> Countdown:
    return Countdown(
        timer.item, timer.phase, timer.set_number, timer.seconds, remaining, timer.side, paused
    )


def _pain(text: str) -> int:
    word = text.strip()
    if not word:
        raise ValueError(f"type a number from {PAIN_MIN} to {PAIN_MAX}")
    if not word.isdigit() or not PAIN_MIN <= int(word) <= PAIN_MAX:
        raise ValueError(f"{word!r} is not a number from {PAIN_MIN} to {PAIN_MAX}")
    return int(word)


def _pain_or_skip(text: str) -> int | None:
    """A pain score, or None for an empty answer (Enter skips)."""
    return _pain(text) if text.strip() else None


YES = ("y", "yes")
NO = ("", "n", "no")


def _yes_or_no(text: str) -> bool:
    word = text.strip().lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(f"{text.strip()!r}: answer y or n")


def journal_note(outcome: Outcome, planned_for: str | None) -> str:
    """The journal note of a guided session: how much was done, and whose plan it was."""
    total = len(outcome.completed) + len(outcome.not_done)
    note = f"guided session: {len(outcome.completed)} of {total} exercises"
    if outcome.ended_early:
        note += ", stopped early"
    if planned_for:
        note += f"; the plan for {planned_for}"
    return note

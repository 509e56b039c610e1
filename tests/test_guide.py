"""The guided session's logic with a fake clock, scripted keys and a recording screen: whole
sessions in milliseconds, and timers that keep time however slow the screen is."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_planner.guide import (
    GET_READY_SECONDS,
    Countdown,
    ExerciseCard,
    Finished,
    HowItFelt,
    Outcome,
    Question,
    RepsSet,
    Session,
    SessionStart,
    TimeUp,
    journal_note,
)
from sciatica_planner.models import Day, PlannedExercise, PlanOptions
from sciatica_planner.planning import plan_week

if TYPE_CHECKING:
    from collections.abc import Callable

    from sciatica_planner.guide import Key, State
    from sciatica_planner.models import Catalogue


# -- the fakes ---------------------------------------------------------------------------------


class FakeClock:
    """Seconds that pass only when a fake says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Recorder:
    """The screen: records each state with the time it was shown; each drawing costs
    `render_cost` seconds of the fake clock."""

    clock: FakeClock
    render_cost: float = 0.0
    shown: list[tuple[float, State]] = field(default_factory=list)

    def show(self, state: State) -> None:
        self.shown.append((self.clock.now, state))
        self.clock.now += self.render_cost

    @property
    def last(self) -> State:
        return self.shown[-1][1]

    def states(self, kind: type) -> list[Any]:
        return [state for _, state in self.shown if isinstance(state, kind)]


@dataclass
class Move:
    """Press `key` (or raise it, for Ctrl-C) once the screen shows a state `when` accepts,
    after `wait` seconds when the session is waiting for a key."""

    when: Callable[[State], bool]
    key: Key | type[BaseException]
    wait: float = 0.0


@dataclass
class User:
    """Scripted keys: the moves in order; otherwise a patient user who lets every timer run
    and presses Enter a couple of seconds after being asked to."""

    clock: FakeClock
    screen: Recorder
    moves: list[Move] = field(default_factory=list)
    # Pain, leg pain and back pain (Enter skips them), spreading.
    answers: list[str | type[BaseException]] = field(default_factory=lambda: ["3", "", "", "n"])
    pace: float = 2.0

    def read(self, timeout: float | None) -> Key | None:
        if self.moves and self.moves[0].when(self.screen.last):
            move = self.moves.pop(0)
            if timeout is None:
                self.clock.now += move.wait
            if isinstance(move.key, type):
                raise move.key()
            return move.key
        if timeout is None:
            self.clock.now += self.pace
            return "enter"
        assert timeout > 0
        self.clock.now += timeout
        return None

    def read_line(self) -> str:
        answer = self.answers.pop(0)
        if isinstance(answer, type):
            raise answer()
        return answer


def item(
    exercise_id: str,
    sets: int,
    *,
    reps: int | None = None,
    hold: int | None = None,
    rest: int = 30,
    per_side: bool = False,
) -> PlannedExercise:
    return PlannedExercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        kind="strength",
        groups=("glutes",),
        level="beginner",
        equipment=(),
        flare_safe=True,
        tags=(),
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        rest_seconds=rest,
        per_side=per_side,
        position="lying",
        block="main",
        cues=("Breathe out as you lift.",),
        cautions=("Stop if pain spreads down the leg.",),
    )


DAY = Day(
    date=dt.date(2026, 11, 25),
    weekday="Wednesday",
    rest=False,
    estimated_minutes=10,
    groups=("glutes",),
    exercises=(
        item("glute-bridge", 2, reps=10, rest=45),
        item("side-plank", 2, hold=30, rest=20, per_side=True),
        item("wall-sit", 3, hold=30, rest=30),
        item("clamshell", 1, reps=12, per_side=True),
    ),
)
IDS = tuple(i.id for i in DAY.exercises)


def run(
    moves: list[Move] | None = None,
    answers: list[str | type[BaseException]] | None = None,
    *,
    day: Day = DAY,
    render_cost: float = 0.0,
) -> tuple[Outcome, Recorder, FakeClock]:
    clock = FakeClock()
    screen = Recorder(clock, render_cost)
    user = User(clock, screen, list(moves or []), list(answers or ["3", "", "", "n"]))
    steps = {i.id: (f"Do the {i.name.lower()}.",) for i in day.exercises}
    outcome = Session(day, steps, clock=clock, keys=user, screen=screen).run()
    assert not user.moves, f"moves never made: {user.moves}"
    return outcome, screen, clock


def card(exercise_id: str) -> Callable[[State], bool]:
    return lambda s: isinstance(s, ExerciseCard) and s.item.id == exercise_id


def timer(
    exercise_id: str, phase: str, left: float = math.inf, set_number: int = 1
) -> Callable[[State], bool]:
    return lambda s: (
        isinstance(s, Countdown)
        and s.item.id == exercise_id
        and s.phase == phase
        and s.set_number == set_number
        and not s.paused
        and s.remaining <= left
    )


def runs(screen: Recorder) -> list[tuple[Countdown, float, float]]:
    """Each timer run: its first state, when it began and when the next thing was shown (a
    pause splits nothing: the paused state is part of the run)."""
    found: list[tuple[Countdown, float, float]] = []
    current: tuple[Countdown, float] | None = None
    for at, state in screen.shown:
        same = (
            current is not None
            and isinstance(state, Countdown)
            and (state.item, state.phase, state.set_number, state.side)
            == (current[0].item, current[0].phase, current[0].set_number, current[0].side)
        )
        if current is not None and not same:
            found.append((current[0], current[1], at))
            current = None
        if isinstance(state, Countdown) and current is None:
            current = (state, at)
    return found


# -- whole sessions ----------------------------------------------------------------------------


def test_a_complete_session_does_every_set_and_logs_everything() -> None:
    outcome, screen, _ = run(answers=["3", "", "", "n"])
    assert outcome == Outcome(IDS, (), False, 3, False)
    assert outcome.to_log
    assert isinstance(screen.shown[0][1], SessionStart)
    assert [c.number for c in screen.states(ExerciseCard)] == [1, 2, 3, 4]
    assert [(s.item.id, s.set_number) for s in screen.states(RepsSet)] == [
        ("glute-bridge", 1),
        ("glute-bridge", 2),
        ("clamshell", 1),
    ]
    timers = [(t.item.id, t.phase, t.set_number, t.side, t.seconds) for t, _, _ in runs(screen)]
    assert timers == [
        ("glute-bridge", "rest", 1, None, 45),
        ("side-plank", "ready", 1, 1, GET_READY_SECONDS),
        ("side-plank", "hold", 1, 1, 30),
        ("side-plank", "ready", 1, 2, GET_READY_SECONDS),
        ("side-plank", "hold", 1, 2, 30),
        ("side-plank", "rest", 1, None, 20),
        ("side-plank", "hold", 2, 1, 30),  # the rest was the time to get ready
        ("side-plank", "ready", 2, 2, GET_READY_SECONDS),  # to change sides
        ("side-plank", "hold", 2, 2, 30),
        ("wall-sit", "ready", 1, None, GET_READY_SECONDS),
        ("wall-sit", "hold", 1, None, 30),
        ("wall-sit", "rest", 1, None, 30),
        ("wall-sit", "hold", 2, None, 30),
        ("wall-sit", "rest", 2, None, 30),
        ("wall-sit", "hold", 3, None, 30),
    ]
    questions = screen.states(Question)
    assert [q.topic for q in questions] == ["pain", "leg", "back", "spreading"]
    assert isinstance(screen.last, Finished) and screen.last.outcome == outcome


def test_a_planned_day_from_the_catalogue_runs_to_the_end(catalogue: Catalogue) -> None:
    options = PlanOptions(
        days=3, on=("mon", "wed", "fri"), level="intermediate", minutes=45, seed=7,
        start=dt.date(2026, 11, 23),
    )  # fmt: skip
    day = plan_week(catalogue, options).days[0]
    outcome, _, clock = run(day=day, answers=["2", "", "", "y"])
    assert outcome.completed == tuple(i.id for i in day.exercises)
    assert (outcome.pain, outcome.spreading) == (2, True)
    holds = sum(
        i.sets * i.hold_seconds * (2 if i.per_side else 1) for i in day.exercises if i.hold_seconds
    )
    assert clock.now - 1000.0 >= holds  # every hold ran its full time


# -- timers keep time --------------------------------------------------------------------------


@pytest.mark.parametrize("render_cost", [0.0, 0.01, 0.05, 0.15, 0.19, 0.35, 0.9])
def test_a_hold_lasts_its_time_whatever_the_drawing_costs(render_cost: float) -> None:
    _, screen, _ = run(render_cost=render_cost)
    holds = [(t, begun, ended) for t, begun, ended in runs(screen) if t.phase == "hold"]
    assert len(holds) == 7
    for first, begun, ended in holds:
        assert first.shown_seconds == 30  # it starts by showing the whole hold
        assert abs((ended - begun) - 30) <= 0.2, (render_cost, ended - begun)


@given(st.floats(0.0, 1.0), st.integers(1, 600))
@example(render_cost=0.46875, seconds=230)  # it once redrew "2" across the last second's start
@example(render_cost=0.47863108179286573, seconds=435)
@example(render_cost=1.0, seconds=1)  # a hold as short as one drawing was never shown at all
def test_any_timer_ends_on_its_deadline(render_cost: float, seconds: int) -> None:
    day = Day(
        date=DAY.date, weekday="Wednesday", rest=False, estimated_minutes=5, groups=("glutes",),
        exercises=(item("wall-sit", 1, hold=seconds),),
    )  # fmt: skip
    _, screen, _ = run(day=day, render_cost=render_cost)
    (_, begun, ended) = next(r for r in runs(screen) if r[0].phase == "hold")
    assert abs((ended - begun) - seconds) <= 0.2
    shown = [s for s in screen.states(Countdown) if s.phase == "hold"]
    for at, state in screen.shown:
        if isinstance(state, Countdown) and state.phase == "hold":
            # What the screen says is what is left, to the tenth, whenever it is drawn.
            assert abs(state.remaining - (begun + seconds - at)) < 1e-6
    numbers = [s.shown_seconds for s in shown]
    assert numbers == sorted(numbers, reverse=True) and numbers[-1] >= 1
    if render_cost < 0.5:  # every whole second is shown on its way down
        assert set(range(1, seconds + 1)) <= set(numbers)


def test_a_slow_screen_redraws_less_but_holds_no_longer() -> None:
    _, fast, _ = run(render_cost=0.0)
    _, slow, _ = run(render_cost=0.15)
    assert len(slow.states(Countdown)) < len(fast.states(Countdown))


# -- keys --------------------------------------------------------------------------------------


def test_s_skips_an_exercise_at_its_card_or_midway() -> None:
    outcome, screen, _ = run(
        [
            Move(card("glute-bridge"), "skip"),
            Move(timer("wall-sit", "hold", left=12, set_number=2), "skip"),
        ]
    )
    assert outcome.completed == ("side-plank", "clamshell")
    assert outcome.not_done == ("glute-bridge", "wall-sit")
    assert not outcome.ended_early and outcome.to_log
    assert screen.states(RepsSet)[0].item.id == "clamshell"
    assert not [
        t for t in screen.states(Countdown) if t.item.id == "wall-sit" and t.set_number == 3
    ]


def test_p_pauses_and_the_hold_keeps_its_time() -> None:
    outcome, screen, _ = run(
        [
            Move(timer("wall-sit", "hold", left=20), "pause"),
            Move(lambda s: isinstance(s, Countdown) and s.paused, "pause", wait=60),
        ]
    )
    assert outcome.completed == IDS
    paused = [s for s in screen.states(Countdown) if s.paused]
    assert len(paused) == 1 and 19.8 <= paused[0].remaining <= 20
    first = next(r for r in runs(screen) if r[0].item.id == "wall-sit" and r[0].phase == "hold")
    assert abs((first[2] - first[1]) - (30 + 60)) <= 0.2  # 30 s of holding and 60 s of pause
    after = [
        (at, s) for at, s in screen.shown
        if isinstance(s, Countdown) and s.item.id == "wall-sit" and s.phase == "hold"
        and s.set_number == 1 and not s.paused and s.remaining < paused[0].remaining
    ]  # fmt: skip
    assert after[0][1].shown_seconds == paused[0].shown_seconds  # resumes where it stopped


def test_enter_ends_a_rest_or_getting_ready_but_never_a_hold() -> None:
    outcome, screen, _ = run(
        [
            Move(timer("glute-bridge", "rest", left=40), "enter"),
            Move(timer("side-plank", "ready", left=4), "enter"),
            Move(timer("side-plank", "hold", left=25), "enter"),
        ]
    )
    assert outcome.completed == IDS
    spans = {(t.item.id, t.phase, t.set_number, t.side): e - b for t, b, e in runs(screen)}
    assert spans[("glute-bridge", "rest", 1, None)] == pytest.approx(5, abs=0.2)
    assert spans[("side-plank", "ready", 1, 1)] == pytest.approx(1, abs=0.2)
    assert spans[("side-plank", "hold", 1, 1)] == pytest.approx(30, abs=0.2)


@pytest.mark.parametrize("stop", ["quit", KeyboardInterrupt, EOFError])
def test_quitting_midway_asks_and_keeps_what_was_done(stop: Any) -> None:
    outcome, screen, _ = run(
        [Move(timer("wall-sit", "hold", left=10, set_number=2), stop)], ["5", "", "", "y"]
    )
    assert outcome == Outcome(
        ("glute-bridge", "side-plank"), ("wall-sit", "clamshell"), True, 5, True
    )
    assert [q.topic for q in screen.states(Question)] == ["pain", "leg", "back", "spreading"]


def felt_for(exercise_id: str) -> Callable[[State], bool]:
    return lambda s: isinstance(s, HowItFelt) and s.item.id == exercise_id


def test_each_completed_exercise_asks_how_it_felt_with_one_key() -> None:
    outcome, screen, _ = run(
        [
            Move(felt_for("glute-bridge"), "easy"),
            Move(card("side-plank"), "skip"),
            Move(felt_for("wall-sit"), "enter"),  # Enter skips the question
            Move(felt_for("clamshell"), "painful"),
        ],
        ["4", "5", "2", "n"],
    )
    # Asked after each exercise done to its last set, never after a skipped one.
    assert [q.item.id for q in screen.states(HowItFelt)] == [
        "glute-bridge",
        "wall-sit",
        "clamshell",
    ]
    assert outcome.felt == (("glute-bridge", "easy"), ("clamshell", "painful"))
    assert (outcome.pain, outcome.leg, outcome.back) == (4, 5, 2)


def test_q_at_how_it_felt_ends_the_session_keeping_that_exercise() -> None:
    outcome, _, _ = run([Move(felt_for("side-plank"), "quit")])
    assert outcome.completed == ("glute-bridge", "side-plank") and outcome.ended_early
    assert outcome.felt == ()


def test_q_at_a_card_ends_before_that_exercise() -> None:
    outcome, _, _ = run([Move(card("clamshell"), "quit")])
    assert outcome.completed == ("glute-bridge", "side-plank", "wall-sit")
    assert outcome.ended_early and outcome.not_done == ("clamshell",)


@pytest.mark.parametrize("stop", ["quit", KeyboardInterrupt])
def test_nothing_done_asks_nothing_and_logs_nothing(stop: Any) -> None:
    outcome, screen, _ = run([Move(lambda s: isinstance(s, SessionStart), stop)])
    assert outcome == Outcome((), IDS, True)
    assert not outcome.to_log
    assert not screen.states(Question) and not screen.states(ExerciseCard)


def test_everything_skipped_logs_nothing() -> None:
    outcome, screen, _ = run([Move(card(i), "skip") for i in IDS])
    assert outcome == Outcome((), IDS, False) and not outcome.to_log
    assert not screen.states(Question)


# -- the questions at the end ------------------------------------------------------------------


def test_answers_are_asked_again_until_they_make_sense() -> None:
    outcome, screen, _ = run(answers=["eleven", "11", " 4 ", "", "x", "3", "maybe", "YES"])
    assert (outcome.pain, outcome.spreading) == (4, True)
    assert (outcome.leg, outcome.back) == (None, 3)
    problems = [(q.topic, q.problem) for q in screen.states(Question)]
    assert problems == [
        ("pain", None),
        ("pain", "'eleven' is not a number from 0 to 10"),
        ("pain", "'11' is not a number from 0 to 10"),
        ("leg", None),
        ("back", None),
        ("back", "'x' is not a number from 0 to 10"),
        ("spreading", None),
        ("spreading", "'maybe': answer y or n"),
    ]


def test_an_empty_answer_means_not_spreading() -> None:
    outcome, _, _ = run(answers=["0", "", "", ""])
    assert (outcome.pain, outcome.spreading) == (0, False)
    assert (outcome.leg, outcome.back) == (None, None)  # Enter skips leg and back


@pytest.mark.parametrize("leave", [KeyboardInterrupt, EOFError])
def test_leaving_the_questions_logs_nothing(leave: type[BaseException]) -> None:
    outcome, _, _ = run(answers=["2", leave])
    assert outcome.completed == IDS and outcome.pain is None and not outcome.to_log


def test_the_note_says_how_much_was_done() -> None:
    full = Outcome(IDS, (), False, 3)
    assert journal_note(full, None) == "guided session: 4 of 4 exercises"
    part = Outcome(IDS[:1], IDS[1:], True, 3)
    assert journal_note(part, "Fri 27 Nov") == (
        "guided session: 1 of 4 exercises, stopped early; the plan for Fri 27 Nov"
    )


# -- the end of a timer --------------------------------------------------------------------------


def test_each_hold_and_rest_that_runs_out_is_announced_at_its_end() -> None:
    _, screen, _ = run()
    ended = [(at, s.timer) for at, s in screen.shown if isinstance(s, TimeUp)]
    expected = [
        (t.item.id, t.phase, t.set_number, t.side)
        for t, _, _ in runs(screen)
        if t.phase in ("hold", "rest")
    ]
    assert [(t.item.id, t.phase, t.set_number, t.side) for _, t in ended] == expected
    assert len(ended) == 1 + (4 + 1) + (3 + 2)  # the bridge's rest; plank; wall sit
    ends = {(t.item.id, t.phase, t.set_number, t.side): end for t, _, end in runs(screen)}
    for at, t in ended:  # announced as its time ran out, not later
        assert at == ends[(t.item.id, t.phase, t.set_number, t.side)]


def test_a_rest_ended_with_enter_or_getting_ready_is_not_announced() -> None:
    _, screen, _ = run([Move(timer("glute-bridge", "rest", left=40), "enter")])
    ended = [(s.timer.item.id, s.timer.phase) for s in screen.states(TimeUp)]
    assert ("glute-bridge", "rest") not in ended
    assert all(phase != "ready" for _, phase in ended)
    assert ("wall-sit", "rest") in ended

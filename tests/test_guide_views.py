"""The guided session's screens: what a timer is called, names whole on the start screen, the
header in view on a 24-line terminal, and the bell."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

import pytest
from rich.console import Console
from test_guide import item

from sciatica_planner.guide import Countdown, ExerciseCard, SessionStart, TimeUp
from sciatica_planner.models import Day, PlanOptions
from sciatica_planner.planning import plan_week
from sciatica_planner.render.terminal import guide_views
from sciatica_planner.render.terminal.guide_views import (
    LIVE_ROWS,
    TerminalScreen,
    countdown_panel,
    countdown_title,
)
from sciatica_planner.vocabulary import DEFAULT_SPREAD

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue, PlannedExercise, WeekPlan

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")


def hold(exercise: PlannedExercise, set_number: int = 1, side: int | None = None) -> str:
    seconds = exercise.hold_seconds or 0
    return countdown_title(Countdown(exercise, "hold", set_number, seconds, seconds, side))


def test_a_walk_is_a_walk_in_minutes_not_a_set_of_one(catalogue: Catalogue) -> None:
    walk = catalogue.exercise("easy-walk")
    assert walk is not None
    planned = item("easy-walk", 1, hold=240, rest=0)
    assert hold(planned) == "Walk 4 min"
    assert hold(item("marching-on-the-spot", 1, hold=120, rest=0)) == "March 2 min"
    resting = item("back-lying-pillows-under-knees", 1, hold=180, rest=0)
    resting = resting.model_copy(update={"tags": ("position-of-ease",)})
    assert hold(resting) == "Rest in this position 3 min"


def test_a_hold_names_its_set_only_when_there_are_several() -> None:
    assert hold(item("wall-sit", 1, hold=30)) == "Hold 30 s"
    assert hold(item("wall-sit", 3, hold=30), 2) == "Hold 30 s. Set 2 of 3"
    assert hold(item("side-plank", 2, hold=20, per_side=True), 1, 2) == (
        "Hold 20 s. Set 1 of 2, second side"
    )
    assert hold(item("side-plank", 1, hold=20, per_side=True), 1, 1) == "Hold 20 s, first side"
    # a long hold done in several sets is still a hold (a plank for a minute, twice)
    assert hold(item("easy-walk", 2, hold=60), 1) == "Hold 1 min. Set 1 of 2"


# -- on a terminal of 80 x 24 ----------------------------------------------------------------


def terminal(width: int = 80, height: int = 24) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=width, height=height, color_system=None)
    return console, out


def screen_lines(out: io.StringIO) -> list[str]:
    text = ANSI.sub("", out.getvalue().replace("\x1b[2J\x1b[H", ""))
    return text.split("\n")


def week(catalogue: Catalogue, level: str = "advanced", minutes: int = 60) -> WeekPlan:
    options = PlanOptions(
        days=3,
        on=DEFAULT_SPREAD[3],
        level=level,
        equipment=("band", "dumbbells", "kettlebell", "bench", "ball"),
        minutes=minutes,
        pain=0,
        seed=3,
        start=dt.date(2026, 11, 23),
    )
    return plan_week(catalogue, options)


def first_day(plan: WeekPlan) -> Day:
    return next(d for d in plan.days if not d.rest)


@pytest.mark.parametrize("height", [24, 20])
def test_the_header_and_the_timer_stay_in_view_however_long_the_card(
    catalogue: Catalogue, height: int
) -> None:
    plan = week(catalogue)
    day = first_day(plan)
    cut = 0
    for number, planned in enumerate(day.exercises, start=1):
        console, out = terminal(height=height)
        screen = TerminalScreen(console, plan, catalogue)
        steps = catalogue.exercise(planned.id).steps  # type: ignore[union-attr]
        screen.show(ExerciseCard(number, len(day.exercises), planned, steps))
        card = screen_lines(out)
        keys = next(n for n, line in enumerate(card) if "Enter  start" in line)
        screen.close()
        # the card above its keys, with the tallest live region in place of the keys, fits
        assert keys + LIVE_ROWS <= height - 1, (planned.id, keys)
        assert card[0].startswith(f"Exercise {number} of {len(day.exercises)}")
        assert planned.name in " ".join(card[:3])
        if any("cut to fit the screen" in line for line in card):
            cut += 1
            assert f"sciatica-plan show {planned.id}" in " ".join(" ".join(card).split())
    assert cut, "no card was long enough to need cutting: the test proves nothing"
    # the live region at its tallest is what LIVE_ROWS leaves room for
    timer = Countdown(day.exercises[0], "rest", 1, 90, 90.0)
    console, out = terminal()
    console.print(countdown_panel(timer))
    assert len(out.getvalue().splitlines()) == LIVE_ROWS


def test_a_tall_terminal_shows_the_whole_card(catalogue: Catalogue) -> None:
    plan = week(catalogue)
    day = first_day(plan)
    for number, planned in enumerate(day.exercises, start=1):
        console, out = terminal(height=200)
        screen = TerminalScreen(console, plan, catalogue)
        steps = catalogue.exercise(planned.id).steps  # type: ignore[union-attr]
        screen.show(ExerciseCard(number, len(day.exercises), planned, steps))
        screen.close()
        text = " ".join(screen_lines(out))
        assert "cut to fit" not in text
        assert all(" ".join(step.split()[:3]) in " ".join(text.split()) for step in steps)


def whole(name: str, text: str) -> bool:
    """Every word of `name`, in order, in `text` (a name wrapped in a list has its dose and
    rest beside its first line)."""
    return re.search(r"\s.*?".join(re.escape(word) for word in name.split()), text) is not None


@pytest.mark.parametrize("width", [80, 50])
def test_the_start_screen_shows_every_name_whole(catalogue: Catalogue, width: int) -> None:
    plan = week(catalogue)
    day = first_day(plan)
    console, out = terminal(width=width, height=24)
    TerminalScreen(console, plan, catalogue).show(SessionStart(day))
    text = " ".join(" ".join(screen_lines(out)).split())
    assert "…" not in text
    for planned in day.exercises:
        # every word, in order (a wrapped name's dose and rest sit beside its first line)
        assert whole(planned.name, text), planned.name


def test_a_long_session_with_long_names_starts_on_one_screen(catalogue: Catalogue) -> None:
    """The tallest start screen measured (advanced, band and dumbbells: 27 lines with the
    rests, 23 without): its names whole, its keys still on a 24-line screen."""
    options = PlanOptions(
        days=3,
        on=DEFAULT_SPREAD[3],
        level="advanced",
        equipment=("band", "dumbbells"),
        minutes=60,
        pain=0,
        seed=3,
        start=dt.date(2026, 11, 23),
    )
    plan = plan_week(catalogue, options)
    day = plan.days[2]  # Wednesday
    console, out = terminal()
    TerminalScreen(console, plan, catalogue).show(SessionStart(day))
    lines = screen_lines(out)
    assert next(n for n, line in enumerate(lines) if "Enter  begin" in line) < 24
    text = " ".join(" ".join(lines).split())
    assert "…" not in text and all(whole(p.name, text) for p in day.exercises)


def test_the_start_screen_keeps_two_columns_only_for_whole_names() -> None:
    from sciatica_planner.render.terminal.plan_views import session_summary

    long = "Side-lying hip adduction, lower leg lifted, top foot on a chair"
    exercises = tuple(
        item(f"x-{n}", 2, reps=10).model_copy(update={"name": f"{long} {n}"}) for n in range(14)
    )
    day = Day(
        date=dt.date(2026, 11, 25),
        weekday="Wednesday",
        rest=False,
        estimated_minutes=30,
        groups=("glutes",),
        exercises=exercises,
    )
    console, out = terminal()
    console.print(session_summary(day, 12, 80, whole_names=True))
    text = " ".join(out.getvalue().split())
    assert "…" not in text
    assert all(whole(f"{long} {n}", text) for n in range(14))
    console, out = terminal()
    console.print(session_summary(day, 12, 80))  # today's last screen: cut, in two columns
    assert "…" in out.getvalue()


# -- the bell ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("quiet", "rings"), [(False, True), (True, False)])
def test_the_bell_sounds_when_a_hold_or_rest_runs_out_unless_quiet(
    catalogue: Catalogue, quiet: bool, rings: bool
) -> None:
    plan = week(catalogue, "beginner", 30)
    planned = first_day(plan).exercises[0]
    console, out = terminal()
    screen = TerminalScreen(console, plan, catalogue, quiet=quiet)
    timer = Countdown(planned, "hold", 1, 30, 0.0)
    screen.show(timer)
    before = out.getvalue().count(guide_views.BELL)
    screen.show(TimeUp(timer))
    screen.close()
    assert before == 0
    assert out.getvalue().count(guide_views.BELL) == (1 if rings else 0)


def test_no_bell_goes_into_a_log(catalogue: Catalogue) -> None:
    plan = week(catalogue, "beginner", 30)
    planned = first_day(plan).exercises[0]
    out = io.StringIO()
    screen = TerminalScreen(Console(file=out, width=80), plan, catalogue)
    timer = Countdown(planned, "hold", 1, 30, 0.0)
    screen.show(timer)
    screen.show(TimeUp(timer))
    assert guide_views.BELL not in out.getvalue()

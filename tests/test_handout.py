"""The handout's words (CONTRACT.md, "Pages for people"): the CERT items, who prescribed it,
and a programme that says each exercise's instructions once with its dose week by week."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import pytest
from markdown_it import MarkdownIt

from sciatica_planner import safety
from sciatica_planner.cli import cli
from sciatica_planner.models import PlanOptions, PrescriptionNote
from sciatica_planner.planning import plan_week
from sciatica_planner.progression import plan_program
from sciatica_planner.render import cert, wording
from sciatica_planner.render.html import LARGE_STYLE, program_html, week_html
from sciatica_planner.render.markdown import HOW_TO, LIVING_WITH, WARNING_SIGNS, week_markdown
from sciatica_planner.render.programme import (
    AT_A_GLANCE,
    SESSIONS,
    program_markdown,
    week_span,
)

if TYPE_CHECKING:
    from pathlib import Path

    from click.testing import CliRunner

    from sciatica_planner.models import Catalogue, WeekPlan

PARSER = MarkdownIt("commonmark").enable("table")
START = dt.date(2026, 11, 30)


def options(**changes: object) -> PlanOptions:
    values: dict[str, object] = {
        "days": 3, "on": ("mon", "wed", "fri"), "level": "beginner", "equipment": (),
        "minutes": 30, "pain": 0, "seed": 20261130, "start": START,
    }  # fmt: skip
    values.update(changes)
    return PlanOptions.model_validate(values)


@pytest.fixture(scope="module")
def default_week(catalogue: Catalogue) -> WeekPlan:
    return plan_week(catalogue, options())


@pytest.fixture(scope="module")
def programme(catalogue: Catalogue) -> list[WeekPlan]:
    return plan_program(catalogue, options(), 12)


def section(text: str, heading: str) -> str:
    """A `## heading` section's markdown, up to the next `## `."""
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_a_week_says_what_you_need_how_hard_how_it_progresses_and_what_felt_wrong(
    catalogue: Catalogue, default_week: WeekPlan
) -> None:
    text = week_markdown(default_week, catalogue)
    before = section(text, cert.BEFORE_YOU_START)
    # What you will need: the household things the figures show, a floor cover for lying work.
    ids = {item.id for day in default_week.days for item in day.exercises}
    figures = [catalogue.by_id[ident].figure for ident in ids]
    props = {p.split("@")[0] for figure in figures if figure is not None for p in figure.props}
    need = before.split(f"**{cert.YOU_WILL_NEED}:** ", 1)[1].split("\n", 1)[0]
    for prop in props & cert.HOUSEHOLD_NAMES.keys():
        assert cert.HOUSEHOLD_NAMES[prop] in need
    assert cert.FLOOR_COVER in need  # the week has lying work
    assert not any(name in need for name in cert.EQUIPMENT_NAMES.values())  # no equipment
    # How hard a set should feel: safety.py's words, with its numbers.
    assert f"**{cert.HOW_HARD}:** {safety.SET_EFFORT}" in before
    assert f"{safety.REPS_IN_HAND} more good ones" in safety.SET_EFFORT
    assert f"{safety.PAIN_DURING_EXERCISE_MAX}/10" in safety.SET_EFFORT
    assert f"**{cert.HOW_IT_PROGRESSES}:** {cert.week_progression()}" in before
    assert f"{safety.PROGRESS_REPS_STEP} more repetitions" in cert.week_progression()
    # A line to note anything that felt wrong, with room to write.
    assert f"**{cert.FELT_WRONG}**" in before
    assert before.count(cert.WRITING_LINE) == cert.WRITING_LINES
    # It comes before the instructions, and nothing in it is markup from outside.
    assert text.index(cert.BEFORE_YOU_START) < text.index(f"## {HOW_TO}")


def test_you_will_need_names_the_equipment_used_and_only_that(catalogue: Catalogue) -> None:
    everything = ("band", "dumbbells", "kettlebell", "barbell", "bench", "ball", "machine")
    plan = plan_week(catalogue, options(level="advanced", equipment=everything, minutes=45))
    used = {e for day in plan.days for item in day.exercises for e in item.equipment}
    need = cert.needed([plan], catalogue)
    assert used  # the check below means something
    for name, words in cert.EQUIPMENT_NAMES.items():
        assert (words in need) == (name in used), name
    assert need[-1] == cert.ALWAYS


def test_a_flare_up_week_asks_for_gentle_sets(catalogue: Catalogue) -> None:
    plan = plan_week(catalogue, options(pain=8))
    text = week_markdown(plan, catalogue)
    assert safety.SET_EFFORT_FLARE_UP in text
    assert safety.SET_EFFORT not in text


def test_without_a_prescription_the_handout_leaves_a_line_for_who_prescribed_it(
    catalogue: Catalogue, default_week: WeekPlan
) -> None:
    assert default_week.prescription is None
    text = week_markdown(default_week, catalogue)
    first_page = text.split("\n## ", 1)[0]
    assert "Prescribed by: ______________________ Review date: ____________" in first_page


HOSTILE_NOTE = "Little *and* often <script>alert(1)</script> [x](javascript:alert(1))"


@pytest.mark.parametrize("render", ["week", "programme"])
def test_a_prescription_says_who_prescribed_it_when_and_the_review_as_inert_text(
    catalogue: Catalogue, default_week: WeekPlan, programme: list[WeekPlan], render: str
) -> None:
    note = PrescriptionNote(
        by="A. Physio, MCSP <b>", date=dt.date(2026, 12, 1), review=dt.date(2027, 1, 12),
        path="/home/me/prescription.yaml", notes=HOSTILE_NOTE,
    )  # fmt: skip
    if render == "week":
        plan = default_week.model_copy(update={"prescription": note})
        text, page = week_markdown(plan, catalogue), week_html(plan, catalogue)
    else:
        plans = [week.model_copy(update={"prescription": note}) for week in programme]
        text, page = program_markdown(plans, catalogue), program_html(plans, catalogue)
    first_page = text.split("\n## ", 1)[0]
    assert (
        r"Prescribed by A. Physio, MCSP \<b\> on Tuesday 1 December 2026; "
        "review Tuesday 12 January 2027." in first_page
    )
    assert "Prescribed by: ____" not in text
    assert "**Notes from your clinician:** Little \\*and\\* often" in first_page
    # In the page it is text: no tags, links or emphasis come from the prescription.
    body = page.split("<main>", 1)[1]
    assert "<script>" not in body and "<b>" not in body and "<a " not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Prescribed by A. Physio, MCSP &lt;b&gt; on Tuesday 1 December 2026" in body
    assert "Little *and* often" in body


def test_a_prescription_without_a_name_or_review_says_only_what_it_has(
    catalogue: Catalogue, default_week: WeekPlan
) -> None:
    note = PrescriptionNote(by=None, date=dt.date(2026, 12, 1), review=None, path="p.yaml")
    text = week_markdown(default_week.model_copy(update={"prescription": note}), catalogue)
    assert "Prescribed on Tuesday 1 December 2026.\n" in text
    assert "review" not in text.split("\n## ", 1)[0].lower().split("prescribed on")[1]


def test_week_span_reads_as_runs() -> None:
    assert week_span([4]) == "Week 4"
    assert week_span([1, 2, 3]) == "Weeks 1-3"
    assert week_span([2, 3, 5, 6, 7, 9, 10, 11]) == "Weeks 2-3, 5-7 and 9-11"
    assert week_span([12, 4, 8]) == "Weeks 4, 8 and 12"


def headings(text: str, level: int) -> list[str]:
    tokens = PARSER.parse(text)
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def test_a_programme_says_each_exercise_once_with_its_dose_week_by_week(
    catalogue: Catalogue, programme: list[WeekPlan]
) -> None:
    text = program_markdown(programme, catalogue)
    assert headings(text, 2) == [
        AT_A_GLANCE, SESSIONS, cert.BEFORE_YOU_START, HOW_TO, WARNING_SIGNS, LIVING_WITH,
    ]  # fmt: skip
    # Each exercise's instructions once, steps included.
    ids = list(dict.fromkeys(i.id for p in programme for d in p.days for i in d.exercises))
    how_to = section(text, HOW_TO)
    names = headings(how_to, 3)
    assert len(names) == len(ids)
    entries = re.split(r"^### ", how_to, flags=re.MULTILINE)[1:]
    for ident, entry in zip(ids, entries, strict=True):
        assert how_to.count(f"`{ident}`") == 1 and f"`{ident}`" in entry
        steps = catalogue.by_id[ident].steps
        assert all(f"{n}. {step}" in entry for n, step in enumerate(steps, start=1))
    # The dose table under each exercise covers each week it is planned in, exactly once,
    # with that week's dose.
    for ident, entry in zip(ids, entries, strict=True):
        rows = re.findall(r"^\| ([0-9][0-9 ,and-]*) \| ([^|]+) \| ([^|]+) \|$", entry, re.M)
        covered: dict[int, str] = {}
        for weeks, dose, _rest in rows:
            for week in expand(weeks):
                assert week not in covered
                covered[week] = dose.strip()
        planned: dict[int, set[str]] = {}
        for plan in programme:
            assert plan.week_of_program is not None
            doses = {
                wording.planned_dose(i) for d in plan.days for i in d.exercises if i.id == ident
            }
            if doses:
                planned[plan.week_of_program] = doses
        assert set(covered) == set(planned)
        for week, doses in planned.items():
            assert all(dose in covered[week] for dose in doses)
    # The warning signs and the education once.
    for urgency in safety.URGENCIES:
        for sign in urgency.signs:
            assert text.count(f"\n- {sign}\n") == 1
    for lesson in safety.EDUCATION:
        assert text.count(lesson.text) == 1
    assert text.count(safety.DISCLAIMER) == 1


def expand(weeks: str) -> list[int]:
    """'2-3, 5-7 and 9-11' as [2, 3, 5, 6, 7, 9, 10, 11]."""
    out: list[int] = []
    for part in re.split(r", | and ", weeks.strip()):
        low, _, high = part.partition("-")
        out += list(range(int(low), int(high or low) + 1))
    return out


def test_a_programme_summary_has_a_row_a_week_and_every_session_day(
    catalogue: Catalogue, programme: list[WeekPlan]
) -> None:
    text = program_markdown(programme, catalogue)
    glance = section(text, AT_A_GLANCE)
    rows = re.findall(
        r"^\| (\d+) \| [^|]+ \| (build|lighter) \| [^|]+ \| ([^|]*) \|$", glance, re.M
    )
    assert [int(week) for week, _, _ in rows] == list(range(1, 13))
    for plan, (_, theme, ticks) in zip(programme, rows, strict=True):
        assert theme == ("lighter" if plan.theme == "deload" else "build")
        assert ticks.count("\u2610") == sum(not day.rest for day in plan.days)
    # Each training day of each week is in one of the sessions, its exercises in order.
    sessions = section(text, SESSIONS)
    for plan in programme:
        for day in plan.days:
            if day.rest:
                continue
            entries = [s for s in sessions.split("\n\n") if f"{day.date:%a}" in s.split(".**")[0]]
            matching = [
                s
                for s in entries
                if plan.week_of_program in expand(s.split(":")[0].split(" ", 1)[1].strip("*"))
            ]
            assert len(matching) == 1, (plan.week_of_program, day.date)
            positions = [matching[0].index(item.name) for item in day.exercises]
            assert positions == sorted(positions)


def test_a_programme_prints_in_far_fewer_words_than_its_weeks(
    catalogue: Catalogue, programme: list[WeekPlan]
) -> None:
    """The old handout repeated every week in full; the programme says each thing once."""
    together = len(program_markdown(programme[:4], catalogue).split())
    apart = sum(len(week_markdown(plan, catalogue).split()) for plan in programme[:4])
    assert together < apart / 2


def test_export_large_print_is_for_the_html_handout(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "week.html"
    result = runner.invoke(cli, ["export", "--no-journal", "--large-print", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    assert LARGE_STYLE in page.read_text(encoding="utf-8")
    normal = tmp_path / "normal.html"
    assert runner.invoke(cli, ["export", "--no-journal", "-o", str(normal)]).exit_code == 0
    assert LARGE_STYLE not in normal.read_text(encoding="utf-8")
    programme = tmp_path / "programme.html"
    result = runner.invoke(
        cli, ["export", "--no-journal", "--weeks", "2", "--large-print", "-o", str(programme)]
    )
    assert result.exit_code == 0, result.stderr
    assert LARGE_STYLE in programme.read_text(encoding="utf-8")
    for suffix in ("md", "json", "ics"):
        target = tmp_path / f"week.{suffix}"
        result = runner.invoke(cli, ["export", "--no-journal", "--large-print", "-o", str(target)])
        assert result.exit_code == 2
        assert "Error: --large-print" in result.stderr and "Traceback" not in result.stderr
        assert not target.exists()

"""The renderers on hand-built weeks (terminal, markdown, HTML, iCalendar), each export checked
with a real parser: markdown-it-py, html.parser, icalendar."""

from __future__ import annotations

import datetime as dt
import io
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from sciatica_planner import safety
from sciatica_planner.models import Catalogue, WeekPlan
from sciatica_planner.render import wording
from sciatica_planner.render.cert import BEFORE_YOU_START
from sciatica_planner.render.html import program_html, week_html
from sciatica_planner.render.ics import CalendarTimes, event_uid, week_ics
from sciatica_planner.render.markdown import (
    FILL_IN,
    GLANCE,
    HOW_TO,
    LIVING_WITH,
    TICK_BOX,
    WARNING_SIGNS,
    escape,
    same_sessions,
    week_markdown,
)
from sciatica_planner.render.programme import program_markdown
from sciatica_planner.render.terminal.catalogue_views import show_exercise
from sciatica_planner.render.terminal.console import make_console
from sciatica_planner.render.terminal.plan_views import show_day, show_week
from sciatica_planner.vocabulary import GROUPS

HOSTILE = "Evil | *bold* <script>alert(1)</script> [link](javascript:alert(1)) &amp; `code`"
PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")
MONDAY = dt.date(2026, 11, 30)
STRENGTH_WORD = re.compile(r"\bstrength\b", re.IGNORECASE)

# id: (kind, groups, position, per_side, sets, reps, hold)
EXERCISES: dict[str, tuple[str, list[str], str, bool, int, int | None, int | None]] = {
    "cat-camel": ("warm-up", ["lower-back"], "kneeling", False, 1, 8, None),
    "glute-bridge": ("strength", ["glutes", "hamstrings"], "lying", False, 2, 10, None),
    "clamshell": ("strength", ["hip-abductors-adductors"], "lying", True, 2, 12, None),
    "sit-to-stand": ("strength", ["quadriceps"], "seated", False, 2, 8, None),
    "hamstring-stretch": ("stretch", ["hamstrings"], "lying", True, 2, None, 30),
}
RANGES = {
    "cat-camel": {"sets": [1, 1], "reps": [6, 10]},
    "glute-bridge": {"sets": [1, 3], "reps": [8, 12]},
    "clamshell": {"sets": [1, 3], "reps": [10, 15]},
    "sit-to-stand": {"sets": [2, 3], "reps": [8, 8]},
    "hamstring-stretch": {"sets": [2, 3], "hold_seconds": [30, 45]},
}
BLOCK_OF = {"warm-up": "warm-up", "mobility": "warm-up", "strength": "main", "stretch": "cool-down"}


def catalogue_data(name: str = "{id}", text: str = "") -> dict[str, Any]:
    exercises = []
    for ident, (kind, groups, position, per_side, sets, reps, hold) in EXERCISES.items():
        entry: dict[str, Any] = {
            "id": ident,
            "name": name.format(id=ident.replace("-", " ").capitalize()),
            "kind": kind,
            "groups": groups,
            "level": "beginner",
            "sets": sets,
            "rest_seconds": 30,
            "flare_safe": True,
            "steps": [f"{text}Step one of {ident}.", f"{text}Step two of {ident}."],
            "cues": [f"{text}Catalogue cue of {ident}."],
            "cautions": [f"{text}Catalogue caution of {ident}."],
            "source": "added",
            "per_side": per_side,
            "position": position,
            "dose_range": RANGES[ident],
        }
        entry["reps" if reps is not None else "hold_seconds"] = reps or hold
        exercises.append(entry)
    return {
        "groups": [
            {"id": g, "name": g.title(), "muscles": [g], "why": "It supports the spine."}
            for g in GROUPS
        ],
        "exercises": exercises,
    }


def planned(catalogue: Catalogue, ident: str, sets: int | None = None) -> dict[str, Any]:
    """A planned exercise as the planner would write it, with cues of its own."""
    e = catalogue.by_id[ident]
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "groups": list(e.groups),
        "level": e.level,
        "equipment": list(e.equipment),
        "flare_safe": e.flare_safe,
        "tags": list(e.tags),
        "sets": sets or e.sets,
        "reps": e.reps,
        "hold_seconds": e.hold_seconds,
        "rest_seconds": e.rest_seconds,
        "per_side": e.per_side,
        "position": e.position,
        "block": BLOCK_OF[e.kind],
        "cues": [f"Planned cue of {e.id}."],
        "cautions": [f"Planned caution of {e.id}."],
    }


def week(
    catalogue: Catalogue, pain: int = 0, prefer: str = "neutral", pain_from: str = "default"
) -> WeekPlan:
    """Mon, Wed and Fri in three blocks each (Wednesday with more bridge sets); rest days walk."""
    session = ["cat-camel", "glute-bridge", "clamshell", "sit-to-stand", "hamstring-stretch"]
    days = []
    for offset in range(7):
        date = MONDAY + dt.timedelta(days=offset)
        training = offset in (0, 2, 4)
        items = [
            planned(catalogue, i, sets=3 if (offset, i) == (2, "glute-bridge") else None)
            for i in (session if training else [])
        ]
        days.append(
            {
                "date": date.isoformat(),
                "weekday": f"{date:%A}",
                "rest": not training,
                "estimated_minutes": 24 if training else 0,
                "groups": ["glutes", "hamstrings", "quadriceps", "hip-abductors-adductors"]
                if training
                else [],
                "exercises": items,
                "walk_minutes": 0 if training else 20 + offset,
            }
        )
    warning = safety.pain_warning(pain)
    return WeekPlan.model_validate(
        {
            "schema_version": 3,
            "start": MONDAY.isoformat(),
            "options": {
                "days": 3,
                "on": ["mon", "wed", "fri"],
                "level": "beginner",
                "equipment": [],
                "minutes": 30,
                "pain": pain,
                "seed": 5,
                "prefer": prefer,
                "pain_from": pain_from,
                "start": MONDAY,
            },
            "days": days,
            "weekly_sets": {g: 0 if safety.pain_tier(pain) == "flare-up" else 7 for g in GROUPS},
            "warnings": [warning] if warning else [],
            "adaptation": None,
            "disclaimer": safety.DISCLAIMER,
            "red_flags": list(safety.RED_FLAGS),
        }
    )


@pytest.fixture(scope="module")
def normal() -> tuple[WeekPlan, Catalogue]:
    """A hand-built pain-0 week and its catalogue."""
    catalogue = Catalogue.model_validate(catalogue_data())
    return week(catalogue), catalogue


@pytest.fixture(scope="module")
def hostile() -> tuple[WeekPlan, Catalogue]:
    data = catalogue_data(name=f"{HOSTILE} {{id}}")
    for entry in data["exercises"]:
        entry["steps"] = [f"1. {HOSTILE}", f"# {HOSTILE}", f"- {HOSTILE}"]
        entry["cautions"] = [f"> {HOSTILE}"]
    catalogue = Catalogue.model_validate(data)
    return week(catalogue), catalogue


def options_line(out: str) -> str:
    """The options line of a plan view, its wrapped lines joined again."""
    lines = out.splitlines()[1:]
    end = next(i for i, line in enumerate(lines) if not line.strip() or line.startswith(("-", "╭")))
    return " | ".join(line.rstrip() for line in lines[:end])


def terminal(render: Any, *args: Any, width: int = 80) -> str:
    out = io.StringIO()
    console = make_console(out)
    console.width = width
    render(console, *args)
    return out.getvalue()


def headings(tokens: list, level: int) -> list[str]:
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def test_markdown_structure(normal: tuple[WeekPlan, Catalogue]) -> None:
    """Page one: the title, lines to fill in, the emergency box and the week at a glance; then
    each exercise once; then every warning sign by urgency and the education."""
    plan, catalogue = normal
    text = week_markdown(plan, catalogue)
    tokens = PARSER.parse(text)
    assert len(headings(tokens, 1)) == 1
    assert headings(tokens, 1)[0] == "Sciatica exercise plan: week of Monday 30 November 2026"
    assert FILL_IN in text.split("## ")[0]
    blockquote = tokens.index(next(t for t in tokens if t.type == "blockquote_open"))
    box = " ".join(t.content for t in tokens[blockquote:] if t.type == "inline")
    assert safety.EMERGENCY_BOX_TITLE in box and "consult a healthcare professional" in box
    assert headings(tokens, 2) == [GLANCE, BEFORE_YOU_START, HOW_TO, WARNING_SIGNS, LIVING_WITH]
    h3 = headings(tokens, 3)
    training = [d for d in plan.days if not d.rest]
    sessions = same_sessions(plan.days)
    assert sum(len(days) for days in sessions) == len(training)
    for days in sessions:
        # A session done on several days is named by each of them; one day by its full date.
        names = (
            [wording.long_date(days[0].date)]
            if len(days) == 1
            else [wording.day_heading(day.date) for day in days]
        )
        assert any(all(name in h.split(":")[0] for name in names) for h in h3)
        for day in days[1:]:  # the days that share a table share it exactly
            assert [(e.id, e.sets, e.reps, e.hold_seconds) for e in day.exercises] == [
                (e.id, e.sets, e.reps, e.hold_seconds) for e in days[0].exercises
            ]
    # One table per distinct session, and a tick box for every planned set of every day.
    assert sum(t.type == "table_open" for t in tokens) == len(sessions)
    boxes = sum(t.content.count(TICK_BOX) for t in tokens if t.type == "inline")
    assert boxes == sum(item.sets for d in training for item in d.exercises)
    # The how-to section holds each exercise of the week once.
    week_ids = {e.id for d in plan.days for e in d.exercises}
    assert len(h3) == len(sessions) + len(week_ids)
    for flag in safety.URGENCIES:
        assert flag.action in text
        for sign in flag.signs:
            assert sign in text
    for lesson in safety.EDUCATION:
        assert lesson.title in text
    assert safety.DISCLAIMER in text
    assert not re.search(r"\bseed\b", text, re.IGNORECASE)  # it means nothing on paper


def test_markdown_escapes_catalogue_text(hostile: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = hostile
    document = week_markdown(plan, catalogue)
    tokens = PARSER.parse(document)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    # No links, raw HTML, emphasis or code spans come from catalogue text (the only strong and
    # code spans are the document's own: "Please read." and exercise ids).
    assert not kinds & {"html_inline", "html_block", "link_open", "em_open"}
    code = [c.content for t in tokens for c in t.children or [] if c.type == "code_inline"]
    assert code and all(c in {e.id for e in catalogue.exercises} for c in code)
    # Every session's table keeps its columns despite the | in the names: four, then a column
    # of tick boxes for each day that shares the session.
    widths = iter([4 + len(days) for days in same_sessions(plan.days)])
    width = 0
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            width = next(widths)
        if token.type == "tr_open":
            cells = 0
            for inner in tokens[i + 1 :]:
                if inner.type == "tr_close":
                    break
                cells += inner.type in ("td_open", "th_open")
            assert cells == width
    assert next(widths, None) is None
    rendered = PARSER.render(document)
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[link](javascript:alert(1))" in rendered
    assert "&amp;amp;" in rendered  # the entity is shown as typed, not decoded
    # Steps that look like list markers or headings stay plain text in a numbered list.
    how_to = tokens[next(i for i, t in enumerate(tokens) if t.content == HOW_TO) :]
    assert len(headings(how_to, 3)) == len({e.id for d in plan.days for e in d.exercises})


class Outline(HTMLParser):
    """Collects the elements and text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.attrs: dict[str, list[dict[str, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def test_html_handout(normal: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = normal
    page = week_html(plan, catalogue)
    parsed = outline(page)
    assert page.startswith("<!doctype html>")
    assert parsed.attrs["html"][0]["lang"] == "en"
    assert parsed.tags.count("title") == 1 and parsed.tags.count("h1") == 1
    assert parsed.tags.count("table") == len(same_sessions(plan.days))
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert "img" not in parsed.tags and "http" not in page.split("</style>")[1]
    text = " ".join(" ".join(parsed.text).split())
    assert "consult a healthcare professional" in text
    for urgency in safety.URGENCIES:
        assert urgency.action in text
        assert all(sign in text for sign in urgency.signs)
    assert "@media print" in page and "break-inside: avoid" in page


def test_html_escapes_hostile_names(hostile: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = hostile
    page = week_html(plan, catalogue)
    parsed = outline(page)
    assert "script" not in parsed.tags
    assert "a" not in parsed.attrs
    text = " ".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown as text, never run


def test_a_programme_handout_keeps_hostile_names_as_text(
    hostile: tuple[WeekPlan, Catalogue],
) -> None:
    """The programme's summary, sessions and dose tables name exercises too: all as text."""
    plan, catalogue = hostile
    weeks = [
        plan.model_copy(update={"week_of_program": n, "theme": "build" if n < 4 else "deload"})
        for n in (1, 2, 3, 4)
    ]
    document = program_markdown(weeks, catalogue)
    tokens = PARSER.parse(document)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not kinds & {"html_inline", "html_block", "link_open", "em_open"}
    parsed = outline(program_html(weeks, catalogue))
    assert "script" not in parsed.tags and "a" not in parsed.attrs
    assert "<script>alert(1)</script>" in " ".join(parsed.text)
    # Each dose table keeps its three columns despite the | in the names.
    rows = [i for i, t in enumerate(tokens) if t.type == "tr_open"]
    dose_rows = [i for i in rows if tokens[i + 2].content in ("Weeks", "1-4")]
    assert len(dose_rows) == 2 * len({e.id for d in plan.days for e in d.exercises})
    for i in dose_rows:
        cells = 0
        for inner in tokens[i + 1 :]:
            if inner.type == "tr_close":
                break
            cells += inner.type in ("td_open", "th_open")
        assert cells == 3


def test_markdown_and_html_say_the_same(normal: tuple[WeekPlan, Catalogue]) -> None:
    """The handout adds layout wrappers only: without them it is the markdown, rendered."""
    plan, catalogue = normal
    page = week_html(plan, catalogue)
    body = page.split("<main>\n", 1)[1].split("</main>", 1)[0]
    # Cells named by their column, for narrow screens, and tick boxes marked for their size.
    assert '<td data-label="Exercise">' in body and 'class="ticks whole"' in body
    body = re.sub(r' data-label="[^"]*"( class="ticks( whole)?")?', "", body)
    wrappers = ('<section class="how-to">\n', '<section class="safety">\n', "</section>\n")
    leads = ('<div class="lead">\n', "</div>\n")
    for wrapper in (*wrappers, "<article>\n", "</article>\n", *leads):
        assert wrapper in body
        body = body.replace(wrapper, "")
    assert body == PARSER.render(week_markdown(plan, catalogue))
    exercises = len({e.id for d in plan.days for e in d.exercises})
    assert page.count("<article>") == page.count('<div class="lead">') == exercises


def test_ics_one_event_per_training_day(normal: tuple[WeekPlan, Catalogue]) -> None:
    plan = normal[0]
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    calendar = Calendar.from_ical(week_ics(plan, CalendarTimes(dt.time(18, 15), 30), now))
    events = calendar.walk("VEVENT")
    training = [d for d in plan.days if not d.rest]
    assert len(events) == len(training)
    for event, day in zip(events, training, strict=True):
        start = event.decoded("dtstart")
        assert start == dt.datetime.combine(day.date, dt.time(18, 15))
        assert start.tzinfo is None  # floating local time
        assert event.decoded("duration") == dt.timedelta(minutes=day.estimated_minutes)
        assert str(event["uid"]) == event_uid(day.date, plan.options.seed)
        summary = str(event["summary"])
        assert all(g.split("-")[0] in summary for g in day.groups)
        description = str(event["description"])
        assert "consult a healthcare professional" in description
        for item in day.exercises:
            assert item.name in description
        blocks = [line for line in description.splitlines() if line.endswith(":")]
        assert blocks[:3] == ["Warm-up:", "Main:", "Cool-down:"]
        # Each exercise on its own line with its dose, readable on a phone; nothing to run.
        for item in day.exercises:
            assert f"- {item.name}: {wording.planned_dose(item)}" in description.splitlines()
        assert "sciatica-plan today" not in description
        [alarm] = event.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY"
        assert alarm.decoded("trigger") == -dt.timedelta(minutes=30)


def test_ics_reminder_is_set_or_left_out(normal: tuple[WeekPlan, Catalogue]) -> None:
    plan = normal[0]
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    early = Calendar.from_ical(week_ics(plan, CalendarTimes(dt.time(7), 90), now))
    assert {a.decoded("trigger") for a in early.walk("VALARM")} == {-dt.timedelta(minutes=90)}
    assert len(early.walk("VALARM")) == len(early.walk("VEVENT"))
    off = Calendar.from_ical(week_ics(plan, CalendarTimes(dt.time(7), 0), now))
    assert off.walk("VALARM") == [] and off.walk("VEVENT")


def test_ics_is_the_same_but_for_its_timestamp(normal: tuple[WeekPlan, Catalogue]) -> None:
    plan = normal[0]
    first = week_ics(
        plan, CalendarTimes(dt.time(7, 30), 30), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    later = week_ics(
        plan, CalendarTimes(dt.time(7, 30), 30), dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    )
    assert first != later
    strip = lambda data: [x for x in data.splitlines() if not x.startswith(b"DTSTAMP")]  # noqa: E731
    assert strip(first) == strip(later)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A&E", "A&E"),
        ("x &amp; y", "x \\&amp; y"),
        ("1. one", "1\\. one"),
        ("- dash", "\\- dash"),
        ("# head", "\\# head"),
        ("a|b", "a\\|b"),
        ("2-4 s, slowly.", "2-4 s, slowly."),
    ],
)
def test_escape_keeps_prose_readable(text: str, expected: str) -> None:
    assert escape(text) == expected


# -- schema 2: blocks, walks, cues, flare-up wording ------------------------------------------

BLOCK_HEADINGS = ["Warm-up", "Main", "Cool-down"]


@pytest.fixture(scope="module")
def plain() -> Catalogue:
    return Catalogue.model_validate(catalogue_data())


def test_terminal_week_groups_each_day_under_its_blocks_and_walks_on_rest_days(
    plain: Catalogue,
) -> None:
    out = terminal(show_week, week(plain), plain, MONDAY)
    labels = [line.strip() for line in out.splitlines() if line.strip() in BLOCK_HEADINGS]
    assert labels == BLOCK_HEADINGS * 3
    for offset in (1, 3, 5, 6):
        assert f"rest day - easy walk about {20 + offset} min" in out
    assert "Strength sets this week, per group" in out
    # The dose says each side where the plan does, numbered across blocks.
    assert re.search(r"^ *5 +Hamstring stretch +2 x 30 s hold each side", out, re.M)
    assert max(len(line) for line in out.splitlines()) <= 80


def test_terminal_today_shows_blocks_and_the_planned_cues_and_cautions(plain: Catalogue) -> None:
    plan = week(plain)
    out = terminal(show_day, plan, plan.days[0], plain, MONDAY, None)
    headings = [line for line in out.splitlines() if line in BLOCK_HEADINGS]
    assert headings == BLOCK_HEADINGS
    assert "Form" in out and "Take care" in out
    for item in plan.days[0].exercises:
        assert f"Planned cue of {item.id}." in out
        assert f"Planned caution of {item.id}." in out
        assert f"Step one of {item.id}." in out  # steps still come from the catalogue
    assert "Catalogue cue" not in out and "Catalogue caution" not in out
    assert "1. Cat camel  warm-up, kneeling, cat-camel" in out


def test_terminal_today_on_a_rest_day_suggests_the_walk(plain: Catalogue) -> None:
    plan = week(plain)
    out = " ".join(terminal(show_day, plan, plan.days[1], plain, MONDAY, None).split())
    assert "A rest day: an easy walk of about 21 minutes is suggested." in out
    no_walk = plan.model_copy(
        update={"days": (plan.days[0], plan.days[1].model_copy(update={"walk_minutes": 0}))}
    )
    out = " ".join(terminal(show_day, no_walk, no_walk.days[1], plain, MONDAY, None).split())
    assert "A rest day: no session planned. Gentle walking is fine." in out


def test_per_side_comes_from_the_plan_not_the_catalogue(plain: Catalogue) -> None:
    plan = week(plain)
    monday = plan.days[0]
    changed = tuple(
        e.model_copy(update={"per_side": True}) if e.id == "sit-to-stand" else e
        for e in monday.exercises
    )
    plan = plan.model_copy(
        update={"days": (monday.model_copy(update={"exercises": changed}), *plan.days[1:])}
    )
    assert "2 x 8 each side" in terminal(show_week, plan, plain, MONDAY)
    assert "2 x 8 each side" in week_markdown(plan, plain)
    assert b"2 x 8 each side" in week_ics(
        plan, CalendarTimes(dt.time(7), 0), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )


@pytest.mark.parametrize("pain", [7, 8, 10])
def test_a_flare_up_week_shows_gentle_work_and_no_strength_chart(
    plain: Catalogue, pain: int
) -> None:
    plan = week(plain, pain=pain)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    outputs = {
        "week": terminal(show_week, plan, plain, MONDAY),
        "today": terminal(show_day, plan, plan.days[0], plain, MONDAY, None),
        "markdown": week_markdown(plan, plain),
        "html": week_html(plan, plain),
        "ics": week_ics(plan, CalendarTimes(dt.time(7), 30), now).decode(),
    }
    for name, text in outputs.items():
        flat = " ".join(text.split())
        assert not STRENGTH_WORD.search(flat), (name, STRENGTH_WORD.search(flat))
        assert "gentle" in flat, name
        assert "strengthening is paused" in flat or name == "ics", name
        assert "sets this week" not in flat.lower(), name
    assert "#####" not in outputs["week"]  # no bar chart
    assert "| Glute bridge | 2 x 10 | 30 s |" in outputs["markdown"]
    assert "`glute-bridge` · gentle · lying. **Dose:** 2 x 10" in outputs["markdown"]


def test_a_pain_6_week_still_shows_strength_work(plain: Catalogue) -> None:
    plan = week(plain, pain=6)
    assert "Strength sets this week, per group" in terminal(show_week, plan, plain, MONDAY)
    assert "· strength · lying · trains glutes, hamstrings." in week_markdown(plan, plain)


@pytest.mark.parametrize(
    ("pain", "pain_from", "prefer", "expected"),
    [
        (0, "default", "neutral", "| pain 0/10 | seed 5"),
        (5, "options", "neutral", "| pain 5/10 (--pain) | seed 5"),
        (3, "options", "extension", "| pain 3/10 (--pain) | prefer extension | seed 5"),
        (6, "journal 2026-11-25", "flexion", "pain 6/10 from your journal, Wed 25 Nov"),
    ],
)
def test_options_line_says_where_the_pain_came_from_and_the_preference(
    plain: Catalogue, pain: int, pain_from: str, prefer: str, expected: str
) -> None:
    plan = week(plain, pain=pain, prefer=prefer, pain_from=pain_from)
    line = options_line(terminal(show_week, plan, plain, MONDAY))
    assert expected in line
    assert ("prefer" in line) == (prefer != "neutral")


def test_a_long_options_line_wraps_between_phrases_only(plain: Catalogue) -> None:
    plan = week(plain, pain=5, prefer="extension", pain_from="journal 2026-11-25")
    options = plan.options.model_copy(
        update={
            "days": 6,
            "on": ("mon", "tue", "wed", "thu", "fri", "sat"),
            "level": "intermediate",
            "equipment": ("band", "dumbbells", "kettlebell", "barbell", "bench", "ball"),
            "minutes": 120,
            "seed": 4_294_967_296,
        }
    )
    plan = plan.model_copy(update={"options": options})
    expected = (
        "mon,tue,wed,thu,fri,sat | intermediate | band,dumbbells,kettlebell,barbell,bench,ball | "
        "up to 120 min | pain 5/10 from your journal, Wed 25 Nov | prefer extension | "
        "seed 4294967296"
    )
    for width in (80, 60):
        out = terminal(show_week, plan, plain, MONDAY, width=width)
        assert max(len(line) for line in out.splitlines()) <= width
        assert options_line(out) == expected  # each phrase whole on one line


def test_markdown_blocks_walks_and_how_to_with_the_planned_doses_and_cues(
    plain: Catalogue,
) -> None:
    plan = week(plain, prefer="extension", pain_from="options", pain=2)
    text = week_markdown(plan, plain)
    tokens = PARSER.parse(text)
    cells = [t.content for t in tokens if t.type == "inline"]
    # Each session's Block column names warm-up, main and cool-down once, in order. Monday's
    # and Friday's sessions are the same, so they share a table with a tick column each;
    # Wednesday's differs (3 sets of the bridge) and has its own.
    assert [c for c in cells if c in BLOCK_HEADINGS] == BLOCK_HEADINGS * 2
    assert "| Block | Exercise | Dose | Rest | Done |" in text
    assert "| Block | Exercise | Dose | Rest | Mon | Fri |" in text
    two = f"{TICK_BOX} {TICK_BOX}"
    assert f"| Main | Glute bridge | 2 x 10 | 30 s | {two} | {two} |" in text
    assert f"| Main | Glute bridge | 3 x 10 | 30 s | {two} {TICK_BOX} |" in text
    assert "### Monday 30 Nov and Friday 4 Dec: " in text
    for offset in (1, 3, 5, 6):
        date = MONDAY + dt.timedelta(days=offset)
        assert f"({date:%A} {date.day} {date:%b}): an easy walk of about {20 + offset}" in text
    how_to = text.split(f"## {HOW_TO}", 1)[1]
    for ident in EXERCISES:
        assert f"Planned cue of {ident}." in how_to
        assert f"Planned caution of {ident}." in how_to
    assert "Catalogue cue" not in text
    assert "**Form:**" in how_to and "**Take care:**" in how_to
    assert (
        "`glute-bridge` · strength · lying · trains glutes, hamstrings. "
        "**Dose:** 2 x 10 (Mon, Fri), 3 x 10 (Wed); rest 30 s between sets." in how_to
    )
    assert "`clamshell` · strength · lying · trains hips. **Dose:** 2 x 12 each side;" in how_to
    glance = text.split(f"## {GLANCE}", 1)[1].split("###")[0]
    assert "pain 2/10 (--pain) · directional preference extension" in glance
    assert "directional preference" not in week_markdown(week(plain), plain)
    assert "sessions up to 30 minutes · pain 0/10\n" in week_markdown(week(plain), plain)


def test_show_gives_position_per_side_and_the_dose_range(plain: Catalogue) -> None:
    out = " ".join(terminal(show_exercise, plain, plain.by_id["clamshell"]).split())
    assert "Position lying; the dose is for each side" in out
    assert "Dose: 2 x 12 each side (range 1-3 sets of 10-15) Rest: 30 s" in out
    out = " ".join(terminal(show_exercise, plain, plain.by_id["hamstring-stretch"]).split())
    assert "Dose: 2 x 30 s hold each side (range 2-3 sets of 30-45 s hold)" in out
    out = " ".join(terminal(show_exercise, plain, plain.by_id["sit-to-stand"]).split())
    assert "Position seated Flare-safe" in out
    assert "(range 2-3 sets of 8)" in out

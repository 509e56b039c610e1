"""The export formats, each checked with a real parser: markdown-it-py, html.parser, icalendar."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from sciatica_planner import safety
from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import Catalogue, PlanOptions, WeekPlan
from sciatica_planner.planner import plan_week
from sciatica_planner.render.html import week_html
from sciatica_planner.render.ics import event_uid, week_ics
from sciatica_planner.render.markdown import TICK_BOX, escape, week_markdown
from strategies import minimal_catalogue_data

HOSTILE = "Evil | *bold* <script>alert(1)</script> [link](javascript:alert(1)) &amp; `code`"
OPTIONS = PlanOptions(
    days=3, on=("mon", "wed", "fri"), minutes=30, seed=5, start=dt.date(2026, 11, 30)
)
PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")


@pytest.fixture(scope="module")
def bundled() -> tuple[WeekPlan, Catalogue]:
    catalogue = load_catalogue()
    return plan_week(catalogue, OPTIONS), catalogue


@pytest.fixture(scope="module")
def hostile() -> tuple[WeekPlan, Catalogue]:
    data = minimal_catalogue_data()
    for entry in data["exercises"]:
        entry["name"] = f"{HOSTILE} {entry['id']}"
        entry["steps"] = [f"1. {HOSTILE}", f"# {HOSTILE}", f"- {HOSTILE}"]
        entry["cautions"] = [f"> {HOSTILE}"]
    catalogue = Catalogue.model_validate(data)
    return plan_week(catalogue, OPTIONS), catalogue


def headings(tokens: list, level: int) -> list[str]:
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == f"h{level}"
    ]


def test_markdown_structure(bundled: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = bundled
    tokens = PARSER.parse(week_markdown(plan, catalogue))
    assert len(headings(tokens, 1)) == 1
    assert headings(tokens, 1)[0] == "Sciatica exercise plan: week of Monday 30 November 2026"
    blockquote = tokens.index(next(t for t in tokens if t.type == "blockquote_open"))
    quoted = " ".join(t.content for t in tokens[blockquote:] if t.type == "inline")
    assert "consult a healthcare professional" in quoted
    h2 = headings(tokens, 2)
    assert safety.RED_FLAGS_TITLE in h2
    assert "Strength sets per group" in h2 and "Options" in h2
    day_headings = [h for h in h2 if h.split()[0].endswith("day")]
    training = [d for d in plan.days if not d.rest]
    assert len(day_headings) == len(training)
    for heading, day in zip(day_headings, training, strict=True):
        assert heading.startswith(f"{day.date:%A} {day.date.day} {day.date:%B %Y}")
    assert "Rest days" in h2 and "How to do each exercise" in h2
    # One table per training day, plus options and balance; every exercise row has a tick box.
    assert sum(t.type == "table_open" for t in tokens) == len(training) + 2
    rows = [t for t in tokens if t.type == "inline" and t.content == TICK_BOX]
    assert len(rows) == sum(len(d.exercises) for d in training) + len(training)
    # The how-to section holds each exercise of the week once, with its steps numbered.
    week_ids = {e.id for d in plan.days for e in d.exercises}
    assert len(headings(tokens, 3)) == len(week_ids)
    text = week_markdown(plan, catalogue)
    for flag in safety.RED_FLAGS:
        assert flag in text


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
    # Every day table keeps its five columns despite the | in the names.
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            cells = 0
            for inner in tokens[i + 1 :]:
                if inner.type == "tr_close":
                    break
                cells += inner.type in ("td_open", "th_open")
            assert cells in (2, 5)
    rendered = PARSER.render(document)
    assert "<script>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "[link](javascript:alert(1))" in rendered
    assert "&amp;amp;" in rendered  # the entity is shown as typed, not decoded
    # Steps that look like list markers or headings stay plain text in a numbered list.
    assert len(headings(tokens, 3)) == len({e.id for d in plan.days for e in d.exercises})


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


def test_html_handout(bundled: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = bundled
    page = week_html(plan, catalogue)
    parsed = outline(page)
    assert page.startswith("<!doctype html>")
    assert parsed.attrs["html"][0]["lang"] == "en"
    assert parsed.tags.count("title") == 1 and parsed.tags.count("h1") == 1
    assert parsed.tags.count("table") == sum(not d.rest for d in plan.days) + 2
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert "img" not in parsed.tags and "http" not in page.split("</style>")[1]
    text = " ".join(" ".join(parsed.text).split())
    assert "consult a healthcare professional" in text
    assert safety.RED_FLAGS[0] in text
    assert "@media print" in page and "break-inside: avoid" in page


def test_html_escapes_hostile_names(hostile: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = hostile
    page = week_html(plan, catalogue)
    parsed = outline(page)
    assert "script" not in parsed.tags
    assert "a" not in parsed.attrs
    text = " ".join(parsed.text)
    assert "<script>alert(1)</script>" in text  # shown as text, never run


def test_markdown_and_html_say_the_same(bundled: tuple[WeekPlan, Catalogue]) -> None:
    """The handout adds layout wrappers only: without them it is the markdown, rendered."""
    plan, catalogue = bundled
    page = week_html(plan, catalogue)
    body = page.split("<main>\n", 1)[1].split("</main>", 1)[0]
    for wrapper in ('<section class="how-to">\n', "</section>\n", "<article>\n", "</article>\n"):
        assert wrapper in body
        body = body.replace(wrapper, "")
    assert body == PARSER.render(week_markdown(plan, catalogue))
    assert page.count("<article>") == len({e.id for d in plan.days for e in d.exercises})


def test_ics_one_event_per_training_day(bundled: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = bundled
    now = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    calendar = Calendar.from_ical(week_ics(plan, catalogue, dt.time(18, 15), now))
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


def test_ics_is_the_same_but_for_its_timestamp(bundled: tuple[WeekPlan, Catalogue]) -> None:
    plan, catalogue = bundled
    first = week_ics(plan, catalogue, dt.time(7, 30), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    later = week_ics(plan, catalogue, dt.time(7, 30), dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
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

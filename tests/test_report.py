"""The clinician's report: its numbers against a hand-made journal, the SVG charts parsed as
XML, hostile notes made harmless in markdown and HTML, the empty cases, and the markdown and
HTML forms carrying the same numbers."""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sciatica_planner import safety
from sciatica_planner.journal import Entry
from sciatica_planner.render.markdown import WARNING_SIGNS
from sciatica_planner.render.report_charts import DATE_AXIS, PAIN_AXIS, PRINT_WIDTH, pain_chart_svg
from sciatica_planner.render.report_html import report_html
from sciatica_planner.render.report_markdown import note_markdown, report_markdown
from sciatica_planner.report import PlanSettings, build_report
from sciatica_planner.text import visible

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue
    from sciatica_planner.report import Report

TODAY = dt.date(2026, 11, 25)  # a Wednesday; 28 days back starts on Thursday 29 October
PLAN = PlanSettings(
    on=("mon", "wed", "fri"),
    level="beginner",
    equipment=(),
    minutes=30,
    prefer="neutral",
    source="the defaults",
)
HOSTILE = (
    "<script>alert(1)</script> **bold** [x](javascript:alert(1)) &amp; | pipe\n"
    "# not a heading\n"
    "- not a list \x1b[31mred\x07 \u202eevil"
)
SVG = "{http://www.w3.org/2000/svg}"


def entry(number: int, day: str, pain: int, *done: str, note: str | None = None,
          spreading: bool = False) -> Entry:  # fmt: skip
    return Entry(number, dt.date.fromisoformat(day), pain, done, note, spreading)


# Worked out by hand below; the first entry is older than every window the report reads.
JOURNAL = [
    entry(1, "2026-10-20", 9, "glute-bridge", note="too old to count"),
    entry(2, "2026-10-29", 4, "glute-bridge", "clamshell", note="start"),
    entry(3, "2026-10-30", 6),  # 2 up on the day after glute-bridge and clamshell
    entry(4, "2026-11-02", 3, "glute-bridge"),
    entry(5, "2026-11-02", 5),  # the same day: mean 4, range 3-5
    entry(6, "2026-11-03", 6, spreading=True),  # 3 up on the day after glute-bridge (at 3)
    entry(7, "2026-11-16", 2, "bird-dog"),
    entry(8, "2026-11-18", 2, "bird-dog", "glute-bridge"),
    entry(9, "2026-11-20", 1, "bird-dog", note=HOSTILE),
    entry(10, "2026-11-25", 3, "clamshell"),
]


@pytest.fixture
def report(catalogue: Catalogue) -> Report:
    return build_report(JOURNAL, TODAY, 28, catalogue, PLAN)


def test_the_period_and_its_pain(report: Report) -> None:
    assert (report.start, report.end, report.days) == (dt.date(2026, 10, 29), TODAY, 28)
    assert report.entries == 9
    # 4 + 6 + 3 + 5 + 6 + 2 + 2 + 1 + 3 = 32 over 9 entries = 3.56
    assert report.summary.average == 3.6
    assert (report.lowest, report.highest) == (1, 6)


def test_one_pain_point_per_day_with_entries(report: Report) -> None:
    days = [(d.date.isoformat(), d.pain, d.lowest, d.highest) for d in report.pain_days]
    assert days == [
        ("2026-10-29", 4, 4, 4),
        ("2026-10-30", 6, 6, 6),
        ("2026-11-02", 4, 3, 5),
        ("2026-11-03", 6, 6, 6),
        ("2026-11-16", 2, 2, 2),
        ("2026-11-18", 2, 2, 2),
        ("2026-11-20", 1, 1, 1),
        ("2026-11-25", 3, 3, 3),
    ]
    assert [d.date.day for d in report.pain_days if d.session] == [29, 2, 16, 18, 20, 25]
    assert report.spreading_days == (dt.date(2026, 11, 3),)


def test_the_trend_and_the_adaptation_are_those_of_history_and_the_plan(report: Report) -> None:
    # The last 7 days: 1 and 3 (mean 2); the 7 before: 2 and 2 (mean 2).
    assert report.summary.trend == "stable"
    assert (report.summary.last_week_average, report.summary.previous_week_average) == (2, 2)
    # Two calm weeks with 2 session days each: the plan steps up.
    assert report.adaptation is not None
    assert report.adaptation.direction == "progress"
    assert "sessions on 2 and 2 days" in report.adaptation.reason


def test_sessions_per_week_against_the_planned_days(report: Report) -> None:
    weeks = [(w.first.isoformat(), w.last.isoformat(), w.sessions, w.planned) for w in report.weeks]
    assert weeks == [
        ("2026-10-29", "2026-11-04", 2, 3),  # Fri 30, Mon 2, Wed 4 planned
        ("2026-11-05", "2026-11-11", 0, 3),
        ("2026-11-12", "2026-11-18", 2, 3),
        ("2026-11-19", "2026-11-25", 2, 3),
    ]
    assert (report.sessions, report.planned) == (6, 12)


def test_a_period_not_in_whole_weeks_starts_with_a_short_week(catalogue: Catalogue) -> None:
    found = build_report(JOURNAL, TODAY, 10, catalogue, PLAN)
    assert [(w.first.day, w.last.day, w.days) for w in found.weeks] == [(16, 18, 3), (19, 25, 7)]
    # Mon 16 and Wed 18 are planned in the short week; both had sessions.
    assert [(w.sessions, w.planned) for w in found.weeks] == [(2, 2), (2, 3)]


def test_each_exercise_done_and_followed_by_a_rise(report: Report) -> None:
    rows = [(e.id, e.name, e.done, e.rises) for e in report.exercises]
    assert rows == [
        ("bird-dog", "Bird dog", 3, 0),
        ("glute-bridge", "Glute bridge", 3, 2),
        ("clamshell", "Clamshell", 2, 1),
    ]


def test_an_exercise_from_another_catalogue_is_named_by_its_id(catalogue: Catalogue) -> None:
    found = build_report([entry(1, "2026-11-24", 2, "their-own-move")], TODAY, 28, catalogue, PLAN)
    assert [(e.id, e.name, e.done) for e in found.exercises] == [
        ("their-own-move", "their-own-move", 1)
    ]
    assert "| their-own-move | 1 | 0 |" in report_markdown(found)
    # A journal edited by hand may hold any id: it is shown, never run.
    odd = build_report([entry(1, "2026-11-24", 2, "x\x1b[2J|y")], TODAY, 28, catalogue, PLAN)
    assert "| x\\\\x1b\\[2J\\|y | 1 | 0 |" in report_markdown(odd)


def test_the_notes_in_order(report: Report) -> None:
    assert [(n.date.day, n.pain, n.text) for n in report.notes] == [
        (29, 4, "start"),
        (20, 1, HOSTILE),
    ]


# -- the markdown and the page -------------------------------------------------------------------


def test_the_markdown_states_the_numbers(report: Report) -> None:
    text = report_markdown(report)
    assert text.startswith("# Sciatica journal report: 29 October to 25 November 2026\n")
    for line in (
        "- **Entries:** 9 entries on 8 of the 28 days.",
        "- **Pain:** average 3.6/10, lowest 1/10, highest 6/10.",
        "- **Sessions:** 6 logged, against 12 training days in the plan (50%;",
        "- **Symptoms spreading further down the leg:** on 1 day: Tue 3 Nov.",
        "- **The plan now:** Stepping up.",
        "| Mon 2 Nov | 4/10 (3-5) | yes |  |",
        "| Tue 3 Nov | 6/10 |  | yes |",
        "| 5 Nov - 11 Nov | 0 | 3 | 0% |",
        "| **All** | **6** | **12** | **50%** |",
        "| Glute bridge | 3 | 2 |",
    ):
        assert line in text
    assert "**Trend over the last two weeks:** stable (2/10 on average in the last 7 days" in text


def test_disclaimer_and_every_red_flag_are_on_the_page(report: Report) -> None:
    for page in (report_markdown(report), report_html(report)):
        flat = " ".join(html.unescape(page).split())
        assert "consult a healthcare professional" in flat
        assert WARNING_SIGNS in flat  # "stop exercising and get medical help"
        for urgency in safety.URGENCIES:
            assert f"{urgency.label}: {urgency.action}" in flat
            assert all(sign in flat for sign in urgency.signs)


def _pain_svg(page: str) -> ET.Element:
    found = re.search(r'<svg [^>]*class="pain-chart".*?</svg>', page, re.S)
    assert found is not None
    return ET.fromstring(found.group(0))


def test_the_pain_chart_is_svg_with_one_point_per_day_with_entries(report: Report) -> None:
    svg = _pain_svg(report_html(report))
    points = svg.findall(f"{SVG}circle[@class='point']")
    assert [p.get("data-date") for p in points] == [d.date.isoformat() for d in report.pain_days]
    assert [float(p.get("data-pain", "")) for p in points] == [d.pain for d in report.pain_days]
    # Higher pain is drawn higher up the page: y falls as pain rises.
    by_pain = sorted(points, key=lambda p: float(p.get("data-pain", "")))
    heights = [float(p.get("cy", "")) for p in by_pain]
    assert heights == sorted(heights, reverse=True)
    sessions = svg.findall(f"{SVG}rect[@class='session']")
    assert [s.get("data-date") for s in sessions] == [
        d.date.isoformat() for d in report.pain_days if d.session
    ]
    spreading = svg.findall(f"{SVG}path[@class='spreading']")
    assert [s.get("data-date") for s in spreading] == ["2026-11-03"]
    assert len(svg.findall(f"{SVG}line[@class='range']")) == 1  # Mon 2 Nov, 3 to 5


def test_the_pain_chart_has_labelled_axes_and_a_legend(report: Report) -> None:
    svg = _pain_svg(pain_chart_svg(report))
    words = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert PAIN_AXIS in words and DATE_AXIS in words
    assert [w for w in words if w in {"0", "2", "4", "6", "8", "10"}] == [
        "0",
        "2",
        "4",
        "6",
        "8",
        "10",
    ]
    assert "25 Nov" in words and "18 Nov" in words  # the last day, and a week before
    legend = " ".join(words)
    assert "session (exercises logged)" in legend and "spreading down the leg" in legend
    assert svg.find(f"{SVG}title") is not None


def test_the_page_has_no_script_and_fetches_nothing(report: Report) -> None:
    page = report_html(report)
    assert "<script" not in page.lower()
    assert not re.search(r"(src|href)=", page)
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * 2


@pytest.mark.parametrize("days", [7, 28, 90, 365])
def test_the_chart_is_well_formed_for_any_period(catalogue: Catalogue, days: int) -> None:
    journal = [entry(n, (TODAY - dt.timedelta(days=n)).isoformat(), n % 11) for n in range(days)]
    found = build_report(journal, TODAY, days, catalogue, PLAN)
    svg = _pain_svg(pain_chart_svg(found))
    assert len(svg.findall(f"{SVG}circle[@class='point']")) == days
    ticks = [t.text or "" for t in svg.iter(f"{SVG}text") if t.get("class") == "tick"]
    dates = [t for t in ticks if not t.isdigit()]
    assert len(ticks) - len(dates) == 6  # 0, 2, ... 10
    assert 2 <= len(dates) <= 9, dates  # a readable number of dates
    assert dates[0] == "25 Nov"  # the last day is always labelled


def _sessions_svg(page: str) -> ET.Element:
    found = re.search(r'<svg [^>]*class="sessions-chart".*?</svg>', page, re.S)
    assert found is not None
    return ET.fromstring(found.group(0))


def test_the_sessions_chart_has_a_column_for_each_week_with_sessions(report: Report) -> None:
    svg = _sessions_svg(report_html(report))
    bars = svg.findall(f"{SVG}rect[@class='bar']")
    assert [b.get("data-first") for b in bars] == ["2026-10-29", "2026-11-12", "2026-11-19"]
    planned = svg.findall(f"{SVG}rect[@class='planned']")
    assert len(planned) == 4
    # 2 sessions against 3 planned days: two thirds of the outline's height, on the same base.
    for bar in bars:
        outline = next(p for p in planned if p.get("x") == bar.get("x"))
        assert float(bar.get("height", "")) * 3 == pytest.approx(
            float(outline.get("height", "")) * 2
        )
        bottom = float(bar.get("y", "")) + float(bar.get("height", ""))
        assert bottom == pytest.approx(
            float(outline.get("y", "")) + float(outline.get("height", ""))
        )
    words = ["".join(t.itertext()) for t in svg.iter(f"{SVG}text")]
    assert [w for w in words if "/" in w] == ["2/3", "0/3", "2/3", "2/3"]
    assert "Week starting" in words and "29 Oct" in words and "19 Nov" in words


def test_a_year_of_weeks_fits_the_page_width(catalogue: Catalogue) -> None:
    journal = [
        entry(n, (TODAY - dt.timedelta(days=n)).isoformat(), 3, "clamshell") for n in range(365)
    ]
    found = build_report(journal, TODAY, 365, catalogue, PLAN)
    svg = _sessions_svg(report_html(found))
    assert len(found.weeks) == 53 and len(svg.findall(f"{SVG}rect[@class='bar']")) == 53
    assert float(svg.get("width", "")) <= PRINT_WIDTH  # A4 less its margins: print never scales it
    labels = [
        t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "tick" and " " in (t.text or "")
    ]
    assert 2 <= len(labels) <= 9 and labels[-1] == "19 Nov"  # the last week's always
    assert 'class="sessions long"' in report_html(found)
    # A period across two years gives each day its year.
    assert "| Wed 26 Nov 2025 | 3/10 | yes |  |" in report_markdown(found)


def _texts(page: str) -> list[str]:
    """The words of each list item and table cell outside the charts, in order."""
    page = re.sub(r"<svg .*?</svg>", "", page, flags=re.S)
    cells = re.findall(r"<(li|td|th)[^>]*>(.*?)</\1>", page, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split()) for _, c in cells]


def _without_section(page: str, heading: str) -> str:
    head, _, tail = page.partition(f"<h2>{heading}</h2>")
    return head + tail[tail.index("<h2>") :]


def test_markdown_and_html_carry_the_same_numbers(report: Report) -> None:
    markdown = report_markdown(report)
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    page = report_html(report)
    # The per-day table is the chart in HTML: the same days and pains, one point each.
    rows = re.findall(r"^\| (\w{3} \d+ \w{3}) \| ([^|]+) \|", markdown, re.M)
    titles = [t.text for t in _pain_svg(page).iter(f"{SVG}title")][1:]
    assert len(rows) == len(report.pain_days) == 8
    assert titles == [f"{day}: pain {pain}" for day, pain in rows]
    # Everything else, word for word: summary, sessions, exercises, notes, red flags.
    expected = _texts(_without_section(rendered, "Pain per day"))
    assert expected == _texts(_without_section(page, "Pain per day"))
    assert "50%" in expected and "Glute bridge" in expected


# -- notes: verbatim, and harmless ----------------------------------------------------------------


def test_control_and_hidden_characters_become_codes() -> None:
    shown = note_markdown("a\x1b[31mb\x07c\td\u202ee\u2066f café 😀")
    assert shown == ["a\\\\x1b\\[31mb\\\\x07c\\\\x09d\\<U+202E\\>e\\<U+2066\\>f café 😀"]


def test_a_hostile_note_is_text_in_the_html(report: Report) -> None:
    page = report_html(report)
    assert "<script>" not in page and "<strong>bold" not in page and "<a " not in page
    assert "<h1>" in page and page.count("<h1>") == 1  # '# not a heading' stayed text
    assert "\x1b" not in page and "\x07" not in page and "\u202e" not in page
    item = next(t for t in _texts(page) if "alert" in t)
    assert item == (
        "Fri 20 Nov (pain 1/10): <script>alert(1)</script> **bold** [x](javascript:alert(1)) "
        "&amp; | pipe # not a heading - not a list \\x1b[31mred\\x07 <U+202E>evil"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp;amp;" in page
    assert page.count("<br />") >= 2  # the note's own line breaks


def test_a_hostile_note_is_literal_markdown(report: Report) -> None:
    markdown = report_markdown(report)
    assert "\x1b" not in markdown and "\u202e" not in markdown
    rendered = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script>" not in rendered and "<strong>bold" not in rendered
    assert "<h1>" in rendered and rendered.count("<h1>") == 1
    notes = rendered.split("<h2>Notes</h2>")[1].split("<h2>")[0]
    assert notes.count("<li>") == 2  # '- not a list' stayed inside its note


@given(st.text(max_size=80))
def test_any_note_reads_back_as_typed(note: str) -> None:
    """Rendered, a note's lines read back as typed (whitespace runs aside), with its control
    characters shown as codes; markup in it never becomes markup."""
    lines = note_markdown(note)
    rendered = MarkdownIt("commonmark", {"html": False}).render("- " + "\n  ".join(lines or ["x"]))
    assert rendered.count("<li>") == 1 and "<ul>" in rendered
    body = rendered.removeprefix("<ul>\n<li>").removesuffix("</li>\n</ul>\n")
    assert not re.search(r"<(?!br />)", body)  # no tag but the note's own line breaks
    typed = [
        " ".join(visible(line, limit=None).split())
        for line in note.replace("\r\n", "\n").split("\n")
    ]
    expected = [line for line in typed if line] or ["x"]
    shown = [html.unescape(part).strip() for part in body.split("<br />")]
    # CommonMark reads NUL as U+FFFD; visible() has already turned it into \x00.
    assert [" ".join(s.split()) for s in shown] == expected


# -- empty cases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "journal",
    [[], [entry(1, "2026-09-01", 5, "glute-bridge", note="long ago")]],
    ids=["no entries", "none in the period"],
)
def test_an_empty_period_gives_a_short_report(catalogue: Catalogue, journal: list[Entry]) -> None:
    found = build_report(journal, TODAY, 28, catalogue, PLAN)
    assert found.empty and found.pain_days == () and found.exercises == () and found.notes == ()
    markdown = report_markdown(found)
    assert "No journal entries between Thursday 29 October 2026 and Wednesday 25 November 2026" in (
        " ".join(markdown.split())
    )
    assert "## Pain per day" not in markdown and "long ago" not in markdown
    page = report_html(found)
    assert "<svg" not in page and "No journal entries" in page
    flat = " ".join(html.unescape(page).split())
    assert all(sign in flat for urgency in safety.URGENCIES for sign in urgency.signs)


def test_a_period_without_exercises_or_notes_says_so(catalogue: Catalogue) -> None:
    # A journal begun long before the period (its older entries are not read for 28 days).
    found = build_report(
        [entry(1, "2026-11-24", 4)], TODAY, 28, catalogue, PLAN, first_entry=dt.date(2026, 9, 1)
    )
    markdown = report_markdown(found)
    assert "No exercises were logged in this period." in markdown
    assert "No notes in this period." in markdown
    assert "- **Sessions:** 0 logged, against 12 training days in the plan (0%;" in markdown
    svg = _pain_svg(report_html(found))
    assert len(svg.findall(f"{SVG}circle[@class='point']")) == 1
    assert svg.findall(f"{SVG}polyline") == []  # a single point has no line


def test_a_spreading_day_is_ringed_in_red(report: Report) -> None:
    svg = _pain_svg(pain_chart_svg(report))
    rings = svg.findall(f"{SVG}circle[@class='spreading-ring']")
    point = svg.find(f"{SVG}circle[@data-date='2026-11-03']")
    assert point is not None and len(rings) == 1
    assert (rings[0].get("cx"), rings[0].get("cy")) == (point.get("cx"), point.get("cy"))


# -- properties ----------------------------------------------------------------------------------

IDS = ("glute-bridge", "clamshell", "bird-dog", "not-in-this-catalogue")


@st.composite
def journals(draw: st.DrawFn) -> list[Entry]:
    """Up to 40 entries over the 60 days up to TODAY, oldest first, as the journal gives them."""
    entries = []
    for number in range(draw(st.integers(0, 40))):
        back = draw(st.integers(0, 59))
        done = tuple(draw(st.lists(st.sampled_from(IDS), max_size=3, unique=True)))
        day = (TODAY - dt.timedelta(days=back)).isoformat()
        pain = draw(st.integers(0, 10))
        entries.append(entry(number + 1, day, pain, *done, spreading=draw(st.booleans())))
    return sorted(entries, key=lambda e: (e.date, e.id))


@given(journal=journals(), days=st.integers(7, 60))
def test_the_numbers_hold_together(catalogue: Catalogue, journal: list[Entry], days: int) -> None:
    found = build_report(journal, TODAY, days, catalogue, PLAN)
    start = TODAY - dt.timedelta(days=days - 1)
    in_period = [e for e in journal if e.date >= start]
    assert found.entries == len(in_period) and found.empty == (not in_period)
    # The weeks tile the period from the journal's first entry (issue 24: the days before it
    # are not counted): back to back, 7 days each but the first.
    counted = max([start, *(e.date for e in journal[:1])])
    assert found.weeks[0].first == counted and found.weeks[-1].last == TODAY
    for before, after in zip(found.weeks, found.weeks[1:], strict=False):
        assert after.first == before.last + dt.timedelta(days=1) and after.days == 7
    assert sum(w.days for w in found.weeks) == (TODAY - counted).days + 1
    period = [counted + dt.timedelta(days=n) for n in range((TODAY - counted).days + 1)]
    assert found.planned == sum(f"{d:%a}".lower() in PLAN.on for d in period)
    assert found.sessions == len({e.date for e in in_period if e.done})
    # One point per day with entries, inside the day's range and the period's.
    assert [d.date for d in found.pain_days] == sorted({e.date for e in in_period})
    for day in found.pain_days:
        assert day.lowest <= day.pain <= day.highest
    if in_period:
        assert found.lowest is not None and found.highest is not None
        assert found.lowest <= (found.summary.average or 0) <= found.highest
        svg = _pain_svg(pain_chart_svg(found))
        assert len(svg.findall(f"{SVG}circle[@class='point']")) == len(found.pain_days)
    assert sum(r.done for r in found.exercises) == sum(len(e.done) for e in in_period)
    assert all(0 <= r.rises <= r.done for r in found.exercises)


@pytest.mark.parametrize("days", [7, 28, 365])
def test_the_page_body_is_well_formed(catalogue: Catalogue, days: int) -> None:
    """Every section the page wraps (chart, sessions, exercises, notes, warning signs) closes
    where it should: the body parses as XML, and the warning signs are one section."""
    found = build_report(JOURNAL, TODAY, days, catalogue, PLAN)
    page = report_html(found)
    main = ET.fromstring(page[page.index("<main>") : page.index("</main>") + len("</main>")])
    classes = [(e.get("class") or "").split()[0] for e in main if e.tag in {"div", "section"}]
    expected = ["chart", "sessions", "exercises", "notes", "safety"]
    assert classes == (["safety"] if found.empty else expected)
    safety_section = main.find("section[@class='safety']")
    assert safety_section is not None
    assert "".join(safety_section.itertext()).count("EMERGENCY") == 1

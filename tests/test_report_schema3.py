"""The report's schema-3 content (issue 24) and its long notes (issue 28): sessions counted
from the journal's first entry, never above 100%, leg and back pain with centralising or
spreading said plainly, the PSFS with its credit, how each exercise felt, long notes shortened,
entries dated after today named; numbers against hand-made journals and a direct recount."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sciatica_planner.journal import Entry, PsfsRating, PsfsSeries
from sciatica_planner.render.report_charts import psfs_chart_svg
from sciatica_planner.render.report_html import report_html
from sciatica_planner.render.report_markdown import report_markdown
from sciatica_planner.report import NOTE_PAGE_CHARS, PlanSettings, build_report

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_planner.models import Catalogue

TODAY = dt.date(2026, 12, 3)  # a Thursday
PLAN = PlanSettings(
    on=("mon", "wed", "fri"), level="beginner", equipment=(), minutes=30, prefer="neutral",
    source="the defaults",
)  # fmt: skip
SVG = "{http://www.w3.org/2000/svg}"
CREDIT = "Stratford P, Gill C, Westaway M, Binkley J, Physiotherapy Canada 1995"


def entry(number: int, day: str, pain: int, *done: str, **schema3: object) -> Entry:
    return Entry(number, dt.date.fromisoformat(day), pain, done, None, **schema3)  # type: ignore[arg-type]


def test_sessions_count_from_the_first_entry_and_never_above_100(catalogue: Catalogue) -> None:
    """The issue's case: a journal begun on Mon 30 Nov, a 28-day report on Thu 3 Dec. The
    weeks before the first entry are not counted (it read 31%), and sessions on days off are
    extra, not 125%."""
    journal = [
        entry(1, "2026-11-30", 3, "bird-dog"),
        entry(2, "2026-12-01", 3, "bird-dog"),  # a Tuesday: not a training day
        entry(3, "2026-12-02", 3, "bird-dog"),
        entry(4, "2026-12-03", 2, "bird-dog"),
    ]
    found = build_report(journal, TODAY, 28, catalogue, PLAN)
    assert found.counted_from == dt.date(2026, 11, 30)
    assert [(w.first, w.last, w.sessions, w.planned) for w in found.weeks] == [
        (dt.date(2026, 11, 30), TODAY, 4, 2),  # Mon 30, Wed 2 planned; Fri 4 is not yet
    ]
    text = report_markdown(found)
    assert (
        "- **Sessions:** 4 logged, against 2 training days in the plan since Mon 30 Nov (the "
        "journal's first entry; the days before it are not counted) (100% (+2 extra);"
    ) in text
    assert "125%" not in text and "200%" not in text
    # The journal's first entry may be older than the entries read: then nothing is cut.
    older = build_report(journal, TODAY, 28, catalogue, PLAN, first_entry=dt.date(2026, 1, 1))
    assert older.weeks[0].first == TODAY - dt.timedelta(days=27)
    assert "first entry" not in report_markdown(older)


def leg_back_journal(legs: tuple[int, int], backs: tuple[int, int]) -> list[Entry]:
    """Two entries in the 7 days before the last 7, two in the last 7."""
    days = ("2026-11-21", "2026-11-24", "2026-11-28", "2026-12-02")
    return [
        entry(n + 1, day, max(legs[n // 2], backs[n // 2]), leg=legs[n // 2], back=backs[n // 2])
        for n, day in enumerate(days)
    ]


@pytest.mark.parametrize(
    ("legs", "backs", "pattern", "words"),
    [
        ((6, 4), (3, 3), "centralising", "Centralising: leg pain is easing while back pain holds"),
        ((6, 4), (3, 4), "centralising", "Centralising:"),  # back pain rising: still so
        ((3, 5), (3, 3), "spreading", "Spreading: leg pain is rising while back pain does not"),
        ((6, 4), (5, 3), None, "Neither centralising nor spreading"),  # both easing
        ((4, 4), (3, 3), None, "Neither centralising nor spreading"),
    ],
)
def test_leg_and_back_say_centralising_or_spreading(
    catalogue: Catalogue,
    legs: tuple[int, int],
    backs: tuple[int, int],
    pattern: str | None,
    words: str,
) -> None:
    found = build_report(leg_back_journal(legs, backs), TODAY, 28, catalogue, PLAN)
    assert found.leg_and_back is not None
    assert found.leg_and_back.leg == (float(legs[0]), float(legs[1]))
    assert found.leg_and_back.pattern == pattern
    text = report_markdown(found)
    assert f"- **Leg and back pain:** {words}" in text
    assert "| Leg | Back |" in text
    svg = ET.fromstring(_pain_svg(report_html(found)))
    assert len(svg.findall(f"{SVG}polyline[@class='leg']")) == 1
    assert len(svg.findall(f"{SVG}circle[@class='back-point']")) == 4


def test_no_leg_and_back_means_no_such_lines(catalogue: Catalogue) -> None:
    found = build_report([entry(1, "2026-12-02", 3)], TODAY, 28, catalogue, PLAN)
    assert found.leg_and_back is None
    text = report_markdown(found)
    assert "Leg and back" not in text and "| Leg |" not in text
    assert 'polyline class="leg"' not in report_html(found)


def _pain_svg(page: str) -> str:
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" class="pain-chart"')
    return page[start : page.index("</svg>", start) + len("</svg>")]


SERIES = PsfsSeries(
    1,
    dt.date(2026, 11, 9),
    ("putting on socks", "walking 1 km"),
    (
        PsfsRating(dt.date(2026, 11, 9), (3, 4)),
        PsfsRating(dt.date(2026, 11, 16), (4, 4)),
        PsfsRating(dt.date(2026, 11, 30), (6, 5)),
    ),
)


def test_the_psfs_table_chart_trend_and_credit(catalogue: Catalogue) -> None:
    older = PsfsSeries(
        0, dt.date(2026, 10, 1), ("gardening",), (PsfsRating(dt.date(2026, 10, 1), (1,)),)
    )
    found = build_report(
        [entry(1, "2026-12-02", 3)], TODAY, 28, catalogue, PLAN, psfs=[older, SERIES]
    )
    assert found.psfs == SERIES
    text = report_markdown(found)
    for line in (
        "## Function: the Patient-Specific Functional Scale (PSFS)",
        "| Activity | 9 Nov | 16 Nov | 30 Nov |",
        "| putting on socks | 3 | 4 | 6 |",
        "| **Mean** | **3.5** | **4.0** | **5.5** |",
        "**Trend:** \\+2.0 points on the mean since 9 Nov 2026: better by 2 points or more",
        CREDIT,
    ):
        assert line in text
    assert "gardening" not in text  # an earlier series is not compared
    page = report_html(found)
    assert CREDIT in page
    svg = ET.fromstring(psfs_chart_svg(found))
    means = [c.get("data-mean") for c in svg.iter(f"{SVG}circle")]
    assert means == ["3.5", "4.0", "5.5"]
    assert svg.find(f"{SVG}title") is not None


def test_without_psfs_the_report_says_how_to_start_and_credits(catalogue: Catalogue) -> None:
    found = build_report([entry(1, "2026-12-02", 3)], TODAY, 28, catalogue, PLAN)
    text = report_markdown(found)
    assert "No PSFS activities set (`sciatica-plan psfs set ...`)." in text and CREDIT in text
    assert psfs_chart_svg(found) == ""


def test_how_each_exercise_felt_beside_pain_up_next_day(catalogue: Catalogue) -> None:
    journal = [
        entry(1, "2026-12-01", 2, "bird-dog", felt=(("bird-dog", "easy"),)),
        entry(
            2, "2026-12-02", 2, "bird-dog", felt=(("bird-dog", "painful"), ("clamshell", "hard"))
        ),
        entry(3, "2026-12-03", 2, "bird-dog", felt=(("bird-dog", "painful"),)),
    ]
    found = build_report(journal, TODAY, 28, catalogue, PLAN)
    assert [(r.id, r.done, r.felt) for r in found.exercises] == [
        ("bird-dog", 3, (1, 0, 0, 2)),
        ("clamshell", 0, (0, 0, 1, 0)),  # said to feel hard, not logged as done
    ]
    text = report_markdown(found)
    assert "| Exercise | Done | Pain up next day | Easy | Right | Hard | Painful |" in text
    assert "| Bird dog | 3 | 0 | 1 | 0 | 0 | 2 |" in text


def test_a_long_note_is_shortened_with_a_pointer(catalogue: Catalogue) -> None:
    huge = "word " * 30_000  # 150 KB
    journal = [Entry(7, dt.date(2026, 12, 2), 3, (), huge), Entry(8, TODAY, 2, (), "short")]
    found = build_report(journal, TODAY, 28, catalogue, PLAN)
    long, short = found.notes
    assert long.shortened and len(long.text) == NOTE_PAGE_CHARS and long.entry == 7
    assert not short.shortened and short.text == "short"
    text = report_markdown(found)
    assert "(shortened here: the whole note is entry 7 in `sciatica-plan history --long`)" in text
    assert len(text) < 20_000
    many_lines = build_report(
        [Entry(9, TODAY, 2, (), "\n".join(f"line {n}" for n in range(50)))],
        TODAY,
        28,
        catalogue,
        PLAN,
    )
    assert many_lines.notes[0].shortened and many_lines.notes[0].text.count("\n") == 5


def test_an_entry_dated_after_today_is_counted_and_named(catalogue: Catalogue) -> None:
    journal = [entry(1, "2026-12-02", 2), entry(2, "2026-12-04", 10, spreading=True)]
    found = build_report(journal, TODAY, 28, catalogue, PLAN)
    assert found.entries == 2 and found.highest == 10 and found.future == (2,)
    assert found.spreading_days == (TODAY,)
    assert found.adaptation is not None and found.adaptation.direction == "regress"
    assert "- **Dated after today:** entry 2; counted as today's" in report_markdown(found)


FEELINGS = ("easy", "right", "hard", "painful")
IDS = ("glute-bridge", "bird-dog", "clamshell")


@st.composite
def journals(draw: st.DrawFn) -> list[Entry]:
    """Up to 30 entries over 40 days with gaps, leg and back pain or not, and feelings."""
    found = []
    for number in range(1, draw(st.integers(0, 30)) + 1):
        day = TODAY - dt.timedelta(days=draw(st.integers(0, 39)))
        leg = draw(st.none() | st.integers(0, 10))
        back = draw(st.none() | st.integers(0, 10))
        pain = draw(st.integers(0, 10))
        done = tuple(draw(st.lists(st.sampled_from(IDS), max_size=3, unique=True)))
        felt = tuple((e, draw(st.sampled_from(FEELINGS))) for e in done if draw(st.booleans()))
        found.append(Entry(number, day, pain, done, None, leg=leg, back=back, felt=felt))
    return sorted(found, key=lambda e: (e.date, e.id))


@given(journal=journals(), days=st.integers(7, 40))
def test_schema3_numbers_match_a_direct_recount(
    catalogue: Catalogue, journal: list[Entry], days: int
) -> None:
    found = build_report(journal, TODAY, days, catalogue, PLAN)
    start = TODAY - dt.timedelta(days=days - 1)
    in_period = [e for e in journal if e.date >= start]
    for day in found.pain_days:
        legs = [e.leg for e in in_period if e.date == day.date and e.leg is not None]
        assert (day.leg is None) == (not legs)
        if legs:
            assert day.leg is not None and abs(day.leg - sum(legs) / len(legs)) <= 0.05
    for record in found.exercises:
        said = [how for e in in_period for ex, how in e.felt if ex == record.id]
        assert record.felt == tuple(said.count(how) for how in FEELINGS)
    # Never above 100%, and weeks from the first entry only.
    first = journal[0].date if journal else None
    for week in found.weeks:
        assert first is None or week.first >= first
    markdown = report_markdown(found)
    assert all(int(share) <= 100 for share in re.findall(r"(\d+)%", markdown))
    report_html(found)  # renders for any journal


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdfinfo")
# Measured: a 28-day journal with leg and back pain, feelings, a PSFS series and four notes
# prints on 3 A4 pages (the warning signs alone fill most of one); a 128 KB note no longer
# adds pages (it made 19).
MAX_REPORT_PAGES = 3


@pytest.mark.skipif(not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils")
def test_a_full_28_day_report_prints_on_a_few_pages(catalogue: Catalogue, tmp_path: Path) -> None:
    journal = []
    for back in range(27, -1, -1):
        day = TODAY - dt.timedelta(days=back)
        if back % 4 == 3:
            continue
        done = ("glute-bridge", "bird-dog", "clamshell") if day.weekday() in (0, 2, 4) else ()
        felt = tuple((e, FEELINGS[(back + n) % 4]) for n, e in enumerate(done))
        note = "stiff after driving, better after the walk" if back % 6 == 0 else None
        if back == 10:
            note = "x" * 128_000
        leg = max(0, 7 - (27 - back) // 4)
        journal.append(Entry(100 - back, day, max(leg, 3), done, note, leg=leg, back=3, felt=felt))
    found = build_report(journal, TODAY, 28, catalogue, PLAN, psfs=[SERIES])
    source, pdf = tmp_path / "report.html", tmp_path / "report.pdf"
    source.write_text(report_html(found), encoding="utf-8")
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(next(x.split()[1] for x in info.stdout.splitlines() if x.startswith("Pages:")))
    assert 1 <= pages <= MAX_REPORT_PAGES


def test_the_page_shows_the_latest_notes_and_counts_the_rest(catalogue: Catalogue) -> None:
    from sciatica_planner.report import NOTES_ON_PAGE

    journal = [
        Entry(n, TODAY - dt.timedelta(days=(NOTES_ON_PAGE + 9 - n) // 2), 2, (), f"note {n}")
        for n in range(1, NOTES_ON_PAGE + 10)
    ]
    found = build_report(journal, TODAY, 60, catalogue, PLAN)
    assert len(found.notes) == NOTES_ON_PAGE and found.notes_left_out == 9
    assert found.notes[-1].text == f"note {NOTES_ON_PAGE + 9}"
    assert "the 9 earlier notes of the period are in `sciatica-plan history --long`" in (
        report_markdown(found)
    )

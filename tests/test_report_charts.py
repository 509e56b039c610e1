"""The report's charts at print size, for any period the report takes (7 to 365 days), with and
without leg and back pain and PSFS ratings: each drawn in CSS pixels (width attribute = viewBox
width, no wider than the A4 page's text, so print never scales it), every word at 11 pt or more,
and every word inside its drawing and clear of the others by a wide estimate of its width.
tests/test_pages.py measures the same in Chromium for four weeks and a year."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, NamedTuple

from hypothesis import given
from hypothesis import strategies as st

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.journal import Entry, PsfsRating, PsfsSeries
from sciatica_planner.render import html as handout
from sciatica_planner.render.report_charts import (
    LABEL,
    LABEL_CHAR,
    PRINT_WIDTH,
    PX_PER_PT,
    SCREEN_LEAST_SCALE,
    pain_chart_svg,
    psfs_chart_svg,
    sessions_chart_svg,
)
from sciatica_planner.render.report_html import report_html
from sciatica_planner.report import PlanSettings, build_report
from sciatica_planner.vocabulary import REPORT_DAYS_MAX, REPORT_DAYS_MIN

if TYPE_CHECKING:
    from sciatica_planner.models import Catalogue
    from sciatica_planner.report import Report

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 11, 25)
PLAN = PlanSettings(
    on=("mon", "wed", "fri"), level="beginner", equipment=(), minutes=30, prefer="neutral",
    source="the defaults",
)  # fmt: skip
# A4 less the page's side margins, in CSS pixels (96 an inch).
A4_TEXT_PX = (210 - 2 * handout.PAGE_MARGIN_MM[1]) * 96 / 25.4
# A text box's height against its font size (DejaVu Sans: ascent and descent about 1.17 em).
LINE = 1.17


class Box(NamedTuple):
    text: str
    left: float
    right: float
    top: float
    bottom: float


def _report(catalogue: Catalogue, days: int, every: int, apart: bool, ratings: int) -> Report:
    journal = [
        Entry(n, TODAY - dt.timedelta(days=back), back % 11, ("glute-bridge",) * (back % 2),
              None, back % 13 == 0, leg=back % 7 if apart else None, back=2 if apart else None)
        for n, back in enumerate(range(0, days + 3, every), start=1)
    ]  # fmt: skip
    first = TODAY - dt.timedelta(days=days - 1)
    count = min(ratings, days)  # at most one a day, oldest first
    series = PsfsSeries(
        1,
        first,
        ("putting on socks",),
        tuple(
            PsfsRating(first + dt.timedelta(days=n * days // count), (n % 11,))
            for n in range(count)
        ),
    )
    return build_report(journal, TODAY, days, catalogue, PLAN, psfs=[series] if ratings else [])


def _boxes(svg: ET.Element) -> list[Box]:
    """Each word's box, its width estimated on the wide side; rotated words left out."""
    found = []
    for text in svg.iter(f"{SVG}text"):
        if text.get("transform"):
            continue
        words = "".join(text.itertext())
        width = len(words) * LABEL_CHAR * (1.1 if text.get("font-weight") == "bold" else 1)
        x, y = float(text.get("x", "")), float(text.get("y", ""))
        left = {"start": x, "middle": x - width / 2, "end": x - width}[
            text.get("text-anchor", "start")
        ]
        found.append(Box(words, left, left + width, y - 0.93 * LABEL, y + 0.24 * LABEL))
    return found


def _check(chart: str) -> None:
    svg = ET.fromstring(chart)
    _, _, width, height = (float(v) for v in svg.get("viewBox", "").split())
    # One unit a CSS pixel, no wider than the page: print draws it at its own size.
    assert float(svg.get("width", "")) == width and float(svg.get("height", "")) == height
    assert width <= PRINT_WIDTH <= A4_TEXT_PX
    # Every word at the chart's size, which prints at 11 pt or more; 12 px on a screen at least.
    sizes = {float(e.get("font-size", LABEL)) for e in svg.iter() if e.get("font-size")}
    assert sizes == {LABEL} and LABEL / PX_PER_PT >= handout.TABLE_PT
    assert f"min-width: {round(width * SCREEN_LEAST_SCALE)}px" in svg.get("style", "")
    assert LABEL * SCREEN_LEAST_SCALE >= 12
    boxes = _boxes(svg)
    for box in boxes:  # inside the drawing
        assert box.left >= 0 and box.right <= width and box.top >= 0 and box.bottom <= height, box
    for n, a in enumerate(boxes):  # and clear of each other
        for b in boxes[n + 1 :]:
            apart = a.right <= b.left or b.right <= a.left or a.bottom <= b.top or b.bottom <= a.top
            assert apart, (a, b)


@given(
    days=st.integers(REPORT_DAYS_MIN, REPORT_DAYS_MAX),
    every=st.integers(1, 4),
    apart=st.booleans(),
    ratings=st.integers(0, 60),
)
def test_every_chart_prints_its_words_at_11_pt_inside_it(
    days: int, every: int, apart: bool, ratings: int
) -> None:
    found = _report(load_catalogue(), days, every, apart, ratings)  # (not a fixture: its repr
    # would fill a failure's report)
    _check(pain_chart_svg(found))
    _check(sessions_chart_svg(found))
    psfs = psfs_chart_svg(found)
    assert bool(psfs) == bool(ratings)
    if psfs:
        _check(psfs)


def test_a_chart_scrolls_in_a_named_frame_the_keyboard_reaches(catalogue: Catalogue) -> None:
    page = report_html(_report(catalogue, 28, 1, True, 4))
    for name in ("Pain chart", "Sessions chart", "PSFS chart"):
        frame = f'<div class="chart" role="region" aria-label="{name}" tabindex="0">\n<svg '
        assert page.count(frame) == 1, name


def test_the_legend_names_every_line_and_mark(catalogue: Catalogue) -> None:
    svg = ET.fromstring(pain_chart_svg(_report(catalogue, 28, 1, True, 0)))
    legend = svg.find(f"{SVG}g[@class='legend']")
    assert legend is not None
    words = ["".join(t.itertext()) for t in legend.iter(f"{SVG}text")]
    assert words == [
        "pain: the day's mean (a bar: its range)",
        "leg pain (mean)",
        "back pain (mean)",
        "session (exercises logged)",
        "symptoms spreading down the leg",
    ]
    # Without leg and back pain, their words go too.
    plain = ET.fromstring(pain_chart_svg(_report(catalogue, 28, 1, False, 0)))
    assert [t.text for t in plain.iter(f"{SVG}text") if t.text and "(mean)" in t.text] == []

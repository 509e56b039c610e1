"""Pages for people (CONTRACT.md), measured in a real browser: headless Chromium, which
`.ci/run` installs, driven over its DevTools pipe (tests/browser.py).

- On paper (print media): body text at least 12 pt, tables and captions at least 11 pt, and
  every word at least 14 pt in large print; each exercise's figure at least 35 mm wide (45 in
  large print), or as tall as its cap when it is a narrow standing figure.
- On a screen 320, 768 and 1280 px wide: no two text boxes overlap and nothing scrolls sideways.
- axe-core finds no WCAG 2.0-2.2 A or AA violation on the handouts and the report. axe is not
  part of the project: `.ci/run` installs a pinned axe-core from the npm registry and names its
  file in AXE_CORE_JS. Without Chromium or axe these tests skip, except under CI, where they
  fail."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest
from browser import CHROMIUM, PX_PER_MM, PX_PER_PT, Browser
from page_scripts import AXE_RUN, FIGURES, TEXT_BOXES, WIDTHS

from sciatica_planner.journal import Entry, PsfsRating, PsfsSeries
from sciatica_planner.models import PlanOptions
from sciatica_planner.planning import plan_week
from sciatica_planner.progression import plan_program
from sciatica_planner.render import html as handout
from sciatica_planner.render.report_html import report_html
from sciatica_planner.report import PlanSettings, build_report

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sciatica_planner.models import Catalogue

SCREEN_WIDTHS = (320, 768, 1280)
# A4 less the handout's margins, the width print lays a page out in.
A4_WIDTH_MM = 210
PRINT_WIDTH_PX = round((A4_WIDTH_MM - 2 * handout.PAGE_MARGIN_MM[1]) * PX_PER_MM)
# Text boxes closer than this are touching, not overlapping: glyph boxes of neighbouring
# words and lines may share a pixel or two at the sizes the pages use.
OVERLAP_TOLERANCE_PX = 2.0
# Rounding of computed sizes (a 12 pt font is 16 px; a scaled SVG label a fraction off).
SIZE_TOLERANCE_PT = 0.05
# The least a chart's labels may shrink to on a screen (report_charts.SCREEN_LEAST_SCALE).
SCREEN_LABEL_PX = 12
START = dt.date(2026, 11, 30)
ALL_EQUIPMENT = ("band", "dumbbells", "kettlebell", "barbell", "bench", "ball", "machine")


def need(found: object, what: str) -> None:
    """Skip without `what` on a developer's machine; under CI its absence is a failure."""
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs {what} (.ci/run installs it)")
        pytest.skip(f"needs {what} (.ci/run installs it)")


class Page(NamedTuple):
    path: Path
    large: bool


def _options(**changes: Any) -> PlanOptions:
    values: dict[str, Any] = {
        "days": 3, "on": ("mon", "wed", "fri"), "level": "beginner", "equipment": (),
        "minutes": 30, "pain": 0, "seed": 20261130, "start": START,
    }  # fmt: skip
    return PlanOptions.model_validate({**values, **changes})


def _report_page(catalogue: Catalogue) -> str:
    """Four weeks of a journal, with notes, a flare and a spreading day."""
    today = START + dt.timedelta(days=27)
    entries = [
        Entry(n, START + dt.timedelta(days=day), pain, done, note, spreading)
        for n, (day, pain, done, note, spreading) in enumerate(
            [
                (0, 5, ("glute-bridge",), "stiff in the morning", False),
                (2, 6, (), None, False),
                (4, 4, ("clamshell", "bird-dog"), "better after the walk", False),
                (9, 4, ("glute-bridge",), None, False),
                (11, 3, ("glute-bridge", "clamshell"), "slept well", False),
                (16, 3, ("bird-dog",), None, True),
                (20, 2, ("glute-bridge",), "tingling to the calf <ok>", False),
                (25, 2, ("clamshell",), None, False),
            ],
            start=1,
        )
    ]
    plan = PlanSettings(
        on=("mon", "wed", "fri"), level="beginner", equipment=(), minutes=30,
        prefer="neutral", source="the defaults",
    )  # fmt: skip
    # Schema 3 (issue 24): leg and back pain, how exercises felt, a PSFS series, so that the
    # checks cover the leg and back lines, the feelings table and the PSFS chart too.
    entries = [
        dataclasses.replace(
            e, leg=max(0, e.pain - 1), back=2, felt=tuple((x, "right") for x in e.done)
        )
        for e in entries
    ]
    series = PsfsSeries(
        1,
        START,
        ("putting on socks", "walking 1 km"),
        tuple(PsfsRating(START + dt.timedelta(days=d), (3 + d // 7, 4)) for d in (0, 7, 14, 21)),
    )
    return report_html(build_report(entries, today, 28, catalogue, plan, psfs=[series]))


def _year_report_page(catalogue: Catalogue) -> str:
    """A year of a journal: two days in three, leg and back pain, a PSFS rating a fortnight."""
    fortnights = range(0, 365, 14)
    start = START - dt.timedelta(days=364)
    entries = [
        Entry(n, start + dt.timedelta(days=day), 3 + day % 5, ("glute-bridge",) * (day % 2),
              None, day % 40 == 0, leg=2 + day % 4, back=2)
        for n, day in enumerate((d for d in range(365) if d % 3 != 2), start=1)
    ]  # fmt: skip
    series = PsfsSeries(
        1,
        start,
        ("putting on socks", "walking 1 km"),
        tuple(PsfsRating(start + dt.timedelta(days=d), (3 + d // 60, 4)) for d in fortnights),
    )
    plan = PlanSettings(
        on=("mon", "wed", "fri"), level="beginner", equipment=(), minutes=30,
        prefer="neutral", source="the defaults",
    )  # fmt: skip
    return report_html(build_report(entries, START, 365, catalogue, plan, psfs=[series]))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> dict[str, Page]:
    """The handouts the issue names (week, advanced week, 12-week programme; normal and
    large print) and the clinician's report, as files."""
    folder = tmp_path_factory.mktemp("pages")
    week = plan_week(catalogue, _options())
    advanced = plan_week(catalogue, _options(level="advanced", equipment=ALL_EQUIPMENT, minutes=45))
    programme = plan_program(catalogue, _options(), 12)
    made = {
        "week": (handout.week_html(week, catalogue), False),
        "week-large": (handout.week_html(week, catalogue, large_print=True), True),
        "advanced": (handout.week_html(advanced, catalogue), False),
        "programme": (handout.program_html(programme, catalogue), False),
        "programme-large": (handout.program_html(programme, catalogue, large_print=True), True),
        "report": (_report_page(catalogue), False),
        "report-year": (_year_report_page(catalogue), False),
    }
    found = {}
    for name, (text, large) in made.items():
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        found[name] = Page(path, large)
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    need(CHROMIUM, "chromium")
    with Browser() as running:
        yield running


def overlaps(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Pairs of text boxes that overlap by more than the tolerance both ways."""
    ordered = sorted(boxes, key=lambda b: b["top"])
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b["top"] >= a["bottom"] - OVERLAP_TOLERANCE_PX:
                break
            wide = min(a["right"], b["right"]) - max(a["left"], b["left"])
            high = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if wide > OVERLAP_TOLERANCE_PX and high > OVERLAP_TOLERANCE_PX:
                found.append((a["text"], b["text"]))
    return found


NAMES = ("week", "week-large", "advanced", "programme", "programme-large", "report")


@pytest.mark.parametrize("width", SCREEN_WIDTHS)
@pytest.mark.parametrize("name", NAMES)
def test_pages_reflow_without_overlapping_text_or_sideways_scroll(
    browser: Browser, pages: dict[str, Page], name: str, width: int
) -> None:
    browser.open(pages[name].path, width)
    widths = browser.evaluate(WIDTHS)
    assert widths["page"] <= widths["window"], f"{name} scrolls sideways at {width} px: {widths}"
    boxes = browser.evaluate(TEXT_BOXES)
    assert len(boxes) > 100  # the page was read
    assert all(box["left"] >= -OVERLAP_TOLERANCE_PX for box in boxes)
    assert overlaps(boxes) == [], f"{name} at {width} px"


def printed_sizes(browser: Browser, page: Page) -> list[dict[str, Any]]:
    browser.open(page.path, PRINT_WIDTH_PX, media="print")
    boxes: list[dict[str, Any]] = browser.evaluate(TEXT_BOXES)
    assert len(boxes) > 100
    return boxes


@pytest.mark.parametrize("name", NAMES)
def test_print_is_large_enough_to_read(browser: Browser, pages: dict[str, Page], name: str) -> None:
    """Every word of the handouts; the report's words outside its two charts (below)."""
    page = pages[name]
    boxes = [b for b in printed_sizes(browser, page) if not (name == "report" and b["svg"])]
    body = min(b["size"] for b in boxes if not (b["table"] or b["caption"] or b["svg"]))
    small = min(b["size"] for b in boxes if b["table"] or b["caption"] or b["svg"])
    body_pt, small_pt = body / PX_PER_PT, small / PX_PER_PT
    if page.large:
        least = handout.LARGE_PT
        assert body_pt >= least - SIZE_TOLERANCE_PT and small_pt >= least - SIZE_TOLERANCE_PT
    else:
        assert body_pt >= handout.BODY_PT - SIZE_TOLERANCE_PT, name
        assert small_pt >= handout.TABLE_PT - SIZE_TOLERANCE_PT, name


@pytest.mark.parametrize("name", ["report", "report-year"])
def test_the_report_charts_label_at_11_pt(
    browser: Browser, pages: dict[str, Page], name: str
) -> None:
    """Every word of the three charts, for four weeks and for a year, and each chart whole
    on the page: none wider than the page's text."""
    labels = [b for b in printed_sizes(browser, pages[name]) if b["svg"]]
    charts = {b["chart"] for b in labels}
    assert charts == {"pain-chart", "sessions-chart", "psfs-chart"}
    assert min(b["size"] for b in labels) / PX_PER_PT >= handout.TABLE_PT - SIZE_TOLERANCE_PT
    assert max(b["right"] for b in labels) <= PRINT_WIDTH_PX + OVERLAP_TOLERANCE_PX
    assert overlaps(labels) == [], name


@pytest.mark.parametrize("width", SCREEN_WIDTHS)
def test_the_report_charts_stay_readable_on_a_screen(
    browser: Browser, pages: dict[str, Page], width: int
) -> None:
    """On a phone a chart shrinks no further than its labels at 12 px and scrolls sideways in
    its frame instead (the page itself does not scroll)."""
    browser.open(pages["report-year"].path, width)
    boxes = browser.evaluate(TEXT_BOXES)
    labels = [b for b in boxes if b["svg"]]
    assert {b["chart"] for b in labels} == {"pain-chart", "sessions-chart", "psfs-chart"}
    assert min(b["size"] for b in labels) >= SCREEN_LABEL_PX - SIZE_TOLERANCE_PT * PX_PER_PT
    widths = browser.evaluate(WIDTHS)
    assert widths["page"] <= widths["window"], f"a year's report scrolls sideways at {width} px"
    assert overlaps(boxes) == [], f"a year's report at {width} px"


@pytest.mark.parametrize("name", ["week", "week-large", "advanced", "programme"])
def test_printed_figures_are_large_enough_to_follow(
    browser: Browser, pages: dict[str, Page], name: str
) -> None:
    page = pages[name]
    browser.open(page.path, PRINT_WIDTH_PX, media="print")
    figures = browser.evaluate(FIGURES)
    assert figures
    least = handout.LARGE_FIGURE_MIN_MM if page.large else handout.FIGURE_MIN_MM
    cap = (
        handout.LARGE_TALL_FIGURE_MAX_HEIGHT_MM if page.large else handout.TALL_FIGURE_MAX_HEIGHT_MM
    )
    for figure in figures:
        width, height = figure["width"] / PX_PER_MM, figure["height"] / PX_PER_MM
        # A standing figure narrower than least:cap is as tall as the cap instead.
        assert width >= least - 0.5 or height >= cap - 0.5, figure


def axe_source() -> str | None:
    """axe-core's script, from the file AXE_CORE_JS names (.ci/run installs it)."""
    path = os.environ.get("AXE_CORE_JS")
    return Path(path).read_text(encoding="utf-8") if path and Path(path).is_file() else None


# At 320 px the report's pain chart scrolls in its frame, which the keyboard must reach.
@pytest.mark.parametrize(
    ("name", "width"), [(n, 1280) for n in NAMES] + [("week", 320), ("report", 320)]
)
def test_axe_finds_no_wcag_violations(
    browser: Browser, pages: dict[str, Page], name: str, width: int
) -> None:
    source = axe_source()
    need(source, "axe-core (AXE_CORE_JS)")
    assert source is not None
    browser.open(pages[name].path, width)
    browser.evaluate(source + "\n;true")
    result = browser.evaluate(AXE_RUN)
    assert result["passes"] > 0  # axe ran its rules on the page
    assert result["violations"] == [], f"{name} at {width} px (axe {result['version']})"

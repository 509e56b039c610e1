"""The handout on paper: printed by a real browser (headless Chromium, which `.ci/run`
installs) at RNIB's 12 pt (render/html.py), a 3-day week fits on at most 6 A4 pages (an
advanced one on 7, a 12-week programme on 10) and names every planned exercise."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import PlanOptions
from sciatica_planner.planning import plan_week
from sciatica_planner.progression import plan_program
from sciatica_planner.render.html import program_html, week_html

if TYPE_CHECKING:
    from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils (.ci/run installs them)"
)
# The targets with the bundled catalogue (docs/handout.md has the measured counts).
MAX_PAGES = 6
MAX_PAGES_ADVANCED = 7
MAX_PAGES_PROGRAMME = 10
PROGRAMME_WEEKS = 12
ALL_EQUIPMENT = ("band", "dumbbells", "kettlebell", "barbell", "bench", "ball", "machine")


def print_to_pdf(page: str, folder: Path) -> tuple[int, str]:
    """The page printed to PDF: its page count and its text."""
    source, pdf = folder / "handout.html", folder / "handout.pdf"
    source.write_text(page, encoding="utf-8")
    assert CHROMIUM is not None
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", source.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(
        next(line.split()[1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True)
    return pages, " ".join(text.stdout.split())


def options(level: str, equipment: tuple[str, ...], minutes: int) -> PlanOptions:
    return PlanOptions(
        days=3, on=("mon", "wed", "fri"), level=level, equipment=equipment, minutes=minutes,
        pain=0, seed=20261130, start=dt.date(2026, 11, 30),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("level", "equipment", "minutes", "most"),
    [
        ("beginner", (), 30, MAX_PAGES),
        ("intermediate", ("band", "dumbbells"), 30, MAX_PAGES),
        ("advanced", ALL_EQUIPMENT, 30, MAX_PAGES_ADVANCED),
        ("advanced", ALL_EQUIPMENT, 45, MAX_PAGES_ADVANCED),
    ],
)
def test_a_three_day_week_prints_on_a_few_pages(
    tmp_path: Path, level: str, equipment: tuple[str, ...], minutes: int, most: int
) -> None:
    catalogue = load_catalogue()
    plan = plan_week(catalogue, options(level, equipment, minutes))
    pages, text = print_to_pdf(week_html(plan, catalogue), tmp_path)
    assert 1 <= pages <= most
    names = {item.name for day in plan.days for item in day.exercises}
    assert all(" ".join(name.split()) in text for name in names)
    assert "consult a healthcare professional" in text


def test_a_twelve_week_programme_prints_on_a_few_pages(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    plans = plan_program(catalogue, options("beginner", (), 30), PROGRAMME_WEEKS)
    pages, text = print_to_pdf(program_html(plans, catalogue), tmp_path)
    assert 1 <= pages <= MAX_PAGES_PROGRAMME
    names = {item.name for plan in plans for day in plan.days for item in day.exercises}
    assert all(" ".join(name.split()) in text for name in names)
    assert "consult a healthcare professional" in text

"""The handout on paper: printed by a real browser (headless Chromium, which `.ci/run`
installs), a 3-day week fits on at most 5 A4 pages and names every planned exercise."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.models import PlanOptions
from sciatica_planner.planning import plan_week
from sciatica_planner.render.html import week_html

if TYPE_CHECKING:
    from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and POPPLER), reason="needs chromium and poppler-utils (.ci/run installs them)"
)
MAX_PAGES = 5


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


@pytest.mark.parametrize(
    ("level", "equipment"),
    [("beginner", ()), ("intermediate", ("band", "dumbbells")), ("advanced", ("band", "dumbbells",
     "kettlebell", "barbell", "bench", "ball", "machine"))],
)  # fmt: skip
def test_a_three_day_week_prints_on_a_few_pages(
    tmp_path: Path, level: str, equipment: tuple[str, ...]
) -> None:
    catalogue = load_catalogue()
    options = PlanOptions(
        days=3, on=("mon", "wed", "fri"), level=level, equipment=equipment, minutes=30, pain=0,
        seed=20261130, start=dt.date(2026, 11, 30),
    )  # fmt: skip
    plan = plan_week(catalogue, options)
    pages, text = print_to_pdf(week_html(plan, catalogue), tmp_path)
    assert 1 <= pages <= MAX_PAGES
    names = {item.name for day in plan.days for item in day.exercises}
    assert all(" ".join(name.split()) in text for name in names)
    assert "consult a healthcare professional" in text

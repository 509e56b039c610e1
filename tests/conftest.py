"""Shared fixtures: every test runs with a private HOME, XDG folders and a fixed clock."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from sciatica_planner.catalogue import load_catalogue
from sciatica_planner.cli import context

if TYPE_CHECKING:
    from pathlib import Path

    from sciatica_planner.models import Catalogue

# A Wednesday: the week it falls in starts on Monday 2026-11-23.
FIXED_TODAY = dt.date(2026, 11, 25)


def pytest_configure(config: pytest.Config) -> None:
    # Catalogues loaded while tests are collected cache into this run's folder, not the user's.
    os.environ["XDG_CACHE_HOME"] = folder = tempfile.mkdtemp(prefix="sciatica-plan-cache-")
    atexit.register(shutil.rmtree, folder, True)
    # No deadline: the first plan of a run also builds the models' schemas, which a deadline
    # would report as a flaky test.
    settings.register_profile("local", deadline=None)
    settings.register_profile("dev", max_examples=40, deadline=None)
    settings.register_profile(
        "thorough",
        max_examples=600,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    if not os.environ.get("CI"):
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "local"))


@pytest.fixture(autouse=True)
def private_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's files, and output is never coloured by chance."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in (
        "NO_COLOR",
        "FORCE_COLOR",
        "COLUMNS",
        "LINES",
        "TTY_COMPATIBLE",
        "SCIATICA_PLAN_CATALOGUE",
        "SCIATICA_PLAN_JOURNAL",
        "SCIATICA_PLAN_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(context, "today", lambda: FIXED_TODAY)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    """A journal file of the test's own, in a folder not made yet (tests may define their own)."""
    return tmp_path / "journal" / "journal.sqlite3"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()

"""Where a user's journal and profile live, in one small module: every command finds them
without importing another command's module (plan_commands and journal_commands imported each
other for this)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from .context import Settings

APP_NAME = "sciatica-plan"
JOURNAL_FILE = "journal.sqlite3"


def journal_path(settings: Settings) -> Path:
    """--journal or SCIATICA_PLAN_JOURNAL, else journal.sqlite3 in the user's data folder."""
    if settings.journal_path is not None:
        return settings.journal_path
    import platformdirs

    # appauthor=False: %LOCALAPPDATA%\sciatica-plan on Windows, not ...\sciatica-plan\sciatica-plan.
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / JOURNAL_FILE


def profile_path(settings: Settings) -> Path:
    """--profile or SCIATICA_PLAN_PROFILE, else profile.toml in the user's config folder."""
    if settings.profile_path is not None:
        return settings.profile_path
    import platformdirs

    from ..profile import PROFILE_FILE

    # appauthor=False: %APPDATA%\sciatica-plan on Windows, as the journal's folder is.
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / PROFILE_FILE

"""The one base class of the errors the core raises about a user's data, files or choices."""

from __future__ import annotations


class SciaticaPlanError(Exception):
    """Bad data or I/O the user can act on; the command line shows it as `Error: ...`, exit 1."""

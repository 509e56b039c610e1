"""`sciatica-plan safety`: everything the plan views summarise in their emergency box."""

from __future__ import annotations

import click

from .context import console


@click.command()
def safety() -> None:
    """The disclaimer, every warning sign by urgency, what to do.

    \b
    Example:
      sciatica-plan safety
    """
    from ..render.terminal.safety_views import show_safety

    show_safety(console())


COMMANDS = [safety]

"""`sciatica-plan safety`: the disclaimer, every warning sign by urgency, and the education."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ... import safety
from .console import disclaimer, education, red_flags, say

if TYPE_CHECKING:
    from rich.console import Console


def show_safety(console: Console) -> None:
    say(console, Text("Using sciatica-plan safely", style="bold"))
    say(console, disclaimer())
    say(console, red_flags())
    say(console, Text(safety.UNSURE, style="bold"))
    say(console, Text(""))
    say(console, Text("Living with sciatica", style="bold underline"))
    say(console, education())

"""The terminal's own layouts: wrapping text as rich does, and the Grid's columns."""

from __future__ import annotations

import io

from hypothesis import example, given
from hypothesis import strategies as st
from rich.text import Text

from sciatica_planner.render.terminal.console import make_console
from sciatica_planner.render.terminal.layout import Column, Grid, _ascii_lines, wrap

CONSOLE = make_console(io.StringIO())
# Words of printable ASCII, joined by one space or more, sometimes with spaces at the ends.
WORD = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=14)
SPACES = st.sampled_from([" ", " ", " ", "  "])


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=30))
    text = words[0]
    for word in words[1:]:
        text += draw(SPACES) + word
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " "]))


def rich_lines(text: Text, width: int) -> list[str]:
    return [line.plain.rstrip() for line in text.wrap(CONSOLE, width)]


@given(sentences(), st.integers(1, 90), st.sampled_from(["", "dim", "bold yellow"]))
@example("Keep your back flat and breathe out as you lift", 10, "")
@example("a bb ccc", 4, "")
def test_wrapping_is_riches_wrapping(plain: str, width: int, style: str) -> None:
    text = Text(plain, style=style)
    lines = wrap(text, CONSOLE, width)
    assert [line.plain.rstrip() for line in lines] == rich_lines(text, width)
    assert all(line.style == style for line in lines)


@given(st.text(max_size=60), st.integers(1, 40))
def test_any_text_wraps_as_rich_wraps_it(plain: str, width: int) -> None:
    """Text the quick way leaves alone (other characters, styles inside) goes to rich."""
    text = Text(plain)
    assert [line.plain.rstrip() for line in wrap(text, CONSOLE, width)] == rich_lines(text, width)


def test_the_quick_way_takes_single_spaced_words_only() -> None:
    assert _ascii_lines("one two three", 7) == ["one two", "three"]
    assert _ascii_lines("one  two", 20) is None  # a run of spaces
    assert _ascii_lines("unbreakable", 5) is None  # a word to fold
    assert _ascii_lines(" lead", 20) is None


def test_a_grid_is_as_wide_as_its_content_and_wraps_the_giving_column_first() -> None:
    grid = Grid([Column("Name", give=1, keep=8, min_width=4), Column("Dose", give=2, keep=6)])
    grid.add_row("Glute bridge with a pause at the top", "2 x 10 each side")
    wide = make_console(io.StringIO())
    wide.width = 120
    wide.print(grid)
    lines = wide.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert lines[0] == "Name" + " " * 34 + "Dose"
    assert max(map(len, lines)) == len("Glute bridge with a pause at the top") + 2 + 16
    narrow = make_console(io.StringIO())
    narrow.width = 30
    narrow.print(grid)
    out = narrow.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert max(map(len, out)) <= 30
    assert "2 x 10 each side" in "\n".join(out)  # the name gave way, the dose did not
    assert not any(line.endswith(" ") for line in out)


def test_laid_out_lines_keep_their_own_style() -> None:
    """Text.render applies only a text's spans; the Grid and Indented add the text's own style
    (a heading's bold, the disclaimer's yellow) as rich's own printing does."""
    from rich.console import Console

    from sciatica_planner.render.terminal.layout import Hanging, Indented

    console = Console(file=io.StringIO(), force_terminal=True, color_system="standard", width=60)
    grid = Grid([Column("Exercise"), Column("Dose")])
    grid.add_row(Text("Warm-up", style="bold"), "")
    console.print(grid)
    console.print(Indented([Text("Take care", style="yellow"), Hanging([("-", "Go slowly")])], 3))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b[1mExercise" in out and "\x1b[1mWarm-up" in out  # the header, a block label
    assert "\x1b[2m─" in out  # the rule under the header is dim
    assert "\x1b[33mTake care" in out

"""The one door for outside text (text.py): what may be stored, and how it is shown inert."""

from __future__ import annotations

import json
import re
import time
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_planner.text import (
    ALL_CONTROLS,
    ELLIPSIS,
    describe,
    forbidden,
    is_control,
    is_hidden,
    json_safe,
    visible,
)

# One of each kind of character that must never reach a terminal raw, with how it is shown.
ESCAPES = {
    "\x1b": "\\x1b",  # ESC, which starts ESC[2J (clear screen), OSC 52 (clipboard), OSC 8 (link)
    "\x07": "\\x07",  # BEL, which ends an OSC sequence
    "\x9b": "\\x9b",  # CSI, the one-character ESC[
    "\x7f": "\\x7f",  # DEL
    "\r": "\\x0d",  # carriage return: writes over the line
    "\u202e": "<U+202E>",  # right-to-left override ("Trojan Source")
    "\u202a": "<U+202A>",  # left-to-right embedding
    "\u2066": "<U+2066>",  # left-to-right isolate
    "\u2069": "<U+2069>",  # pop directional isolate
    "\u200f": "<U+200F>",  # right-to-left mark
    "\u200b": "<U+200B>",  # zero-width space
    "\u200d": "<U+200D>",  # zero-width joiner
    "\u2060": "<U+2060>",  # word joiner
    "\ufeff": "<U+FEFF>",  # a byte-order mark in the middle of text
    "\U000e0041": "<U+E0041>",  # tag letter A
    "\U000e007f": "<U+E007F>",  # cancel tag
    "\u3164": "<U+3164>",  # Hangul filler: a letter that draws nothing
    "\u2028": "<U+2028>",  # line separator
    "\ufffe": "<U+FFFE>",  # a non-character
    "\ufdd0": "<U+FDD0>",  # a non-character
    "\U0010ffff": "<U+10FFFF>",  # a non-character, last of the last plane
    "\udcff": "<U+DCFF>",  # a lone surrogate (an undecodable byte)
}
HIDDEN_ONLY = [c for c in ESCAPES if not is_control(c)]


@pytest.mark.parametrize("character", list(ESCAPES), ids=lambda c: f"U+{ord(c):04X}")
def test_each_kind_is_shown_as_an_inert_escape(character: str) -> None:
    assert visible(f"a{character}b") == f"a{ESCAPES[character]}b"


@pytest.mark.parametrize("character", list(ESCAPES), ids=lambda c: f"U+{ord(c):04X}")
def test_each_kind_is_forbidden_unless_allowed(character: str) -> None:
    assert forbidden(f"fine{character}") == character
    if is_control(character):
        assert forbidden(f"fine{character}", allowed=ALL_CONTROLS) is None
    else:
        assert forbidden(f"fine{character}", allowed=ALL_CONTROLS) == character


@pytest.mark.parametrize(
    "text",
    [
        "Glute bridge",
        "Pont fessier (à genoux)",
        "Brücke, 30 s",
        "جسر الألوية",  # right-to-left letters are text, not controls
        "臀桥",
        "stretch 💪",
        "❤️ heart with variation selector",
        "tabs\tand\nnew lines",
        "non-breaking\u00a0space",
    ],
)
def test_real_text_is_allowed_and_shown_as_it_is(text: str) -> None:
    assert forbidden(text, allowed="\t\n") is None
    assert visible(text, keep="\t\n") == text


def test_kept_characters_pass_through() -> None:
    assert visible("one\ntwo\tthree") == "one\\x0atwo\\x09three"
    assert visible("one\ntwo\tthree", keep="\n") == "one\ntwo\\x09three"


def test_describe_names_the_character() -> None:
    assert describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert describe("\x1b") == "U+001B"


def test_a_long_value_keeps_its_start_and_end() -> None:
    path = "/home/me/" + "deep/" * 100 + "week.md"
    shown = visible(path, limit=60)
    assert len(shown) == 60
    assert shown.startswith("/home/me/deep/")
    assert shown.endswith("deep/week.md")
    assert ELLIPSIS in shown


def test_ten_megabytes_are_cut_quickly() -> None:
    value = "\x1b[2J" * 2_500_000
    started = time.perf_counter()
    shown = visible(value, limit=200)
    assert time.perf_counter() - started < 0.5
    assert len(shown) <= 200
    assert "\x1b" not in shown


def test_no_limit_never_cuts() -> None:
    assert visible("x" * 10_000, limit=None) == "x" * 10_000


ESCAPE_PATTERN = r"(\\x[0-9a-f]{2}|<U\+[0-9A-F]{4,6}>)"


@given(st.lists(st.sampled_from(list(ESCAPES)), min_size=1, max_size=200), st.integers(5, 80))
def test_a_cut_never_splits_an_escape(characters: list[str], limit: int) -> None:
    shown = visible("".join(characters), limit=limit)
    assert len(shown) <= limit
    assert re.fullmatch(f"{ESCAPE_PATTERN}*({ELLIPSIS}{ESCAPE_PATTERN}*)?", shown)


@given(st.text(), st.integers(10, 300) | st.none())
@example("\x1b]52;c;aGk=\x07\x1b[2J\u202eevil", None)
def test_nothing_shown_can_act_on_a_terminal(text: str, limit: int | None) -> None:
    shown = visible(text, limit=limit)
    assert not any(is_control(c) or is_hidden(c) for c in shown)
    assert forbidden(shown) is None
    if limit is not None:
        assert len(shown) <= limit


@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cf", "Cs", "Zl", "Zp", "Cn"])))
def test_ordinary_text_is_unchanged(text: str) -> None:
    if not any(is_hidden(c) for c in text):
        assert visible(text, limit=None) == text
        assert forbidden(text) is None


@given(st.recursive(st.text() | st.integers() | st.none(), st.lists))
@example(["\x9b2J", "\u202e", "\U000e0041", "\x7f", "\ufeff"])
def test_json_keeps_the_values_and_shows_nothing_raw(data: object) -> None:
    dumped = json_safe(json.dumps(data, indent=2, ensure_ascii=False))
    assert json.loads(dumped) == data
    assert not any(c != "\n" and (is_control(c) or is_hidden(c)) for c in dumped)


def test_json_escapes_c1_and_hidden_characters() -> None:
    dumped = json_safe(json.dumps({"note": "a\x9bb\u202ec\U000e0041"}, ensure_ascii=False))
    assert dumped == '{"note": "a\\u009bb\\u202ec\\udb40\\udc41"}'


def test_every_format_character_is_hidden() -> None:
    """The predicate covers Unicode's whole Cf category, not only the characters listed above."""
    format_characters = [
        chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Cf"
    ]
    assert len(format_characters) > 150
    assert all(is_hidden(c) for c in format_characters)

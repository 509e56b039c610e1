"""The one door for outside text (text.py): what may be stored, and how it is shown inert."""

from __future__ import annotations

import json
import re
import time
import unicodedata
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sciatica_planner.text import (
    ALL_CONTROLS,
    ELLIPSIS,
    describe,
    forbidden,
    hidden_at,
    is_control,
    is_hidden,
    json_safe,
    visible,
)

if TYPE_CHECKING:
    from pathlib import Path

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
    # Hidden in its place: a joiner inside an emoji or a joining script is text, not hidden.
    assert not any(is_control(c) or hidden_at(shown, i) for i, c in enumerate(shown))
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
    assert not any(
        c != "\n" and (is_control(c) or hidden_at(dumped, i)) for i, c in enumerate(dumped)
    )


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


# -- joiners: part of real text inside emoji and scripts, hidden anywhere else ------------------

REAL_JOINED_TEXT = {
    "runner": "Ran 2 km 🏃\u200d\u2640\ufe0f",  # woman running
    "skin tone": "🏃\U0001f3fd\u200d\u2642\ufe0f done",  # man running, medium skin tone
    "rainbow flag": "🏳\ufe0f\u200d🌈",
    "family": "👨\u200d👩\u200d👧",
    "heart on fire": "❤\ufe0f\u200d🔥 after the walk",
    "handshake": "🧑\u200d🤝\u200d🧑 with my physio",
    "persian": "می\u200cخواهم بهتر شوم",  # I want to get better: ZWNJ after می
    "persian plural": "تمرین\u200cها سخت بود",  # the exercises were hard
    "hindi": "क्\u200dष",  # ZWJ after a virama: half-form
    "hindi zwnj": "क्\u200cष",
    "malayalam": "ന്\u200d",
    "arabic": "لا\u200dا",
    "urdu": "درد\u200cکم ہے",
}


@pytest.mark.parametrize("text", list(REAL_JOINED_TEXT.values()), ids=list(REAL_JOINED_TEXT))
def test_joiners_inside_emoji_and_scripts_are_text(text: str) -> None:
    """Common emoji and ordinary Persian were refused as invisible characters."""
    assert forbidden(text) is None
    assert visible(text) == text
    assert json_safe(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)


HOSTILE_JOINERS = {
    "alone": ("\u200d", "<U+200D>"),
    "at the end": ("Glute bridge\u200d", "Glute bridge<U+200D>"),
    "at the start": ("\u200cGlute", "<U+200C>Glute"),
    "inside latin": ("pass\u200dword", "pass<U+200D>word"),
    "beside a space": ("🏃 \u200d♀", "🏃 <U+200D>♀"),
    "emoji then latin": ("🏃\u200dx", "🏃<U+200D>x"),
    "two joiners": ("🏃\u200d\u200d♀", "🏃<U+200D><U+200D>♀"),
    "persian then latin": ("می\u200cabc", "می<U+200C>abc"),
    "zwnj between emoji": ("🏃\u200c♀", "🏃<U+200C>♀"),
    "digits": ("12\u200d34", "12<U+200D>34"),
    "tag flag": ("🏴\U000e0067\U000e0062\U000e007f", "🏴<U+E0067><U+E0062><U+E007F>"),
    "bidi in persian": ("می\u202eخواهم", "می<U+202E>خواهم"),
    "joiner then bidi": ("🏃\u200d\u202e♀", "🏃<U+200D><U+202E>♀"),
}


@pytest.mark.parametrize(
    ("text", "shown"), list(HOSTILE_JOINERS.values()), ids=list(HOSTILE_JOINERS)
)
def test_joiners_that_join_nothing_and_other_hidden_characters_are_refused(
    text: str, shown: str
) -> None:
    assert forbidden(text) is not None
    assert visible(text) == shown


def test_a_note_of_joined_emoji_and_persian_is_logged_and_shown(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sciatica_planner.cli import cli

    journal = str(tmp_path / "journal.sqlite3")
    note = "🏃\u200d\u2640\ufe0f تمرین\u200cها 🏳\ufe0f\u200d🌈"
    runner = CliRunner()
    logged = runner.invoke(cli, ["--journal", journal, "log", "--pain", "2", "--note", note])
    assert logged.exit_code == 0, logged.stderr
    history = runner.invoke(cli, ["--journal", journal, "history", "--json"])
    assert json.loads(history.stdout)["entries"][0]["note"] == note
    assert note in history.stdout  # written as it is, not as escapes

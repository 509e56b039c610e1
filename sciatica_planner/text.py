"""Text that came from outside (a file name, a note, catalogue text, a journal value): what may be
stored, and how it is shown so that no byte of it can act on the user's terminal.

Two things live here and nowhere else:

- `forbidden(text, allowed)`, the one predicate of characters that must not be stored: control
  characters (C0, DEL, C1) other than those a field allows, and hidden characters (format
  characters such as the bidi overrides and isolates of "Trojan Source", zero-width characters and
  a stray byte-order mark, line and paragraph separators, tag characters, non-characters, lone
  surrogates, and letters that draw nothing such as U+3164). The zero-width joiner and non-joiner
  are hidden only where they join nothing: inside an emoji sequence (🏃‍♀️, 🏳️‍🌈) or between two
  letters of a script that shapes with them (Persian می‌خواهم, Hindi क्‍ष) they are part of
  the text, and pass as it does;
- `visible(text)`, the one door through which such text reaches a message, a view or an export:
  controls become `\\x1b`, hidden characters `<U+202E>`, and a very long value is cut in the middle
  with an ellipsis. `json_safe` is the same door for JSON, where the escapes keep the value exact.

Ordinary text passes both checks at C speed (`str.isprintable`), so the cost is paid only by
text that holds something odd.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

# Letters and symbols that draw nothing, so a name made of them looks empty: the Hangul fillers
# and the blank braille pattern. (Spaces are stripped or kept as spaces; they are not hidden.)
BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# The tag characters, U+E0000 to U+E007F: invisible copies of ASCII that can smuggle text past
# a reader. Most are category Cf; the rest of the block is unassigned, and none belongs in text.
TAGS = range(0xE0000, 0xE0080)
# Categories that never draw themselves: format (Cf: bidi controls, zero-width characters, the
# byte-order mark), line and paragraph separators, and surrogates (undecodable bytes).
HIDDEN_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cs"})
# 32 of the 66 non-characters, U+FDD0..U+FDEF; the other 34, the last two code points of every
# plane (U+FFFE, U+FFFF, U+1FFFE...), are told by their low bits in `is_hidden`.
NONCHARACTERS = range(0xFDD0, 0xFDF0)
ELLIPSIS = "\u2026"
# How much of one outside value a message shows: enough for any real path or name.
SHOWN_MAX = 200
# The controls a journal note may hold: every one, since a note is kept as typed and every view
# and export shows them through `visible` (the terminal views as \\x1b, never raw).
ALL_CONTROLS = frozenset(
    [chr(code) for code in range(0x20)] + [chr(code) for code in range(0x7F, 0xA0)]
)


def is_control(character: str) -> bool:
    """C0, DEL and C1: the characters that start escape sequences or move the cursor."""
    code = ord(character)
    return code < 0x20 or 0x7F <= code < 0xA0


ZWNJ, ZWJ = "\u200c", "\u200d"
JOINERS = frozenset({ZWNJ, ZWJ})
# What may sit between an emoji and the joiner after it: the emoji and text presentation
# selectors and the five skin tones (🏃🏽‍♀️).
EMOJI_TRAILERS = frozenset(["\ufe0e", "\ufe0f", *(chr(code) for code in range(0x1F3FB, 0x1F400))])
# Scripts whose letters join or break with ZWJ and ZWNJ in ordinary writing (Persian, Urdu,
# Arabic; the Indic scripts after a virama; Syriac, N'Ko, Mongolian...), by the first word of
# their characters' Unicode names.
JOINING_SCRIPTS = frozenset(
    {
        "ARABIC",
        "SYRIAC",
        "NKO",
        "MANDAIC",
        "MONGOLIAN",
        "THAANA",
        "DEVANAGARI",
        "BENGALI",
        "GURMUKHI",
        "GUJARATI",
        "ORIYA",
        "TAMIL",
        "TELUGU",
        "KANNADA",
        "MALAYALAM",
        "SINHALA",
        "TIBETAN",
        "MYANMAR",
        "KHMER",
    }
)


# The canonical combining class of a virama (halant), after which a joiner picks the form of
# the consonant before it.
VIRAMA_CLASS = 9


def joins(text: str, index: int) -> bool:
    """The joiner at `text[index]` joins something: it sits between two emoji (after the first
    one's selector or skin tone), between two letters or marks of a joining script, or after a
    virama. A joiner anywhere else (at an end, beside a space, inside Latin text) hides nothing
    but itself."""
    if index == 0:
        return False
    left = text[index - 1]
    if unicodedata.combining(left) == VIRAMA_CLASS and _script_letter(left):
        return True  # an Indic half-form or chillu, which may end a word (ന്‍)
    if index + 1 >= len(text):
        return False
    right = text[index + 1]
    if text[index] == ZWJ:
        before = index - 1
        while before > 0 and text[before] in EMOJI_TRAILERS:
            before -= 1
        if _emoji(text[before]) and _emoji(right):
            return True
    return _script_letter(left) and _script_letter(right)


def _emoji(character: str) -> bool:
    return unicodedata.category(character) == "So"


def _script_letter(character: str) -> bool:
    if unicodedata.category(character)[0] not in "LM":
        return False
    return unicodedata.name(character, "").split(" ", 1)[0] in JOINING_SCRIPTS


def hidden_at(text: str, index: int) -> bool:
    """Is the character at `text[index]` hidden, in its place? (`is_hidden`, except for a
    joiner that joins: see `joins`.)"""
    character = text[index]
    if character in JOINERS:
        return not joins(text, index)
    return is_hidden(character)


def is_hidden(character: str) -> bool:
    """A character that draws nothing, or changes how the text around it draws."""
    code = ord(character)
    return (
        character in BLANK_CHARACTERS
        or code in TAGS
        or code in NONCHARACTERS
        or (code & 0xFFFE) == 0xFFFE
        or unicodedata.category(character) in HIDDEN_CATEGORIES
    )


def _plain(text: str) -> bool:
    """True when no character of `text` needs a second look (the common case, at C speed)."""
    return text.isprintable() and not any(blank in text for blank in BLANK_CHARACTERS)


def forbidden(text: str, allowed: frozenset[str] | str = "") -> str | None:
    """The first character of `text` that must not be stored, or None.

    Controls are forbidden unless `allowed` lists them; hidden characters always are.
    """
    if _plain(text):
        return None
    for index, character in enumerate(text):
        if character in allowed:
            continue
        if is_control(character) or hidden_at(text, index):
            return character
    return None


def describe(character: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', for an error message about one character."""
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}"
    return f"{code} {name}" if name else code


def _shown(text: str, index: int, keep: str) -> str:
    character = text[index]
    if character in keep:
        return character
    if is_control(character):
        return f"\\x{ord(character):02x}"
    if hidden_at(text, index):
        return f"<U+{ord(character):04X}>"
    return character


def visible(text: str, *, keep: str = "", limit: int | None = SHOWN_MAX) -> str:
    """`text` with every control and hidden character shown as an inert escape, cut to `limit`.

    Controls become `\\x1b`, hidden characters `<U+202E>`; characters in `keep` (say a note's
    line breaks) pass as they are. A value longer than `limit` keeps its start and its end
    (where a path names its file) around an ellipsis. `limit=None` never cuts.
    """
    if limit is None or len(text) <= limit:
        shown = text if _plain(text) else "".join(_shown(text, i, keep) for i in range(len(text)))
        if limit is None or len(shown) <= limit:
            return shown
    # Escape only the two ends, so that a value of ten megabytes costs no more than a short one.
    room = max(limit - len(ELLIPSIS), 2)
    head = _fit((_shown(text, i, keep) for i in range(len(text))), (room + 1) // 2)
    tail = _fit((_shown(text, i, keep) for i in reversed(range(len(text)))), room // 2)
    return "".join(head) + ELLIPSIS + "".join(reversed(tail))


def _fit(pieces: Iterable[str], room: int) -> list[str]:
    """The leading pieces whose lengths add up to at most `room`; an escape is never split."""
    taken: list[str] = []
    used = 0
    for piece in pieces:
        if used + len(piece) > room:
            break
        taken.append(piece)
        used += len(piece)
    return taken


def _json_escape(text: str, index: int) -> str:
    character = text[index]
    if not (is_control(character) or hidden_at(text, index)):
        return character
    code = ord(character)
    if code > 0xFFFF:  # JSON spells a character outside the first plane as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """`data` as the JSON every output writes: indented, UTF-8, inert (json_safe)."""
    import json  # loaded by the outputs that write JSON, not by every start

    return json_safe(json.dumps(data, indent=2, ensure_ascii=False))


def json_safe(dumped: str) -> str:
    """JSON text from `json.dumps(..., ensure_ascii=False)` with every control and hidden
    character written as a \\u escape: the same values, inert on a terminal.

    `json.dumps` escapes C0 controls already but passes DEL, C1 (U+009B starts an escape
    sequence on many terminals) and the hidden characters raw. Outside its strings JSON holds
    only ASCII, so every such character found is inside a string, where `\\u` is valid.
    """
    return "\n".join(
        line if _plain(line) else "".join(_json_escape(line, i) for i in range(len(line)))
        for line in dumped.split("\n")
    )

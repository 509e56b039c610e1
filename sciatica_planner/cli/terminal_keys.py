"""The guide's keyboard: single keys from a terminal, escape sequences and pastes taken whole,
and a terminal always given back as it was, whatever ends or suspends the session.

- Keys: `KeyDecoder` turns the bytes read into keys. An escape sequence (an arrow, a function
  key, Alt+letter) is one key, ignored, even when its bytes arrive in pieces: after ESC the rest
  is awaited for `ESCAPE_SECONDS`, so `ESC` then `OQ` (F2) a moment later is never `q`. A paste
  is never a key: bracketed paste is switched on while the session runs, and everything between
  its markers is dropped, however it is split; a read holding several characters at once (a
  paste on a terminal without bracketed paste) is dropped as well.
- The terminal: `TerminalKeys` puts it in cbreak mode (keys without Enter, no echo) and puts it
  back on leaving. `session_signals` makes SIGTERM, SIGHUP and SIGQUIT end the session through
  the same cleanup (the mode, the cursor, bracketed paste), and Ctrl-Z hand the terminal back
  before stopping and take cbreak again after `fg`. Signals someone chose to ignore (nohup)
  stay ignored.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import FrameType, TracebackType

    from ..guide import Key

# What each key does; anything else (arrows, other letters) is ignored.
KEYMAP: dict[str, Key] = {
    "\r": "enter",
    "\n": "enter",
    " ": "enter",
    "s": "skip",
    "p": "pause",
    "q": "quit",
    # How an exercise felt, asked after it (digits: the letters are taken by the keys above).
    "1": "easy",
    "2": "right",
    "3": "hard",
    "4": "painful",
}
ESCAPE = "\x1b"  # arrows and function keys start with it: never mistaken for a letter
# How long the rest of an escape sequence may take after its ESC. Terminals send a sequence in
# one write, but ssh and slow links can split it; a person does not follow Esc with `[A` or
# `OQ` within half a second. (A lone Esc does nothing in the guide, so waiting costs nothing.)
ESCAPE_SECONDS = 0.5
PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# Bracketed paste on and off, and the cursor shown: what the session changes and gives back.
BRACKETED_PASTE_ON = "\x1b[?2004h"
BRACKETED_PASTE_OFF = "\x1b[?2004l"
SHOW_CURSOR = "\x1b[?25h"
HIDE_CURSOR = "\x1b[?25l"
# The bytes read at once: more than any key or escape sequence.
READ_BYTES = 1024
# A CSI sequence: ESC [, parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final 0x40-0x7E.
_CSI_FINAL = range(0x40, 0x7F)
_CSI_BODY = range(0x20, 0x40)


class KeyDecoder:
    """Bytes in, keys out; an escape sequence or a paste split over several reads is still
    one thing. Pure: the time comes in, so tests split sequences however they like."""

    def __init__(self) -> None:
        self.pending = ""  # an escape sequence begun and not finished
        self.escape_since: float | None = None  # when its ESC came
        self.in_paste = False
        self.pasted = ""  # the tail of a paste, to find an end marker split across reads

    def feed(self, text: str, now: float) -> list[Key]:
        """The keys in `text`, read at `now`."""
        keys: list[Key] = []
        plain: list[str] = []  # characters outside sequences and pastes, in this read
        text = self.pending + text
        self.pending = ""
        index = 0
        while index < len(text):
            if self.in_paste:
                index = self._paste(text, index)
                continue
            character = text[index]
            if character != ESCAPE:
                plain.append(character)
                index += 1
                continue
            end = _sequence_end(text, index)
            if end is None:  # unfinished: wait for the rest
                self.pending = text[index:]
                if self.escape_since is None:
                    self.escape_since = now
                break
            if text[index:end] == PASTE_START:
                self.in_paste, self.pasted = True, ""
            index = end
            self.escape_since = None
        if not self.pending:
            self.escape_since = None
        # One key per read: several characters at once are a paste (or keys typed over a frozen
        # screen), never a string of commands.
        if len(plain) == 1 and plain[0].lower() in KEYMAP:
            keys.append(KEYMAP[plain[0].lower()])
        return keys

    def _paste(self, text: str, index: int) -> int:
        """Drop pasted text up to its end marker (which may come in pieces)."""
        seen = self.pasted + text[index:]
        end = seen.find(PASTE_END)
        if end < 0:
            self.pasted = seen[-(len(PASTE_END) - 1) :]
            return len(text)
        self.in_paste, self.pasted = False, ""
        # The index in `text` just after the marker.
        return index + end + len(PASTE_END) - (len(seen) - len(text[index:]))

    def expire(self, now: float) -> None:
        """An escape sequence whose rest did not come in time was a lone Esc: forget it."""
        if self.escape_since is not None and now - self.escape_since >= ESCAPE_SECONDS:
            self.pending, self.escape_since = "", None

    def waiting(self, now: float) -> float | None:
        """Seconds until an unfinished escape sequence expires (None: none is waiting)."""
        if self.escape_since is None:
            return None
        return max(0.0, ESCAPE_SECONDS - (now - self.escape_since))


def _sequence_end(text: str, start: int) -> int | None:
    """Where the escape sequence at `text[start]` ends (exclusive), or None when it is not
    finished yet. ESC [ ... final (CSI), ESC O x (SS3), ESC x (Alt+x)."""
    if start + 1 >= len(text):
        return None
    second = text[start + 1]
    if second == "[":
        for index in range(start + 2, len(text)):
            code = ord(text[index])
            if code in _CSI_FINAL:
                return index + 1
            if code not in _CSI_BODY:
                return index  # not a CSI after all: drop what came so far
        return None
    if second == "O":
        return start + 3 if start + 2 < len(text) else None
    return start + 2


class TerminalKeys:
    """Single keys from the terminal on stdin, without Enter or echo, while the session runs;
    the terminal's own mode comes back for typed answers and at the end. Ctrl-C still
    interrupts (cbreak mode keeps signals)."""

    def __init__(self, fd: int, output: Any = None) -> None:
        self.fd = fd
        self.output = output  # the terminal's output stream, for bracketed paste (None: none)
        self.saved: list[Any] | None = None  # the terminal's mode, as termios gives it
        self.decoder = KeyDecoder()
        self.cbreak = False  # in cbreak now (not in a typed answer, not given back)
        self.queued: list[Key] = []

    def __enter__(self) -> TerminalKeys:
        import termios

        self.saved = termios.tcgetattr(self.fd)
        self.take()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.give_back()

    def take(self) -> None:
        """Cbreak mode and bracketed paste, for the session's keys."""
        import termios
        import tty

        tty.setcbreak(self.fd, termios.TCSANOW)
        self.cbreak = True
        self._write(BRACKETED_PASTE_ON)

    def give_back(self) -> None:
        """The terminal as it was before the session (safe to call again, and from a signal
        handler)."""
        import termios

        if self.saved is None:
            return
        self.cbreak = False
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        self._write(BRACKETED_PASTE_OFF)

    def _write(self, sequence: str) -> None:
        if self.output is None:
            return
        with contextlib.suppress(OSError, ValueError):  # a closed or hung-up terminal
            self.output.write(sequence)
            self.output.flush()

    def read(self, timeout: float | None) -> Key | None:
        import select
        import time

        if self.queued:
            return self.queued.pop(0)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            now = time.monotonic()
            self.decoder.expire(now)
            wait = _shortest(
                None if deadline is None else max(0.0, deadline - now), self.decoder.waiting(now)
            )
            ready, _, _ = select.select([self.fd], [], [], wait)
            if ready:
                data = os.read(self.fd, READ_BYTES)
                if not data:
                    raise EOFError
                keys = self.decoder.feed(data.decode("utf-8", errors="ignore"), time.monotonic())
                if keys:
                    self.queued.extend(keys[1:])
                    return keys[0]
                if self.decoder.waiting(time.monotonic()) is None:
                    return None  # not a key: the caller decides whether to wait on
            if deadline is not None and time.monotonic() >= deadline:
                return None

    def read_line(self) -> str:
        import termios
        import tty

        assert self.saved is not None
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
        self.cbreak = False
        self._write(BRACKETED_PASTE_OFF)  # a pasted answer arrives as typed, without markers
        try:
            line = sys.stdin.readline()
        finally:
            tty.setcbreak(self.fd, termios.TCSANOW)
            self.cbreak = True
            self._write(BRACKETED_PASTE_ON)
        if not line:
            raise EOFError
        return line


def _shortest(*waits: float | None) -> float | None:
    chosen = [wait for wait in waits if wait is not None]
    return min(chosen) if chosen else None


# Signals that end a session: the terminal is restored, then the program ends as asked.
ENDING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


class SessionStopped(BaseException):
    """A signal ended the session (a BaseException: the session's own `except` for q and
    Ctrl-C must not take it for a key)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


@contextlib.contextmanager
def session_signals(keys: TerminalKeys, cursor: Callable[[bool], None]) -> Iterator[None]:
    """While the session runs: SIGTERM, SIGHUP and SIGQUIT give the terminal back and raise
    SessionStopped; Ctrl-Z (SIGTSTP) gives it back and stops, and after `fg` (SIGCONT) cbreak
    and the hidden cursor come back. `cursor(shown)` shows or hides the cursor."""
    if not hasattr(signal, "SIGTSTP"):  # pragma: no cover - Windows has no termios anyway
        yield
        return
    hidden = [False]  # the cursor as the session left it, to hide it again after `fg`

    def end(signum: int, frame: FrameType | None) -> None:
        _quietly(keys.give_back)
        _quietly(lambda: cursor(True))
        raise SessionStopped(signum)

    def suspend(signum: int, frame: FrameType | None) -> None:
        hidden[0] = keys.cbreak
        _quietly(keys.give_back)
        _quietly(lambda: cursor(True))
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)  # stops here until `fg`
        finally:
            signal.signal(signal.SIGTSTP, suspend)
        resume(signal.SIGCONT, frame)

    def resume(signum: int, frame: FrameType | None) -> None:
        if keys.saved is not None and not keys.cbreak and hidden[0]:
            _quietly(keys.take)
            _quietly(lambda: cursor(False))

    handlers: dict[int, Callable[[int, FrameType | None], None]] = {
        **dict.fromkeys(ENDING_SIGNALS, end),
        signal.SIGTSTP: suspend,
        signal.SIGCONT: resume,
    }
    previous: dict[int, Any] = {}
    for number, handler in handlers.items():
        if signal.getsignal(number) == signal.SIG_DFL:  # an ignored one (nohup) stays ignored
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


def _quietly(action: Callable[[], object]) -> None:
    """Restoring a terminal that hung up fails; the rest of the cleanup must still run."""
    with contextlib.suppress(Exception):
        action()


def end_by(signum: int) -> None:
    """End the program as the signal asked (killed by it), once the cleanup is done."""
    signal.signal(signum, signal.SIG_DFL)
    signal.raise_signal(signum)
    raise SystemExit(128 + signum)  # pragma: no cover - the signal ends the program first

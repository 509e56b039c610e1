"""Stopping cleanly: a program asked to stop (Ctrl-C, SIGTERM, SIGHUP) while it writes a file
first removes what it was writing, then stops as it was asked. Loaded only by what writes."""

from __future__ import annotations

import contextlib
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import FrameType

    Handler = Callable[[int, FrameType | None], object] | int | None

# Signals that ask a program to stop: clean up the temporary file first, as Ctrl-C does.
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class _Stopped(BaseException):
    """A stop signal arrived while a file was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def stopping_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP raise inside the block (so `finally` clauses clean up), then stop the
    program as the signal asked. Signals someone chose to ignore (nohup) stay ignored."""
    if not _in_main_thread():  # only the main thread may set handlers
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _Stopped(signum)

    previous: dict[int, Handler] = {}
    for number in STOP_SIGNALS:
        if signal.getsignal(number) == signal.SIG_DFL:
            previous[number] = signal.signal(number, stop)
    try:
        yield
    except _Stopped as stopped:
        _restore(previous)
        signal.raise_signal(stopped.signum)  # the default action: end, killed by the signal
        raise SystemExit(128 + stopped.signum) from None
    finally:
        _restore(previous)


def _restore(previous: dict[int, Handler]) -> None:
    for number, handler in previous.items():
        signal.signal(number, handler if handler is not None else signal.SIG_DFL)
    previous.clear()


def hold_stop_signals() -> set[int | signal.Signals] | None:
    if not (_in_main_thread() and hasattr(signal, "pthread_sigmask")):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, *STOP_SIGNALS})


def release(held: set[int | signal.Signals] | None) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)

"""Child processes the tests start: with the stop signals as the system defaults them.

Under `nohup` SIGHUP is ignored, and an ignored signal stays ignored across exec: a test that
expects a child to end by SIGHUP would fail for a reason that is not the program's. Pass
`preexec_fn=default_signals` to every child that is sent a signal.
"""

from __future__ import annotations

import signal

RESET = tuple(
    getattr(signal, name)
    for name in ("SIGHUP", "SIGTERM", "SIGQUIT", "SIGINT", "SIGTSTP")
    if hasattr(signal, name)
)


def default_signals() -> None:
    """In the child, before exec: every signal a test sends, at its default action. (SIGINT's
    default is what Python turns into KeyboardInterrupt.)"""
    for number in RESET:
        signal.signal(number, signal.SIG_DFL)

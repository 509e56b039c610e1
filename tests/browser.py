"""A headless Chromium driven over the DevTools protocol on a pipe: no Node, no network, no
port. The page tests use it to set a viewport of any width (the command line cannot go under
500 px), to switch to print media, to run a script in the page and to take screenshots.

Chromium reads commands on file descriptor 3 and answers on 4, each a JSON message ending in a
NUL byte."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Generous: the machine is shared, and the first page of a run starts the browser's caches.
TIMEOUT_SECONDS = 120
# CSS pixels per inch, and so per point (72 a inch) and millimetre, as browsers print them.
PX_PER_INCH = 96
PX_PER_PT = PX_PER_INCH / 72
PX_PER_MM = PX_PER_INCH / 25.4


class BrowserError(RuntimeError):
    pass


class Browser:
    """One Chromium with one page; use it as a context manager."""

    def __init__(self, chromium: str | None = CHROMIUM) -> None:
        if chromium is None:
            raise BrowserError("no chromium on PATH")
        self._profile = tempfile.mkdtemp(prefix="sciatica-plan-chromium-")
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()
        # bash puts the two pipe ends on 3 and 4 in the child only, whatever numbers they have
        # here (dash cannot redirect descriptors above 9).
        script = f'exec "$0" "$@" 3<&{to_browser} 4>&{from_browser}'
        self._process = subprocess.Popen(
            ["bash", "-c", script, chromium, "--headless", "--no-sandbox", "--disable-gpu",
             "--remote-debugging-pipe", f"--user-data-dir={self._profile}",
             "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
             "about:blank"],
            pass_fds=(to_browser, from_browser),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for fd in (self._commands, self._answers):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def send(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        """One command; its result (events that arrive first are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if self._process.poll() is not None:
                raise BrowserError("chromium exited")
            chunk = _read_with_timeout(self._answers)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        value: dict[str, Any] = json.loads(message)
        return value

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.send(method, session=True, **params)

    def open(self, path: Path, width: int, height: int = 900, media: str = "screen") -> None:
        """Load a file at a viewport `width` CSS pixels wide, in screen or print media."""
        self.page(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.page("Emulation.setEmulatedMedia", media=media)
        self.page("Page.navigate", url=path.as_uri())
        self.evaluate(
            "new Promise(done => document.readyState === 'complete' ? done() :"
            " addEventListener('load', () => done()))"
        )

    def evaluate(self, expression: str) -> Any:
        """A script's value (awaited if it is a promise), as JSON data."""
        result = self.page(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"the page's script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """The whole page as a PNG."""
        data = self.page("Page.captureScreenshot", format="png", captureBeyondViewport=True)
        path.write_bytes(base64.b64decode(data["data"]))


def _read_with_timeout(fd: int) -> bytes:
    import select

    ready, _, _ = select.select([fd], [], [], TIMEOUT_SECONDS)
    if not ready:
        raise BrowserError(f"no answer from chromium in {TIMEOUT_SECONDS} s")
    return os.read(fd, 1 << 20)

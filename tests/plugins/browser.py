"""Headless Chromium driven over the DevTools protocol pipe, for tests that open real pages.

No driver package: Chromium's `--remote-debugging-pipe` speaks CDP as NUL-terminated JSON
on file descriptors 3 (commands in) and 4 (replies and events out). Every request the page
makes is paused by the Fetch domain, recorded, and let through only for `file:`, `data:`,
`blob:` and `about:` URLs, so a page that tries the network fails loudly in the test
instead of silently reaching a host.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--window-size=1280,900",
    "--remote-debugging-pipe",
)


class BrowserError(RuntimeError):
    """Chromium died, timed out, or a CDP command or page script failed."""


def find_chromium() -> str | None:
    """/usr/bin/chromium, else `chromium` / `chromium-browser` on PATH, else None."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Chromium:
    """One headless browser with one page; `requests` lists every URL the page asked for."""

    def __init__(self, executable: str, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self._profile = tempfile.mkdtemp(prefix="polgraph-chromium-")
        self._next_id = 0
        self._buffer = b""
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # runs in the child between fork and exec
            cmd_in, events_out = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(cmd_in, 3)
            os.dup2(events_out, 4)

        self._process = subprocess.Popen(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3/4 must survive exec; Python's own fds are non-inheritable
            preexec_fn=wire_pipes,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._out = to_browser_w
        self._in = from_browser_r
        self.session = self._attach_page()

    # -- protocol -------------------------------------------------------------------------

    def _send(self, method: str, params: dict[str, Any] | None, session: str | None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        return self._next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self._in], [], [], max(remaining, 0))
            if not ready:
                raise BrowserError("timed out waiting for Chromium")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe (crashed?)")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        self._handle_event(message)
        return message

    def _handle_event(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        params = message.get("params", {})
        if method == "Fetch.requestPaused":
            url = params["request"]["url"]
            self.requests.append(url)
            if url.startswith(LOCAL_SCHEMES):
                self._send(
                    "Fetch.continueRequest", {"requestId": params["requestId"]}, self.session
                )
            else:
                self._send(
                    "Fetch.failRequest",
                    {"requestId": params["requestId"], "errorReason": "BlockedByClient"},
                    self.session,
                )
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text")
            self.console_errors.append(str(text))

    def call(self, method: str, params: dict[str, Any] | None = None, page: bool = True) -> Any:
        """Send one CDP command (to the page session unless page=False) and return its result."""
        session = self.session if page and hasattr(self, "session") else None
        wanted = self._send(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise BrowserError(f"{method}: {message['error']}")
                return message.get("result", {})

    def _attach_page(self) -> str:
        targets = self.call("Target.getTargets", page=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        attached = self.call(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, page=False
        )
        session: str = attached["sessionId"]
        self.session = session
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        self.call("Runtime.enable")
        self.call("Page.enable")
        return session

    # -- page helpers ---------------------------------------------------------------------

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a page expression (promises awaited); page errors raise."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"page script failed: {text}")
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Navigate and wait for the load event."""
        self.requests.clear()
        self.call("Page.navigate", {"url": url})
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, expression: str, timeout: float | None = None) -> Any:
        """Poll a page expression until it is truthy; its value, or BrowserError on timeout."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise BrowserError(f"timed out waiting for {expression!r}")

    def mouse_move(self, x: float, y: float) -> None:
        self.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})

    def external_requests(self) -> list[str]:
        """Every URL the page requested that was not local (file:, data:, blob:, about:)."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.call("Browser.close", page=False)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._out, self._in):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._profile, ignore_errors=True)


def open_chromium(timeout: float = 60.0) -> Chromium:
    """A started headless browser; BrowserError if Chromium is not installed."""
    executable = find_chromium()
    if executable is None:
        raise BrowserError("Chromium not found (/usr/bin/chromium or `chromium` on PATH)")
    return Chromium(executable, timeout=timeout)


@pytest.fixture(scope="session")
def browser() -> Iterator[Chromium]:
    """A headless Chromium for the session; skipped when missing unless CI=true."""
    if find_chromium() is None:
        message = "Chromium not found: install Debian's `chromium` or put it on PATH"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    chromium = open_chromium()
    try:
        yield chromium
    finally:
        chromium.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()

"""Drive a served servicehall page in headless Chromium as a person would, and read its screen.

xterm.js paints on a canvas, so the screen is rebuilt from the very bytes the browser receives
on the websocket (a pyte terminal of the size the page asked for); a click lands on the centre
of the cell where a text is shown.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from support.waiting import DEADLINE_S

ROOT = Path(__file__).parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("needs Debian's chromium: apt-get install chromium")
    pytest.importorskip("playwright", reason="needs the test extra: pip install -e '.[test]'")
    pytest.importorskip("pyte", reason="needs the test extra: pip install -e '.[test]'")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServedApp:
    """``servicehall serve ROLE`` in a subprocess on a free loopback port."""

    def __init__(self, role: str, env: dict[str, str], *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "servicehall", "serve", role, "--port", str(self.port), *extra],
            env={**os.environ, "PYTHONPATH": str(ROOT), **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"servicehall serve {role} did not listen on {self.port}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def launch_chromium(playwright: Any) -> Any:
    """Headless Chromium (Debian's), for one or more :class:`BrowserScreen`."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


class BrowserScreen:
    """A page in a fresh browser context (its own cookies, storage and window size) of a
    launched Chromium, plus the terminal screen it shows."""

    def __init__(self, browser: Any, url: str, size: tuple[int, int]) -> None:
        import pyte

        self._pyte = pyte
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.screen: Any = None
        self.stream: Any = None
        self.page.on("websocket", self._on_websocket)
        self.page.goto(url)

    def _on_websocket(self, ws: Any) -> None:
        query = parse_qs(urlparse(ws.url).query)  # the first size travels in the URL
        self._resize(int(query["width"][0]), int(query["height"][0]))
        ws.on("framesent", self._on_sent)
        ws.on("framereceived", self._on_received)

    def _resize(self, width: int, height: int) -> None:
        if self.screen is None:
            self.screen = self._pyte.Screen(width, height)
            self.stream = self._pyte.ByteStream(self.screen)
        else:
            self.screen.resize(height, width)

    def _on_sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self._resize(size["width"], size["height"])

    def _on_received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes) and self.stream is not None:
            self.stream.feed(payload)

    def text(self) -> str:
        return "\n".join(self.screen.display) if self.screen else ""

    def wait_for(self, needle: str, timeout: float = DEADLINE_S) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(200)  # lets Playwright deliver websocket frames
            if needle in self.text():
                return self.text()
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.text()}")

    def wait_stable(self, quiet_s: float = 0.6, timeout: float = 15.0) -> None:
        """Wait until the screen has not changed for ``quiet_s`` (layout settled)."""
        deadline = time.monotonic() + timeout
        last, since = self.text(), time.monotonic()
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            now = self.text()
            if now != last:
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet_s:
                return

    def tap(self, needle: str, expect: str, attempts: int = 3) -> str:
        """Tap ``needle`` until ``expect`` shows, as a person taps again when nothing happens
        (and not once the screen has moved on: a slow answer to the first tap is not a miss)."""
        for _ in range(attempts):
            self.wait_stable()
            if expect in self.text():
                return self.text()
            if needle in self.text():
                self.click_text(needle)
            try:
                return self.wait_for(expect, timeout=DEADLINE_S / attempts)
            except AssertionError:
                continue
        return self.wait_for(expect)

    def click_text(self, needle: str) -> None:
        """Click the middle of the first place ``needle`` is shown, as a finger would."""
        for row, line in enumerate(self.screen.display):
            cells = _cell_index(line, needle)
            if cells is not None:
                box = self.page.locator(".xterm-screen").bounding_box()
                cell_w = box["width"] / self.screen.columns
                cell_h = box["height"] / self.screen.lines
                x = box["x"] + (cells + _width(needle) / 2) * cell_w
                y = box["y"] + (row + 0.5) * cell_h
                self.page.mouse.click(x, y)
                return
        raise AssertionError(f"{needle!r} is not on screen:\n{self.text()}")

    def close(self) -> None:
        self.context.close()


def _width(text: str) -> int:
    from wcwidth import wcswidth

    return max(0, wcswidth(text))


def _cell_index(line: str, needle: str) -> int | None:
    """pyte's display keeps one character per cell (a wide character's second cell is '')."""
    index = line.find(needle)
    return None if index < 0 else _width(line[:index])

"""Waiting on state, with one generous deadline for the whole suite.

A test waits for what it is about (a screen on top, a row written, a byte received), polling
often, and gives up only after ``DEADLINE_S``: a loaded machine makes a test slower, never red.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

DEADLINE_S = 30.0
"""How long any wait may take before the test fails (the state normally comes in milliseconds)."""
POLL_S = 0.02


async def until(
    pilot: Pilot[Any], check: Callable[[], object], timeout: float = DEADLINE_S, what: str = ""
) -> None:
    """Let the app run until ``check()`` is true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        await pilot.pause(POLL_S)


def wait_for(check: Callable[[], object], timeout: float = DEADLINE_S, what: str = "") -> None:
    """Block until ``check()`` is true (another thread or process does the work)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(POLL_S)

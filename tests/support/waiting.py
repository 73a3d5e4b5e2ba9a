"""Waiting on state, with one generous deadline for the whole suite.

A test waits for what it is about (a screen on top, a row written, a byte received), polling
often, and gives up only after ``DEADLINE_S``: a loaded machine makes a test slower, never red.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.pilot import Pilot

DEADLINE_S = 30.0
"""How long any wait may take before the test fails (the state normally comes in milliseconds)."""
POLL_S = 0.02
T = TypeVar("T")


async def until(
    pilot: Pilot[Any], check: Callable[[], object], timeout: float = DEADLINE_S, what: str = ""
) -> None:
    """Let the app run until ``check()`` is true; fail naming ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        await pilot.pause(POLL_S)


async def settled(
    pilot: Pilot[Any],
    probe: Callable[[], object],
    timeout: float = DEADLINE_S,
    what: str = "",
    rounds: int = 2,
) -> None:
    """Let the app run until ``probe()`` answers the same for ``rounds`` refreshes running: for
    a layout the app fits in steps, each after the last was drawn (``call_after_refresh``), which
    a slow machine leaves half done after any fixed number of pauses."""
    deadline = time.monotonic() + timeout
    last, same = probe(), 0
    while same < rounds:
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or probe} never settled: {last!r}")
        await pilot.pause()
        now = probe()
        same = same + 1 if now == last else 0
        last = now


def wait_for(check: Callable[[], object], timeout: float = DEADLINE_S, what: str = "") -> None:
    """Block until ``check()`` is true (another thread or process does the work)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(POLL_S)


def finishes(call: Callable[[], T], timeout: float = DEADLINE_S, what: str = "") -> T:
    """``call()``'s result, or a failure if it is still running after ``timeout``: for code
    that must give up by itself (a dead printer, a held lock) rather than hang; how quickly it
    gives up is a benchmark's business."""
    result: list[T] = []
    error: list[BaseException] = []

    def run() -> None:
        try:
            result.append(call())
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            error.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"{what or call} still running after {timeout:g} s: it hangs")
    if error:
        raise error[0]
    return result[0]


async def workers_done(app: App[Any]) -> None:
    """Wait for the app's workers to finish, but for the one that follows the hall (it runs as
    long as the app: ``ui.app_base.HallApp``)."""
    others = [w for w in app.workers if w.group != "follow"]
    if others:  # (an empty list would mean every worker)
        await app.workers.wait_for_complete(others)

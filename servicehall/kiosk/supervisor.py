"""Keep the kiosk on screen: an unexpected crash restarts it instead of leaving a shell prompt.

Only the staff quit (through the PIN screen) ends the loop, or a terminal that hung up (nobody
sees the kiosk any more; ``ui.hangup``). A kiosk that keeps crashing at start
(a broken install) gives up after a few quick failures so staff see the error in the log.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from servicehall.kiosk.app import KioskApp
from servicehall.serve.lifeline import served

log = logging.getLogger(__name__)

MAX_QUICK_FAILURES = 5
QUICK_S = 60.0
RESTART_PAUSE_S = 1.0


def supervise(
    make_app: Callable[[], KioskApp],
    *,
    headless: bool = False,
    restart_pause_s: float = RESTART_PAUSE_S,
) -> int:
    """Run kiosks one after another until staff quit; the exit code for the command line."""
    failures: list[float] = []
    while True:
        app = make_app()
        started = time.monotonic()
        app.run(headless=headless)
        if app.hung_up:
            return app.return_code or 0
        if app.staff_leaving or served():  # a browser tab's kiosk ends with its tab
            return 0
        log.error("kiosk stopped unexpectedly (return code %s); restarting", app.return_code)
        now = time.monotonic()
        if now - started < QUICK_S:
            failures = [t for t in failures if now - t < QUICK_S] + [now]
            if len(failures) >= MAX_QUICK_FAILURES:
                log.error("kiosk failed %d times within %.0f s; giving up", len(failures), QUICK_S)
                return 1
        time.sleep(restart_pause_s)

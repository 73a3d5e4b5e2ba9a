"""Issuing a ticket for the kiosk: the blocking part, run in a thread worker.

Database trouble (locked, unreachable) is retried automatically with a growing pause, telling the
screen each time; a refusal (closed, cap reached) is not retried. A failed write commits nothing,
so a retry can never leave two tickets behind.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from servicehall.queue import Hall, HallError, StoreError, TicketView, WaitEstimate

log = logging.getLogger(__name__)

RETRY_PAUSES_S = (0.5, 1.0, 2.0, 3.0, 5.0)
GIVE_UP_AFTER_S = 45.0


@dataclass(frozen=True)
class Issued:
    """A ticket just issued, with what the ticket screen shows besides it."""

    ticket: TicketView
    wait: WaitEstimate | None
    """How much longer it waits, projected when it was issued (None: no estimate)."""


class GaveUp(Exception):
    """The database stayed unreachable for too long; the villager should ask the staff."""


def issue_with_retry(
    hall: Hall,
    service: str,
    matter: str | None,
    priority: bool,
    *,
    on_retry: Callable[[int, str], None],
    cancelled: Callable[[], bool] = lambda: False,
    give_up_after_s: float = GIVE_UP_AFTER_S,
) -> Issued:
    """Issue one ticket, retrying database trouble; raises ``Refused`` and friends unchanged."""
    started = time.monotonic()
    attempt = 0
    while True:
        try:
            ticket = hall.issue(service, matter, priority=priority)
            break
        except StoreError as exc:
            attempt += 1
            log.warning("kiosk issue attempt %d failed: %s", attempt, exc.message)
            pause = RETRY_PAUSES_S[min(attempt - 1, len(RETRY_PAUSES_S) - 1)]
            if cancelled() or time.monotonic() - started + pause > give_up_after_s:
                raise GaveUp(exc.message) from exc
            on_retry(attempt, exc.message)
            time.sleep(pause)
    try:
        wait: WaitEstimate | None = hall.estimate_wait(ticket)
    except HallError:  # the ticket exists: the villager gets it without the estimate
        log.warning("kiosk could not estimate the wait for %s", ticket.label, exc_info=True)
        wait = None
    return Issued(ticket, wait)

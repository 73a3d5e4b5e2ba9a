"""When a registered ticket gets a reminder: a pure function of its registration and its ticket.

- ``ahead``: once, when the people ahead drop to ``[sms] notify_ahead`` or fewer, if they were
  more than that after the number was registered ("drops to": a villager who registers with
  two people ahead is standing in the hall and gets no "come back" message).
- ``call``: once, when the ticket is called ("请 A045 号到 3 号窗口办理"), unless the call is
  older than ``CALL_FRESH_S`` (the bridge was down meanwhile; the villager is at the window).
A no-show keeps its registration (it may be requeued and called again); a finished, cancelled or
expired ticket closes it. A reminder already in the outbox is never enqueued again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from servicehall.queue.outbox import ARMED, DONE, NEW, REMINDED, Contact
from servicehall.queue.tables import CALLED, NO_SHOW, WAITING
from servicehall.queue.views import TicketView

AHEAD = "ahead"
CALL = "call"
CALL_FRESH_S = 600


@dataclass(frozen=True)
class Step:
    """What to do for a registration: move to ``stage``, with ``reminder`` enqueued if any."""

    stage: str
    reminder: str | None = None
    ahead: int | None = None
    window: int | None = None


def next_step(
    contact: Contact, ticket: TicketView, notify_ahead: int, now: dt.datetime
) -> Step | None:
    """The registration's next step, or None while nothing changes."""
    if contact.stage == DONE:
        return None
    if ticket.status == CALLED:
        called = ticket.called_at
        fresh = called is not None and (now - called).total_seconds() <= CALL_FRESH_S
        return Step(DONE, CALL, window=ticket.window) if fresh else Step(DONE)
    if ticket.status == WAITING:
        ahead = ticket.ahead or 0
        if ahead > notify_ahead:
            return Step(ARMED) if contact.stage == NEW else None
        if contact.stage == ARMED:
            return Step(REMINDED, AHEAD, ahead=ahead)
        return None
    if ticket.status == NO_SHOW:
        return None
    return Step(DONE)

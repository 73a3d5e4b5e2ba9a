"""The SMS bridge (``servicehall sms``): follows the hall, enqueues reminders, sends the outbox.

One loop, one thread: wake on the hall's change feed (or every ``RULES_EVERY_S``: a number
registered on PostgreSQL sends no notification), close earlier days (their numbers are deleted),
apply the reminder rules to today's registrations, then send what is due while the sender is
ready. Faults never stop it: a database that is busy or gone is retried, a modem that is
missing, locked, unregistered or silent is checked again after a growing pause
(``SENDER_BACKOFF_S``) while messages wait, and a message the network refused is retried after
``RETRY_BACKOFF_S`` until ``[sms] max_attempts``. The sender's state goes to the database as a
heartbeat for ``servicehall doctor --role sms``. Numbers are logged masked only.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from servicehall.queue import Hall, HallError, StoreError, UnknownInput
from servicehall.queue.feed import ChangeFeed
from servicehall.queue.outbox import (
    DONE,
    OutgoingMessage,
    claim_next,
    forget_closed_days,
    hand_back,
    mark_sent,
    mark_unsent,
    mark_unsure,
    mask_phone,
    note_part,
    open_contacts,
    recover_interrupted,
    remind,
    report_gateway,
    set_stage,
)
from servicehall.sms.modem import ModemFault
from servicehall.sms.rules import next_step
from servicehall.sms.senders import Sender
from servicehall.sms.texts import reminder_text

log = logging.getLogger(__name__)

SENDER_BACKOFF_S = (1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
RETRY_BACKOFF_S = (10.0, 30.0, 60.0, 120.0, 300.0)
HEALTH_EVERY_S = 30.0
"""How often a ready sender is checked again and the heartbeat written."""
RULES_EVERY_S = 3.0
WAKE_S = 0.5
DATABASE_RETRY_S = 2.0


class SmsBridge:
    """Run with :meth:`run` (blocks) until :meth:`stop`."""

    def __init__(
        self,
        hall: Hall,
        sender: Sender,
        *,
        sender_backoff_s: tuple[float, ...] = SENDER_BACKOFF_S,
        retry_backoff_s: tuple[float, ...] = RETRY_BACKOFF_S,
    ) -> None:
        self.hall = hall
        self.sender = sender
        self.sender_backoff_s = sender_backoff_s
        self.retry_backoff_s = retry_backoff_s
        self.stopping = threading.Event()
        self.ready = threading.Event()
        """Set while the sender's last check passed (tests and the command line wait on it)."""
        self.fault: str = ""
        """The sender's last fault, for people ("" while it is ready)."""
        self._day: dt.date | None = None
        self._rules_at = 0.0
        self._checked_at: float | None = None
        self._sender_faults = 0
        self._sender_retry_at = 0.0
        self._unrecorded: list[Callable[[], None]] = []

    def stop(self) -> None:
        self.stopping.set()

    # ------------------------------------------------------------------ the loop

    def run(self) -> None:
        feed: ChangeFeed | None = None
        started = False
        try:
            while not self.stopping.is_set():
                try:
                    if not started:
                        recovered = recover_interrupted(self.hall)
                        if recovered:
                            log.warning(
                                "sms: %d message(s) were interrupted mid-send by a stopped "
                                "bridge; marked unsure, never sent again",
                                recovered,
                            )
                        started = True
                    if feed is None:
                        feed = self.hall.watch()
                        self._rules_at = 0.0
                    self._step(feed)
                except StoreError as exc:
                    log.warning("sms: database trouble: %s", exc.message)
                    if feed is not None:
                        feed.close()
                        feed = None
                    self.stopping.wait(DATABASE_RETRY_S)
        finally:
            if feed is not None:
                feed.close()
            self.sender.close()
            self._heartbeat(False, "stopped", running=False)

    def _step(self, feed: ChangeFeed) -> None:
        self._record_leftovers()
        self._close_earlier_days()
        if time.monotonic() >= self._rules_at:
            self._apply_rules()
            self._rules_at = time.monotonic() + RULES_EVERY_S
        self._send_due()
        if feed.wait(WAKE_S):
            self._rules_at = 0.0  # something changed: look at the registrations at once

    def _close_earlier_days(self) -> None:
        today = self.hall.today()
        if today == self._day:
            return
        deleted, cleared = forget_closed_days(self.hall)
        if deleted or cleared:
            log.info(
                "sms: day closed before %s: %d registration(s) deleted, %d message(s) cleared",
                today,
                deleted,
                cleared,
            )
        self._day = today

    # ------------------------------------------------------------------ reminder rules

    def _apply_rules(self) -> None:
        settings = self.hall.config.sms
        for contact in open_contacts(self.hall):
            try:
                ticket = self.hall.ticket(contact.ticket_id)
            except UnknownInput:
                set_stage(self.hall, contact.ticket_id, DONE)
                continue
            step = next_step(contact, ticket, settings.notify_ahead, self.hall.now())
            if step is None:
                continue
            if step.reminder is None:
                set_stage(self.hall, contact.ticket_id, step.stage)
                continue
            text = reminder_text(self.hall.config, step, ticket.label, contact.language)
            state = remind(self.hall, contact, step.reminder, text, step.stage)
            log.info(
                "sms: %s reminder for %s to %s: %s",
                step.reminder,
                ticket.label,
                mask_phone(contact.phone),
                state,
            )

    # ------------------------------------------------------------------ sending

    def _send_due(self) -> None:
        while not self.stopping.is_set() and self._sender_ready():
            message = claim_next(self.hall)
            if message is None:
                return
            self._send(message)

    def _sender_ready(self) -> bool:
        now = time.monotonic()
        if self._checked_at is not None and now - self._checked_at < HEALTH_EVERY_S:
            return True
        if now < self._sender_retry_at:
            return False
        try:
            health = self.sender.check()
        except ModemFault as fault:
            self._sender_down(fault)
            return False
        if not self.ready.is_set():
            log.info("sms: %s ready: %s", self.sender.name, health)
        self._checked_at = now
        self._sender_faults = 0
        self._heartbeat(True, health)
        self.fault = ""
        self.ready.set()
        return True

    def _sender_down(self, fault: ModemFault) -> None:
        pause = self.sender_backoff_s[min(self._sender_faults, len(self.sender_backoff_s) - 1)]
        if fault.message != self.fault:
            log.warning(
                "sms: %s not ready: %s (checking again in %g s)",
                self.sender.name,
                fault.message,
                pause,
            )
        self._sender_faults += 1
        self._sender_retry_at = time.monotonic() + pause
        self._checked_at = None
        self._heartbeat(False, fault.message)
        self.fault = fault.message
        self.ready.clear()

    def _heartbeat(self, ready: bool, detail: str, *, running: bool = True) -> None:
        try:
            report_gateway(self.hall, self.sender.name, ready, detail, running=running)
        except HallError:
            log.info("sms: could not record the sender's state", exc_info=True)

    def _send(self, message: OutgoingMessage) -> None:
        who = f"{message.key} to {mask_phone(message.phone)}"
        try:
            self.sender.send(
                message, lambda parts: self._record(lambda: note_part(self.hall, message.id, parts))
            )
        except ModemFault as fault:
            error = fault.message
            if fault.maybe_sent:
                log.error("sms: %s may have gone out (%s): not sent again", who, fault.message)
                self._record(lambda: mark_unsure(self.hall, message.id, error))
            elif fault.down:
                log.warning("sms: %s waits for the sender: %s", who, fault.message)
                self._record(lambda: hand_back(self.hall, message.id, error))
            else:
                retry_at = self._retry_at(message)
                log.warning(
                    "sms: %s not sent (attempt %d): %s; %s",
                    who,
                    message.attempts,
                    fault.message,
                    f"retry at {retry_at:%H:%M:%S}" if retry_at else "giving up",
                )
                self._record(lambda: mark_unsent(self.hall, message.id, error, retry_at))
            if fault.down:
                self._sender_down(fault)
            return
        self._record(lambda: mark_sent(self.hall, message.id))
        log.info("sms: %s sent", who)

    def _retry_at(self, message: OutgoingMessage) -> dt.datetime | None:
        if message.attempts >= self.hall.config.sms.max_attempts:
            return None
        pause = self.retry_backoff_s[min(message.attempts - 1, len(self.retry_backoff_s) - 1)]
        return self.hall.now() + dt.timedelta(seconds=pause)

    # ------------------------------------------------------------------ recording what was done

    def _record(self, write: Callable[[], None]) -> None:
        """Record a send's outcome; if the database is away, keep it and record it later (in
        order) rather than lose what the modem did."""
        if self._unrecorded:
            self._unrecorded.append(write)
            return
        try:
            write()
        except StoreError as exc:
            log.warning("sms: database trouble, recording later: %s", exc.message)
            self._unrecorded.append(write)

    def _record_leftovers(self) -> None:
        while self._unrecorded:
            self._unrecorded[0]()  # a StoreError leaves it first in line for the next round
            self._unrecorded.pop(0)

"""The manager's PIN screen: reports, the audit trail and exports open only after the PIN.

The PIN is checked against ``[manager] pin_hash`` (or the kiosk's staff PIN) in a thread worker.
Wrong PINs are counted in the database for this PC (``manager:<host name>``), so a new browser
tab or a restart does not get fresh guesses: the fifth in a row locks for a minute, then longer.
"""

from __future__ import annotations

import math

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from servicehall.i18n import t
from servicehall.pins import verify_pin
from servicehall.queue import Hall
from servicehall.queue.lockouts import MANAGER_RULE, PinGuard, this_pc
from servicehall.reports.manager_messages import PinAnswered


class ManagerPinScreen(Screen[bool]):
    """Dismisses with True once the right PIN is typed."""

    BINDINGS = [Binding("ctrl+q", "app.quit", t("mgr_quit"))]

    def __init__(self, hall: Hall, pin_hash: str) -> None:
        super().__init__(id="manager-pin")
        self.hall = hall
        self.pin_hash = pin_hash
        self.guard = PinGuard(hall.store, hall.code, MANAGER_RULE)
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(t("mgr_pin_title"), id="pin-title")
            yield Input(placeholder="PIN", password=True, id="pin")
            yield Static("", id="pin-message")

    def on_mount(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _submit(self, event: Input.Submitted) -> None:
        pin, event.input.value = event.value, ""
        if self.checking or not pin:
            return
        self.checking = True
        self._say(t("mgr_pin_checking"))
        self._check(pin)

    @work(thread=True, exclusive=True, group="manager-pin", exit_on_error=False)
    def _check(self, pin: str) -> None:
        subject = this_pc("manager")
        wait = self.guard.wait_s(subject)
        if wait <= 0 and verify_pin(pin, self.pin_hash):
            self.guard.succeeded(subject)
            self.post_message(PinAnswered(True))
            return
        if wait <= 0:
            attempt = self.guard.failed(subject)
            wait = attempt.wait_s
            if wait:
                self.hall.record("pin_locked", subject=subject, seconds=wait)
        message = t("mgr_pin_locked", seconds=math.ceil(wait)) if wait else t("mgr_pin_wrong")
        self.post_message(PinAnswered(False, message))

    @on(PinAnswered)
    def _answered(self, event: PinAnswered) -> None:
        if event.ok:
            self.dismiss(True)
            return
        self.checking = False
        self._say(event.message)

    def _say(self, message: str) -> None:
        self.query_one("#pin-message", Static).update(message)

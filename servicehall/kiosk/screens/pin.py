"""The staff PIN screen: a touch keypad guarding the maintenance screen.

The PIN is checked against ``kiosk.staff_pin_hash`` in a thread worker (PBKDF2 takes a moment).
Wrong PINs are counted in the database for this PC (``kiosk:<host name>``), so neither a crash,
a restart nor a new browser tab gives fresh guesses: the fifth in a row locks the keypad for a
minute, each further one twice as long (up to 15 minutes), and a lock is recorded as an event.
"""

from __future__ import annotations

import math

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Static

from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import s
from servicehall.kiosk.widgets import Keypad, NavBar
from servicehall.kiosk.widgets.keypad import CLEAR, ENTER
from servicehall.pins import verify_pin
from servicehall.queue.lockouts import this_pc

MAX_PIN_DIGITS = 12


class PinScreen(KioskScreen):
    """Digits typed or tapped show as stars; OK checks them."""

    def __init__(self) -> None:
        super().__init__()
        self.digits = ""
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(s("pin_title"), classes="title")
            with Horizontal(id="pin-line"):
                yield Static("", id="pin-dots")
                yield Static("", id="pin-message")
            with Center():
                yield Keypad(id="keypad")
        yield NavBar(back=False)

    def on_mount(self) -> None:
        self._show()

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            self._press(event.character)
        elif event.key == "backspace":
            self._press(CLEAR)
        elif event.key == "enter":
            self._press(ENTER)
        else:
            return
        event.stop()

    @on(Keypad.Pressed)
    def _keypad(self, event: Keypad.Pressed) -> None:
        self._press(event.key)

    def _press(self, key: str) -> None:
        if self.checking:
            return
        if key == CLEAR:
            self.digits = ""
        elif key == ENTER:
            self._check()
        elif len(self.digits) < MAX_PIN_DIGITS:
            self.digits += key
        self._show()

    def _show(self, message: str = "") -> None:
        self.query_one("#pin-dots", Static).update("* " * len(self.digits) or " ")
        self.query_one("#pin-message", Static).update(message)

    def _check(self) -> None:
        stored = self.kiosk.config.kiosk.staff_pin_hash
        if not stored:
            self._show(s("pin_missing"))
        elif self.digits:
            self.checking = True
            self._show(s("pin_checking"))
            self._verify(self.digits, stored)

    @work(thread=True, exclusive=True, group="pin")
    def _verify(self, pin: str, stored: str) -> None:
        guard = self.kiosk.pin_guard()
        subject = this_pc("kiosk")
        wait = guard.wait_s(subject)
        if wait > 0:  # locked: the PIN is not even checked
            self.app.call_from_thread(self._verified, False, wait)
            return
        if verify_pin(pin, stored):
            guard.succeeded(subject)
            self.app.call_from_thread(self._verified, True, 0.0)
            return
        attempt = guard.failed(subject)
        if attempt.wait_s:
            self.kiosk.record_event("pin_locked", seconds=attempt.wait_s, failures=attempt.failures)
        self.app.call_from_thread(self._verified, False, attempt.wait_s)

    def _verified(self, ok: bool, locked_s: float) -> None:
        from servicehall.kiosk.screens.maintenance import MaintenanceScreen

        self.checking = False
        self.digits = ""
        if not self.is_current:  # the kiosk went home meanwhile: never open maintenance
            return
        if ok:
            self.app.switch_screen(MaintenanceScreen())
        elif locked_s:
            self._show(s("pin_locked", s=math.ceil(locked_s)))
        else:
            self._show(s("pin_wrong"))

"""The staff PIN screen: a touch keypad guarding the maintenance screen.

The PIN is checked against ``kiosk.staff_pin_hash`` in a thread worker (PBKDF2 takes a moment);
after five wrong PINs the keypad locks for a minute.
"""

from __future__ import annotations

import time

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Static

from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import s
from servicehall.kiosk.widgets import Keypad, NavBar
from servicehall.kiosk.widgets.keypad import CLEAR, ENTER
from servicehall.pins import verify_pin

MAX_PIN_DIGITS = 12
MAX_FAILURES = 5
LOCK_SECONDS = 60


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
        kiosk = self.kiosk
        stored = kiosk.config.kiosk.staff_pin_hash
        wait = kiosk.pin_locked_until - time.monotonic()
        if wait > 0:
            self._show(s("pin_locked", s=int(wait) + 1))
        elif not stored:
            self._show(s("pin_missing"))
        elif self.digits:
            self.checking = True
            self._show(s("pin_checking"))
            self._verify(self.digits, stored)

    @work(thread=True, exclusive=True, group="pin")
    def _verify(self, pin: str, stored: str) -> None:
        ok = verify_pin(pin, stored)
        self.app.call_from_thread(self._verified, ok)

    def _verified(self, ok: bool) -> None:
        from servicehall.kiosk.screens.maintenance import MaintenanceScreen

        kiosk = self.kiosk
        self.checking = False
        self.digits = ""
        if not self.is_current:  # the kiosk went home meanwhile: never open maintenance
            return
        if ok:
            kiosk.pin_failures = 0
            self.app.switch_screen(MaintenanceScreen())
            return
        kiosk.pin_failures += 1
        if kiosk.pin_failures >= MAX_FAILURES:
            kiosk.pin_failures = 0
            kiosk.pin_locked_until = time.monotonic() + LOCK_SECONDS
            self._show(s("pin_locked", s=LOCK_SECONDS))
        else:
            self._show(s("pin_wrong"))

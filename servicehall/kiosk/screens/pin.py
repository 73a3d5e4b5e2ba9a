"""The staff PIN screen: a touch keypad guarding the maintenance screen.

The app checks the PIN against ``kiosk.staff_pin_hash`` in a thread worker (PBKDF2 takes a
moment): the screen posts ``PinEntered`` and gets ``PinChecked`` back.
Wrong PINs are counted in the database for this PC (``kiosk:<host name>``), so neither a crash,
a restart nor a new browser tab gives fresh guesses: the fifth in a row locks the keypad for a
minute, each further one twice as long (up to 15 minutes), and a lock is recorded as an event.
"""

from __future__ import annotations

import math

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Static

from servicehall.i18n import t
from servicehall.kiosk.messages import PinChecked, PinEntered
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.maintenance import MaintenanceScreen
from servicehall.kiosk.widgets import Keypad, NavBar
from servicehall.kiosk.widgets.keypad import CLEAR, ENTER, typed_key

MAX_PIN_DIGITS = 12


class PinScreen(KioskScreen):
    """Digits typed or tapped show as stars; OK checks them."""

    def __init__(self) -> None:
        super().__init__()
        self.digits = ""
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pin-box"):
            yield Static(t("pin_title"), classes="title")
            with Horizontal(id="pin-line"):
                yield Static("", id="pin-dots")
                yield Static("", id="pin-message")
            with Center():
                yield Keypad(id="keypad")
        yield NavBar(back=False)

    def on_mount(self) -> None:
        self._show()

    def on_key(self, event: events.Key) -> None:
        key = typed_key(event, CLEAR)
        if key is not None:
            self._press(key)
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
            self._show(t("pin_missing"))
        elif self.digits:
            self.checking = True
            self._show(t("pin_checking"))
            self.post_message(PinEntered(self, self.digits))

    @on(PinChecked)
    def _verified(self, event: PinChecked) -> None:
        ok, locked_s = event.ok, event.locked_s
        self.checking = False
        self.digits = ""
        if not self.is_current:  # the kiosk went home meanwhile: never open maintenance
            return
        if ok:
            self.app.switch_screen(MaintenanceScreen())
        elif locked_s:
            self._show(t("pin_locked", s=math.ceil(locked_s)))
        else:
            self._show(t("pin_wrong"))

"""``Keypad``: a big numeric keypad for touch entry (PIN, phone number, case number), and
:func:`typed_key`: a hardware keyboard's key as the keypad's."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Button

from servicehall.i18n import t

CLEAR = "clear"
ENTER = "enter"
DELETE = "delete"
"""Not on the keypad: the screens' 删除一位 button, and a keyboard's backspace there."""
QUICK_FLASH_S = 0.1
"""A key's flash where numbers repeat digits (a phone or case number), not a PIN's."""


def typed_key(event: events.Key, backspace: str, letters: str = "") -> str | None:
    """The keypad key a keyboard's key stands for (a digit, one of ``letters`` upper-cased,
    ``backspace`` for backspace, ``ENTER``), or None for any other key."""
    if event.character and (event.character.isdigit() or event.character.upper() in letters):
        return event.character.upper()
    return {"backspace": backspace, "enter": ENTER}.get(event.key)


class Keypad(Grid):
    """Digits 0–9, clear and OK; posts ``Keypad.Pressed`` with the key."""

    @dataclass
    class Pressed(Message):
        key: str
        """A digit, ``CLEAR`` or ``ENTER``."""

    def compose(self) -> ComposeResult:
        for digit in "123456789":
            yield Button(digit, id=f"key-{digit}", classes="key")
        yield Button(t("pin_clear"), id=f"key-{CLEAR}", classes="key")
        yield Button("0", id="key-0", classes="key")
        yield Button(t("pin_ok"), id=f"key-{ENTER}", classes="key key-ok")

    @on(Button.Pressed, ".key")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.Pressed(event.button.id.removeprefix("key-")))

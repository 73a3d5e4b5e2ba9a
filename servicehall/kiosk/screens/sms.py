"""The optional 短信提醒 step after 取号: a mobile number on a big keypad, or "不需要".

The ticket screen shows ``SmsOffer`` (when ``[sms] enabled``); a tap opens ``SmsScreen``: what
the number is for in one line, the digits as typed (138 0013 8000), the kiosk's ``Keypad`` with
a one-digit delete beside it. OK checks the number (11 digits, 1[3-9]…) on the spot and registers
it for the ticket (the app does, in a thread worker: ``PhoneEntered`` → ``PhoneRegistered`` or
``PhoneRefused``, ``servicehall.queue.outbox.register_phone``); the ticket
screen then shows it masked (138****8000) and counts down afresh. "不需要" and "返回" go back
without a number. The number is never shown whole once it is registered, and never logged.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from servicehall.config import HallConfig
from servicehall.errors import ServiceHallError
from servicehall.i18n import language, t
from servicehall.kiosk.messages import PhoneEntered, PhoneRefused, PhoneRegistered
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.widgets import Keypad, NavBar
from servicehall.kiosk.widgets.keypad import CLEAR, DELETE, ENTER, QUICK_FLASH_S, typed_key
from servicehall.queue import TicketView
from servicehall.queue.outbox import check_phone
from servicehall.ui.themes import colour

DIGITS = 11
"""A key ignores taps while it flashes (Textual's default 0.2 s): a number has runs of one digit
(13800138000), so a shorter flash lets a quick second tap count."""


class SmsOffer(Button):
    """The ticket screen's way into the step; afterwards it shows the number, masked."""

    def __init__(self, ticket: TicketView) -> None:
        super().__init__(t("sms_offer"), id="ticket-sms")
        self.ticket = ticket
        # inline: the kiosk's stylesheet is not this module's to edit
        self.styles.width = "1fr"
        self.styles.margin = (0, 2)
        self.styles.background = colour(self.app, "kiosk-sms")
        self.styles.border = ("tall", colour(self.app, "kiosk-sms-edge"))

    @staticmethod
    def offered(config: HallConfig, ticket: TicketView) -> bool:
        return config.sms.enabled and ticket.is_waiting

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(SmsScreen(self.ticket), self._registered)

    def _registered(self, masked: str | None) -> None:
        """(The ticket screen counts afresh on its return: ``TicketScreen.on_screen_resume``.)"""
        if masked:
            self.label = t("sms_offer_done", phone=masked)


class SmsScreen(KioskScreen):
    """Dismissed with the masked number once registered, or None when skipped."""

    CSS = """
    #sms-body { height: 1fr; padding: 0 1; }
    #sms-info { width: 1fr; height: 1fr; padding: 0 1 0 0; }
    #sms-title { height: 1; text-style: bold; color: $kiosk-title-text; }
    #sms-purpose { height: auto; margin: 0 0 1 0; }
    #sms-edit { height: 3; margin: 1 0 0 0; }
    #sms-edit Button { width: 1fr; min-width: 8; margin: 0 1 0 0; }
    #sms-keypad .key-ok, #sms-keypad .key-ok:focus, #sms-keypad .key-ok:hover {
        background: $kiosk-ok;
    }
    """

    def __init__(self, ticket: TicketView) -> None:
        super().__init__()
        self.ticket = ticket
        self.digits = ""
        self.saving = False

    def compose(self) -> ComposeResult:
        settings = self.kiosk.config.sms
        with Horizontal(id="sms-body"):
            with Vertical(id="sms-info"):
                yield Static(f"{t('sms_title')}  {self.ticket.label}", id="sms-title")
                purpose = t("sms_purpose", n=settings.notify_ahead, label=self.ticket.label)
                yield Static(purpose, id="sms-purpose")
                yield Static("", id="sms-number", classes="entry-typed")
                yield Static("", id="sms-message", classes="entry-message")
                with Horizontal(id="sms-edit"):
                    yield Button(t("sms_delete"), id="sms-delete", classes="key")
                    yield Button(t("sms_skip"), id="sms-skip", classes="nav")
            yield Keypad(id="sms-keypad", classes="entry-keypad")
        yield NavBar()

    def on_mount(self) -> None:
        for key in self.query(".key").results(Button):
            key.active_effect_duration = QUICK_FLASH_S
        self._show(t("sms_enter"))

    # ------------------------------------------------------------------ input

    def on_key(self, event: events.Key) -> None:
        key = typed_key(event, DELETE)
        if key is not None:
            self._press(key)
            event.stop()

    @on(Keypad.Pressed)
    def _keypad(self, event: Keypad.Pressed) -> None:
        self._press(event.key)

    @on(Button.Pressed, "#sms-delete")
    def _delete(self, event: Button.Pressed) -> None:
        event.stop()
        self._press(DELETE)

    @on(Button.Pressed, "#sms-skip, #nav-back")
    def _skip(self, event: Button.Pressed) -> None:
        """No number: back to the ticket (返回 too, so the ticket's countdown starts afresh)."""
        event.prevent_default()  # not KioskScreen's plain pop
        event.stop()
        self.dismiss(None)

    def _press(self, key: str) -> None:
        if self.saving:
            return
        if key == ENTER:
            self._submit()
            return
        if key == CLEAR:
            self.digits = ""
        elif key == DELETE:
            self.digits = self.digits[:-1]
        elif len(self.digits) < DIGITS:
            self.digits += key
        else:
            self._show(t("sms_full"), error=True)
            return
        left = DIGITS - len(self.digits)
        self._show(t("sms_more", n=left) if left else t("sms_full"))

    def _submit(self) -> None:
        if len(self.digits) < DIGITS:
            self._show(t("sms_more", n=DIGITS - len(self.digits)), error=True)
            return
        try:
            phone = check_phone(self.digits)
        except ServiceHallError as exc:
            self._show(exc.message, error=True)
            return
        self.saving = True
        self._show(t("sms_saving"))
        self.post_message(PhoneEntered(self, self.ticket.id, phone, language()))

    @on(PhoneRegistered)
    def _registered(self, event: PhoneRegistered) -> None:
        self.saving = False
        self.digits = ""
        if self.is_current:
            self.dismiss(event.masked)

    @on(PhoneRefused)
    def _refused(self, event: PhoneRefused) -> None:
        self.saving = False
        if self.is_attached:
            self._show(t("sms_failed", message=event.message), error=True)

    # ------------------------------------------------------------------ drawing

    def _show(self, message: str, *, error: bool = False) -> None:
        typed = self.digits.ljust(DIGITS, "_")
        self.query_one("#sms-number", Static).update(f"{typed[:3]} {typed[3:7]} {typed[7:]}")
        shown = self.query_one("#sms-message", Static)
        shown.update(message)
        shown.set_class(error, "error")

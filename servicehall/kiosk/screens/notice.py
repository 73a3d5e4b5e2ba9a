"""A kind message instead of a ticket: the hall is closed, today's tickets are gone, trouble."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import hours_text
from servicehall.kiosk.widgets import Countdown, NavBar
from servicehall.widgets.plain import plain


class NoticeScreen(KioskScreen):
    """A title, the message, the opening hours when they matter; home again after a while."""

    def __init__(self, title: str, message: str, *, show_hours: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.show_hours = show_hours

    def compose(self) -> ComposeResult:
        with Vertical(id="notice"):
            yield Static(plain(self.title_text), id="notice-title")
            yield Static(plain(self.message), id="notice-message")
            if self.show_hours:
                yield Static(plain(hours_text(self.kiosk.config)), id="notice-hours")
            yield Countdown(self.kiosk.config.kiosk.ticket_screen_seconds)
        yield NavBar(back=False)

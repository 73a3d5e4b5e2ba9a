"""``KioskScreen``: what every kiosk screen shares — the app's type and the back/home buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.screen import Screen
from textual.widgets import Button, Static

from servicehall.widgets.plain import plain

if TYPE_CHECKING:
    from servicehall.kiosk.app import KioskApp


class KioskScreen(Screen[Any]):
    """A screen of the kiosk; "返回" pops it, "首页" goes back to the home screen."""

    @property
    def kiosk(self) -> KioskApp:
        return self.app  # type: ignore[return-value]

    def set_text(self, selector: str, text: str) -> None:
        """Update a Static from a worker's answer; nothing if the screen has been left already."""
        if not self.is_attached:
            return
        for static in self.query(selector).results(Static):
            static.update(plain(text))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A tap anywhere on the screen (mouse events bubble up to it) counts as use."""
        self.kiosk.note_input()

    @on(Button.Pressed, "#nav-back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.pop_screen()

    @on(Button.Pressed, "#nav-home")
    def _home(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.go_home()

"""``KioskScreen``: what every kiosk screen shares — the app's type, back/home and the pager."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.screen import Screen
from textual.widgets import Button, Static

from servicehall.kiosk.widgets import Pager
from servicehall.widgets.paged import Paged, PagedGrid, PagedText
from servicehall.widgets.plain import plain

if TYPE_CHECKING:
    from servicehall.kiosk.app import KioskApp


class KioskScreen(Screen[Any]):
    """A screen of the kiosk; "返回" pops it, "首页" goes back to the home screen.

    Its one paged content (class ``paged``) is turned by the 上一页 / 下一页 buttons of its pager.
    """

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (96, "-wide")]

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

    @on(Paged)
    def _paged(self, event: Paged) -> None:
        event.stop()
        for pager in self.query(Pager):
            pager.show(event.page, event.pages)

    @on(Button.Pressed, "#page-prev, #page-next")
    def _turn(self, event: Button.Pressed) -> None:
        event.stop()
        step = 1 if event.button.id == "page-next" else -1
        for paged in self.query(".paged"):
            if isinstance(paged, (PagedGrid, PagedText)):
                paged.show_page(paged.page + step)

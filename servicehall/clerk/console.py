"""``ClerkApp``: the console a clerk keeps open all day at one window.

It starts on the sign-in screen; after sign-in the desk screen runs the window; signing out (F12)
returns to sign-in. All database work happens in the screens' thread workers.
"""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App

from servicehall.clerk.desk import DeskScreen
from servicehall.clerk.sign_in import SignInScreen
from servicehall.grids import log_grid
from servicehall.queue import Hall
from servicehall.queue.clerks import Clerk
from servicehall.widgets.upkeep import keep_tidy, let_go


class ClerkApp(App[None]):
    """The window console: ``ClerkApp(hall, window).run()``."""

    CSS_PATH = Path(__file__).with_name("clerk.tcss")  # also for a subclass elsewhere
    TITLE = "servicehall 窗口"

    def __init__(self, hall: Hall, window: int) -> None:
        super().__init__()
        self.hall = hall
        self.window = hall.window(window).number

    def on_mount(self) -> None:
        self._ask_sign_in()
        keep_tidy(self)

    def on_unmount(self) -> None:
        let_go()

    def on_resize(self, event: events.Resize) -> None:
        log_grid("clerk", event.size.width, event.size.height)

    def _ask_sign_in(self, _result: None = None) -> None:
        self.push_screen(SignInScreen(self.hall, self.window), self._signed_in)

    def _signed_in(self, clerk: Clerk | None) -> None:
        if clerk is not None:
            self.push_screen(DeskScreen(self.hall, self.window, clerk), self._ask_sign_in)

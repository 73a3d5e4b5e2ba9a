"""``ClerkApp``: the console a clerk keeps open all day at one window.

It starts on the sign-in screen; after sign-in the desk screen runs the window; signing out (F12)
returns to sign-in. All database work happens in the screens' thread workers; ``HallApp`` follows
the hall and the desk redraws from its ``hall_changed``.
"""

from __future__ import annotations

from pathlib import Path

from servicehall.clerk.desk import DeskScreen
from servicehall.clerk.sign_in import SignInScreen
from servicehall.i18n import t
from servicehall.queue import Hall
from servicehall.queue.clerks import Clerk
from servicehall.ui.app_base import HallApp


class ClerkApp(HallApp):
    """The window console: ``ClerkApp(hall, window).run()``."""

    CSS_PATH = Path(__file__).with_name("clerk.tcss")  # also for a subclass elsewhere
    TITLE = t("clerk_app_title")
    GRID = "clerk"

    def __init__(self, hall: Hall, window: int) -> None:
        super().__init__(hall.config, hall=hall)
        self.desk_hall = hall
        self.window = hall.window(window).number

    def on_mount(self) -> None:
        self._ask_sign_in()

    def _ask_sign_in(self, _result: None = None) -> None:
        self.push_screen(SignInScreen(self.desk_hall, self.window), self._signed_in)

    def _signed_in(self, clerk: Clerk | None) -> None:
        if clerk is not None:
            self.push_screen(DeskScreen(self.desk_hall, self.window, clerk), self._ask_sign_in)

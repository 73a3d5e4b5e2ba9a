"""``NavBar``: "返回", the pager and "首页" at the foot of every screen but home."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from servicehall.i18n import t
from servicehall.kiosk.widgets.pager import Pager


class NavBar(Horizontal):
    """Back and home; a screen handles ``#nav-back`` / ``#nav-home`` through ``KioskScreen``."""

    def __init__(self, *, back: bool = True) -> None:
        super().__init__(classes="navbar")
        self.back = back

    def compose(self) -> ComposeResult:
        if self.back:
            yield Button(t("back"), id="nav-back", classes="nav")
        yield Static("", classes="spacer")
        yield Pager()
        yield Static("", classes="spacer")
        yield Button(t("home"), id="nav-home", classes="nav")

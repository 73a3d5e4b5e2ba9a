"""``NavBar``: the "返回" and "首页" buttons at the foot of every screen but home."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from servicehall.kiosk.strings import s


class NavBar(Horizontal):
    """Back and home; a screen handles ``#nav-back`` / ``#nav-home`` through ``KioskScreen``."""

    def __init__(self, *, back: bool = True) -> None:
        super().__init__(classes="navbar")
        self.back = back

    def compose(self) -> ComposeResult:
        if self.back:
            yield Button(s("back"), id="nav-back", classes="nav")
        yield Button(s("home"), id="nav-home", classes="nav")

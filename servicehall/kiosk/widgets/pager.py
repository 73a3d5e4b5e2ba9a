"""``Pager``: big 上一页 / 下一页 buttons and "1/2" between them, shown only when there is more.

A screen has at most one paged content (a ``PagedGrid`` or ``PagedText`` with the class
``paged``); ``KioskScreen`` forwards its ``Paged`` messages here and turns the taps into pages.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from servicehall.i18n import t

BUTTON_CELLS = 8
NUMBER_CELLS = 5
"""kiosk.tcss: the narrowest 上一页 / 下一页 and page number ("1/2" and a cell either side)."""


class Pager(Horizontal):
    """Hidden while everything fits on one page."""

    def __init__(self) -> None:
        super().__init__(classes="pager")
        self.display = False
        self.page, self.pages = 0, 1

    @staticmethod
    def cells(pages: int) -> int:
        """How wide the pager is for ``pages`` pages (for a bar that fits its buttons around it)."""
        buttons = sum(max(BUTTON_CELLS, cell_len(t(key)) + 2) for key in ("page_prev", "page_next"))
        return buttons + max(NUMBER_CELLS, len(f"{pages}/{pages}") + 2)

    def compose(self) -> ComposeResult:
        yield Button(t("page_prev"), id="page-prev", classes="page")
        yield Static("", id="page-number")
        yield Button(t("page_next"), id="page-next", classes="page")

    def on_mount(self) -> None:
        self.show(self.page, self.pages)

    def show(self, page: int, pages: int) -> None:
        """Page ``page`` (from 0) of ``pages`` is on the screen."""
        self.page, self.pages = page, pages
        self.display = pages > 1
        if not self.children:
            return
        self.query_one("#page-number", Static).update(f"{page + 1}/{pages}")
        self.query_one("#page-prev", Button).disabled = page <= 0
        self.query_one("#page-next", Button).disabled = page >= pages - 1

"""The matter list: a service's matters (事项), or on market days the villages of 村事镇办."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from servicehall.config import Service
from servicehall.i18n import t
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.guide_detail import GuideDetailScreen
from servicehall.kiosk.widgets import NavBar
from servicehall.widgets.paged import PagedGrid
from servicehall.widgets.paging import button_size
from servicehall.widgets.plain import plain

NAME_CELLS_CAP = 26
"""A longer matter name wraps inside its button."""


class MatterScreen(KioskScreen):
    """One big button per matter; leads to the confirm screen, or in the guide to the 六公开."""

    def __init__(self, service: Service, *, guide: bool = False) -> None:
        super().__init__()
        self.service = service
        self.guide = guide

    def compose(self) -> ComposeResult:
        if self.guide:
            title = t("guide_matters", service=self.service.name)
        elif self.service.market_days_only:
            title = t("choose_village", service=self.service.name)
        else:
            title = t("choose_matter", service=self.service.name)
        yield Static(plain(title), classes="title")
        width, height = button_size((m.name for m in self.service.matters), cap=NAME_CELLS_CAP)
        with PagedGrid(
            min_width=width, min_height=height, max_height=8, id="matters", classes="paged"
        ):
            for index, matter in enumerate(self.service.matters):
                yield Button(plain(matter.name), id=f"matter-{index}", classes="matter")
        yield NavBar()

    @on(Button.Pressed, ".matter")
    def _matter(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        matter = self.service.matters[int(event.button.id.removeprefix("matter-"))]
        if self.guide:
            self.app.push_screen(GuideDetailScreen(self.service, matter))
        else:
            self.app.push_screen(ConfirmScreen(self.service, matter))

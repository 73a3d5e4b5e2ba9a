"""办事指南: every service of the hall, to read each matter's 六公开 without taking a ticket."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from servicehall.i18n import t
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.guide_detail import GuideDetailScreen
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.widgets import NavBar
from servicehall.widgets.paged import PagedGrid
from servicehall.widgets.paging import button_size
from servicehall.widgets.plain import plain


class GuideScreen(KioskScreen):
    """All services (including the market-day desks); tap one to list its matters."""

    def compose(self) -> ComposeResult:
        services = self.kiosk.config.services
        yield Static(t("guide_title"), classes="title")
        width, height = button_size((svc.name for svc in services), cap=24)
        with PagedGrid(
            min_width=width, min_height=height, max_height=4, id="guide-services", classes="paged"
        ):
            for service in services:
                yield Button(
                    plain(service.name), id=f"guide-{service.code}", classes="guide-service"
                )
        yield NavBar()

    @on(Button.Pressed, ".guide-service")
    def _service(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        service = self.kiosk.config.service(event.button.id.removeprefix("guide-"))
        if service is None:
            return
        if len(service.matters) == 1:
            self.app.push_screen(GuideDetailScreen(service, service.matters[0]))
        elif service.matters:
            self.app.push_screen(MatterScreen(service, guide=True))

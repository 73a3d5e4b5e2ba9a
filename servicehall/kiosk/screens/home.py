"""The home screen: the hall's name, a greeting and one big button per service open today."""

from __future__ import annotations

import math

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.widgets import Button, Static

from servicehall.config import Service
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.strings import hours_text, s
from servicehall.kiosk.widgets import ServiceButton
from servicehall.queue import HallStatus
from servicehall.widgets.plain import plain

MIN_BUTTON_CELLS = 25


class HomeScreen(KioskScreen):
    """Services open today with their live queues; the guide, language and staff buttons."""

    def compose(self) -> ComposeResult:
        config = self.kiosk.config
        yield Static(plain(config.hall.name), id="hall-name")
        yield Static(s("welcome"), id="welcome")
        yield Static("", id="banner")
        yield Grid(id="services")
        with Horizontal(id="home-bar"):
            yield Button(s("guide"), id="guide", classes="bar")
            yield Button(s("lang_toggle"), id="lang", classes="bar")
            yield Static("", classes="spacer")
            yield Button(s("staff"), id="staff", classes="bar staff")

    def on_mount(self) -> None:
        self.watch(self.kiosk, "hall_status", self._show_status)
        self.watch(self.kiosk, "trouble", self._show_banner)

    async def recompose(self) -> None:
        """Rebuilt in the other language: show the hall's state again at once."""
        await super().recompose()
        self._show_status(self.kiosk.hall_status)
        self._show_banner(self.kiosk.trouble)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_grid()

    def _fit_grid(self) -> None:
        grid = self._grid()
        if grid is None:
            return
        count = max(1, len(grid.children))
        columns = max(2, min(6, self.size.width // MIN_BUTTON_CELLS, count))
        grid.styles.grid_size_columns = columns
        grid.styles.grid_size_rows = math.ceil(count / columns)

    def _show_status(self, status: HallStatus | None) -> None:
        grid = self._grid()
        if status is None or grid is None:
            return
        by_code = {svc.code: svc for svc in self.kiosk.config.services}
        wanted = [st.code for st in status.services if st.available_today and st.code in by_code]
        shown = [b.service.code for b in grid.query(ServiceButton)]
        if wanted != shown:
            grid.remove_children()
            grid.mount_all(ServiceButton(by_code[code], status.waiting(code)) for code in wanted)
            self.call_after_refresh(self._fit_grid)
        else:
            for button in grid.query(ServiceButton):
                waiting = status.waiting(button.service.code)
                if waiting != button.waiting:
                    button.set_waiting(waiting)
        self._show_banner(self.kiosk.trouble)

    def _grid(self) -> Grid | None:
        """The services grid, or None while the screen is being (re)composed."""
        return next(iter(self.query("#services").results(Grid)), None)

    def _show_banner(self, trouble: str) -> None:
        banner = next(iter(self.query("#banner").results(Static)), None)
        if banner is None:
            return
        status = self.kiosk.hall_status
        if trouble:
            text, kind = s("connecting", detail=trouble), "trouble"
        elif status is not None and not status.open_now:
            text, kind = s("closed_banner", hours=hours_text(self.kiosk.config)), "closed"
        elif status is not None and status.market_day:
            text, kind = s("market_day"), "market"
        else:
            text, kind = "", ""
        banner.update(plain(text))
        banner.set_classes(kind)
        banner.display = bool(text)

    @on(Button.Pressed, ".service")
    def _service(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, ServiceButton)
        self.open_service(event.button.service)

    def open_service(self, service: Service) -> None:
        from servicehall.kiosk.screens.confirm import ConfirmScreen
        from servicehall.kiosk.screens.matters import MatterScreen

        if len(service.matters) > 1:
            self.app.push_screen(MatterScreen(service))
        else:
            matter = service.matters[0] if service.matters else None
            self.app.push_screen(ConfirmScreen(service, matter))

    @on(Button.Pressed, "#guide")
    def _guide(self, event: Button.Pressed) -> None:
        from servicehall.kiosk.screens.guide import GuideScreen

        event.stop()
        self.app.push_screen(GuideScreen())

    @on(Button.Pressed, "#lang")
    def _language(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.action_toggle_language()

    @on(Button.Pressed, "#staff")
    def _staff(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.action_staff()

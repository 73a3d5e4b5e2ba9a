"""The home screen: the hall's name, a greeting and one big button per service open today.

The buttons reflow into the columns and rows the screen holds, each at least as big as its text
(name, waiting count, estimated wait); what does not fit goes on another page. On a short screen
the greeting moves up beside the hall's name when that spares a page. The bar at the foot
(``HomeBar``: 办事指南, 查询办理进度, the language, the pager, 工作人员) is there on every page.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from servicehall.config import Service
from servicehall.i18n import t
from servicehall.kiosk.screens.base import KioskScreen
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.guide import GuideScreen
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.screens.progress import ProgressScreen
from servicehall.kiosk.strings import hours_text
from servicehall.kiosk.widgets import ServiceButton
from servicehall.kiosk.widgets.home_bar import BAR_ROWS, HomeBar
from servicehall.queue import HallStatus, WaitEstimate
from servicehall.widgets.paged import Paged, PagedGrid
from servicehall.widgets.paging import plan_grid, wrap_lines
from servicehall.widgets.plain import plain

GRID_PADDING = 2  # cells left and right of the buttons
HEADERS = (("-roomy", 6), ("-plain", 2), ("-compact", 1))
"""Header styles, most generous first, with the rows each takes (name band, greeting, gap)."""


class HomeScreen(KioskScreen):
    """Services open today with their live queues; the guide, progress, language and staff
    buttons."""

    def compose(self) -> ComposeResult:
        config = self.kiosk.config
        yield Static(plain(config.hall.name), id="hall-name")
        yield Static(t("welcome"), id="welcome")
        yield Static("", id="banner")
        yield PagedGrid(min_width=20, id="services", classes="paged")
        yield HomeBar()

    def on_mount(self) -> None:
        self.watch(self.kiosk, "hall_status", self._show_status)
        self.watch(self.kiosk, "waits", self._show_waits)
        self.watch(self.kiosk, "trouble", self._show_banner)

    async def recompose(self) -> None:
        """Rebuilt in the other language: show the hall's state again at once."""
        await super().recompose()
        self._show_status(self.kiosk.hall_status)
        self._show_banner(self.kiosk.trouble)

    def on_resize(self, event: events.Resize) -> None:
        self._fit_header()

    # ------------------------------------------------------------------ layout

    def _fit_header(self) -> None:
        """The most generous header that still shows the services on as few pages as any."""
        grid = self._grid()
        if grid is None or not self.size.area:
            return
        width, height = self.size
        banner = self.query_one("#banner", Static)
        banner_rows = len(wrap_lines(Text(str(banner.content)), width - 4)) if banner.display else 0
        greeting = f"{self.kiosk.config.hall.name}  {t('welcome')}"
        modes = [
            (name, rows)
            for name, rows in HEADERS
            if name != "-compact" or cell_len(greeting) <= width - 2
        ]

        count = len(grid.children)

        def rank(mode: tuple[str, int]) -> tuple[int, int]:
            """Fewest pages first, then the most buttons on a page (ties: the roomier header)."""
            space = height - mode[1] - banner_rows - BAR_ROWS
            if space < grid.min_height:
                return (count + 1, 0)
            plan = plan_grid(
                count,
                width - 2 * GRID_PADDING,
                space,
                min_width=grid.min_width,
                min_height=grid.min_height,
            )
            return plan.pages, -min(plan.per_page, count)

        chosen = min(modes, key=rank)[0]
        for name, _rows in HEADERS:
            self.set_class(name == chosen, name)
        self.query_one("#hall-name", Static).update(
            plain(greeting if chosen == "-compact" else self.kiosk.config.hall.name)
        )

    # ------------------------------------------------------------------ live state

    def _show_status(self, status: HallStatus | None) -> None:
        grid = self._grid()
        if status is None or grid is None:
            return
        by_code = {svc.code: svc for svc in self.kiosk.config.services}
        wanted = [st.code for st in status.services if st.available_today and st.code in by_code]
        shown = [b.service.code for b in grid.query(ServiceButton)]
        waits = self.kiosk.waits
        if wanted != shown:
            services = [by_code[code] for code in wanted]
            grid.min_width, grid.min_height = ServiceButton.min_size(services)
            grid.remove_children()
            grid.mount_all(
                ServiceButton(svc, status.waiting(svc.code), waits.get(svc.code))
                for svc in services
            )
            self.call_after_refresh(self._relayout)
        else:
            for button in grid.query(ServiceButton):
                code = button.service.code
                button.set_state(status.waiting(code), waits.get(code))
        self._show_banner(self.kiosk.trouble)

    def _show_waits(self, waits: dict[str, WaitEstimate]) -> None:
        grid = self._grid()
        if grid is None:
            return
        for button in grid.query(ServiceButton):
            button.set_state(button.waiting, waits.get(button.service.code))

    def _relayout(self) -> None:
        grid = self._grid()
        if grid is not None:
            self._fit_header()
            grid.relayout()

    def _grid(self) -> PagedGrid | None:
        """The services grid, or None while the screen is being (re)composed."""
        return next(iter(self.query("#services").results(PagedGrid)), None)

    def _show_banner(self, trouble: str) -> None:
        banner = next(iter(self.query("#banner").results(Static)), None)
        if banner is None:
            return
        status = self.kiosk.hall_status
        if trouble:
            text, kind = t("connecting", detail=trouble), "trouble"
        elif status is not None and not status.open_now:
            text, kind = t("closed_banner", hours=hours_text(self.kiosk.config)), "closed"
        elif status is not None and status.market_day:
            text, kind = t("market_day"), "market"
        else:
            text, kind = "", ""
        changed = banner.display != bool(text) or str(banner.content) != text
        banner.update(plain(text))
        banner.set_classes(kind)
        banner.display = bool(text)
        if changed:
            self.call_after_refresh(self._relayout)

    # ------------------------------------------------------------------ taps

    @on(Button.Pressed, ".service")
    def _service(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, ServiceButton)
        self.open_service(event.button.service)

    def open_service(self, service: Service) -> None:
        if len(service.matters) > 1:
            self.app.push_screen(MatterScreen(service))
        else:
            matter = service.matters[0] if service.matters else None
            self.app.push_screen(ConfirmScreen(service, matter))

    @on(Button.Pressed, "#guide")
    def _guide(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(GuideScreen())

    @on(Button.Pressed, "#case-progress")
    def _progress(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.push_screen(ProgressScreen())

    @on(Paged)
    def _bar_to_pages(self, event: Paged) -> None:
        """The pager takes its room in the bar before ``KioskScreen`` shows it."""
        for bar in self.query(HomeBar):
            bar.show_pages(event.pages)

    @on(Button.Pressed, "#lang")
    def _language(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.action_toggle_language()

    @on(Button.Pressed, "#staff")
    def _staff(self, event: Button.Pressed) -> None:
        event.stop()
        self.kiosk.action_staff()

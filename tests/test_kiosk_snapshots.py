"""SVG snapshots of the kiosk at 100×30 cells: home, the matter list and the ticket screen.

A snapshot only says the picture did not change; each test first checks what the picture must
show, against the hall.toml and the tickets, so a new snapshot is not accepted on looks alone.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from servicehall.config import HallConfig
from servicehall.i18n import wait_text
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.widgets import Countdown
from servicehall.queue import FixedClock, Hall
from servicehall.widgets import BigLabel

from support.halls import OPEN_MONDAY
from support.kiosk import SIZE, make_app, ready
from support.screen import screen_text
from support.waiting import settled, until


def test_home_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    for code in "AABBBJ":
        hall.issue(code)
    waiting = {"A": 2, "B": 3, "J": 1}
    assert OPEN_MONDAY.day % 10 not in (1, 4, 7)  # not a market day (圩日) in the sample hall
    open_today = [s for s in config.services if not s.market_days_only]

    async def home(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await until(pilot, lambda: pilot.app.waits, what="wait estimates")
        await pilot.pause()
        waits = hall.estimate_waits()  # the clock stands still: the kiosk's figures
        buttons = {b.service.code: str(b.label) for b in pilot.app.screen.query("ServiceButton")}
        assert list(buttons) == [s.code for s in open_today]  # not the market-day desks
        for service in open_today:
            name, ahead, wait = buttons[service.code].split("\n")
            assert (name, ahead) == (service.name, f"等候 {waiting.get(service.code, 0)} 人")
            assert wait == wait_text(waits[service.code]) != ""
        shown = screen_text(pilot.app)
        assert config.hall.name in shown and "办事指南" in shown and "查询办理进度" in shown

    assert snap_compare(make_app(config, db_url, clock), terminal_size=SIZE, run_before=home)


def test_matter_list_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    service = config.service("B")
    assert service is not None and len(service.matters) > 1

    async def open_matters(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.click("#service-B")
        await until(pilot, lambda: isinstance(pilot.app.screen, MatterScreen), what="matters")
        await pilot.pause()
        labels = [str(b.label) for b in pilot.app.screen.query(".matter")]
        assert labels == [matter.name for matter in service.matters]
        shown = screen_text(pilot.app)
        assert service.name in shown and "返回" in shown and "首页" in shown

    app = make_app(config, db_url, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_matters)


def test_ticket_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("H")
    hall.issue("H")
    service = config.service("H")
    assert service is not None
    windows = "、".join(str(w.number) for w in config.windows_for("H"))

    async def take(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.click("#service-H")
        await until(pilot, lambda: pilot.app.screen.query("#matter-0"), what="matters")
        await pilot.click("#matter-0")
        await until(pilot, lambda: pilot.app.screen.query("#take-priority"), what="confirm")
        await pilot.click("#take-priority")
        await until(pilot, lambda: isinstance(pilot.app.screen, TicketScreen), what="ticket")
        screen = pilot.app.screen
        await until(pilot, lambda: screen.outcome is not None, what="print outcome")
        countdown = screen.query_one(Countdown)
        countdown.hold()  # the clock must not tick into the picture
        countdown.remaining = 15
        label = screen.query_one("#ticket-label", BigLabel)
        await settled(pilot, lambda: (label.styles.height, label.region), what="the number")
        ticket = hall.ticket("H003")
        assert ticket.priority and ticket.matter == service.matters[0].code
        assert screen.query_one("#ticket-label", BigLabel).label == "H003"
        shown = screen_text(pilot.app)
        assert f"请到 {windows} 号窗口" in shown
        assert service.matters[0].name in shown
        assert "前面没有人" in shown  # a priority ticket goes before the two waiting
        assert f"预计等候：{wait_text(hall.estimate_wait(ticket))}" in shown
        assert screen.outcome.ok and "请取走您的号票" in shown

    app = make_app(config, db_url, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=take)

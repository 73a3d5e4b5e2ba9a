"""SVG snapshots of the kiosk at 100×30 cells: home, the matter list and the ticket screen."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from servicehall.config import HallConfig
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.widgets import Countdown
from servicehall.queue import FixedClock, Hall

from support.kiosk import SIZE, make_app, ready
from support.waiting import until


def test_home_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    for code in "AABBBJ":
        hall.issue(code)
    assert snap_compare(make_app(config, db_url, clock), terminal_size=SIZE, run_before=ready)


def test_matter_list_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    async def open_matters(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        await pilot.click("#service-B")
        await until(pilot, lambda: isinstance(pilot.app.screen, MatterScreen), what="matters")
        await pilot.pause()

    app = make_app(config, db_url, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_matters)


def test_ticket_snapshot(
    snap_compare: Any, config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("H")
    hall.issue("H")

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
        await pilot.pause()

    app = make_app(config, db_url, clock)
    assert snap_compare(app, terminal_size=SIZE, run_before=take)

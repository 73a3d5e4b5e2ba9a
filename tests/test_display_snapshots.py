"""SVG snapshots of the hall display at the smallest grid (54×16) and a 4K-class one (152×44).

Before each picture is compared, the test checks what it must show, from the hall's own state:
the recalled ticket on the banner, every window's ticket or 暂停, the people waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from servicehall.config import HallConfig
from servicehall.display.app import HallDisplay
from servicehall.display.banner import CallBanner
from servicehall.display.bars import StatusLine, Ticker
from servicehall.display.board import WaitingCounts, WindowBoard
from servicehall.queue import FixedClock, Hall

from support.display import shown_call, text_of, words_of
from support.waiting import until


@pytest.fixture
def busy_hall(hall: Hall) -> Hall:
    """Mid-morning: several calls made, one window paused, people waiting."""
    for code in "AAABBBBCDEFGHK":
        hall.issue(code)
    hall.call_next(1)
    hall.call_next(2)
    hall.call_next(3)
    hall.call_next(4)
    hall.pause(6)
    hall.call_next(1)
    hall.recall(2)
    return hall


async def wait_for_state(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, HallDisplay)
    await until(pilot, lambda: app.snapshot is not None, what="the hall's state")
    await pilot.pause()


def shows_the_busy_hall(app: HallDisplay, hall: Hall) -> None:
    """The display shows what the hall's status says (read through the core, not the display)."""
    status = hall.status()
    assert shown_call(app) == hall.window_status(2).current  # the last act: a recall at window 2
    banner = app.query_one(CallBanner)
    assert banner.call is not None and banner.call.recall and banner.call.window == 2
    # the page shown now (a small TV pages; test_screen_matrix checks every page comes round)
    windows = app.query_one(WindowBoard)
    board = text_of(windows)
    on_page = set(windows.shown_numbers())
    assert on_page and 1 in on_page
    for window in status.windows:
        if window.number in on_page and window.current:
            assert window.current in board, window
        if window.number in on_page and window.state == "paused":
            assert "暂停" in board, window
    counts = app.query_one(WaitingCounts)
    waiting = words_of(counts)
    shown_codes = set(counts.shown_codes())
    assert shown_codes
    for service in status.services:
        if service.code in shown_codes:
            # the board gives a name 8 cells: the sample's names are hanzi, 2 cells each
            assert f"{service.name[:4]} {service.waiting}" in waiting, service


@pytest.mark.parametrize("size", [(54, 16), (152, 44)], ids=["54x16", "152x44"])
def test_display_snapshot(
    snap_compare,  # type: ignore[no-untyped-def]
    size: tuple[int, int],
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    busy_hall: Hall,
) -> None:
    async def the_busy_hall(pilot: Pilot[None]) -> None:
        await wait_for_state(pilot)
        shows_the_busy_hall(app, busy_hall)
        app.query_one(Ticker).hold()  # the notice scrolls with the machine's pace otherwise
        await pilot.pause()

    app = HallDisplay(config, db_url, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=the_busy_hall)


def test_display_snapshot_database_lost(
    snap_compare,  # type: ignore[no-untyped-def]
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    busy_hall: Hall,
) -> None:
    """The red line says the database is gone; the last state stays on the board."""

    async def lose_database(pilot: Pilot[None]) -> None:
        await wait_for_state(pilot)
        app = pilot.app
        assert isinstance(app, HallDisplay)
        shows_the_busy_hall(app, busy_hall)
        busy_hall.close()
        path = Path(db_url.split(":///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        await until(pilot, lambda: app.lost is not None, what="the loss noticed")
        await pilot.pause()
        status = app.query_one(StatusLine)
        assert status.display and "数据库连接中断" in status.message
        assert shown_call(app) is not None  # the last state stays on the board

    app = HallDisplay(config, db_url, clock=clock)
    assert snap_compare(app, terminal_size=(76, 22), run_before=lose_database)

"""SVG snapshots of the hall display at the smallest grid (54×16) and a 4K-class one (152×44)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from servicehall.config import HallConfig
from servicehall.display.app import HallDisplay
from servicehall.queue import FixedClock, Hall


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
    deadline = time.monotonic() + 5
    while app.snapshot is None:
        assert time.monotonic() < deadline
        await pilot.pause(0.02)
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", [(54, 16), (152, 44)], ids=["54x16", "152x44"])
def test_display_snapshot(
    snap_compare,  # type: ignore[no-untyped-def]
    size: tuple[int, int],
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    busy_hall: Hall,
) -> None:
    app = HallDisplay(config, db_url, clock=clock)
    assert snap_compare(app, terminal_size=size, run_before=wait_for_state)


def test_display_snapshot_database_lost(
    snap_compare,  # type: ignore[no-untyped-def]
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    busy_hall: Hall,
) -> None:
    """The red line says the database is gone; the last state stays on the board."""
    busy_hall.close()

    async def lose_database(pilot: Pilot[None]) -> None:
        await wait_for_state(pilot)
        app = pilot.app
        assert isinstance(app, HallDisplay)
        path = Path(db_url.split(":///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        deadline = time.monotonic() + 5
        while app.lost is None:
            assert time.monotonic() < deadline
            await pilot.pause(0.02)

    app = HallDisplay(config, db_url, clock=clock)
    assert snap_compare(app, terminal_size=(76, 22), run_before=lose_database)

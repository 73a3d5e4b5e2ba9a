"""A kiosk that runs all day: what one ticket leaves behind is freed, and start-up objects are
kept out of the collector's full passes."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest
from textual._styles_cache import StylesCache
from textual.widgets import Button

from servicehall.config import HallConfig
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.queue import FixedClock
from servicehall.widgets import upkeep

from support.kiosk import make_app, ready
from support.waiting import until


def _style_caches_alive() -> int:
    gc.collect()
    return sum(isinstance(o, StylesCache) for o in gc.get_objects())


@pytest.mark.slow
async def test_tickets_taken_leave_no_widgets_behind(config: HallConfig, db_url: str, clock):  # type: ignore[no-untyped-def]
    app = make_app(config, db_url, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        alive = []
        for taken in range(1, 25):
            await pilot.click("#service-J")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
            app.screen.query_one("#take", Button).press()
            await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
            await until(pilot, lambda: app.screen.outcome is not None, what="printed")
            app.go_home()
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            await pilot.pause()
            if taken in (4, 24):
                upkeep.trim_caches()  # what the app does every few seconds
                alive.append(_style_caches_alive())
    # each screen's widgets (about 25 a ticket) are freed: without the trim, 20 more tickets
    # left about 500 more behind
    assert alive[1] - alive[0] < 60, alive


@pytest.fixture
def thawed() -> Iterator[None]:
    """This process with nothing frozen, as a kiosk's is at start (the suite freezes its own
    start-up: tests/conftest.py), and frozen again afterwards."""
    gc.unfreeze()
    try:
        yield
    finally:
        upkeep.let_go()
        gc.collect()
        gc.freeze()


def full_collections(call: Callable[[], None]) -> int:
    """How many full garbage collections ``call()`` ran."""
    passes: list[int] = []

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            passes.append(1)

    gc.callbacks.append(seen)
    try:
        call()
    finally:
        gc.callbacks.remove(seen)
    return len(passes)


# A frozen object that loses its last reference is still freed, so the frozen count may drop
# while a test runs; it grows only by a freeze, and unfreezing sets it to 0.


def test_settle_freezes_once_and_let_go_unfreezes(thawed: None) -> None:
    assert full_collections(upkeep.settle) == 1
    frozen = gc.get_freeze_count()
    assert frozen > 1000
    # a second app in the same process changes nothing
    assert full_collections(upkeep.settle) == 0
    assert gc.get_freeze_count() <= frozen
    upkeep.let_go()
    assert gc.get_freeze_count() == 0
    upkeep.let_go()  # and nothing more at a second app's end
    assert gc.get_freeze_count() == 0


def test_a_freeze_made_elsewhere_is_left_alone(thawed: None) -> None:
    gc.freeze()  # the process froze its own start-up, as the test suite does
    frozen = gc.get_freeze_count()
    assert frozen > 1000
    assert full_collections(upkeep.settle) == 0  # nothing collected, nothing more frozen
    assert gc.get_freeze_count() <= frozen
    upkeep.let_go()
    assert gc.get_freeze_count() > 1000  # still frozen: not thawed


async def test_an_app_that_ended_leaves_nothing_in_textuals_style_cache(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    """That process-wide cache (the module's docstring) would keep the ended app's style caches,
    and every line they drew, for the next app in the process: the tests run hundreds in each,
    and their every full garbage collection walked the ~200,000 objects it held."""
    cache = StylesCache.get_inner_outer
    app = make_app(config, db_url, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert cache.cache_info().currsize > 0
    assert cache.cache_info().currsize == 0

"""查询办理进度 at the kiosk through Pilot on a real SQLite hall: by case number and by name and
last four digits, the steps shown; a wrong number or name gets nothing but one polite line; a
kiosk that is asked too often waits; the screens stay whole on the smallest kiosk grids."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from servicehall.config import HallConfig
from servicehall.kiosk.screens.progress import ProgressResult, ProgressScreen
from servicehall.queue import FixedClock, Hall
from servicehall.queue.caseviews import CaseView
from servicehall.queue.throttle import Throttle

from support.kiosk import SIZE, dots_shown, make_app, pages_of, ready, text_of
from support.screen import screen_text
from support.waiting import until


@pytest.fixture
def case(hall: Hall) -> CaseView:
    hall.sign_in(1, "mz01")
    ticket = hall.issue("A", matter="dibao")
    hall.call_ticket(ticket.label, 1)
    opened = hall.open_case(ticket.label, window=1, kind="承诺件", name="王秀兰", last4="123X")
    hall.case_step(opened.number, "补正", window=1, note="户口簿复印件")
    hall.finish(1)
    return opened


async def _open(pilot: Pilot[Any]) -> ProgressScreen:
    await ready(pilot)
    await pilot.click("#case-progress")
    await until(pilot, lambda: isinstance(pilot.app.screen, ProgressScreen), what="the screen")
    screen = pilot.app.screen
    assert isinstance(screen, ProgressScreen)
    # laid out, so mounted too: a tap before that lands off its button, or is undone by on_mount
    mode = screen.query_one("#mode-name")
    await until(pilot, lambda: mode.region.area > 0, what="the screen laid out")
    return screen


async def _key(pilot: Pilot[Any], name: str) -> None:
    """Tap a key as a person does: the same key again once it has stopped flashing."""
    key = pilot.app.screen.query_one(f"#key-{name}")
    await until(pilot, lambda: not key.has_class("-active"), what="the key's flash")
    await pilot.click(f"#key-{name}")


async def _tap(pilot: Pilot[Any], digits: str) -> None:
    for digit in digits:
        await _key(pilot, digit)


async def test_by_number_shows_the_steps(
    config: HallConfig, db_url: str, clock: FixedClock, case: CaseView
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await _tap(pilot, "2026112300")
        assert text_of(app, "#progress-typed") == "2026-1123-00_"
        await _tap(pilot, "1")
        await _key(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, ProgressResult), what="the result")
        await pilot.pause()
        assert dots_shown(app, "#progress-result") == [("2026-1123-001", (1, 1))]
        lines = "\n".join(pages_of(app, "#progress-result"))
        assert "低保申请（承诺件）" in lines and "王*兰" in lines
        assert "承诺办结：2027-01-04 前" in lines and "状态：办理中" in lines
        assert "受理" in lines and "补正：户口簿复印件" in lines
        assert "王秀兰" not in lines and "123X" not in lines
        await pilot.click("#nav-back")
        await until(pilot, lambda: app.screen is screen)
        assert text_of(app, "#progress-typed") == "____-____-___"


async def test_by_name_and_last_four_exactly(
    config: HallConfig, db_url: str, clock: FixedClock, case: CaseView
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.click("#mode-name")
        screen.query_one("#progress-name", Input).value = "王秀兰"
        await _tap(pilot, "123")
        await pilot.click("#progress-x")
        assert text_of(app, "#progress-typed") == "123X"
        await _key(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, ProgressResult), what="the result")
        await pilot.pause()
        assert [text for text, _dot in dots_shown(app, "#progress-result")] == [case.number]


@pytest.mark.parametrize(
    ("mode", "name", "digits"),
    [("number", "", "20261123002"), ("name", "王秀", "1234"), ("name", "王秀兰", "1234")],
)
async def test_a_wrong_entry_gets_one_polite_line(
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    case: CaseView,
    mode: str,
    name: str,
    digits: str,
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        if mode == "name":
            await pilot.click("#mode-name")
            screen.query_one("#progress-name", Input).value = name
        await _tap(pilot, digits)
        await _key(pilot, "enter")
        polite = "没有查到。请核对办件号，或姓名和后四位；也可以到窗口咨询"
        await until(pilot, lambda: text_of(app, "#progress-message") == polite, what="the line")
        assert isinstance(app.screen, ProgressScreen)
        assert case.number not in screen_text(app)


async def test_too_many_lookups_wait(
    config: HallConfig, db_url: str, clock: FixedClock, case: CaseView, monkeypatch: Any
) -> None:
    seconds = [1000.0]
    real_init = Throttle.__init__

    def at_test_time(self: Throttle, per_minute: int, clock: Any = None) -> None:
        real_init(self, per_minute, lambda: seconds[0])

    monkeypatch.setattr(Throttle, "__init__", at_test_time)
    cases = config.cases.model_copy(update={"lookups_per_minute": 2})
    app = make_app(config.model_copy(update={"cases": cases}), db_url, clock)
    polite = "没有查到。请核对办件号，或姓名和后四位；也可以到窗口咨询"
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        for _ in range(2):
            await _tap(pilot, "20261123009")
            await _key(pilot, "enter")
            await until(pilot, lambda: text_of(app, "#progress-message") == polite)
            await _key(pilot, "clear")
        await _tap(pilot, "20261123001")  # the right number, but too soon
        await _key(pilot, "enter")
        assert text_of(app, "#progress-message") == "查询太频繁，请 61 秒后再试"
        seconds[0] += 61
        await _key(pilot, "enter")
        await until(pilot, lambda: isinstance(app.screen, ProgressResult), what="the result")


@pytest.mark.parametrize("size", [(56, 20), (70, 23)])
async def test_whole_on_the_smallest_kiosk_grids(
    config: HallConfig, db_url: str, clock: FixedClock, case: CaseView, size: tuple[int, int]
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        home_button = app.screen.query_one("#case-progress")
        assert home_button.region.height >= 3 and home_button.region.right <= size[0]
        screen = await _open(pilot)
        await pilot.click("#mode-name")
        width, height = size
        for widget in screen.query("Button, Input, #progress-typed, #progress-message"):
            if widget.has_class("page") or not widget.display:
                continue
            region = widget.region
            assert region.width > 0 and region.height > 0, widget
            assert region.right <= width and region.bottom <= height, widget
        for key in screen.query(".key"):
            assert key.region.height >= 3 and key.region.width >= 6, key
        shown = screen_text(app)
        for words in ("查询办理进度", "按办件号", "按姓名", "后四位", "确定", "返回"):
            assert words in shown, (words, shown)


def test_the_throttle_counts_a_sliding_minute() -> None:
    now = [0.0]
    throttle = Throttle(3, lambda: now[0])
    assert [throttle.attempt() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert throttle.attempt() == 60.0
    now[0] = 59.0
    assert throttle.attempt() == 1.0
    now[0] = 60.0  # the first minute's attempts have all gone out of the window
    assert [throttle.attempt() for _ in range(4)] == [0.0, 0.0, 0.0, 60.0]

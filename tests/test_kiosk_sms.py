"""The kiosk's 短信提醒 step after 取号, through Pilot on a real SQLite hall: a valid number,
wrong ones, skipping it, and the screen readable on the smallest kiosk grids."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from servicehall.config import HallConfig
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.sms import SmsScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.widgets import Countdown
from servicehall.queue import FixedClock, Hall
from servicehall.queue.outbox import open_contacts

from support.kiosk import SIZE, kiosk_settings, make_app, ready, text_of
from support.screen import screen_text
from support.sms import PHONE, sms_config
from support.waiting import until


@pytest.fixture
def config(config: HallConfig) -> HallConfig:
    # long enough that a loaded machine never sends the ticket screen home mid-test
    return kiosk_settings(sms_config(config), ticket_screen_seconds=120)


async def _ticket(pilot: Pilot[Any]) -> TicketScreen:
    """財政所 (J, one matter): 取号, and wait until the ticket came out."""
    await ready(pilot)
    await pilot.click("#service-J")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), what="confirm")
    await pilot.click("#take")
    await until(pilot, lambda: isinstance(pilot.app.screen, TicketScreen), what="ticket")
    screen = pilot.app.screen
    assert isinstance(screen, TicketScreen)
    await until(pilot, lambda: screen.outcome is not None, what="print outcome")
    return screen


async def _open_step(pilot: Pilot[Any]) -> SmsScreen:
    await pilot.click("#ticket-sms")
    await until(pilot, lambda: isinstance(pilot.app.screen, SmsScreen), what="the SMS step")
    screen = pilot.app.screen
    assert isinstance(screen, SmsScreen)
    return screen


async def _back_on(pilot: Pilot[Any], ticket: TicketScreen) -> None:
    """Wait for the ticket screen on top again; a failure says which screens are there."""
    app = pilot.app
    try:
        await until(pilot, lambda: app.screen is ticket, what="the ticket screen")
    except AssertionError as exc:
        raise AssertionError(f"not back on the ticket: screens {app.screen_stack}") from exc


async def _tap(pilot: Pilot[Any], digits: str) -> None:
    """Tap the keys as a person does: the same key again once it has stopped flashing."""
    for digit in digits:
        key = pilot.app.screen.query_one(f"#key-{digit}")
        await until(pilot, lambda k=key: not k.has_class("-active"), what="the key's flash")
        await pilot.click(f"#key-{digit}")


async def test_a_valid_number_is_registered_and_shown_masked(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        ticket = await _ticket(pilot)
        assert "短信提醒" in str(ticket.query_one("#ticket-sms", Button).label)
        step = await _open_step(pilot)
        # held while the number is typed: no second of it can run out as the step returns
        assert ticket.query_one(Countdown).held
        ticket.query_one(Countdown).remaining = 1  # the villager took their time
        assert "号码只用于今天的提醒，今天结束就删除" in text_of(app, "#sms-purpose")
        assert text_of(app, "#sms-number") == "___ ____ ____"
        await _tap(pilot, "13800138000")
        assert text_of(app, "#sms-number") == "138 0013 8000"
        await _tap(pilot, "5")  # a twelfth digit is not taken
        assert text_of(app, "#sms-number") == "138 0013 8000"
        await pilot.click("#key-enter")
        await _back_on(pilot, ticket)
        assert not step.is_attached
        label = str(ticket.query_one("#ticket-sms", Button).label)
        assert label == "短信提醒：138****8000"
        assert PHONE not in screen_text(app)
        countdown = ticket.query_one(Countdown)
        assert countdown.remaining > 1 and not countdown.held  # afresh: time to read it
    [contact] = open_contacts(hall)
    assert (contact.phone, contact.language) == (PHONE, "zh")
    assert hall.ticket(contact.ticket_id).label == "J001"


async def test_wrong_numbers_are_explained_and_nothing_is_kept(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _ticket(pilot)
        step = await _open_step(pilot)
        await _tap(pilot, "138")
        await pilot.click("#key-enter")
        assert text_of(app, "#sms-message") == "还差 8 位数字"
        assert step.query_one("#sms-message").has_class("error")
        await pilot.click("#key-clear")
        await _tap(pilot, "12345678901")  # 11 digits, but no mobile number starts 12
        await pilot.click("#key-enter")
        message = "手机号应为 11 位数字，以 13 至 19 开头（例如 13800138000）"
        assert text_of(app, "#sms-message") == message
        assert app.screen is step
        await pilot.click("#sms-delete")
        assert text_of(app, "#sms-number") == "123 4567 890_"
        await pilot.press("backspace", "backspace", "enter")  # a keyboard works too
        assert text_of(app, "#sms-message") == "还差 3 位数字"
    assert open_contacts(hall) == []


@pytest.mark.parametrize("way", ["#sms-skip", "#nav-back"])
async def test_the_step_can_be_skipped(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall, way: str
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        ticket = await _ticket(pilot)
        await _open_step(pilot)
        ticket.query_one(Countdown).remaining = 1  # the villager took their time
        await _tap(pilot, "139")
        await pilot.click(way)
        await _back_on(pilot, ticket)
        assert "到号前发短信提醒我" in str(ticket.query_one("#ticket-sms", Button).label)
        assert ticket.query_one(Countdown).remaining > 1
    assert open_contacts(hall) == []


async def test_no_offer_where_reminders_are_off(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    off = config.model_copy(update={"sms": config.sms.model_copy(update={"enabled": False})})
    app = make_app(off, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        ticket = await _ticket(pilot)
        assert not ticket.query("#ticket-sms")


async def test_a_number_in_english(config: HallConfig, db_url: str, clock: FixedClock, hall: Hall):
    app = make_app(config, db_url, clock, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await _ticket(pilot)
        await _open_step(pilot)
        assert "deleted tonight" in text_of(app, "#sms-purpose")
        await _tap(pilot, "15907971234")
        await pilot.click("#key-enter")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="the ticket")
    assert [c.language for c in open_contacts(hall)] == ["en"]


@pytest.mark.parametrize("size", [(56, 20), (70, 23)])
async def test_readable_on_the_smallest_kiosk_grids(
    config: HallConfig, db_url: str, clock: FixedClock, size: tuple[int, int]
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await _ticket(pilot)
        step = await _open_step(pilot)
        await pilot.resize_terminal(*size)
        await _tap(pilot, "1380")
        # drawn at the new size (a loaded run read the compositor mid-way: five lines of twenty)
        await until(pilot, lambda: "138 0___ ____" in screen_text(app), what="the number drawn")
        width, height = size
        shown_widgets = step.query("Button, #sms-title, #sms-purpose, #sms-number, #sms-message")
        # the pager's 上一页 / 下一页 show only on screens with more than a page; this one has none
        for widget in shown_widgets.exclude(".page"):
            region = widget.region
            assert region.width > 0 and region.height > 0, widget
            assert region.right <= width and region.bottom <= height, widget
        for key in step.query(".key"):
            assert key.region.height >= 3 and key.region.width >= 6, key  # a fingertip's size
        shown = screen_text(app)
        info = step.query_one("#sms-info").region
        purpose = step.query_one("#sms-purpose")
        assert info.contains_region(purpose.region)  # the whole purpose, not cut off
        for words in ("短信提醒", "号码只用于", "138 0___ ____", "确定", "不需要", "返回"):
            assert words in shown, (words, shown)

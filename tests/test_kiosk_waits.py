"""The kiosk says each wait as the projection's range: on the home buttons, the confirm screen and
the ticket screen (with when to be back for a long wait), and 马上就到 under three minutes even
with people ahead. The figures shown are checked against ``Hall.estimate_wait`` on hand-built
queues of a real SQLite hall at a fixed time."""

from __future__ import annotations

import re
from typing import Any

from textual.pilot import Pilot

from servicehall.config import HallConfig
from servicehall.i18n import back_by_text, set_language
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.waits import wait_words, widest_wait_text
from servicehall.kiosk.widgets import ServiceButton
from servicehall.queue import FixedClock, Hall, WaitEstimate

from support.kiosk import SIZE, make_app, ready, text_of
from support.waiting import until

RANGE = re.compile(r"约 (\d+)–(\d+) 分钟")


def minutes_shown(text: str) -> tuple[int, int]:
    found = RANGE.fullmatch(text)
    assert found, text
    return int(found[1]), int(found[2])


def assert_brackets(text: str, wait: WaitEstimate) -> None:
    """The minutes shown hold the projection's whole range (rounded outwards, never inwards)."""
    low, high = minutes_shown(text)
    assert low * 60 <= wait.low_s < wait.expected_s < wait.high_s <= high * 60, (text, wait)


async def open_confirm(pilot: Pilot[Any], code: str) -> ConfirmScreen:
    await pilot.click(f"#service-{code}")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), what="confirm")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmScreen)
    return screen


async def test_the_range_on_home_confirm_and_ticket_is_the_projection(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    # 财政所 (J): one window, a clerk at it, eight villagers waiting; no history, so each costs
    # the config's prior (half of 一卡通's 8-minute limit): a new ticket waits about 32 minutes
    hall.sign_in(8, "cz01")
    for _ in range(8):
        hall.issue("J")
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "J" in app.waits, what="wait estimates")
        await pilot.pause()
        new = hall.estimate_waits()["J"]
        assert app.waits["J"] == new
        assert 25 * 60 < new.expected_s < 40 * 60
        button = app.screen.query_one("#service-J", ServiceButton)
        name, ahead, shown = str(button.label).split("\n")
        assert (name, ahead) == ("财政所", "等候 8 人")
        assert_brackets(shown, new)

        await open_confirm(pilot, "J")
        assert text_of(app, "#confirm-wait") == f"预计等候：{shown}"

        await pilot.click("#take")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        ticket = app.screen
        assert isinstance(ticket, TicketScreen)
        await until(pilot, lambda: ticket.outcome is not None, what="print outcome")
        mine = hall.estimate_wait("J009")
        assert ticket.issued.wait == mine
        assert text_of(app, "#ticket-ahead") == "您前面还有 8 人"
        # villagers going to the market come back by the low end (on the same row: it fits)
        assert mine.low_s >= 15 * 60
        back_by = f"如需离开，请在 {mine.back_by:%H:%M} 前回来"
        assert back_by_text(mine) == back_by
        on_ticket, shown_back_by = text_of(app, "#ticket-wait").split("，", 1)
        assert_brackets(on_ticket.removeprefix("预计等候："), mine)
        assert shown_back_by == back_by


async def test_very_soon_with_people_ahead(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    # 社保医保 (B): one villager waits and two of its windows have clerks and nobody at them:
    # one calls him, the other the next ticket at once
    hall.sign_in(2, "sb01")
    hall.sign_in(3, "sb02")
    hall.issue("B")
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "B" in app.waits, what="wait estimates")
        await pilot.pause()
        assert app.waits["B"].soon
        button = app.screen.query_one("#service-B", ServiceButton)
        assert str(button.label).split("\n")[1:] == ["等候 1 人", "马上就到"]

        await pilot.click("#service-B")
        await until(pilot, lambda: app.screen.query("#matter-0"), what="matters")
        await pilot.click("#matter-0")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.pause()
        assert text_of(app, "#confirm-wait") == "预计等候：马上就到"

        await pilot.click("#take")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        await pilot.pause()
        assert hall.estimate_wait("B002").soon
        assert text_of(app, "#ticket-ahead") == "您前面还有 1 人"
        assert text_of(app, "#ticket-wait") == "预计等候：马上就到"  # no time to go anywhere


async def test_the_confirm_screen_follows_the_hall_and_the_language(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.sign_in(8, "cz01")
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await until(pilot, lambda: "J" in app.waits, what="wait estimates")
        await open_confirm(pilot, "J")
        assert text_of(app, "#confirm-wait") == "预计等候：马上就到"  # an idle window
        for _ in range(8):  # another kiosk hands out eight tickets meanwhile
            hall.issue("J")
        expected = f"预计等候：{wait_words(hall.estimate_waits()['J']).short}"
        await until(pilot, lambda: text_of(app, "#confirm-wait") == expected, what=expected)
        app.set_language("en")
        try:
            english = re.compile(r"Wait: about \d+–\d+ min")
            await until(
                pilot, lambda: english.fullmatch(text_of(app, "#confirm-wait")), what="English"
            )
        finally:
            set_language("zh")


def test_the_widest_wait_is_a_range_of_three_digit_minutes() -> None:
    assert widest_wait_text() == "约 600–720 分钟"
    blank = wait_words(None)
    assert (blank.short, blank.line, blank.back_by) == ("", "", "")

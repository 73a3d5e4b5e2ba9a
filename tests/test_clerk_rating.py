"""The rating pad: asks after its window finishes a ticket, stores the answer, thanks the villager
and goes back to its welcome; with no answer it records the ticket as not rated.

Short thanks and time-out spans keep the tests quick; every prompt the pad shows is recorded as
it is set, so a state shown for 0.3 s is checked however slowly the test polls."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot
from textual.widgets import Static

from servicehall.clerk.rating import RatingApp
from servicehall.queue import Hall

from support.screen import record_updates
from support.waiting import DEADLINE_S, until

SIZE = (60, 20)
THANKS = "谢谢您的评价！\n欢迎再来"


def prompt(app: RatingApp) -> str:
    return str(app.query_one("#rate-prompt", Static).content)


async def following(pilot: Pilot[None]) -> tuple[str, list[str]]:
    """Wait until the pad shows its welcome and follows the hall (its first snapshot is out: it
    sees every change made after that); return the welcome and the record of every prompt shown
    from then on."""
    app = pilot.app
    assert isinstance(app, RatingApp)
    await until(pilot, lambda: prompt(app) != "", what="the welcome")
    welcome = prompt(app)
    assert "欢迎您" in welcome and not app.query_one("#rate-buttons").display
    shown = record_updates(app.query_one("#rate-prompt", Static))
    await until(pilot, lambda: app.news is not None, what="the pad following the hall")
    return welcome, shown


def after(shown: list[str], first: str, then: str) -> bool:
    """``then`` was shown after ``first``."""
    return first in shown and then in shown[shown.index(first) + 1 :]


async def serve_one(hall: Hall, window: int) -> str:
    called = await asyncio.to_thread(hall.call_next, window)
    assert called is not None
    await asyncio.to_thread(hall.finish, window)
    return called.label


async def test_a_finished_ticket_is_rated_then_the_pad_welcomes_again(hall: Hall) -> None:
    hall.issue("A")
    hall.issue("B")
    app = RatingApp(hall, 1, timeout_s=DEADLINE_S, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        welcome, shown = await following(pilot)
        await asyncio.to_thread(hall.call_next, 2)  # another window: no question here
        await asyncio.to_thread(hall.finish, 2)
        label = await serve_one(hall, 1)
        await until(pilot, lambda: app.asking is not None, what="the question")
        assert app.asking is not None and app.asking.label == label == "A001"
        asked = prompt(app)
        assert f"{label} 已办结" in asked
        # tap only once the button is on screen, as a villager would
        await until(pilot, lambda: app.query_one("#rate-basic").region.width > 0)
        await pilot.click("#rate-basic")
        await until(pilot, lambda: after(shown, THANKS, welcome), what="thanks, then welcome")
        assert shown == [asked, THANKS, welcome]
        assert not app.query_one("#rate-buttons").display and app.asking is None
        await until(pilot, lambda: hall.ticket(label).rating == "basic", what="the rating")
    rates = [e for e in hall.events() if e.kind == "rate"]
    assert [(e.label, e.window, e.detail["rating"]) for e in rates] == [("A001", 1, "basic")]
    assert hall.ticket("B001").rating is None


async def test_keys_rate_too(hall: Hall) -> None:
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=DEADLINE_S, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await following(pilot)
        label = await serve_one(hall, 1)
        await until(pilot, lambda: app.asking is not None, what="the question")
        await pilot.press("3")
        await until(pilot, lambda: hall.ticket(label).rating == "unsatisfied", what="rating")


async def test_no_answer_times_out_as_not_rated(hall: Hall) -> None:
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=0.3, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        welcome, shown = await following(pilot)
        label = await serve_one(hall, 1)
        asked = f"{label} 已办结，请您评价：\n您对这次服务满意吗？"
        await until(pilot, lambda: after(shown, asked, welcome), what="question, then welcome")
        assert THANKS not in shown and app.asking is None
        await until(
            pilot,
            lambda: any(e.kind == "rate_timeout" for e in hall.events()),
            what="the not-rated record",
        )
        await pilot.press("1")  # too late: nothing is being asked
        await pilot.pause()
    timeout = next(e for e in hall.events() if e.kind == "rate_timeout")
    assert (timeout.window, timeout.detail["label"], timeout.detail["reason"]) == (
        1,
        label,
        "timeout",
    )
    assert hall.ticket(label).rating is None
    assert not [e for e in hall.events() if e.kind == "rate"]


async def test_auto_finish_by_next_call_is_asked_too(hall: Hall) -> None:
    hall.issue("A")
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=DEADLINE_S, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await following(pilot)
        await asyncio.to_thread(hall.call_next, 1)
        await asyncio.to_thread(hall.call_next, 1)  # finishes A001 on the way
        await until(pilot, lambda: app.asking is not None and app.asking.label == "A001")
        await pilot.press("1")
        await until(pilot, lambda: hall.ticket("A001").rating == "satisfied", what="rating")

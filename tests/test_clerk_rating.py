"""The rating pad: asks after its window finishes a ticket, stores the answer, times out."""

from __future__ import annotations

import asyncio

from textual.widgets import Static

from servicehall.clerk.rating import RatingApp
from servicehall.queue import Hall

from support.waiting import until

SIZE = (60, 20)


def prompt(app: RatingApp) -> str:
    return str(app.query_one("#rate-prompt", Static).content)


async def serve_one(hall: Hall, window: int) -> str:
    called = await asyncio.to_thread(hall.call_next, window)
    assert called is not None
    await asyncio.to_thread(hall.finish, window)
    return called.label


async def test_a_finished_ticket_is_rated(hall: Hall) -> None:
    hall.issue("A")
    hall.issue("B")
    app = RatingApp(hall, 1, timeout_s=10, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert not app.query_one("#rate-buttons").display
        await asyncio.to_thread(hall.call_next, 2)  # another window: no question here
        await asyncio.to_thread(hall.finish, 2)
        label = await serve_one(hall, 1)
        await until(pilot, lambda: app.asking is not None)
        assert f"{label} 已办结" in prompt(app)
        # tap only once the button is on screen, as a villager would
        await until(pilot, lambda: app.query_one("#rate-basic").region.width > 0)
        await pilot.click("#rate-basic")
        await until(pilot, lambda: "谢谢" in prompt(app))
        await until(pilot, lambda: hall.ticket(label).rating == "basic")
        await until(pilot, lambda: "欢迎" in prompt(app))
    rates = [e for e in hall.events() if e.kind == "rate"]
    assert [(e.label, e.window, e.detail["rating"]) for e in rates] == [("A001", 1, "basic")]
    assert hall.ticket("B001").rating is None


async def test_keys_rate_too(hall: Hall) -> None:
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=10, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        label = await serve_one(hall, 1)
        await until(pilot, lambda: app.asking is not None)
        await pilot.press("3")
        await until(pilot, lambda: hall.ticket(label).rating == "unsatisfied")


async def test_no_answer_times_out_as_not_rated(hall: Hall) -> None:
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=0.3, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        label = await serve_one(hall, 1)
        await until(pilot, lambda: app.asking is not None)
        await until(pilot, lambda: app.asking is None and "欢迎" in prompt(app))
        await until(pilot, lambda: any(e.kind == "rate_timeout" for e in hall.events()))
        await pilot.press("1")  # too late: nothing is being asked
        await pilot.pause(0.2)
    timeout = next(e for e in hall.events() if e.kind == "rate_timeout")
    assert (timeout.window, timeout.detail["label"], timeout.detail["reason"]) == (
        1,
        label,
        "timeout",
    )
    assert hall.ticket(label).rating is None


async def test_auto_finish_by_next_call_is_asked_too(hall: Hall) -> None:
    hall.issue("A")
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=10, thanks_s=0.3)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        await asyncio.to_thread(hall.call_next, 1)
        await asyncio.to_thread(hall.call_next, 1)  # finishes A001 on the way
        await until(pilot, lambda: app.asking is not None and app.asking.label == "A001")
        await pilot.press("1")
        await until(pilot, lambda: hall.ticket("A001").rating == "satisfied")

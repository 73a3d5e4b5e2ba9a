"""The clerk's window console driven through Pilot on a real SQLite hall."""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from servicehall.clerk.console import ClerkApp
from servicehall.clerk.desk import DeskScreen
from servicehall.queue import Hall
from servicehall.queue.clerks import save_clerk
from servicehall.queue.lockouts import LockRule
from servicehall.widgets import BigLabel

from support.clerk import act, at_desk, message, sign_in
from support.screen import screen_text
from support.waiting import until

SIZE = (100, 30)
WINDOW = 5  # 农业畜牧: services D and E


@pytest.fixture
def staffed(hall: Hall) -> Hall:
    save_clerk(hall.store, hall.code, "007", "王芳", "2468")
    return hall


async def test_sign_in_records_the_clerk_at_the_window(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        assert "王芳" in str(app.screen.query_one("#desk-title", Static).content)
    assert staffed.window_status(WINDOW).clerk == "007"
    assert [e.clerk for e in staffed.events() if e.kind == "sign_in"] == ["007"]


async def test_ctrl_p_opens_no_english_command_palette(staffed: Hall) -> None:
    """Textual's palette (quit, change theme, screenshot: in English) is off in the hall's apps."""
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        desk = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen is desk  # no CommandPalette on top
        assert "palette" not in screen_text(app)


async def test_wrong_pin_is_refused_and_recorded(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, pin="1111")
        box = app.screen.query_one("#sign-in-message", Static)
        await until(pilot, lambda: "不对" in str(box.content))
        await sign_in(pilot, clerk="999", pin="2468")
        await until(pilot, lambda: len(staffed.events()) >= 2)
        assert app.screen.id == "sign-in"
    refused = [e for e in staffed.events() if e.kind == "sign_in_refused"]
    assert [(e.window, e.clerk) for e in refused] == [(WINDOW, "007"), (WINDOW, None)]
    assert staffed.window_status(WINDOW).clerk is None


async def test_sign_in_without_any_clerk_says_how_to_add_one(hall: Hall) -> None:
    app = ClerkApp(hall, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        box = app.screen.query_one("#sign-in-message", Static)
        await until(pilot, lambda: "clerk add" in str(box.content))


async def test_next_calls_priority_first_and_shows_it(staffed: Hall) -> None:
    staffed.issue("D")
    staffed.issue("E", priority=True)
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        desk = await at_desk(pilot)
        assert "E001  优先" in str(desk.query_one("#queue", Static).content)
        assert await act(pilot, "1") == "已叫号 E001"
        assert desk.query_one("#current-label", BigLabel).label == "E001"
        assert await act(pilot, "f1") == "已叫号 D001"
        counts = " ".join(str(desk.query_one("#counts", Static).content).split())
        assert "叫号 2 办结 1" in counts
    assert staffed.ticket("E001").status == "finished"
    assert staffed.ticket("D001").clerk == "007"


async def test_next_with_nobody_waiting_says_so(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        assert "没有人等候" in await act(pilot, "1")


async def test_recall_skip_finish(staffed: Hall) -> None:
    for _ in range(2):
        staffed.issue("D")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await act(pilot, "1")
        assert await act(pilot, "2") == "已重呼 D001（第 1 次）"
        assert (await act(pilot, "3")).startswith("D001 已过号")
        await act(pilot, "1")
        assert await act(pilot, "f4") == "D002 已办结"
    assert staffed.ticket("D001").status == "no_show"
    assert staffed.ticket("D001").recall_count == 1
    assert staffed.ticket("D002").status == "finished"


async def test_actions_needing_a_ticket_are_disabled_and_explained(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        desk = await at_desk(pilot)
        for code in ("recall", "skip", "finish", "transfer"):
            assert desk.query_one(f"#act-{code}", Button).disabled
        await pilot.press("4")
        await until(pilot, lambda: "没有正在办理" in message(app))
        assert desk.query_one("#message").has_class("error")
    assert not [e for e in staffed.events() if e.kind == "finish"]


async def test_transfer_picks_the_service(staffed: Hall) -> None:
    staffed.issue("D")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await act(pilot, "1")
        await pilot.press("5")
        await until(pilot, lambda: app.screen.id == "service-prompt")
        await pilot.press("down", "enter")  # A 民政 is first, B 社保医保 second
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        await until(pilot, lambda: "已转到" in message(app) and not desk.busy)
    moved = staffed.ticket("D001")
    assert (moved.status, moved.service, moved.transferred_from) == ("waiting", "B", "D")


async def test_transfer_can_be_cancelled(staffed: Hall) -> None:
    staffed.issue("D")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await act(pilot, "1")
        await pilot.press("5")
        await until(pilot, lambda: app.screen.id == "service-prompt")
        await pilot.press("escape")
        await until(pilot, lambda: message(app) == "已取消转办")
    assert staffed.ticket("D001").status == "called"


async def test_pause_and_resume_and_refusals_while_paused(staffed: Hall) -> None:
    staffed.issue("D")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        desk = await at_desk(pilot)
        await act(pilot, "1")
        await pilot.press("6")
        await until(pilot, lambda: "请先办结或过号再暂停" in message(app))
        await act(pilot, "4")
        assert await act(pilot, "6") == "5 号窗口已暂停"
        assert str(desk.query_one("#act-pause", Button).label) == "6 恢复"
        await pilot.press("1")
        await until(pilot, lambda: "已暂停，请先恢复" in message(app))
        assert await act(pilot, "f6") == "5 号窗口已恢复叫号"
    assert staffed.window_status(WINDOW).state == "open"
    kinds = [e.kind for e in staffed.events()]
    assert kinds.count("pause") == 1 and kinds.count("resume") == 1


async def test_pick_a_ticket_and_refusals(staffed: Hall) -> None:
    for _ in range(3):
        staffed.issue("D")
    staffed.issue("A")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        for label, expected in (
            ("D003", "已叫号 D003"),
            ("A001", "5 号窗口不办理民政"),
            ("Z999", "找不到今天的号票 Z999"),
        ):
            await pilot.press("7")
            await until(pilot, lambda: app.screen.id == "ticket-prompt")
            await pilot.press(*label.lower(), "enter")
            desk = app.screen
            await until(pilot, lambda d=desk: isinstance(d, DeskScreen) and not d.busy)
            await until(pilot, lambda e=expected: message(app) == e)
    assert staffed.ticket("D003").status == "called"
    assert staffed.ticket("A001").status == "waiting"


async def test_requeue_a_no_show_who_came_back(staffed: Hall) -> None:
    for _ in range(2):
        staffed.issue("D")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await act(pilot, "1")
        await act(pilot, "3")
        await pilot.press("8")
        await until(pilot, lambda: app.screen.id == "ticket-prompt")
        await pilot.press("tab", "enter")  # the first (only) no-show offered: D001
        await until(pilot, lambda: "重新排队" in message(app))
        await pilot.press("8")
        await until(pilot, lambda: app.screen.id == "ticket-prompt")
        await pilot.press(*"d002", "enter")
        await until(pilot, lambda: "不能这样操作" in message(app))
    assert staffed.ticket("D001").status == "waiting"


async def test_console_follows_the_hall_live(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        desk = await at_desk(pilot)
        queue = desk.query_one("#queue", Static)
        assert "没有人等候" in str(queue.content)
        await asyncio.to_thread(staffed.issue, "E")
        await until(pilot, lambda: "E001" in str(queue.content))


async def test_sign_out_returns_to_sign_in(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await pilot.press("f12")
        await until(pilot, lambda: app.screen.id == "sign-in")
    assert staffed.window_status(WINDOW).clerk is None


async def test_two_consoles_racing_never_share_a_ticket(staffed: Hall) -> None:
    """Windows 2 and 3 both serve B; both press 叫号 at the same moment, round after round."""
    save_clerk(staffed.store, staffed.code, "008", "李强", "1357")
    for _ in range(6):
        staffed.issue("B")
    first, second = ClerkApp(staffed, 2), ClerkApp(staffed, 3)
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await at_desk(one)
        await sign_in(two, "008", "1357")
        await until(two, lambda: isinstance(second.screen, DeskScreen) and second.screen.snapshot)
        called: list[str] = []
        for _ in range(3):
            results = await asyncio.gather(act(one, "1"), act(two, "1"))
            called += [r.removeprefix("已叫号 ") for r in results]
    assert sorted(called) == [f"B00{i}" for i in range(1, 7)]
    calls = [e for e in staffed.events() if e.kind == "call"]
    assert len({e.ticket_id for e in calls}) == 6
    assert {e.window for e in calls} == {2, 3}


def test_console_snapshot(snap_compare, staffed: Hall) -> None:  # type: ignore[no-untyped-def]
    matter = staffed.service("D").matters[0]
    staffed.issue("D", matter=matter.code)
    staffed.issue("E", priority=True)
    staffed.issue("D")

    async def run_before(pilot: Pilot) -> None:
        await at_desk(pilot)
        desk = pilot.app.screen
        desk.completed_s = None
        await pilot.press("7")
        await until(pilot, lambda: pilot.app.screen.id == "ticket-prompt")
        await pilot.press(*"d001", "enter")
        await until(pilot, lambda: desk.completed_s is not None and not desk.busy)
        await until(pilot, lambda: desk.snapshot.current is not None, what="D001 on the desk")
        await pilot.pause()
        # what the picture must show: D001 called here, the priority ticket first in the queue
        assert staffed.window_status(WINDOW).current == "D001"
        assert message(pilot.app) == "已叫号 D001"
        assert desk.query_one("#current-label", BigLabel).label == "D001"
        assert [t.label for t in desk.snapshot.queue] == ["E001", "D002"]
        shown = screen_text(pilot.app)
        assert matter.name in shown and "王芳" in shown and "优先" in shown

    assert snap_compare(ClerkApp(staffed, WINDOW), terminal_size=SIZE, run_before=run_before)


async def test_repeated_wrong_pins_make_the_screen_wait(staffed: Hall) -> None:
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.rule = LockRule(free=2, lock_s=2.0, max_lock_s=2.0)  # type: ignore[attr-defined]

        def refused() -> int:
            return sum(e.kind == "sign_in_refused" for e in staffed.events())

        for attempt in range(1, 4):
            await sign_in(pilot, pin="0000")
            await until(pilot, lambda n=attempt: refused() == n and not screen.checking)  # type: ignore[attr-defined]
        box = screen.query_one("#sign-in-message", Static)
        assert "请等" in str(box.content)
        await sign_in(pilot)  # the right PIN, but too soon: not even checked
        assert "输错次数太多" in str(box.content)
        assert refused() == 3 and app.screen is screen
        await until(pilot, lambda: "可以再试" in str(box.content))
        await at_desk(pilot)
    assert staffed.window_status(WINDOW).clerk == "007"


async def test_a_lock_out_outlives_the_console(staffed: Hall) -> None:
    """Three wrong PINs, then a restarted console (or a reloaded browser tab) at the same window
    and a console at another window: the clerk's right PIN is not even checked there."""
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for attempt in range(1, 4):
            await sign_in(pilot, pin="0000")
            await until(pilot, lambda n=attempt: not screen.checking and _refusals(staffed) == n)  # type: ignore[attr-defined]
    for window in (WINDOW, 2):
        again = ClerkApp(staffed, window)
        async with again.run_test(size=SIZE) as pilot:
            screen = again.screen
            await sign_in(pilot)
            box = screen.query_one("#sign-in-message", Static)
            await until(pilot, lambda b=box: "输错次数太多" in str(b.content))
            assert again.screen is screen
    assert staffed.window_status(WINDOW).clerk is None
    assert any(e.kind == "pin_locked" for e in staffed.events())


def _refusals(hall: Hall) -> int:
    return sum(e.kind == "sign_in_refused" for e in hall.events())

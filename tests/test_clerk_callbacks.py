"""回访 at the clerk's console (F11): the window's ended cases (the hall's after 0), oldest first,
with the number to dial; 1–4 record 满意 / 基本满意 / 不满意 / 未接通 by the signed-in clerk, a
second 回访 is refused in one line, the list pages and fits 80×24 — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets import DataTable, Input, Static

from servicehall.clerk.callbacks import CallbackList
from servicehall.clerk.console import ClerkApp
from servicehall.clerk.desk import DeskScreen
from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError
from servicehall.queue.caseviews import CaseView
from servicehall.queue.clerks import save_clerk

from support.clerk import at_desk
from support.screen import screen_rows, screen_text, shown_text
from support.sms import PHONE, rows, sms_config
from support.waiting import until

SIZE = (80, 24)
WINDOW = 1  # 民政: service A
OTHER = 2


@pytest.fixture
def hall(config: HallConfig, any_db_url: str, clock: FixedClock) -> Iterator[Hall]:
    opened = Hall.open(sms_config(config), db=any_db_url, clock=clock)
    save_clerk(opened.store, opened.code, "007", "王芳", "2468")
    opened.sign_in(OTHER, "mz02")
    yield opened
    opened.close()


def _case(hall: Hall, name: str, phone: str | None = None) -> CaseView:
    ticket = hall.issue("A", matter="dibao")
    hall.call_ticket(ticket.label, WINDOW)
    return hall.open_case(
        ticket.label, window=WINDOW, kind="承诺件", name=name, last4="1234", phone=phone
    )


def _ended(hall: Hall, case: CaseView, window: int = WINDOW) -> None:
    hall.case_step(case.number, "办结", window=window)
    hall.case_step(case.number, "已领取", window=window)


async def _callbacks(pilot: object, app: ClerkApp) -> tuple[CallbackList, DataTable[object]]:
    await pilot.press("f11")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, CallbackList))  # type: ignore[arg-type]
    screen = app.screen
    assert isinstance(screen, CallbackList)
    await until(pilot, lambda: screen.read, what="the list read")  # type: ignore[arg-type]
    return screen, screen.query_one(DataTable)


def _said(screen: CallbackList) -> str:
    return str(screen.query_one("#callbacks-message", Static).content)


async def test_f11_lists_ended_cases_and_records_results(hall: Hall, clock: FixedClock) -> None:
    hall.sign_in(WINDOW, "mz01")  # the cases are accepted by another clerk
    first = _case(hall, "王秀兰", PHONE)
    second = _case(hall, "李四")
    _case(hall, "赵五", "15907971234")  # still open: not on the list
    elsewhere = _case(hall, "钱六")
    hall.case_step(elsewhere.number, "联办", window=WINDOW, to_window=OTHER)  # window 2's now
    finished = _case(hall, "孙七")
    hall.case_step(finished.number, "办结", window=WINDOW)  # finished, not yet collected
    _ended(hall, second)
    clock.advance(minutes=30)
    _ended(hall, first)
    _ended(hall, elsewhere, OTHER)
    hall.sign_out(WINDOW)
    app = ClerkApp(hall, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        assert "F11 回访" in screen_text(app)
        screen, table = await _callbacks(pilot, app)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            second.number,
            first.number,
        ]  # this window's ended cases, the longest ended first
        shown = screen_text(app)
        assert "王*兰" in shown and PHONE in shown and "李*" in shown and "无号码" in shown
        assert "王秀兰" not in shown and "已领取" in shown
        assert "1 号窗口待回访 2 件" in shown and "第 1/2 件" in shown
        assert "1 满意  2 基本满意  3 不满意  4 未接通" in shown

        note = screen.query_one("#callbacks-note", Input)
        await pilot.press("down", "tab", *"很快", "enter")  # the note, then back to the list
        assert note.value == "很快" and table.has_focus
        await pilot.press("1")
        await until(pilot, lambda: table.row_count == 1, what="the case gone from the list")
        assert _said(screen) == f"办件 {first.number} 已回访：满意，手机号已删除"
        assert note.value == "" and str(table.get_row_at(0)[0]) == second.number

        await pilot.press("4")  # 未接通 ends the 回访 too
        await until(pilot, lambda: table.row_count == 0, what="the list emptied")
        assert _said(screen) == f"办件 {second.number} 已回访：未接通"

        await pilot.press("0")  # the whole hall
        await until(pilot, lambda: table.row_count == 1, what="the hall's list")
        assert str(table.get_row_at(0)[0]) == elsewhere.number
        assert "全厅待回访 1 件" in screen_text(app)
        assert [str(c.label) for c in table.columns.values()][-1] == "窗口"
        assert str(table.get_row_at(0)[-1]) == str(OTHER)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))

    called = [e for e in hall.events() if e.kind == "case_callback"]
    assert [(e.detail, e.clerk, e.window) for e in called] == [
        ({"case": first.number, "result": "satisfied"}, "007", WINDOW),
        ({"case": second.number, "result": "no_answer"}, "007", WINDOW),
    ]
    notes = rows(hall, "SELECT note FROM case_callbacks ORDER BY id")
    assert [r.note for r in notes] == ["很快", None]
    assert hall.case(first.number).has_phone is False
    assert [d.number for d in hall.callbacks_due()] == [elsewhere.number]


async def test_a_second_callback_is_refused_in_one_line(hall: Hall) -> None:
    hall.sign_in(WINDOW, "mz01")
    case = _case(hall, "王秀兰", PHONE)
    _ended(hall, case)
    hall.sign_out(WINDOW)
    app = ClerkApp(hall, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        screen, table = await _callbacks(pilot, app)
        assert table.row_count == 1
        note = screen.query_one("#callbacks-note", Input)
        note.value = "不在家"
        record = hall.record_callback

        def busy(*args: object, **kwargs: object) -> object:
            raise StoreError("store_busy")

        hall.record_callback = busy  # type: ignore[method-assign]
        await pilot.press("3")
        message = screen.query_one("#callbacks-message", Static)
        await until(pilot, lambda: message.has_class("error"), what="the store's refusal")
        assert note.value == "不在家" and table.row_count == 1  # kept for another try
        hall.record_callback = record  # type: ignore[method-assign]

        hall.record_callback(case.number, "满意", window=OTHER)  # another clerk got there first
        await pilot.press("3")
        await until(pilot, lambda: table.row_count == 0, what="the stale list read again")
        assert _said(screen) == f"办件 {case.number} 已经回访过了（每件只回访一次）"
        assert message.has_class("error") and message.size.height == 1
        assert shown_text(app, message).strip() == _said(screen)
        assert note.value == ""  # it went with the case that was called already
    (called,) = [e for e in hall.events() if e.kind == "case_callback"]
    assert called.clerk == "mz02" and called.detail["result"] == "satisfied"


async def test_a_long_list_pages_and_fits_80x24(hall: Hall) -> None:
    hall.sign_in(WINDOW, "mz01")
    numbers = []
    for i in range(30):
        case = _case(hall, "张" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "一二三"[i // 10], PHONE)
        _ended(hall, case)
        numbers.append(case.number)
    hall.sign_out(WINDOW)
    app = ClerkApp(hall, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        screen, table = await _callbacks(pilot, app)
        assert table.row_count == 30
        lines = screen_rows(app)
        assert len(lines) == 24
        for widget in ("#callbacks-title", "#callbacks-note", "#callbacks-results"):
            assert screen.query_one(widget).region.bottom <= 24
        assert lines[-2].strip() == "↑↓ PgUp PgDn 选择  Tab 写说明  0 本窗口/全厅  Esc/F11 返回"
        header = lines[1]
        for heading in ("办件号", "事项", "姓名", "电话", "办完"):
            assert heading in header
        row = lines[2]
        assert numbers[0] in row and PHONE in row and "已领取" in row
        assert numbers[-1] not in screen_text(app)
        await pilot.press("pagedown", "pagedown")
        await until(pilot, lambda: table.cursor_row > 16, what="a page down")
        assert numbers[table.cursor_row] in screen_text(app)
        assert f"第 {table.cursor_row + 1}/30 件" in screen_text(app)
        await pilot.press("2")
        await until(pilot, lambda: table.row_count == 29, what="the chosen case called back")
        chosen = _said(screen).split()[1]
        assert chosen in numbers[17:] and "基本满意" in _said(screen)
        await pilot.press("f11")
        await until(pilot, lambda: isinstance(app.screen, DeskScreen))


async def test_the_open_list_follows_what_others_record(hall: Hall) -> None:
    """A case collected at the window while the list is open joins it; a 回访 recorded elsewhere
    (another PC of the hall, the command line) leaves it — without a key pressed here, and the
    line under the list stays as it was."""
    hall.sign_in(WINDOW, "mz01")
    first = _case(hall, "王秀兰", PHONE)
    later = _case(hall, "李四")
    _ended(hall, first)
    hall.case_step(later.number, "办结", window=WINDOW)  # finished, not yet collected
    hall.sign_out(WINDOW)
    app = ClerkApp(hall, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        screen, table = await _callbacks(pilot, app)
        assert table.row_count == 1
        hall.case_step(later.number, "已领取", window=OTHER)  # collected: due for its 回访
        await until(pilot, lambda: table.row_count == 2, what="the collected case listed")
        hall.record_callback(first.number, "满意", window=OTHER, clerk="mz02")
        await until(pilot, lambda: table.row_count == 1, what="the case called back elsewhere")
        assert str(table.get_row_at(0)[0]) == later.number

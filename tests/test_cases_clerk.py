"""办件 at the clerk's console (80×24, the smallest grid): F9 accepts the ticket being served as
a case through the form and prints its 受理回执 on the window's printer; F10 lists the window's
open cases coloured by due date and records steps; a refusal is shown, nothing is lost."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Checkbox, DataTable, Input, OptionList, Static

from servicehall.clerk.caseform import CaseForm
from servicehall.clerk.caselist import CaseList, StepPrompt
from servicehall.clerk.console import ClerkApp
from servicehall.config import HallConfig
from servicehall.config.models import PrinterSettings
from servicehall.queue import FixedClock, Hall
from servicehall.queue.clerks import save_clerk

from support.clerk import act, at_desk, message
from support.screen import screen_text
from support.sms import sms_config
from support.waiting import until

SIZE = (80, 24)
WINDOW = 1  # 民政: service A


@pytest.fixture
def receipts(tmp_path: Path) -> Path:
    return tmp_path / "receipts.bin"


@pytest.fixture
def staffed(config: HallConfig, db_url: str, clock: FixedClock, receipts: Path) -> Hall:
    printer = PrinterSettings(connection="file", path=str(receipts))
    windows = [
        w.model_copy(update={"printer": printer}) if w.number == WINDOW else w
        for w in config.windows
    ]
    hall = Hall.open(
        sms_config(config).model_copy(update={"windows": windows}), db=db_url, clock=clock
    )
    save_clerk(hall.store, hall.code, "007", "王芳", "2468")
    return hall


async def test_f9_accepts_the_current_ticket_and_prints_the_receipt(
    staffed: Hall, receipts: Path
) -> None:
    staffed.issue("A", matter="dibao")
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await pilot.press("f9")
        assert message(app) == "先叫号，再把正在办理的号受理为办件"
        assert await act(pilot, "1") == "已叫号 A001"
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, CaseForm))
        form = app.screen
        assert "受理办件：A001 低保申请" in screen_text(app)
        await pilot.press("enter")  # nothing filled in: the form says what is missing
        assert "请填写：姓名、后四位" in str(form.query_one("#case-form-error", Static).content)
        form.query_one("#case-name", Input).value = "王秀兰"
        form.query_one("#case-last4", Input).value = "123X"
        form.query_one("#case-phone", Input).value = "13800138000"
        form.query_one("#case-agent", Checkbox).value = True
        form.query_one("#case-staff", Input).value = "刘干事"
        form.query_one("#case-name", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: "已受理办件" in message(app), what="the case accepted")
        assert message(app) == ("已受理办件 2026-1123-001，承诺 2027-01-04 前办结；回执已打印")
    case = staffed.case("2026-1123-001")
    assert (case.name, case.last4, case.agent_staff, case.clerk) == (
        "王秀兰",
        "123X",
        "刘干事",
        "007",
    )
    printed = receipts.read_bytes().decode("gb18030", errors="replace")
    assert "2026-1123-001" in printed and "低保申请" in printed and "王*兰" in printed
    assert "2027年01月04日前" in printed and "全程代办" in printed
    assert "123X" not in printed and "13800138000" not in printed


async def test_f10_lists_cases_by_due_date_and_records_steps(
    staffed: Hall, clock: FixedClock
) -> None:
    staffed.sign_in(WINDOW, "007")
    numbers = []
    for matter in ("linshi", "dibao"):
        ticket = staffed.issue("A", matter=matter)
        staffed.call_ticket(ticket.label, WINDOW)
        case = staffed.open_case(
            ticket.label, window=WINDOW, kind="承诺件", name="李四", last4="5678"
        )
        numbers.append(case.number)
    staffed.finish(WINDOW)
    clock.moment = dt.datetime(2026, 12, 8, 10, 0, tzinfo=clock.moment.tzinfo)  # 临时救助 late
    app = ClerkApp(staffed, WINDOW)
    async with app.run_test(size=SIZE) as pilot:
        await at_desk(pilot)
        await pilot.press("f10")
        await until(pilot, lambda: isinstance(app.screen, CaseList))
        listing = app.screen
        table = listing.query_one(DataTable)
        await until(pilot, lambda: table.row_count == 2, what="the cases listed")
        first = table.get_row_at(0)
        assert str(first[0]) == numbers[0] and str(first[4]) == "-1 已超期"
        assert first[4].style == "bold red"
        assert "超期 1 件" in str(listing.query_one("#case-list-title", Static).content)
        screen = screen_text(app)
        assert numbers[1] in screen and "未到期" in screen
        headings = [str(column.label) for column in table.columns.values()]
        assert headings == ["办件号", "事项", "姓名", "承诺办结", "剩余工作日"]
        await pilot.press("enter")  # the first case: record 补正
        await until(pilot, lambda: isinstance(app.screen, StepPrompt))
        prompt = app.screen
        options = prompt.query_one(OptionList)
        options.highlighted = [o.id for o in options.options].index("supplement")
        await pilot.press("enter")
        note = prompt.query_one("#step-note", Input)
        await until(pilot, lambda: not note.disabled)
        note.value = "户口簿复印件"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is listing)
        said = listing.query_one("#case-list-message", Static)
        await until(pilot, lambda: "补正" in str(said.content), what="the step said")
        assert str(said.content) == f"办件 {numbers[0]}：补正"
        listing.query_one("#case-number", Input).value = numbers[0]
        listing.query_one("#case-number", Input).focus()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StepPrompt))
        options = app.screen.query_one(OptionList)
        options.highlighted = [o.id for o in options.options].index("supplement")
        await pilot.press("enter")
        note = app.screen.query_one("#step-note", Input)
        note.value = "又缺一样"
        await pilot.press("enter")
        await until(pilot, lambda: "一次性告知" in str(said.content), what="the refusal")
        assert said.has_class("error")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, CaseList))
    steps = [s.step for s in staffed.case(numbers[0]).steps]
    assert steps == ["accept", "supplement"]


def test_the_receipt_layout(staffed: Hall) -> None:
    from servicehall.printer.layout import plain_text
    from servicehall.printer.receipt import receipt_layout
    from servicehall.printer.textwidth import text_width

    staffed.sign_in(WINDOW, "007")
    ticket = staffed.issue("A", matter="dibao")
    staffed.call_ticket(ticket.label, WINDOW)
    case = staffed.open_case(
        ticket.label, window=WINDOW, kind="承诺件", name="王秀兰", last4="1234"
    )
    layout = receipt_layout(case, staffed.config, paper_width_mm=58)
    text = plain_text(layout)
    assert layout.qr is None and "扫码" not in text  # no phone page configured
    for words in ("受理回执", "2026-1123-001", "低保申请（承诺件）", "王*兰", "2027年01月04日前"):
        assert words in text, (words, text)
    assert "办结后会通知您，请带身份证到1号窗口领取" in text.replace("\n", "").replace(" ", "")
    assert all(text_width(line.text) * line.size <= 32 for line in layout.lines)  # 58 mm
    linked = receipt_layout(case, staffed.config, page_url="https://hall.example/c/" + case.token)
    assert linked.qr == "https://hall.example/c/" + case.token and "扫码查看办理进度" in linked.text

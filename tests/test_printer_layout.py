"""The ticket layout: what the paper says, wrapped to 58 and 80 mm with CJK as two columns."""

from __future__ import annotations

import pytest

from servicehall.printer import make_printer, plain_text, ticket_layout
from servicehall.printer.layout import COLUMNS
from servicehall.printer.textwidth import text_width, wrap
from servicehall.printer.ticket_printer import sample_ticket
from servicehall.queue import Hall


def test_wrap_counts_cjk_as_two_columns() -> None:
    assert wrap("申请人及家庭成员身份证户口簿", 10) == ["申请人及家", "庭成员身份", "证户口簿"]
    assert text_width("A012 低保") == 9


def test_wrap_keeps_words_and_pulls_back_closing_punctuation() -> None:
    lines = wrap("请携带 ID card 原件和复印件，谢谢", 12)
    assert lines == ["请携带 ID", "card 原件和", "复印件，谢谢"]
    lines = wrap("一二三四五，六七", 10)
    assert lines == ["一二三四", "五，六七"]
    assert all(not line.startswith("，") for line in lines)


@pytest.mark.parametrize("width", [58, 80])
def test_every_line_fits_the_paper(hall: Hall, width: int) -> None:
    for service in hall.config.services:
        if service.market_days_only:
            continue
        for matter in service.matters or [None]:
            ticket = hall.issue(service.code, matter.code if matter else None)
            layout = ticket_layout(ticket, hall.config, hall.leader(), paper_width_mm=width)
            assert layout.columns == COLUMNS[width]
            for line in layout.lines:
                assert text_width(line.text) * line.size <= layout.columns, line


def test_ticket_says_what_a_villager_needs(hall: Hall) -> None:
    hall.issue("A", "dibao")
    ticket = hall.issue("A", "dibao")
    layout = ticket_layout(ticket, hall.config, hall.leader(), paper_width_mm=58)
    text = layout.text
    big = [line for line in layout.lines if line.text == "A002"]
    assert big and big[0].size == 4
    for expected in (
        "青石镇便民服务中心",
        "民政",
        "事项：低保申请",
        "前面还有 1 人",
        "请到 1、13 号窗口办理",
        "取号时间：2026-11-23 10:00",
        "一次性告知",
        "1.申请人及家庭成员身份证、户口簿",
        "今日带班领导：王建国 党委副书记",
        "监督电话：0797-8123456",
    ):
        assert expected in text, expected
    assert layout.qr == f"SH1|qingshi|2026-11-23|{ticket.id}|A002"
    preview = plain_text(layout)
    assert "A 0 0 2" in preview and "前面还有 1 人" in preview


def test_leader_changed_today_and_priority_are_printed(hall: Hall) -> None:
    hall.set_leader("李四", "副镇长")
    ticket = hall.issue("B", "yibao", priority=True)
    text = ticket_layout(ticket, hall.config, hall.leader()).text
    assert "今日带班领导：李四 副镇长" in text
    assert "优先号" in text


def test_the_projected_wait_and_when_to_be_back(hall: Hall) -> None:
    hall.sign_in(8, "cz01")
    for _ in range(8):
        hall.issue("J")
    ticket = hall.issue("J")
    wait = hall.estimate_wait(ticket)
    assert wait.low_s >= 15 * 60  # eight ahead of four minutes each at one window
    layout = ticket_layout(ticket, hall.config, hall.leader(), wait=wait)
    lines = [line.text for line in layout.lines]
    shown = next(line for line in lines if line.startswith("预计等候："))
    low, high = wait.low_s // 60 // 5 * 5, -(-wait.high_s // 300) * 5
    assert shown == f"预计等候：约 {low}-{high} 分钟"
    assert f"如需离开，请在 {wait.back_by:%H:%M} 前回来" in lines
    first = hall.issue("L")
    soon = ticket_layout(first, hall.config, None, wait=hall.estimate_wait(first)).text
    assert "预计等候：马上就到" in soon and "如需离开" not in soon
    assert "预计等候" not in ticket_layout(first, hall.config, None).text


def test_a_printed_ticket_carries_its_wait(hall: Hall) -> None:
    for _ in range(8):
        hall.issue("J")
    ticket = hall.issue("J")
    printer = make_printer(hall.config.printer)
    assert "预计等候：约" in printer.layout(hall, ticket).text
    assert "预计等候" not in printer.layout(hall, sample_ticket(hall)).text  # the test page

"""Byte level: what goes to a printer in Chinese mode decodes back to exactly the ticket's words."""

from __future__ import annotations

import logging

import pytest

from servicehall.config import HallConfig
from servicehall.printer import Line, TicketLayout, ticket_layout
from servicehall.printer.textmode import text_job
from servicehall.queue import Hall

from support.printer import decode


def _layout(*texts: str) -> TicketLayout:
    return TicketLayout(tuple(Line(t) for t in texts), columns=32, qr=None, cut=True)


@pytest.mark.parametrize(
    "text",
    [
        "王堃 副镇长",  # 堃: GBK, not GB2312
        "陈喆",  # 喆: GBK, not GB2312
        "，：。！？（）",  # full-width punctuation only (python-escpos prints ? here)
        "Café 收费 €0",  # mixed Latin with an accent and the euro sign
        "材料：身份证（原件）、户口簿",
        "㐮",  # CJK Extension A: four bytes in GB18030
    ],
)
def test_gb18030_round_trip(text: str) -> None:
    job = text_job(_layout(text), "gb18030", cutter=False)
    decoded = decode(job.data)
    assert decoded.lines == [text]
    assert decoded.chinese_mode_at_text
    assert job.replaced == ()


def test_whole_ticket_round_trip_with_rare_names(hall: Hall, config: HallConfig) -> None:
    hall.set_leader("王堃", "副镇长")
    named = config.model_copy(
        update={"hall": config.hall.model_copy(update={"name": "喆溪镇便民服务中心"})}
    )
    ticket = hall.issue("A", "dibao")
    layout = ticket_layout(ticket, named, hall.leader(), paper_width_mm=80)
    job = text_job(layout, "gb18030", cutter=True)
    decoded = decode(job.data)
    assert decoded.lines == [line.text for line in layout.lines]
    assert decoded.sizes == [line.size for line in layout.lines]
    assert "今日带班领导：王堃 副镇长" in decoded.lines
    assert decoded.lines[0] == "喆溪镇便民服务中心"
    assert decoded.qr == layout.qr.encode()
    assert decoded.cut
    assert len(job.data) <= 1024


def test_gbk_prints_rare_hanzi(caplog: pytest.LogCaptureFixture) -> None:
    job = text_job(_layout("王堃", "陈喆"), "gbk", cutter=False)
    assert decode(job.data, "gbk").lines == ["王堃", "陈喆"]
    assert job.replaced == ()


def test_gb2312_reports_what_it_cannot_print(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        job = text_job(_layout("王堃 副镇长", "陈喆", "，：。"), "gb2312", cutter=False)
    assert decode(job.data, "gb2312").lines == ["王□ 副镇长", "陈□", "，：。"]
    assert job.replaced == ("堃", "喆")
    assert "U+5803" in caplog.text and "U+5586" in caplog.text


def test_feed_without_cutter() -> None:
    assert not decode(text_job(_layout("A001"), "gb18030", cutter=False).data).cut

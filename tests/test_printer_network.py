"""A fake network printer on 127.0.0.1: each behaviour ends in the documented outcome, and a
dead printer makes the job give up by itself (how fast is measured in bench/bench_printer.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servicehall.config.models import PrinterSettings
from servicehall.printer import make_printer
from servicehall.queue import Hall

from support.printer import STATUS_OK, FakePrinter, decode, free_port
from support.waiting import DEADLINE_S, finishes

TIMEOUT_S = 1.0


@pytest.fixture
def fake(request: pytest.FixtureRequest) -> Iterator[FakePrinter]:
    printer = FakePrinter(getattr(request, "param", "ok"))
    yield printer
    printer.close()


def _settings(port: int, **extra: object) -> PrinterSettings:
    return PrinterSettings(
        connection="network", host="127.0.0.1", port=port, timeout_s=TIMEOUT_S, **extra
    )


def _kinds(hall: Hall, ticket_id: int) -> list[str]:
    return [e.kind for e in hall.events(ticket=ticket_id)]


def test_ok_printer_gets_the_ticket(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(_settings(fake.port)).print_ticket(hall, ticket)
    assert outcome.ok and outcome.message == "" and outcome.ticket_kept
    assert fake.done.wait(DEADLINE_S)
    job = bytes(fake.received).split(b"\x10\x04\x01\x10\x04\x02\x10\x04\x04")
    assert len(job) == 3 and job[0] == b"" and job[2] == b""  # status, job, confirmation
    assert "A001" in decode(job[1]).lines
    assert hall.ticket(ticket.id).print_state == "printed"
    assert _kinds(hall, ticket.id) == ["issue", "print"]


@pytest.mark.parametrize("fake", ["silent"], indirect=True)
def test_silent_printer_is_sent_the_job_with_state_unknown(hall: Hall, fake: FakePrinter) -> None:
    printer = make_printer(_settings(fake.port))
    ticket = hall.issue("B", "yibao")
    outcome = printer.print_ticket(hall, ticket)
    assert outcome.ok
    assert "状态未知" in outcome.detail
    assert fake.done.wait(DEADLINE_S)
    assert b"B001" in fake.received


def test_status_silent_is_unknown_never_ok() -> None:
    silent = FakePrinter("silent")
    try:
        status = make_printer(_settings(silent.port)).status()
    finally:
        silent.close()
    assert status.online is None and status.paper == "unknown"


@pytest.mark.parametrize(
    ("roll", "paper", "online"),
    [
        (STATUS_OK, "ok", True),
        (STATUS_OK | 0x0C, "near_end", True),
        (STATUS_OK | 0x60, "out", False),
    ],
)
def test_status_reads_the_paper_sensor(roll: int, paper: str, online: bool) -> None:
    fake = FakePrinter("ok", roll=roll)
    try:
        status = make_printer(_settings(fake.port)).status()
    finally:
        fake.close()
    assert (status.paper, status.online) == (paper, online)


@pytest.mark.parametrize("fake", ["paper_out"], indirect=True)
def test_paper_out_keeps_the_number(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(_settings(fake.port)).print_ticket(hall, ticket)
    assert not outcome.ok and outcome.ticket_kept
    assert outcome.message.startswith("打印机缺纸")
    assert "号码保留" in outcome.detail
    assert fake.done.wait(DEADLINE_S)
    assert b"A001" not in fake.received  # nothing is sent to a printer without paper
    after = hall.ticket(ticket.id)
    assert (after.status, after.print_state) == ("waiting", "failed")
    assert _kinds(hall, ticket.id) == ["issue", "print_failed"]
    assert hall.call_next(1) is not None  # the number is still served


@pytest.mark.parametrize("fake", ["paper_out"], indirect=True)
def test_paper_out_with_cancel_policy_withdraws_the_ticket(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(_settings(fake.port, on_failure="cancel")).print_ticket(hall, ticket)
    assert not outcome.ok and not outcome.ticket_kept
    assert "取号已取消" in outcome.message
    assert hall.ticket(ticket.id).status == "cancelled"
    assert _kinds(hall, ticket.id) == ["issue", "print_failed", "cancel"]
    assert hall.call_next(1) is None  # no ghost left in the queue


def test_refused_connection(hall: Hall) -> None:
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(_settings(free_port())).print_ticket(hall, ticket)
    assert not outcome.ok and outcome.message.startswith("打印机未连接")
    assert hall.ticket(ticket.id).print_state == "failed"


@pytest.mark.parametrize("fake", ["stall"], indirect=True)
def test_stalled_printer_times_out(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    printer = make_printer(_settings(fake.port))
    outcome = finishes(lambda: printer.print_ticket(hall, ticket), what="the stalled job")
    assert not outcome.ok and outcome.message.startswith("打印机无响应")
    assert outcome.detail.startswith("no_reply") and "不再应答" in outcome.detail
    assert hall.ticket(ticket.id).print_state == "failed"


@pytest.mark.parametrize("fake", ["hangup"], indirect=True)
def test_printer_hanging_up_mid_job(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    printer = make_printer(_settings(fake.port))
    outcome = finishes(lambda: printer.print_ticket(hall, ticket), what="the broken-off job")
    assert not outcome.ok and outcome.message.startswith("打印中断")
    assert "hung_up" in outcome.detail


@pytest.mark.parametrize("fake", ["paper_out"], indirect=True)
def test_reprint_failure_never_cancels(hall: Hall, fake: FakePrinter) -> None:
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(_settings(fake.port, on_failure="cancel")).reprint(hall, ticket.label)
    assert not outcome.ok and outcome.ticket_kept
    assert hall.ticket(ticket.id).status == "waiting"
    assert "补打失败" in outcome.detail


def test_paper_near_end_prints_and_tells_staff(hall: Hall) -> None:
    fake = FakePrinter("ok", roll=STATUS_OK | 0x0C)
    try:
        ticket = hall.issue("A", "dibao")
        outcome = make_printer(_settings(fake.port)).print_ticket(hall, ticket)
    finally:
        fake.close()
    assert outcome.ok and outcome.message == ""
    assert "纸将用完" in outcome.detail
    assert "纸将用完" in hall.events(ticket=ticket.id)[-1].detail["detail"]

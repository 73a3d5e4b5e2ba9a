"""回访 (follow-up calls) through ``Hall`` and ``servicehall cases callbacks / callback``: a case
appears on the list once it is collected or delivered, its result is recorded once by a
signed-in clerk (an event in the audit trail), the villager's number is kept for the call and
deleted with the result (or ``keep_phone_days`` after the case closed) — on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, UnknownInput, WrongState
from servicehall.queue.caseviews import CaseView

from support.cli import CliRun
from support.sms import PHONE, rows, sms_config


@pytest.fixture
def hall(config: HallConfig, any_db_url: str, clock: FixedClock) -> Iterator[Hall]:
    opened = Hall.open(sms_config(config), db=any_db_url, clock=clock)
    opened.sign_in(1, "mz01")
    opened.sign_in(2, "mz02")
    yield opened
    opened.close()


def _case(hall: Hall, name: str = "王秀兰", **kwargs: object) -> CaseView:
    ticket = hall.issue("A", matter="dibao")
    hall.call_ticket(ticket.label, 1)
    return hall.open_case(
        ticket.label,
        window=1,
        kind="承诺件",
        name=name,
        last4="1234",
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_collected_case_is_called_back_once(hall: Hall) -> None:
    case = _case(hall, phone=PHONE)
    hall.case_step(case.number, "办结", window=1)
    assert hall.callbacks_due() == []  # finished, not yet collected
    with pytest.raises(WrongState) as early:
        hall.record_callback(case.number, "满意", window=1)
    assert early.value.key == "callback_not_closed"
    hall.case_step(case.number, "已领取", window=1)
    (due,) = hall.callbacks_due()
    assert (due.number, due.name, due.phone, due.state) == (
        case.number,
        "王秀兰",
        PHONE,
        "collected",
    )
    assert set(due.as_dict()) == {
        "number", "matter_name", "name", "phone", "state", "closed_at", "window"
    }  # fmt: skip
    assert hall.callbacks_due(window=2) == []

    done = hall.record_callback(case.number, "基本满意", window=2, note="希望快一点")
    assert (done.result, done.clerk, done.window) == ("basic", "mz02", 2)
    assert hall.callbacks_due() == []
    assert [r.phone for r in rows(hall, "SELECT phone FROM cases")] == [None]
    assert not hall.case(case.number).has_phone
    (event,) = [e for e in hall.events() if e.kind == "case_callback"]
    assert event.detail == {"case": case.number, "result": "basic"}
    assert event.clerk == "mz02" and event.window == 2

    with pytest.raises(WrongState) as again:
        hall.record_callback(case.number, "不满意", window=1)
    assert again.value.key == "callback_once"
    with pytest.raises(UnknownInput) as bad:
        hall.record_callback(case.number, "还行", window=1)
    assert bad.value.key == "callback_bad_result"


def test_no_answer_is_recorded_once_too_and_a_delivered_case_without_a_number(
    hall: Hall,
) -> None:
    first = _case(hall, phone=PHONE)
    second = _case(hall, name="李四", agent=True, agent_staff="刘干事")
    for case, last in ((first, "已领取"), (second, "已送达")):
        hall.case_step(case.number, "办结", window=1)
        hall.case_step(case.number, last, window=1)
    due = {d.number: d for d in hall.callbacks_due()}
    assert due[second.number].phone is None and due[second.number].state == "delivered"
    hall.record_callback(first.number, "未接通", window=1)
    assert [d.number for d in hall.callbacks_due()] == [second.number]


def test_an_uncalled_number_goes_keep_phone_days_after_collection(
    hall: Hall, clock: FixedClock
) -> None:
    case = _case(hall, phone=PHONE)
    hall.case_step(case.number, "办结", window=1)
    hall.case_step(case.number, "已领取", window=1)
    clock.advance(days=29)
    _case(hall, name="李四")
    assert hall.callbacks_due()[0].phone == PHONE
    clock.advance(days=2)
    _case(hall, name="赵五")
    (due,) = hall.callbacks_due()
    assert due.number == case.number and due.phone is None  # still due, without the number


def test_callbacks_on_the_command_line(tmp_path: Path, cli: CliRun) -> None:
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    env = {"SERVICEHALL_IGNORE_HOURS": "1"}
    assert cli("--db", url, "take", "A", "--matter", "dibao", env=env).returncode == 0
    assert cli("--db", url, "call", "next", "--window", "1", "--clerk", "mz01").returncode == 0
    number = cli(
        "--db", url, "cases", "open", "--ticket", "A001", "--window", "1", "--kind", "承诺件",
        "--name", "王秀兰", "--last4", "1234", "--json",
    ).json()["number"]  # fmt: skip
    assert cli("--db", url, "cases", "callbacks", "--json").json() == []
    for step in ("办结", "已领取"):
        assert cli("--db", url, "cases", "step", number, step, "--window", "1").returncode == 0
    (due,) = cli("--db", url, "cases", "callbacks", "--json").json()
    assert (due["number"], due["name"], due["phone"]) == (number, "王秀兰", None)
    listed = cli("--db", url, "cases", "callbacks")
    assert number in listed.stdout and "王秀兰" in listed.stdout
    done = cli(
        "--db", url, "cases", "callback", number, "--result", "满意", "--window", "1", "--json"
    ).json()  # fmt: skip
    assert (done["result"], done["clerk"]) == ("satisfied", "mz01")
    again = cli("--db", url, "cases", "callback", number, "--result", "满意", "--window", "1")
    assert again.returncode == 4 and "已经回访过了" in again.stderr
    assert "没有待回访的办件" in cli("--db", url, "cases", "callbacks").stdout

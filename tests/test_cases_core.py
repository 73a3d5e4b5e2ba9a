"""办件 through ``Hall``: 受理 from a ticket with its promised date, each step's rules and
refusals, the audit trail, the SMS queued on 补正 and 办结, lookups — on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, Refused, UnknownInput, WrongState
from servicehall.queue.caseviews import CaseView

from support.sms import PHONE, rows, sms_config, stored_text

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def hall(config: HallConfig, db_url: str, clock: FixedClock) -> Iterator[Hall]:
    opened = Hall.open(sms_config(config), db=db_url, clock=clock)
    opened.sign_in(1, "mz01")
    opened.sign_in(2, "mz02")
    yield opened
    opened.close()


def _served(hall: Hall, service: str = "A", matter: str = "dibao", window: int = 1) -> str:
    ticket = hall.issue(service, matter=matter)
    called = hall.call_ticket(ticket.label, window)
    return called.label


def _open(hall: Hall, **kwargs: object) -> CaseView:
    label = _served(hall)
    values: dict[str, object] = {"window": 1, "kind": "承诺件", "name": "王秀兰", "last4": "123X"}
    values.update(kwargs)
    return hall.open_case(label, **values)  # type: ignore[arg-type]


def test_accept_a_ticket_as_a_promised_case(hall: Hall) -> None:
    case = _open(hall, phone=PHONE)
    assert case.number == "2026-1123-001"
    assert (case.kind, case.state, case.matter_name) == ("promised", "open", "低保申请")
    # dibao: 30 working days from Mon 23 Nov 2026 (no holiday in between)
    assert case.promised_day == dt.date(2027, 1, 4)
    assert (case.due, case.workdays_left) == ("ok", 30)
    assert (case.clerk, case.window, case.ticket_label) == ("mz01", 1, "A001")
    assert [s.step for s in case.steps] == ["accept"]
    assert case.has_phone and case.last4 == "123X"
    assert len(case.token) >= 20
    second = _open(hall, name="李四", last4="5678")
    assert second.number == "2026-1123-002"
    assert second.token != case.token


def test_an_immediate_case_is_due_today_and_a_matter_without_a_limit_only_immediate(
    hall: Hall,
) -> None:
    case = _open(hall, kind="即办件")
    assert case.promised_day == dt.date(2026, 11, 23)
    assert case.due == "soon"
    hall.sign_in(5, "ny01")  # window 5: 农业畜牧
    ticket = hall.issue("D", matter="dili")  # 按年度集中申报: no promise_days
    hall.call_ticket(ticket.label, 5)
    with pytest.raises(Refused) as refused:
        hall.open_case(ticket.label, window=5, kind="承诺件", name="张三", last4="0001")
    assert refused.value.key == "case_no_promise"
    immediate = hall.open_case(ticket.label, window=5, kind="即办件", name="张三", last4="0001")
    assert immediate.promised_day == dt.date(2026, 11, 23)


def test_accepting_is_refused_for_bad_input_and_the_wrong_ticket(hall: Hall) -> None:
    label = _served(hall)
    base = {"window": 1, "kind": "承诺件", "name": "王秀兰", "last4": "1234"}
    for change, key in [
        ({"kind": "急件"}, "case_bad_kind"),
        ({"last4": "12"}, "case_bad_last4"),
        ({"name": "360102199001011234"}, "case_bad_name"),
        ({"name": "王秀兰 360102199001011234"}, "case_bad_name"),
    ]:
        with pytest.raises(UnknownInput) as error:
            hall.open_case(label, **{**base, **change})  # type: ignore[arg-type]
        assert error.value.key == key
    with pytest.raises(WrongState) as elsewhere:
        hall.open_case(label, **{**base, "window": 2})  # type: ignore[arg-type]
    assert elsewhere.value.key == "case_ticket_elsewhere"
    waiting = hall.issue("A", matter="dibao")
    with pytest.raises(WrongState) as not_served:
        hall.open_case(waiting.label, **base)  # type: ignore[arg-type]
    assert not_served.value.key == "case_ticket_not_served"
    hall.open_case(label, **base)  # type: ignore[arg-type]
    with pytest.raises(WrongState) as twice:
        hall.open_case(label, **base)  # type: ignore[arg-type]
    assert twice.value.key == "case_exists"
    hall.sign_out(1)
    with pytest.raises(WrongState) as nobody:
        hall.open_case(label, **base)  # type: ignore[arg-type]
    assert nobody.value.key == "case_no_clerk"


def test_a_full_id_number_is_never_stored(hall: Hall) -> None:
    _open(hall, phone=PHONE)
    stored = stored_text(hall)
    assert "王秀兰" in stored and "123X" in stored
    assert "360102" not in stored
    events = [json.loads(e.detail) for e in rows(hall, "SELECT detail FROM events") if e.detail]
    assert all("王秀兰" not in json.dumps(d, ensure_ascii=False) for d in events)
    assert all(PHONE not in json.dumps(d) for d in events)


def test_steps_by_the_signed_in_clerk_each_an_event(hall: Hall) -> None:
    case = _open(hall)
    hall.case_step(case.number, "转县级部门", window=1, note="县民政局")
    hall.case_step(case.number, "联办", window=1, to_window=2)
    moved = hall.case(case.number)
    assert moved.window == 2
    assert [c.number for c in hall.open_cases(window=2)] == [case.number]
    assert hall.open_cases(window=1) == []
    hall.case_step(case.number, "补正", window=2, note="户口簿复印件")
    done = hall.case_step(case.number, "办结", window=2)
    assert (done.state, done.finished_by, done.on_time, done.due) == (
        "finished",
        "mz02",
        True,
        "done",
    )
    assert done.workdays_taken == 0
    closed = hall.case_step(case.number.replace("-", ""), "已领取", window=2)
    assert closed.state == "collected"
    assert [(s.step, s.clerk) for s in closed.steps] == [
        ("accept", "mz01"),
        ("refer", "mz01"),
        ("joint", "mz01"),
        ("supplement", "mz02"),
        ("finish", "mz02"),
        ("collect", "mz02"),
    ]
    assert closed.steps[1].note == "县民政局" and closed.steps[2].to_window == 2
    kinds = [(e.kind, e.window, e.clerk) for e in hall.events() if e.kind.startswith("case")]
    assert kinds == [
        ("case_open", 1, "mz01"),
        ("case_step", 1, "mz01"),
        ("case_step", 1, "mz01"),
        ("case_step", 2, "mz02"),
        ("case_step", 2, "mz02"),
        ("case_step", 2, "mz02"),
    ]


def test_step_refusals(hall: Hall) -> None:
    case = _open(hall)
    number = case.number

    def refused(step: str, key: str, **kwargs: object) -> None:
        with pytest.raises((WrongState, UnknownInput)) as error:
            hall.case_step(number, step, window=kwargs.pop("window", 1), **kwargs)  # type: ignore[arg-type]
        assert error.value.key == key

    refused("已领取", "case_not_finished")
    refused("补正", "case_note_needed")
    refused("转县级部门", "case_note_needed")
    refused("联办", "case_joint_window")
    refused("联办", "case_joint_same", to_window=1)
    refused("盖章", "case_bad_step")
    refused("受理", "case_bad_step")
    with pytest.raises(UnknownInput) as unknown:
        hall.case_step("2026-1123-099", "办结", window=1)
    assert unknown.value.key == "unknown_case"
    with pytest.raises(WrongState) as other_clerk:
        hall.case_step(number, "办结", window=1, clerk="mz02")
    assert other_clerk.value.key == "case_clerk_not_signed_in"
    hall.case_step(number, "补正", window=1, note="收入证明")
    refused("补正", "case_supplement_once", note="再缺一样")
    hall.case_step(number, "办结", window=1)
    refused("办结", "case_finished_already")
    refused("转县级部门", "case_finished_already", note="县民政局")
    hall.case_step(number, "已送达", window=1)
    refused("已领取", "case_closed")
    refused("办结", "case_closed")


def test_supplement_and_finish_queue_one_text_each(hall: Hall) -> None:
    case = _open(hall, phone=PHONE)
    hall.case_step(case.number, "补正", window=1, note="户口簿复印件")
    hall.case_step(case.number, "办结", window=1)
    messages = rows(hall, "SELECT kind, phone, text, state FROM sms_outbox ORDER BY id")
    assert [(m.kind, m.phone, m.state) for m in messages] == [
        ("case_supplement", PHONE, "pending"),
        ("case_finish", PHONE, "pending"),
    ]
    assert "户口簿复印件" in messages[0].text and case.number in messages[0].text
    assert messages[1].text == (
        "【青石镇便民服务中心】您的低保申请已办结，"
        "请带身份证到 1 号窗口领取（办件号 2026-1123-001）"
    )
    # the number stays with the case after it is collected, for its 回访 (test_cases_callbacks)
    hall.case_step(case.number, "已领取", window=1)
    assert hall.case(case.number).has_phone


def test_no_number_no_text_and_a_delivered_agent_case(hall: Hall) -> None:
    case = _open(hall, agent=True, agent_staff="刘干事")
    assert case.agent and case.agent_staff == "刘干事"
    hall.case_step(case.number, "办结", window=1)
    assert rows(hall, "SELECT id FROM sms_outbox") == []
    assert hall.case_step(case.number, "已送达", window=1).state == "delivered"


def test_an_agent_case_text_says_the_staff_bring_it(hall: Hall) -> None:
    case = _open(hall, agent=True, agent_staff="刘干事", phone=PHONE)
    hall.case_step(case.number, "办结", window=1)
    (message,) = rows(hall, "SELECT text FROM sms_outbox")
    assert "工作人员将为您送达" in message.text


def test_a_number_needs_sms_switched_on(config: HallConfig, db_url: str, clock: FixedClock) -> None:
    hall = Hall.open(config, db=db_url, clock=clock)
    try:
        hall.sign_in(1, "mz01")
        with pytest.raises(Refused) as off:
            _open(hall, phone=PHONE)
        assert off.value.key == "sms_off"
    finally:
        hall.close()


def test_uncollected_numbers_are_forgotten_after_keep_phone_days(
    hall: Hall, clock: FixedClock
) -> None:
    case = _open(hall, phone=PHONE)
    hall.case_step(case.number, "办结", window=1)
    clock.advance(days=29)
    _open(hall, name="李四", last4="5678")
    assert hall.case(case.number).has_phone
    clock.advance(days=2)
    _open(hall, name="赵五", last4="9999")
    assert not hall.case(case.number).has_phone


def test_lookups_by_number_token_and_name_exactly(hall: Hall) -> None:
    case = _open(hall)
    _open(hall, name="王秀", last4="123X")
    assert hall.case("20261123001").number == case.number
    assert hall.case_by_token(case.token).number == case.number
    found = hall.find_cases("王秀兰", "123x")
    assert [c.number for c in found] == [case.number]
    assert [s.step for s in found[0].steps] == ["accept"]
    assert hall.find_cases("王秀兰", "1234") == []
    assert hall.find_cases("王", "123X") == []
    with pytest.raises(UnknownInput):
        hall.case_by_token("x" * 22)
    with pytest.raises(UnknownInput):
        hall.case("not-a-number")
    assert found[0].masked_name == "王*兰"


def test_open_cases_due_soon_and_overdue(hall: Hall, clock: FixedClock) -> None:
    slow = _open(hall)  # dibao: 30 working days
    label = _served(hall, "A", "linshi")
    quick = hall.open_case(label, window=1, kind="承诺件", name="李四", last4="5678")
    assert quick.promised_day == dt.date(2026, 12, 7)  # 10 working days
    clock.advance(days=10)  # Thu 3 Dec: 2 working days left
    cases = {c.number: c for c in hall.open_cases(window=1)}
    assert (cases[quick.number].due, cases[quick.number].workdays_left) == ("soon", 2)
    assert cases[slow.number].due == "ok"
    assert [c.number for c in hall.open_cases()] == [quick.number, slow.number]
    clock.advance(days=5)  # Tue 8 Dec: one day late
    assert [c.number for c in hall.overdue_cases()] == [quick.number]
    late = hall.overdue_cases()[0]
    assert (late.due, late.workdays_left) == ("overdue", -1)
    hall.case_step(quick.number, "办结", window=1)
    finished = hall.case(quick.number)
    assert (finished.on_time, finished.workdays_taken) == (False, 11)
    assert hall.overdue_cases() == []
    assert hall.cases_finished_today() == 1

"""The numbers and the outbox in the core, on SQLite and PostgreSQL: registering a number, each
message once, the daily cap, the sending states, and the numbers deleted when their day closes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, Refused, UnknownInput, WrongState
from servicehall.queue.outbox import (
    ARMED,
    CAPPED,
    DONE,
    EXPIRED,
    FAILED,
    NEW,
    PENDING,
    SENDING,
    SENT,
    UNSURE,
    check_phone,
    claim_next,
    enqueue,
    forget_closed_days,
    mark_sent,
    mark_unsent,
    note_part,
    open_contacts,
    outbox_summary,
    recover_interrupted,
    register_phone,
    remind,
)

from support.sms import OTHER_PHONE, PHONE, rows, sms_config, stored_text


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


@pytest.fixture
def hall(config: HallConfig, db_url: str, clock: FixedClock) -> Iterator[Hall]:
    opened = Hall.open(sms_config(config, daily_cap=3), db=db_url, clock=clock)
    yield opened
    opened.close()


def _states(hall: Hall) -> dict[str, str]:
    return {r.key: r.state for r in rows(hall, "SELECT key, state FROM sms_outbox")}


@pytest.mark.parametrize(
    "typed", ["13800138000", "138 0013 8000", "138-0013-8000", "+8613800138000", " 13800138000 "]
)
def test_numbers_people_type(typed: str) -> None:
    assert check_phone(typed) == "13800138000"


@pytest.mark.parametrize(
    "typed", ["", "1380013800", "138001380001", "12800138000", "23800138000", "1380013800x"]
)
def test_numbers_refused(typed: str) -> None:
    with pytest.raises(UnknownInput) as refused:
        check_phone(typed)
    assert refused.value.message == "手机号应为 11 位数字，以 13 至 19 开头（例如 13800138000）"
    assert refused.value.exit_code == 2


def test_register_a_number_for_a_waiting_ticket(hall: Hall) -> None:
    for _ in range(4):
        hall.issue("A")
    far = hall.issue("A")  # 4 ahead: more than notify_ahead (3)
    near = hall.issue("B")  # nobody ahead
    assert register_phone(hall, far.label, PHONE) == "138****8000"
    assert register_phone(hall, near.id, OTHER_PHONE, "en") == "159****1234"
    contacts = {c.ticket_id: c for c in open_contacts(hall)}
    assert (contacts[far.id].phone, contacts[far.id].stage) == (PHONE, ARMED)
    assert (contacts[near.id].stage, contacts[near.id].language) == (NEW, "en")
    register_phone(hall, far.id, OTHER_PHONE)  # a typo corrected: the number is replaced
    assert [c.phone for c in open_contacts(hall) if c.ticket_id == far.id] == [OTHER_PHONE]


def test_registering_is_refused_when_off_or_too_late(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    ticket = hall.issue("A")
    hall.call_next(1)
    with pytest.raises(WrongState):
        register_phone(hall, ticket.id, PHONE)
    with pytest.raises(UnknownInput):
        register_phone(hall, "A099", PHONE)
    off = Hall.open(config, db=db_url, clock=clock)
    try:
        with pytest.raises(Refused) as refused:
            register_phone(off, off.issue("A").id, PHONE)
        assert "[sms] enabled" in refused.value.message
    finally:
        off.close()
    assert not open_contacts(hall)


def test_each_key_is_enqueued_once(hall: Hall) -> None:
    done = "您的低保申请已办结"
    assert enqueue(hall, key="case:17:done", kind="notice", phone=PHONE, text=done) == PENDING
    assert enqueue(hall, key="case:17:done", kind="notice", phone=PHONE, text="again") == PENDING
    assert rows(hall, "SELECT text FROM sms_outbox") == [("您的低保申请已办结",)]


def test_the_daily_cap_per_number(hall: Hall, clock: FixedClock) -> None:
    for n in range(3):
        assert enqueue(hall, key=f"n{n}", kind="notice", phone=PHONE, text=f"第{n}条") == PENDING
    assert enqueue(hall, key="n3", kind="notice", phone=PHONE, text="第3条") == CAPPED
    assert enqueue(hall, key="o1", kind="notice", phone=OTHER_PHONE, text="另一个号码") == PENDING
    clock.advance(days=1)
    forget_closed_days(hall)
    assert enqueue(hall, key="n4", kind="notice", phone=PHONE, text="第二天") == PENDING


def test_claim_send_and_retry(hall: Hall, clock: FixedClock) -> None:
    enqueue(hall, key="a", kind="notice", phone=PHONE, text="一")
    enqueue(hall, key="b", kind="notice", phone=PHONE, text="二")
    first = claim_next(hall)
    assert first is not None and (first.key, first.attempts, first.parts_done) == ("a", 1, 0)
    assert _states(hall) == {"a": SENDING, "b": PENDING}  # recorded before anything is sent
    note_part(hall, first.id, 1)
    mark_unsent(hall, first.id, "+CMS ERROR: 500", clock.now().replace(year=2027))
    second = claim_next(hall)
    assert second is not None and second.key == "b"
    mark_sent(hall, second.id)
    assert claim_next(hall) is None  # "a" waits for its retry time
    mark_unsent(hall, first.id, "+CMS ERROR: 500", None)
    assert _states(hall) == {"a": FAILED, "b": SENT}
    summary = outbox_summary(hall)
    assert summary.counts[SENT] == 1 and summary.counts[FAILED] == 1
    assert summary.last_error == "+CMS ERROR: 500"


def test_a_retry_resumes_after_the_parts_already_sent(hall: Hall, clock: FixedClock) -> None:
    enqueue(hall, key="long", kind="notice", phone=PHONE, text="长" * 100)
    message = claim_next(hall)
    assert message is not None
    note_part(hall, message.id, 1)
    mark_unsent(hall, message.id, "+CMS ERROR: 500", clock.now())
    again = claim_next(hall)
    assert again is not None and (again.id, again.attempts, again.parts_done) == (message.id, 2, 1)


def test_interrupted_sends_become_unsure_and_are_never_claimed(hall: Hall) -> None:
    enqueue(hall, key="a", kind="notice", phone=PHONE, text="一")
    enqueue(hall, key="b", kind="notice", phone=PHONE, text="二")
    assert claim_next(hall) is not None  # the sender dies here, with "a" at the modem
    assert recover_interrupted(hall) == 1
    assert _states(hall) == {"a": UNSURE, "b": PENDING}
    message = claim_next(hall)
    assert message is not None and message.key == "b"
    assert claim_next(hall) is None


def test_numbers_are_deleted_when_the_day_closes(hall: Hall, clock: FixedClock) -> None:
    for _ in range(5):
        hall.issue("A")
    ticket = hall.issue("A")
    register_phone(hall, ticket.id, PHONE)
    [contact] = open_contacts(hall)
    remind(hall, contact, "ahead", "【青石镇便民服务中心】您的 A006 号前面还有 3 人", ARMED)
    enqueue(hall, key="later", kind="notice", phone=OTHER_PHONE, text="明天再发不了")
    message = claim_next(hall)
    assert message is not None
    mark_sent(hall, message.id)
    assert PHONE in stored_text(hall)
    assert forget_closed_days(hall) == (0, 0)  # the same day: nothing goes

    clock.advance(days=1)  # the day has closed
    assert forget_closed_days(hall) == (1, 2)
    stored = stored_text(hall)
    assert PHONE not in stored and OTHER_PHONE not in stored
    assert "138****8000" not in stored  # not even masked: nothing points at the person
    assert _states(hall) == {"ticket:6:ahead": SENT, "later": EXPIRED}
    assert rows(hall, "SELECT count(*) FROM sms_contacts") == [(0,)]
    assert outbox_summary(hall).numbers_kept == 0


def test_numbers_never_reach_the_event_log(hall: Hall) -> None:
    ticket = hall.issue("A")
    register_phone(hall, ticket.id, PHONE)
    [contact] = open_contacts(hall)
    remind(hall, contact, "call", "【青石镇便民服务中心】请 A001 号到 1 号窗口办理", DONE)
    hall.call_next(1)
    events = " ".join(f"{e.kind} {e.detail}" for e in hall.events())
    assert "call" in events and "8000" not in events

"""When a registered ticket gets a reminder (a pure function), and the reminders' words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from servicehall.config import HallConfig
from servicehall.queue import TicketView
from servicehall.queue.outbox import ARMED, DONE, NEW, REMINDED, Contact
from servicehall.sms.rules import AHEAD, CALL, CALL_FRESH_S, Step, next_step
from servicehall.sms.texts import reminder_text

from support.halls import OPEN_MONDAY

NOW = OPEN_MONDAY
TICKET = TicketView(
    id=45,
    day=NOW.date(),
    service="A",
    origin_service="A",
    number=45,
    label="A045",
    matter="dibao",
    priority=False,
    status="waiting",
    issued_at=NOW - dt.timedelta(hours=1),
    ahead=10,
)


def _step(stage: str, **ticket: object) -> Step | None:
    contact = Contact(45, "13800138000", "zh", stage)
    return next_step(contact, dataclasses.replace(TICKET, **ticket), 3, NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stage", "ahead", "expected"),
    [
        (NEW, 10, Step(ARMED)),  # seen above the threshold: arm
        (ARMED, 10, None),
        (ARMED, 4, None),
        (ARMED, 3, Step(REMINDED, AHEAD, ahead=3)),  # dropped to it: remind
        (ARMED, 1, Step(REMINDED, AHEAD, ahead=1)),  # dropped past it between two looks
        (NEW, 2, None),  # registered with 2 ahead: standing in the hall, no "come back"
        (REMINDED, 2, None),  # once
        (REMINDED, 10, None),  # pushed back by priority tickets: still once
        (DONE, 3, None),
    ],
)
def test_the_ahead_reminder(stage: str, ahead: int, expected: Step | None) -> None:
    assert _step(stage, ahead=ahead) == expected


def test_the_call_reminder_once_and_only_while_fresh() -> None:
    called = {"status": "called", "window": 3, "ahead": None}
    fresh = NOW - dt.timedelta(seconds=20)
    assert _step(ARMED, called_at=fresh, **called) == Step(DONE, CALL, window=3)
    assert _step(NEW, called_at=fresh, **called) == Step(DONE, CALL, window=3)
    assert _step(DONE, called_at=fresh, **called) is None
    stale = NOW - dt.timedelta(seconds=CALL_FRESH_S + 1)  # the bridge was down meanwhile
    assert _step(REMINDED, called_at=stale, **called) == Step(DONE)


@pytest.mark.parametrize("status", ["finished", "cancelled", "expired"])
def test_a_ticket_that_is_over_closes_its_registration(status: str) -> None:
    assert _step(REMINDED, status=status) == Step(DONE)


def test_a_no_show_keeps_its_registration_for_a_later_call() -> None:
    assert _step(REMINDED, status="no_show") is None


def test_the_words(config: HallConfig) -> None:
    ahead = Step(REMINDED, AHEAD, ahead=3)
    assert reminder_text(config, ahead, "A045", "zh") == (
        "【青石镇便民服务中心】您的 A045 号前面还有 3 人，请回到大厅等候叫号"
    )
    assert reminder_text(config, Step(REMINDED, AHEAD, ahead=0), "A045", "zh") == (
        "【青石镇便民服务中心】您的 A045 号马上就到，请回到大厅等候叫号"
    )
    call = Step(DONE, CALL, window=3)
    assert reminder_text(config, call, "A045", "zh") == (
        "【青石镇便民服务中心】请 A045 号到 3 号窗口办理"
    )
    assert reminder_text(config, call, "A045", "en") == (
        "[青石镇便民服务中心] Ticket A045: please go to window 3 now"
    )

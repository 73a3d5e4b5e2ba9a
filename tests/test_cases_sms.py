"""办件's texts reach the villager's phone: 补正 and 办结 through the SMS bridge and a modem on a
pty, read back by an independent PDU decoder — each once, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.queue.outbox import enqueue
from servicehall.sms.bridge import SmsBridge
from servicehall.sms.senders import ModemSender

from support.modem import FakeModem
from support.sms import OTHER_PHONE, PHONE, sms_config
from support.waiting import DEADLINE_S

QUICK = (0.05,)


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeModem]:
    with FakeModem(tmp_path) as modem:
        yield modem


@pytest.fixture
def bridge(db_url: str, config: HallConfig, clock: FixedClock, fake: FakeModem) -> Iterator[None]:
    """The bridge in a thread on its own ``Hall``, as the real process has its own connection."""
    hall = Hall.open(sms_config(config), db=db_url, clock=clock)
    running = SmsBridge(
        hall, ModemSender(str(fake.path), 115200), sender_backoff_s=QUICK, retry_backoff_s=QUICK
    )
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    yield
    running.stop()
    thread.join(DEADLINE_S)
    hall.close()


def test_supplement_and_finish_reach_the_phone_once(
    db_url: str, config: HallConfig, clock: FixedClock, fake: FakeModem, bridge: None
) -> None:
    hall = Hall.open(sms_config(config), db=db_url, clock=clock)
    try:
        hall.sign_in(1, "mz01")
        ticket = hall.issue("A", matter="dibao")
        hall.call_ticket(ticket.label, 1)
        case = hall.open_case(
            ticket.label, window=1, kind="承诺件", name="王秀兰", last4="8000", phone=PHONE
        )
        hall.case_step(case.number, "补正", window=1, note="户口簿复印件、收入证明")
        [supplement] = fake.wait_sent(1, DEADLINE_S)
        hall.case_step(case.number, "办结", window=1)
        hall.case_step(case.number, "已领取", window=1)  # not texted
        enqueue(hall, key="marker", kind="notice", phone=OTHER_PHONE, text="标记")
        sent = fake.wait_sent(3, DEADLINE_S)
    finally:
        hall.close()
    assert [r.number for r in sent] == ["8613800138000", "8613800138000", "8615907971234"]
    assert [r.parts for r in sent] == [1, 1, 1]
    assert sent[0] == supplement
    assert supplement.text == (
        "【青石镇便民服务中心】您的低保申请需要补正：户口簿复印件、收入证明。"
        "请带齐后到 1 号窗口办理（办件号 2026-1123-001）"
    )
    assert sent[1].text == (
        "【青石镇便民服务中心】您的低保申请已办结，"
        "请带身份证到 1 号窗口领取（办件号 2026-1123-001）"
    )
    assert sent[2].text == "标记"  # and nothing more for the case

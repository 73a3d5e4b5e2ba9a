"""The SMS bridge with a modem on a pty, on SQLite and PostgreSQL: the reminders reach the phone
(decoded by an independent decoder), each once, and every modem fault is waited out."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall
from servicehall.queue.outbox import (
    ARMED,
    CAPPED,
    DONE,
    FAILED,
    PENDING,
    SENT,
    enqueue,
    gateway_report,
    register_phone,
)
from servicehall.sms.bridge import SmsBridge
from servicehall.sms.senders import ModemSender

from support.modem import FakeModem, Received, join_parts
from support.sms import OTHER_PHONE, PHONE, rows, sms_config
from support.waiting import DEADLINE_S, wait_for

QUICK = (0.05,)
"""Back-off pauses for the tests: a fault is checked again at once (the pauses are the bench's)."""


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeModem]:
    with FakeModem(tmp_path) as modem:
        yield modem


class Running:
    """A bridge in a thread, on its own ``Hall`` (as the real process has its own connection)."""

    def __init__(self, hall: Hall, fake: FakeModem) -> None:
        self.hall = hall
        self.bridge = SmsBridge(
            hall, ModemSender(str(fake.path), 115200), sender_backoff_s=QUICK, retry_backoff_s=QUICK
        )
        self.thread = threading.Thread(target=self.bridge.run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.bridge.stop()
        self.thread.join(DEADLINE_S)
        assert not self.thread.is_alive()


@pytest.fixture
def start_bridge(
    db_url: str, clock: FixedClock, fake: FakeModem
) -> Iterator[Callable[[HallConfig], Running]]:
    running: list[Running] = []

    def start(config: HallConfig) -> Running:
        running.append(Running(Hall.open(config, db=db_url, clock=clock), fake))
        return running[-1]

    yield start
    for item in running:
        item.stop()
        item.hall.close()


@pytest.fixture
def config(config: HallConfig) -> HallConfig:
    return sms_config(config, max_attempts=3)


def _state(hall: Hall, key: str) -> Any:
    sql = "SELECT state, attempts, parts_done, error FROM sms_outbox WHERE key = '%s'"
    found = rows(hall, sql % key)
    return found[0] if found else None


def _queue_behind(hall: Hall, count: int) -> int:
    """``count`` tickets for 民政 (A), then one for the villager; returns its id."""
    for _ in range(count):
        hall.issue("A")
    return hall.issue("A").id


def _armed(hall: Hall, count: int) -> None:
    """Wait until the bridge has seen ``count`` registrations above the threshold: a call made
    before its first look would find them at it already, and no "ahead" reminder is due then."""
    wait_for(
        lambda: (
            rows(hall, f"SELECT count(*) FROM sms_contacts WHERE stage = '{ARMED}'") == [(count,)]
        ),
        what=f"{count} registration(s) armed",
    )


def _marker(hall: Hall, fake: FakeModem, sent_before: int) -> list[Received]:
    """Send one more message and wait for it: everything due before it has been sent by then."""
    enqueue(hall, key=f"marker:{sent_before}", kind="notice", phone=OTHER_PHONE, text="标记")
    got = fake.wait_sent(sent_before + 1, DEADLINE_S)
    assert got[-1].text == "标记"
    return got[:-1]


def test_the_two_reminders_reach_the_phone_once(
    hall: Hall, config: HallConfig, fake: FakeModem, start_bridge: Callable[[HallConfig], Running]
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    ticket = _queue_behind(hall, 5)  # A006, five ahead
    assert register_phone(hall, ticket, PHONE) == "138****8000"
    start_bridge(config)
    _armed(hall, 1)
    hall.call_next(1)
    hall.call_next(13)  # A001 and A002 called: three ahead of A006
    [ahead] = fake.wait_sent(1, DEADLINE_S)
    assert ahead.number == "8613800138000" and ahead.encoding == "ucs2"
    assert ahead.text == "【青石镇便民服务中心】您的 A006 号前面还有 3 人，请回到大厅等候叫号"
    hall.call_next(1)
    hall.call_next(13)  # one ahead: no second "ahead" message
    hall.call_next(1)
    hall.call_next(13)  # A006 called to window 13
    call = fake.wait_sent(2, DEADLINE_S)[1]
    assert call.text == "【青石镇便民服务中心】请 A006 号到 13 号窗口办理"
    hall.recall(13)
    hall.finish(13)
    assert _marker(hall, fake, 2) == [ahead, call]  # a recall is not texted again
    assert _state(hall, f"ticket:{ticket}:ahead")[0] == SENT
    assert _state(hall, f"ticket:{ticket}:call")[0] == SENT
    assert rows(hall, "SELECT stage FROM sms_contacts") == [(DONE,)]
    hall.close()


def test_a_long_message_arrives_whole(
    hall: Hall, config: HallConfig, fake: FakeModem, start_bridge: Callable[[HallConfig], Running]
) -> None:
    name = "江西省赣州市兴国县青石镇人民政府便民服务中心暨党群服务中心、新时代文明实践所、" + (
        "乡村振兴服务站"
    )
    info = config.hall.model_copy(update={"name": name})
    config = config.model_copy(update={"hall": info})
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    ticket = _queue_behind(hall, 4)
    register_phone(hall, ticket, PHONE)
    start_bridge(config)
    _armed(hall, 1)
    hall.call_next(1)
    parts = fake.wait_sent(2, DEADLINE_S)
    assert [p.part for p in parts] == [1, 2] and parts[0].reference == parts[1].reference
    text = f"【{name}】您的 A005 号前面还有 3 人，请回到大厅等候叫号"
    assert len(text) > 70 and join_parts(parts) == text
    hall.close()


def _pending_with_fault(hall: Hall, running: Running, key: str, words: str) -> None:
    wait_for(lambda: words in running.bridge.fault, what=f"the bridge reporting {words}")
    wait_for(lambda: _state(hall, key) is not None, what="the reminder in the outbox")
    assert _state(hall, key)[0] == PENDING
    report = gateway_report(hall)
    assert report is not None and not report.ready and words in report.detail


@pytest.mark.parametrize(
    ("fault", "words"),
    [({"sim": None}, "SIM"), ({"sim": "SIM PIN"}, "PIN"), ({"registration": 2}, "没有注册")],
)
def test_a_modem_that_cannot_send_is_waited_for(
    hall: Hall,
    config: HallConfig,
    fake: FakeModem,
    start_bridge: Callable[[HallConfig], Running],
    fault: dict[str, Any],
    words: str,
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    healthy = {name: getattr(fake, name) for name in fault}
    for name, value in fault.items():
        setattr(fake, name, value)
    ticket = _queue_behind(hall, 4)
    register_phone(hall, ticket, PHONE)
    running = start_bridge(config)
    _armed(hall, 1)
    hall.call_next(1)
    _pending_with_fault(hall, running, f"ticket:{ticket}:ahead", words)
    assert not fake.pdus
    for name, value in healthy.items():
        setattr(fake, name, value)  # the SIM is put in, the antenna moved …
    [got] = fake.wait_sent(1, DEADLINE_S)
    assert "A005 号前面还有 3 人" in got.text
    wait_for(lambda: running.bridge.ready.is_set(), what="the bridge ready again")
    assert gateway_report(hall).ready  # type: ignore[union-attr]
    hall.close()


def test_the_port_vanishing_and_coming_back(
    hall: Hall, config: HallConfig, fake: FakeModem, start_bridge: Callable[[HallConfig], Running]
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    running = start_bridge(config)
    wait_for(running.bridge.ready.is_set, what="the bridge ready")
    fake.unplug()
    enqueue(hall, key="while-away", kind="notice", phone=PHONE, text="短信猫拔掉时")
    _pending_with_fault(hall, running, "while-away", "串口")
    fake.replug()
    assert fake.wait_sent(1, DEADLINE_S)[0].text == "短信猫拔掉时"
    hall.close()


def test_a_refused_part_is_retried_without_repeating_the_parts_before(
    hall: Hall,
    config: HallConfig,
    fake: FakeModem,
    clock: FixedClock,
    start_bridge: Callable[[HallConfig], Running],
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    text = "您的低保申请已办结，" * 10
    refusals = [500]
    fake.refuse = lambda got: refusals.pop() if got.part == 2 and refusals else None
    start_bridge(config)
    enqueue(hall, key="case:9:done", kind="notice", phone=PHONE, text=text)
    wait_for(lambda: _state(hall, "case:9:done")[3], what="the refusal recorded")
    state, attempts, parts_done, error = _state(hall, "case:9:done")
    assert (state, attempts, parts_done) == (PENDING, 1, 1) and "+CMS ERROR: 500" in error
    clock.advance(seconds=1)  # the retry is due
    got = fake.wait_sent(2, DEADLINE_S)
    assert len(fake.pdus) == 3  # part 1, part 2 refused, part 2 again
    assert [p.part for p in got] == [1, 2] and join_parts(got) == text
    wait_for(lambda: _state(hall, "case:9:done")[0] == SENT, what="the message sent")
    hall.close()


def test_a_message_refused_every_time_fails_after_the_last_attempt(
    hall: Hall,
    config: HallConfig,
    fake: FakeModem,
    clock: FixedClock,
    start_bridge: Callable[[HallConfig], Running],
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    fake.cms_errors = [500, 500, 500]
    running = start_bridge(config)
    wait_for(running.bridge.ready.is_set, what="the bridge ready")
    enqueue(hall, key="doomed", kind="notice", phone=PHONE, text="不会到")
    for attempt in (1, 2):
        tried = (PENDING, attempt)
        wait_for(lambda t=tried: _state(hall, "doomed")[:2] == t, what=f"attempt {attempt}")
        clock.advance(seconds=1)  # the retry is due
    wait_for(lambda: _state(hall, "doomed")[0] == FAILED, what="the message given up")
    assert _state(hall, "doomed")[1] == 3 and not fake.sent
    assert running.bridge.ready.is_set()  # the modem itself is fine
    hall.close()


def test_the_daily_cap(
    hall: Hall, config: HallConfig, fake: FakeModem, start_bridge: Callable[[HallConfig], Running]
) -> None:
    config = sms_config(config, daily_cap=1)
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    first = _queue_behind(hall, 4)
    second = hall.issue("A").id
    register_phone(hall, first, PHONE)
    register_phone(hall, second, PHONE)
    start_bridge(config)
    _armed(hall, 2)
    hall.call_next(1)
    hall.call_next(1)  # both tickets' "ahead" reminders are due, one number
    keys = (f"ticket:{first}:ahead", f"ticket:{second}:ahead")
    wait_for(lambda: None not in [_state(hall, k) for k in keys], what="both reminders")
    [sent] = _marker(hall, fake, 1)
    assert "A005 号前面还有" in sent.text
    assert [_state(hall, k)[0] for k in keys] == [SENT, CAPPED]
    hall.close()


def test_the_bridge_forgets_the_numbers_when_the_day_closes(
    hall: Hall,
    config: HallConfig,
    clock: FixedClock,
    start_bridge: Callable[[HallConfig], Running],
) -> None:
    hall = Hall.open(config, db=hall.store.url, clock=hall.clock)
    register_phone(hall, _queue_behind(hall, 4), PHONE)
    enqueue(hall, key="late", kind="notice", phone=PHONE, text="下班前")
    start_bridge(config)
    wait_for(lambda: _state(hall, "late")[0] == SENT, what="today's message sent")
    clock.advance(days=1)
    wait_for(
        lambda: rows(hall, "SELECT count(*) FROM sms_contacts") == [(0,)],
        what="the registration deleted at day close",
    )
    wait_for(lambda: rows(hall, "SELECT phone FROM sms_outbox") == [(None,)], what="no number")
    hall.close()

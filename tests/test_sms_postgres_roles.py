"""The SMS parts under least-privilege PostgreSQL roles (``db grant --kind kiosk|sms``): a kiosk
registers a number and cannot read it back, nor read or change the outbox; the bridge does its
whole day with its own grants."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError
from servicehall.queue.outbox import enqueue, outbox_summary, register_phone
from servicehall.sms.bridge import SmsBridge
from servicehall.sms.senders import ModemSender

from support.modem import FakeModem
from support.postgres import role_url
from support.sms import PHONE, rows, sms_config
from support.waiting import DEADLINE_S, wait_for


@pytest.fixture
def owner(config: HallConfig, pg_db_url: str, clock: FixedClock) -> Iterator[Hall]:
    hall = Hall.open(sms_config(config), db=pg_db_url, clock=clock)
    yield hall
    hall.close()


def test_the_kiosk_registers_a_number_with_its_grants(
    owner: Hall, config: HallConfig, pg_db_url: str, clock: FixedClock
) -> None:
    with role_url(pg_db_url, "kiosk") as url:
        hall = Hall.open(sms_config(config), db=url, clock=clock)
        try:
            for _ in range(4):
                hall.issue("A")
            ticket = hall.issue("A")
            assert register_phone(hall, ticket.id, PHONE) == "138****8000"
            register_phone(hall, ticket.id, "13900001111")  # a typo corrected
            with pytest.raises(StoreError):  # nor can it read numbers back
                hall.store.read(lambda conn: conn.execute(text("SELECT phone FROM sms_contacts")))
            with pytest.raises(StoreError):
                outbox_summary(hall)  # the outbox is not the kiosk's to read
            with pytest.raises(StoreError):
                enqueue(hall, key="x", kind="notice", phone=PHONE, text="不行")
        finally:
            hall.close()
    assert rows(owner, "SELECT phone, stage FROM sms_contacts") == [("13900001111", "armed")]


def test_the_bridge_does_its_day_with_its_grants(
    owner: Hall, config: HallConfig, pg_db_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    for _ in range(4):
        owner.issue("A")
    register_phone(owner, owner.issue("A").id, PHONE)
    with FakeModem(tmp_path) as fake, role_url(pg_db_url, "sms") as url:
        hall = Hall.open(sms_config(config), db=url, clock=clock)
        bridge = SmsBridge(hall, ModemSender(str(fake.path), 115200), sender_backoff_s=(0.05,))
        thread = threading.Thread(target=bridge.run, daemon=True)
        thread.start()
        try:
            owner.call_next(1)  # three ahead: the reminder
            assert "前面还有 3 人" in fake.wait_sent(1, DEADLINE_S)[0].text
            owner.call_next(1)
            owner.call_next(1)
            owner.call_next(1)
            owner.call_next(1)  # called: the second reminder
            assert "请 A005 号到 1 号窗口办理" in fake.wait_sent(2, DEADLINE_S)[1].text
            wait_for(lambda: outbox_summary(hall).counts["sent"] == 2)  # what the doctor reads
            clock.advance(days=1)  # the day closes: the bridge deletes the number
            wait_for(lambda: rows(owner, "SELECT count(*) FROM sms_contacts") == [(0,)])
            assert not bridge.fault
        finally:
            bridge.stop()
            thread.join(DEADLINE_S)
            hall.close()
    assert rows(owner, "SELECT running FROM sms_gateways") == [(False,)]
    assert rows(owner, "SELECT count(*) FROM sms_outbox WHERE phone IS NOT NULL") == [(0,)]

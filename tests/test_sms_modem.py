"""The AT layer against a modem on a pty: set-up, health, PDUs decoded by an independent decoder,
and every fault (no SIM, locked SIM, not registered, +CMS ERROR, no answer, the port vanishing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.sms.modem import Modem, ModemFault
from servicehall.sms.pdu import encode_parts

from support.modem import FakeModem, join_parts
from support.waiting import DEADLINE_S

LONG = (
    "【青石镇便民服务中心】您的低保申请已办结，请带身份证原件和户口簿到 3 号窗口领取"
    "《最低生活保障金领取证》，办公时间周一至周五 08:30-12:00、14:00-17:30。"
)


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeModem]:
    with FakeModem(tmp_path) as modem:
        yield modem


@pytest.fixture
def modem(fake: FakeModem) -> Iterator[Modem]:
    opened = Modem(str(fake.path), command_timeout_s=DEADLINE_S, send_timeout_s=DEADLINE_S)
    yield opened
    opened.close()


def test_set_up_in_pdu_mode_and_health(fake: FakeModem, modem: Modem) -> None:
    health = modem.check_ready()
    assert fake.commands[:4] == ["AT", "ATE0", "AT+CMEE=1", "AT+CMGF=0"]
    assert (health.sim, health.registration, health.signal) == ("READY", 1, 20)
    assert health.describe() == "SIM 卡正常，已注册本地网，信号 20/31"
    fake.registration, fake.signal = 5, 99
    health = modem.health()
    assert health.registered and health.signal is None
    assert "漫游" in health.describe()


def test_a_short_chinese_message_is_one_ucs2_pdu(fake: FakeModem, modem: Modem) -> None:
    modem.check_ready()
    text = "【青石镇便民服务中心】请 A045 号到 3 号窗口办理"
    parts = encode_parts("13800138000", text, reference=7)
    assert len(parts) == 1
    modem.send_pdu(parts[0])
    [got] = fake.wait_sent(1, DEADLINE_S)
    assert got.number == "8613800138000"
    assert got.encoding == "ucs2"
    assert got.text == text
    assert got.parts == 1 and got.reference is None


def test_a_long_message_goes_in_concatenated_parts(fake: FakeModem, modem: Modem) -> None:
    assert len(LONG) > 70
    modem.check_ready()
    parts = encode_parts("15907970000", LONG, reference=300)
    for part in parts:
        modem.send_pdu(part)
    got = fake.wait_sent(len(parts), DEADLINE_S)
    assert len(got) == 2  # 67 UCS-2 characters per part once a header is needed
    assert [r.part for r in got] == [1, 2] and {r.parts for r in got} == {2}
    assert {r.reference for r in got} == {300 % 256}
    assert len(got[0].text) == 67
    assert join_parts(got) == LONG
    assert {r.number for r in got} == {"8615907970000"}


def test_unsolicited_lines_and_echo_do_not_confuse_it(fake: FakeModem, modem: Modem) -> None:
    fake.unsolicited = ["RING"]
    modem.check_ready()
    modem.command("ATE1")  # a modem that echoes again (some reset echo on their own)
    fake.unsolicited = ['+CMTI: "SM",3', "^RSSI: 18"]  # an SMS arrived; a signal report
    modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    fake.unsolicited_on = {"AT+CREG?": ["+CREG: 2"], "AT+CSQ": ["+CSQ: 5,99"]}
    health = modem.health()  # the modem's own report, not the network's unasked one
    assert health.registered and health.signal == 20
    assert fake.wait_sent(1, DEADLINE_S)[0].text == "测试"


def test_no_sim_and_locked_sim_are_modem_faults(fake: FakeModem, modem: Modem) -> None:
    fake.sim = None
    with pytest.raises(ModemFault) as no_sim:
        modem.check_ready()
    assert no_sim.value.key == "sms_no_sim" and no_sim.value.down
    assert "SIM" in no_sim.value.message
    fake.sim = "SIM PIN"
    with pytest.raises(ModemFault) as locked:
        modem.check_ready()
    assert locked.value.key == "sms_sim_locked" and locked.value.down


def test_not_registered_is_a_modem_fault(fake: FakeModem, modem: Modem) -> None:
    fake.registration = 2  # searching
    with pytest.raises(ModemFault) as fault:
        modem.check_ready()
    assert fault.value.key == "sms_not_registered" and fault.value.down
    assert not fault.value.maybe_sent


def test_cms_error_refuses_the_message_not_the_modem(fake: FakeModem, modem: Modem) -> None:
    modem.check_ready()
    fake.cms_errors = [500]
    with pytest.raises(ModemFault) as fault:
        modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    assert fault.value.key == "sms_rejected" and "+CMS ERROR: 500" in fault.value.message
    assert not fault.value.down and not fault.value.maybe_sent
    fake.cms_errors = [331]  # no network service: the modem is the trouble
    with pytest.raises(ModemFault) as network:
        modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    assert network.value.down and not network.value.maybe_sent
    modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    assert len(fake.wait_sent(1, DEADLINE_S)) == 1


def test_no_answer_after_the_pdu_may_have_sent_it(fake: FakeModem) -> None:
    modem = Modem(str(fake.path), command_timeout_s=DEADLINE_S, send_timeout_s=0.3)
    modem.check_ready()
    fake.hold.clear()
    with pytest.raises(ModemFault) as fault:
        modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    assert fault.value.key == "sms_no_answer"
    assert fault.value.maybe_sent and fault.value.down
    assert len(fake.pdus) == 1 and not fake.sent
    modem.close()


def test_a_wrong_length_is_refused_by_the_modem(fake: FakeModem, modem: Modem) -> None:
    modem.check_ready()
    part = encode_parts("13800138000", "测试", reference=1)[0]
    with pytest.raises(ModemFault) as fault:
        modem.send_pdu(type(part)(part.hex, part.tpdu_length + 1))
    assert "+CMS ERROR: 304" in fault.value.message
    assert not fake.pdus


def test_the_port_vanishing_and_coming_back(fake: FakeModem, modem: Modem) -> None:
    modem.check_ready()
    fake.unplug()
    with pytest.raises(ModemFault) as lost:
        modem.send_pdu(encode_parts("13800138000", "测试", reference=1)[0])
    assert lost.value.key == "sms_port_lost" and lost.value.down
    assert not lost.value.maybe_sent  # it went before the PDU: certainly not sent
    assert not modem.is_open
    with pytest.raises(ModemFault) as missing:
        modem.check_ready()
    assert missing.value.key == "sms_port_missing"
    assert str(fake.path) in missing.value.message
    fake.replug()  # a new device behind the same name
    modem.check_ready()
    modem.send_pdu(encode_parts("13800138000", "回来了", reference=2)[0])
    assert fake.wait_sent(1, DEADLINE_S)[0].text == "回来了"


def test_one_process_per_modem(fake: FakeModem, modem: Modem) -> None:
    modem.check_ready()
    other = Modem(str(fake.path))
    with pytest.raises(ModemFault) as busy:
        other.open()
    assert busy.value.key == "sms_port_missing"

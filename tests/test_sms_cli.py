"""The SMS commands: ``take --sms``, ``servicehall sms`` refusing bad settings, ``doctor --role
sms``; and the command sender (the county's SMS platform) run by the bridge."""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.config import HallConfig, load_config, sample_text
from servicehall.doctor import FAIL, OK, WARN
from servicehall.queue import FixedClock, Hall
from servicehall.queue.outbox import FAILED, SENT, enqueue, open_contacts, register_phone
from servicehall.sms.bridge import SmsBridge
from servicehall.sms.senders import CommandSender, ModemSender

from support.cli import CliRun
from support.modem import FakeModem
from support.sms import PHONE, rows, sms_config
from support.waiting import DEADLINE_S, wait_for


def _hall_file(directory: Path, **settings: str) -> Path:
    """hall.toml in ``directory`` (where the ``cli`` fixture runs) with [sms] switched on and
    the sample's [sms] lines for ``settings`` (commented out or not) set to these values."""
    before, _, section = sample_text().partition("\n[sms]\n")
    section = section.replace("enabled = false", "enabled = true", 1)
    for key, value in settings.items():
        line = re.compile(rf"^(# )?{key} = .*$", re.MULTILINE)
        assert line.search(section), key
        section = line.sub(f'{key} = "{value}"', section, count=1)
    path = directory / "hall.toml"
    path.write_text(f"{before}\n[sms]\n{section}", "utf-8")
    return path


def _checks(output: str) -> dict[str, tuple[str, str]]:
    return {c["name"]: (c["state"], c["detail"]) for c in json.loads(output)["checks"]}


def test_take_registers_a_number_the_way_the_kiosk_does(tmp_path: Path, cli: CliRun) -> None:
    _hall_file(tmp_path)
    env = {"SERVICEHALL_IGNORE_HOURS": "1"}
    taken = cli("take", "A", "--sms", "138 0013 8000", "--json", env=env).json()
    assert taken["sms"] == "138****8000" and taken["ticket"] == "A001"
    shown = cli("take", "B", "--sms", "15907971234", env=env)
    assert shown.returncode == 0 and "短信提醒已登记：159****1234" in shown.stdout
    assert "15907971234" not in shown.stdout
    hall = Hall.open(load_config(tmp_path / "hall.toml"))
    assert sorted(c.phone for c in open_contacts(hall)) == [PHONE, "15907971234"]
    hall.close()


def test_take_refuses_a_bad_number_before_issuing(tmp_path: Path, cli: CliRun) -> None:
    _hall_file(tmp_path)
    bad = cli("take", "A", "--sms", "1380013800", env={"SERVICEHALL_IGNORE_HOURS": "1"})
    assert bad.returncode == 2
    assert "手机号应为 11 位数字" in bad.stderr
    status = cli("status", "--json").json()
    assert sum(s["waiting"] for s in status["services"]) == 0  # no ticket was issued


def test_take_refuses_a_number_where_reminders_are_off(cli: CliRun) -> None:
    off = cli("take", "A", "--sms", PHONE, env={"SERVICEHALL_IGNORE_HOURS": "1"})
    assert off.returncode == 3
    assert "[sms] enabled = true" in off.stderr  # the setting's name survives Rich's markup


def test_the_bridge_needs_a_port(tmp_path: Path, cli: CliRun) -> None:
    _hall_file(tmp_path)
    result = cli("sms")
    assert result.returncode == 2
    assert "没有指定短信猫的串口：用 --port 或 hall.toml 的 [sms] port" in result.stderr


def test_a_command_sender_needs_its_command(tmp_path: Path, cli: CliRun) -> None:
    _hall_file(tmp_path, sender="command")
    result = cli("check-config")
    assert result.returncode != 0
    assert "command" in result.stderr


# ---------------------------------------------------------------- doctor --role sms


def test_doctor_with_reminders_off(cli: CliRun) -> None:
    cli("init")
    result = cli("doctor", "--role", "sms", "--json")
    assert result.returncode == 0
    checks = _checks(result.stdout)
    assert checks["短信发送"][0] == WARN and "enabled = false" in checks["短信发送"][1]
    assert checks["短信发件箱"][0] == OK


def test_doctor_probes_the_modem_when_no_bridge_runs(tmp_path: Path, cli: CliRun) -> None:
    with FakeModem(tmp_path) as fake:
        _hall_file(tmp_path, port=str(fake.path))
        cli("init")
        result = cli("doctor", "--role", "sms", "--json")
        assert result.returncode == 1
        state, detail = _checks(result.stdout)["短信发送"]
        assert state == FAIL and detail.startswith("短信桥没有运行")
        assert "已注册本地网，信号 20/31" in detail  # the modem itself answered
        fake.sim = None
        detail = _checks(cli("doctor", "--role", "sms", "--json").stdout)["短信发送"][1]
        assert "没有可用的 SIM 卡" in detail


@pytest.fixture
def bridge_hall(tmp_path: Path) -> Iterator[tuple[Hall, FakeModem]]:
    with FakeModem(tmp_path) as fake:
        config = load_config(_hall_file(tmp_path, port=str(fake.path)))
        hall = Hall.open(config)
        yield hall, fake
        hall.close()


def test_doctor_reads_the_running_bridge(bridge_hall: tuple[Hall, FakeModem], cli: CliRun) -> None:
    hall, fake = bridge_hall
    bridge = SmsBridge(hall, ModemSender(str(fake.path), 115200), sender_backoff_s=(0.05,))
    thread = threading.Thread(target=bridge.run, daemon=True)
    thread.start()
    try:
        wait_for(bridge.ready.is_set, what="the bridge ready")
        result = cli("doctor", "--role", "sms", "--json")
        assert result.returncode == 0, result.stdout
        state, detail = _checks(result.stdout)["短信发送"]
        assert state == OK and detail.startswith("短信桥在运行。") and "信号 20/31" in detail
        fake.registration = 0
        bridge.ready.clear()
        bridge.sender.modem.close()  # type: ignore[attr-defined]
        enqueue(hall, key="x", kind="notice", phone=PHONE, text="测试")
        wait_for(lambda: "没有注册" in bridge.fault, what="the bridge seeing the fault")
        state, detail = _checks(cli("doctor", "--role", "sms", "--json").stdout)["短信发送"]
        assert state == FAIL and "发不出去" in detail and "没有注册到移动网络" in detail
    finally:
        bridge.stop()
        thread.join(DEADLINE_S)
    state, detail = _checks(cli("doctor", "--role", "sms", "--json").stdout)["短信发送"]
    assert state == FAIL and "停止" in detail  # a bridge that stopped says so


def test_doctor_fails_numbers_kept_past_their_day(
    config: HallConfig, db_url: str, clock: FixedClock, cli: CliRun
) -> None:
    hall = Hall.open(sms_config(config), db=db_url, clock=clock)
    register_phone(hall, hall.issue("A").id, PHONE)
    hall.close()  # the day passes without a bridge to close it
    result = cli("--db", db_url, "doctor", "--role", "sms", "--json")
    state, detail = _checks(result.stdout)["短信发件箱"]
    assert state == FAIL and detail.startswith("1 个手机号过了当天还保存着")


# ---------------------------------------------------------------- the command sender


SCRIPT = """
import pathlib, sys
out = pathlib.Path(sys.argv[1])
out.write_text(out.read_text("utf-8") + repr((sys.argv[2:], sys.stdin.read())) + "\\n", "utf-8")
if sys.argv[2] == "fail":
    sys.exit("bad number " + sys.argv[3])  # a platform that repeats the number it refused
"""


def test_the_command_sender_runs_the_platform_without_a_shell(
    tmp_path: Path, config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    script = tmp_path / "county_sms.py"
    script.write_text(SCRIPT, "utf-8")
    calls = tmp_path / "calls.txt"
    calls.write_text("", "utf-8")
    command = [sys.executable, str(script), str(calls), "{number}", "--text", "{text}"]
    hall = Hall.open(sms_config(config, sender="command", command=command), db=db_url, clock=clock)
    bridge = SmsBridge(hall, CommandSender(command, 30), retry_backoff_s=(0.05,))
    thread = threading.Thread(target=bridge.run, daemon=True)
    thread.start()
    try:
        text = "【青石镇便民服务中心】请 A001 号到 1 号窗口办理; $(rm -rf /) `id` | 'x'"
        enqueue(hall, key="call", kind="call", phone=PHONE, text=text)
        wait_for(lambda: rows(hall, "SELECT state FROM sms_outbox") == [(SENT,)], what="sent")
        assert calls.read_text("utf-8").splitlines() == [repr(([PHONE, "--text", text], text))]
    finally:
        bridge.stop()
        thread.join(DEADLINE_S)
        hall.close()


def test_a_failing_command_is_retried_then_given_up_and_logged_masked(
    tmp_path: Path,
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    script = tmp_path / "county_sms.py"
    script.write_text(SCRIPT, "utf-8")
    calls = tmp_path / "calls.txt"
    calls.write_text("", "utf-8")
    command = [sys.executable, str(script), str(calls), "fail", "{number}"]
    config = sms_config(config, sender="command", command=command, max_attempts=2)
    hall = Hall.open(config, db=db_url, clock=clock)
    bridge = SmsBridge(hall, CommandSender(command, 30), retry_backoff_s=(0.05,))
    thread = threading.Thread(target=bridge.run, daemon=True)
    thread.start()
    try:
        enqueue(hall, key="n", kind="notice", phone=PHONE, text="测试")
        first = [("pending", 1)]
        wait_for(lambda: rows(hall, "SELECT state, attempts FROM sms_outbox") == first, what="1st")
        clock.advance(seconds=1)  # the retry is due
        wait_for(lambda: rows(hall, "SELECT state FROM sms_outbox") == [(FAILED,)], what="fail")
    finally:
        bridge.stop()
        thread.join(DEADLINE_S)
    [(error,)] = rows(hall, "SELECT error FROM sms_outbox")
    hall.close()
    assert "退出码 1" in error and "138****8000" in error and PHONE not in error
    assert PHONE not in caplog.text and "138****8000" in caplog.text
    assert len(calls.read_text("utf-8").splitlines()) == 2


def test_a_missing_command_is_a_sender_fault(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    command = ["no-such-county-sms", "{number}"]
    hall = Hall.open(sms_config(config, sender="command", command=command), db=db_url, clock=clock)
    bridge = SmsBridge(hall, CommandSender(command, 30), sender_backoff_s=(0.05,))
    thread = threading.Thread(target=bridge.run, daemon=True)
    thread.start()
    try:
        enqueue(hall, key="n", kind="notice", phone=PHONE, text="测试")
        wait_for(lambda: "no-such-county-sms" in bridge.fault, what="the fault")
        assert rows(hall, "SELECT state, attempts FROM sms_outbox") == [("pending", 0)]
    finally:
        bridge.stop()
        thread.join(DEADLINE_S)
        hall.close()

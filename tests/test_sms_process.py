"""``servicehall sms`` as the process a hall runs, on SQLite and PostgreSQL: killed between
"sending" and "sent" it never repeats the message and still sends the ones waiting; stopped by
systemd it finishes the message in hand; its log never holds a whole number."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from servicehall.config import load_config, sample_text
from servicehall.queue import Hall
from servicehall.queue.outbox import SENDING, SENT, UNSURE, enqueue

from support.modem import FakeModem
from support.sms import PHONE, rows
from support.waiting import DEADLINE_S, wait_for


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


@pytest.fixture
def hall_file(tmp_path: Path) -> Path:
    text = sample_text()
    assert text.count("enabled = false") == 1  # [sms]
    path = tmp_path / "hall.toml"
    path.write_text(text.replace("enabled = false", "enabled = true"), "utf-8")
    return path


@pytest.fixture
def hall(hall_file: Path, db_url: str) -> Iterator[Hall]:
    """The hall on the real clock: the bridge process has no other."""
    opened = Hall.open(load_config(hall_file), db=db_url, enforce_hours=False)
    yield opened
    opened.close()


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeModem]:
    with FakeModem(tmp_path) as modem:
        yield modem


@pytest.fixture
def start(
    hall_file: Path, db_url: str, fake: FakeModem
) -> Iterator[Callable[[], subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []

    def run() -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "servicehall", "--config", str(hall_file)]
        command += ["--db", db_url, "sms", "--port", str(fake.path)]
        started.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True))
        return started[-1]

    yield run
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(DEADLINE_S)
        assert process.stdout is not None
        process.stdout.close()


def _state(hall: Hall, key: str) -> str | None:
    found = rows(hall, "SELECT key, state FROM sms_outbox")
    return dict(found).get(key)


def test_killed_mid_send_it_never_repeats_and_loses_nothing(
    hall: Hall, fake: FakeModem, start: Callable[[], subprocess.Popen[str]]
) -> None:
    enqueue(hall, key="first", kind="notice", phone=PHONE, text="第一条")
    enqueue(hall, key="second", kind="notice", phone=PHONE, text="第二条")
    fake.hold.clear()  # the modem takes the PDU and has not answered yet
    bridge = start()
    fake.wait_received(1, DEADLINE_S)
    wait_for(lambda: _state(hall, "first") == SENDING, what="first recorded as sending")
    bridge.kill()  # between "sending" and "sent"
    bridge.wait(DEADLINE_S)
    fake.hold.set()  # the network had it after all
    again = start()
    fake.wait_sent(2, DEADLINE_S)
    wait_for(lambda: _state(hall, "second") == SENT, what="second sent after the restart")
    assert _state(hall, "first") == UNSURE
    assert [r.text for r in fake.delivered()] == ["第一条", "第二条"]
    assert [r.text for r in (fake.wait_received(2, 0))] == ["第一条", "第二条"]  # none twice
    again.terminate()
    assert again.wait(DEADLINE_S) == 0


def test_stopped_by_systemd_it_finishes_the_message_in_hand(
    hall: Hall,
    fake: FakeModem,
    start: Callable[[], subprocess.Popen[str]],
    _isolated_home: Path,
) -> None:
    fake.hold.clear()
    bridge = start()
    enqueue(hall, key="in-hand", kind="notice", phone=PHONE, text="正在发")
    fake.wait_received(1, DEADLINE_S)
    bridge.send_signal(signal.SIGTERM)
    fake.hold.set()
    assert bridge.wait(DEADLINE_S) == 0
    assert _state(hall, "in-hand") == SENT
    log = (_isolated_home / "servicehall.log").read_text("utf-8")
    assert "138****8000" in log and PHONE not in log

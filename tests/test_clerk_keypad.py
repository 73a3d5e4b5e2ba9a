"""The wired keypad bridge over a real pty pair: good lines, bad lines, and the port vanishing."""

from __future__ import annotations

import contextlib
import os
import select
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.clerk.keypad import KeypadBridge, answer, parse_line
from servicehall.queue import Hall

from support.waiting import DEADLINE_S, wait_for


class Pty:
    """The keypad's end of a pty pair; the bridge opens the slave's name as its serial port."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.master)
        self.name = os.ttyname(self.slave)
        self.buffer = b""

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def reply(self, timeout: float = DEADLINE_S) -> str:
        deadline = time.monotonic() + timeout
        while b"\r\n" not in self.buffer:
            left = deadline - time.monotonic()
            assert left > 0, f"no reply, got {self.buffer!r}"
            if select.select([self.master], [], [], left)[0]:
                self.buffer += os.read(self.master, 1024)
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line.decode("ascii")

    def close(self) -> None:
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)


@pytest.fixture
def port(tmp_path: Path) -> Iterator[tuple[Path, list[Pty]]]:
    """A stable device name (like /dev/serial/by-id/…) pointing at the current pty."""
    link = tmp_path / "ttyKEYPAD"
    ptys = [Pty()]
    link.symlink_to(ptys[0].name)
    yield link, ptys
    for pty in ptys:
        pty.close()


@pytest.fixture
def bridge(hall: Hall, port: tuple[Path, list[Pty]]) -> Iterator[KeypadBridge]:
    link, _ = port
    running = KeypadBridge(hall, str(link), retry_s=0.1)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    assert running.connected.wait(DEADLINE_S)
    yield running
    running.stop()
    thread.join(DEADLINE_S)


def test_good_lines_run_the_window(hall: Hall, bridge: KeypadBridge, port) -> None:  # type: ignore[no-untyped-def]
    pty = port[1][0]
    hall.issue("D")
    hall.issue("E")
    pty.send(b"5 1\r\n")
    assert pty.reply() == "OK 5 1 D001 1"
    pty.send(b"5,R\n5 0\n")
    assert pty.reply() == "OK 5 2 D001 1"
    assert pty.reply() == "OK 5 0 D001 1"
    pty.send(b"5 T B\n5 N\n5 4\n")
    assert pty.reply() == "OK 5 5 --- 1"
    assert pty.reply() == "OK 5 1 E001 0"
    assert pty.reply() == "OK 5 4 --- 0"
    assert hall.ticket("D001").service == "B"
    assert hall.ticket("E001").status == "finished"
    assert hall.ticket("D001").recall_count == 1


def test_refusals_and_bad_lines_get_errors_and_are_ignored(
    hall: Hall, bridge: KeypadBridge, port
) -> None:  # type: ignore[no-untyped-def]
    pty = port[1][0]
    pty.send(b"5 4\n")
    assert pty.reply() == "ERR 5 4 nothing_called"
    for bad in (b"hello\n", b"5\n", b"5 X\n", b"5 5\n", b"\xff\xfe 1\n", b"9" * 200 + b" 1\n"):
        pty.send(bad)
        assert pty.reply() == "ERR - 2 bad_line", bad
    pty.send(b"99 1\n")
    assert pty.reply() == "ERR 99 2 unknown_window"
    pty.send(b"5 6\n5 1\n5 6\n")
    assert pty.reply() == "OK 5 6 --- 0"
    assert pty.reply() == "ERR 5 4 window_paused"
    assert pty.reply() == "OK 5 6 --- 0"
    assert hall.window_status(5).state == "open"
    assert [e.kind for e in hall.events()] == ["pause", "resume"]


def test_bridge_survives_the_port_vanishing(hall: Hall, bridge: KeypadBridge, port) -> None:  # type: ignore[no-untyped-def]
    link, ptys = port
    hall.issue("D")
    hall.issue("D")
    ptys[0].send(b"5 1\n")
    assert ptys[0].reply() == "OK 5 1 D001 1"
    ptys[0].close()  # the cable is pulled: reads fail, the device name dangles
    # (at a path that stays missing: the freed pty number may go to another test process)
    link.unlink()
    link.symlink_to(link.parent / "unplugged")
    wait_for(lambda: not bridge.connected.is_set(), what="the bridge noticing the lost port")
    time.sleep(0.3)  # leave it to fail a few reopen attempts
    ptys.append(Pty())  # plugged back in: a new device behind the same name
    link.unlink()
    link.symlink_to(ptys[1].name)
    assert bridge.connected.wait(DEADLINE_S)
    ptys[1].send(b"5 1\n")
    assert ptys[1].reply() == "OK 5 1 D002 0"


def test_parse_line_forms() -> None:
    assert parse_line(" 12 , q , a012 ").argument == "a012"
    assert parse_line("3 ?").action == "status"
    assert parse_line("7 k A001").action == "pick"


def test_answer_without_a_port(hall: Hall) -> None:
    hall.issue("A")
    assert answer(hall, b"1 7 A001") == "OK 1 7 A001 0"
    assert answer(hall, b"1 8 A001") == "ERR 1 4 ticket_not_waiting"


def test_a_stray_byte_never_joins_the_next_request(  # type: ignore[no-untyped-def]
    hall: Hall, bridge: KeypadBridge, port
) -> None:
    """Line noise sends "1"; a second and more later window 2 asks to call: window 2 calls,
    not window 12."""
    pty = port[1][0]
    hall.issue("B")
    hall.issue("N")
    pty.send(b"1")
    deadline = time.monotonic() + 10
    while bridge.dropped == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert bridge.dropped == 1
    pty.send(b"2 1\r\n")
    assert pty.reply() == "OK 2 1 B001 0"
    assert hall.status().window(12).current is None
    pty.send(b"5 ")  # a line sent in two pieces close together still counts
    pty.send(b"0\r\n")
    assert pty.reply().startswith("OK 5 0")

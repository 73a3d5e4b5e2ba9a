"""A pty pair as a serial printer, and the file connection (a spool file, a missing device)."""

from __future__ import annotations

import os
import threading
import time
import tty
from collections.abc import Iterator
from pathlib import Path

import pytest

from servicehall.config.models import PrinterSettings
from servicehall.printer import make_printer
from servicehall.printer.connections import Deadline, SerialConnection
from servicehall.printer.status import PrinterFault
from servicehall.queue import Hall

from support.printer import STATUS_REQUEST, decode
from support.waiting import DEADLINE_S, finishes, wait_for


@pytest.fixture
def pty_pair() -> Iterator[tuple[int, str]]:
    master, slave = os.openpty()
    tty.setraw(master)
    name = os.ttyname(slave)
    yield master, name
    os.close(slave)
    os.close(master)


def _read_all(fd: int, into: bytearray, stop: threading.Event) -> None:
    os.set_blocking(fd, False)
    while not stop.is_set():
        try:
            into += os.read(fd, 65536)
        except BlockingIOError:
            time.sleep(0.01)
        except OSError:
            return


def test_serial_bytes_arrive(hall: Hall, pty_pair: tuple[int, str]) -> None:
    master, name = pty_pair
    received, stop = bytearray(), threading.Event()
    reader = threading.Thread(target=_read_all, args=(master, received, stop), daemon=True)
    reader.start()
    settings = PrinterSettings(connection="serial", device=name, baudrate=9600, timeout_s=2)
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(settings).print_ticket(hall, ticket)
    wait_for(lambda: bytes(received).count(STATUS_REQUEST) == 2, what="the job and its status")
    stop.set()
    reader.join(DEADLINE_S)
    assert outcome.ok, outcome.detail
    job = bytes(received).split(STATUS_REQUEST)
    assert "A001" in decode(job[1]).lines
    assert hall.ticket(ticket.id).print_state == "printed"


def test_serial_write_that_cannot_drain_times_out(pty_pair: tuple[int, str]) -> None:
    _master, name = pty_pair  # nobody reads the master: the line fills up
    conn = SerialConnection(name, 9600)
    deadline = Deadline(0.5)
    conn.open(deadline)
    try:
        with pytest.raises(PrinterFault) as caught:
            finishes(lambda: conn.write(b"x" * 4_000_000, deadline), what="the blocked write")
    finally:
        conn.close()
    assert caught.value.kind == "no_reply"


def test_missing_serial_device(hall: Hall, tmp_path: Path) -> None:
    settings = PrinterSettings(connection="serial", device=str(tmp_path / "ttyUSB9"), timeout_s=1)
    ticket = hall.issue("A", "dibao")
    outcome = make_printer(settings).print_ticket(hall, ticket)
    assert not outcome.ok and outcome.message.startswith("打印机未连接")


def test_file_connection_appends_the_job(hall: Hall, tmp_path: Path) -> None:
    spool = tmp_path / "lp0"
    printer = make_printer(PrinterSettings(connection="file", path=str(spool), timeout_s=1))
    first, second = hall.issue("A", "dibao"), hall.issue("A", "dibao")
    assert printer.print_ticket(hall, first).ok
    assert printer.print_ticket(hall, second).ok
    lines = decode(spool.read_bytes()).lines
    assert "A001" in lines and "A002" in lines
    status = printer.status()
    assert status.online is None and status.paper == "unknown"


def test_file_device_absent(hall: Hall) -> None:
    printer = make_printer(PrinterSettings(connection="file", path="/dev/usb/lp9", timeout_s=1))
    outcome = printer.print_ticket(hall, hall.issue("A", "dibao"))
    assert not outcome.ok and outcome.ticket_kept
    assert "/dev/usb/lp9" in outcome.detail
    assert printer.status().online is False


def test_fifo_without_reader_is_offline(hall: Hall, tmp_path: Path) -> None:
    fifo = tmp_path / "printer.fifo"
    os.mkfifo(fifo)
    printer = make_printer(PrinterSettings(connection="file", path=str(fifo), timeout_s=1))
    outcome = printer.print_ticket(hall, hall.issue("A", "dibao"))
    assert not outcome.ok and outcome.message.startswith("打印机未连接")


def test_usb_without_pyusb_is_a_clear_fault(hall: Hall) -> None:
    settings = PrinterSettings(connection="usb", vendor_id=0x0416, product_id=0x5011, timeout_s=1)
    outcome = make_printer(settings).print_ticket(hall, hall.issue("A", "dibao"))
    assert not outcome.ok and outcome.message.startswith("打印机未连接")
    assert "usb" in outcome.detail.lower()

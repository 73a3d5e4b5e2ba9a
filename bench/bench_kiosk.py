"""Kiosk benchmark: start-up to the first usable frame, memory, and tap-on-取号 to ticket.

Run: .venv/bin/python bench/bench_kiosk.py [taps]  (prints a Rich table; figures go in
bench/README.md).

- Start-up and memory: ``run_kiosk.py --ignore-hours --preview`` in a real pseudo-terminal at
  100×30 on a fresh data directory (the first run also creates the SQLite file); the clock runs
  from spawning the process to the first screen bytes and to the frame that shows the service
  buttons with their queues ("等候"), with the CPU time the process had used by then (a figure
  the other processes on a busy machine do not inflate); resident memory (VmRSS) is read from
  /proc 3 s later.
- Tap to ticket: the app headless (Textual ``run_test``) on a real SQLite file; from the press of
  "取号" (the Button message a tap becomes) to the ticket screen on top with its big label laid
  out (and the process's CPU time over that span), and to the print result the screen shows;
  with a network printer on 127.0.0.1 that answers its status queries as a healthy printer does,
  also to the ticket's first and last byte arriving there (the status query before the job and
  the one after it are not counted as the ticket).
"""

from __future__ import annotations

import asyncio
import os
import select
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from measure import cpu_seconds, percentile, spawn_in_pty, status_kb
from rich.console import Console
from rich.table import Table
from textual.widgets import Button

from servicehall.config import HallConfig, load_config
from servicehall.config.models import PrinterSettings
from servicehall.kiosk import KioskApp
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.printer.status import STATUS_REQUEST

ROOT = Path(__file__).resolve().parent.parent
STATUS_OK = 0x12
"""A status reply with only the fixed bits set: on-line, cover shut, paper present."""
STARTS = 5
SETTLE_S = 3.0


def start_once(home: str) -> tuple[float, float, float, float]:
    """Seconds to first output and to the service buttons, CPU seconds spent by then, RSS MB."""
    started = time.perf_counter()
    process, master = spawn_in_pty(
        [sys.executable, str(ROOT / "run_kiosk.py"), "--ignore-hours", "--preview"],
        columns=100,
        rows=30,
        home=home,
    )
    first = usable = cpu = 0.0
    seen = b""
    try:
        deadline = started + 30
        while not usable and time.perf_counter() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            chunk = os.read(master, 65536)
            if not chunk:
                break
            first = first or time.perf_counter() - started
            seen = seen[-64:] + chunk
            if "等候".encode() in seen:
                usable = time.perf_counter() - started
                cpu = cpu_seconds(process.pid)
        settle_until = time.monotonic() + SETTLE_S
        while time.monotonic() < settle_until:
            if select.select([master], [], [], 0.2)[0]:
                os.read(master, 65536)
        return first, usable, cpu, status_kb(process.pid, "VmRSS") / 1024
    finally:
        process.terminate()
        process.wait(timeout=10)
        os.close(master)


class TicketPrinter:
    """A TCP printer on 127.0.0.1 that behaves like a healthy one: it answers each status query
    (``DLE EOT 1, 2, 4``) with on-line, cover shut, paper present, and notes when the first and
    the last byte of each ticket arrive (a job sits between two status queries)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.jobs: list[tuple[float, float, int]] = []
        """(first byte, last byte, bytes) of each ticket, perf_counter seconds."""
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self._one_connection(conn)

    def _one_connection(self, conn: socket.socket) -> None:
        first = last = 0.0
        size = 0
        pending = b""
        while chunk := conn.recv(65536):
            now = time.perf_counter()
            pending += chunk
            answered = pending.endswith(STATUS_REQUEST)
            job = pending[: -len(STATUS_REQUEST)] if answered else pending
            if job:
                first = first or now
                last, size = now, size + len(job)
            pending = b""
            if answered:
                conn.sendall(bytes((STATUS_OK, STATUS_OK, STATUS_OK)))
        if size:
            self.jobs.append((first, last, size))


def _config(printer: dict[str, Any]) -> HallConfig:
    config = load_config(None)
    settings = PrinterSettings.model_validate({**config.printer.model_dump(), **printer})
    return config.model_copy(update={"printer": settings})


async def _wait(predicate: Any, timeout: float = 10.0) -> float:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("kiosk did not get there")
        await asyncio.sleep(0.001)
    return time.perf_counter()


def _ticket_drawn(app: KioskApp) -> Any:
    """True once the ticket screen is on top with its big label laid out."""

    def drawn() -> bool:
        screen = app.screen
        return isinstance(screen, TicketScreen) and any(
            label.size.width for label in screen.query("#ticket-label")
        )

    return drawn


def taps(config: HallConfig, url: str, count: int, printer: TicketPrinter | None) -> dict:
    """Time ``count`` tickets from the tap on 取号; returns lists of milliseconds."""
    figures: dict[str, list[float]] = {
        name: [] for name in ("screen", "cpu", "outcome", "first_byte", "last_byte")
    }

    async def run() -> None:
        app = KioskApp(config, db=url, enforce_hours=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await _wait(lambda: app.screen.query(".service"))
            await pilot.pause()
            for _ in range(count):
                await pilot.click("#service-J")
                await _wait(lambda: isinstance(app.screen, ConfirmScreen))
                await pilot.pause()
                before = len(printer.jobs) if printer else 0
                take = app.screen.query_one("#take", Button)
                cpu_before = time.process_time()
                tapped = time.perf_counter()
                take.press()  # what a tap becomes once Textual has parsed the mouse event
                shown = await _wait(_ticket_drawn(app))
                figures["cpu"].append((time.process_time() - cpu_before) * 1000)
                figures["screen"].append((shown - tapped) * 1000)
                ticket_screen = app.screen
                assert isinstance(ticket_screen, TicketScreen)
                known = await _wait(lambda screen=ticket_screen: screen.outcome is not None)
                assert ticket_screen.outcome is not None and ticket_screen.outcome.ok
                figures["outcome"].append((known - tapped) * 1000)
                if printer is not None:
                    await _wait(lambda n=before: len(printer.jobs) > n)
                    first, last, _ = printer.jobs[before]
                    figures["first_byte"].append((first - tapped) * 1000)
                    figures["last_byte"].append((last - tapped) * 1000)
                app.go_home()
                await _wait(lambda: isinstance(app.screen, HomeScreen))
                await pilot.pause()

    asyncio.run(run())
    return figures


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    console = Console()
    table = Table(title="entrance kiosk")
    table.add_column("measure")
    table.add_column("median", justify="right")
    table.add_column("p95 / max", justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SERVICEHALL_HOME"] = tmp
        console.print(f"start-up in a pty, {STARTS} runs (first on an empty data dir) …")
        starts = [start_once(tmp) for _ in range(STARTS)]
        for index, (label, unit) in enumerate(
            (
                ("start → first frame", "s"),
                ("start → services on screen", "s"),
                ("CPU time used by then", "s"),
                ("resident memory (RSS)", "MB"),
            )
        ):
            values = [start[index] for start in starts]
            digits = 0 if unit == "MB" else 2
            table.add_row(
                label,
                f"{statistics.median(values):.{digits}f} {unit}",
                f"{max(values):.{digits}f} {unit}",
            )
        console.print(f"tap on 取号 → ticket, {count} taps per printer …")
        preview = taps(
            _config({"connection": "preview"}), f"sqlite:///{tmp}/preview.db", count, None
        )
        printer = TicketPrinter()
        network = taps(
            _config({"connection": "network", "host": "127.0.0.1", "port": printer.port}),
            f"sqlite:///{tmp}/network.db",
            count,
            printer,
        )
    rows = (
        ("screen", "tap → ticket screen"),
        ("cpu", "CPU time, tap → ticket screen"),
        ("outcome", "tap → print result on screen"),
        ("first_byte", "tap → ticket's first byte at the printer"),
        ("last_byte", "tap → ticket's last byte at the printer"),
    )
    for name, figures in (("preview", preview), ("network 127.0.0.1", network)):
        for key, label in rows:
            values = figures[key]
            if values:
                table.add_row(
                    f"{label} ({name})",
                    f"{statistics.median(values):.1f} ms",
                    f"{percentile(values, 0.95):.1f} / {max(values):.1f} ms",
                )
    console.print(table)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    console.print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load average {load}")


if __name__ == "__main__":
    main()

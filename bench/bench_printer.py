"""Printed tickets: bytes per ticket, time on the wire at 9600/115200 baud, issue-to-last-byte,
and the start-up cost of the printing code with and without python-escpos's capabilities cache.

Run: .venv/bin/python bench/bench_printer.py [rounds]   (about 30 s)
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from servicehall.config import load_config
from servicehall.config.models import PrinterSettings
from servicehall.printer import make_printer
from servicehall.printer.imagemode import font_path
from servicehall.queue import Hall

STATUS_REQUEST = b"\x10\x04\x01\x10\x04\x02\x10\x04\x04"
BITS_PER_BYTE = 10  # 8N1: start bit, 8 data bits, stop bit


class Receiver:
    """A network printer on 127.0.0.1 that swallows jobs and answers status: on-line, paper."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                while chunk := conn.recv(65536):
                    if chunk.endswith(STATUS_REQUEST):
                        conn.sendall(b"\x12\x12\x12")


def _hall() -> Hall:
    home = tempfile.mkdtemp(prefix="bench-printer-")
    os.environ["SERVICEHALL_HOME"] = home
    return Hall.open(load_config(None), db=f"sqlite:///{home}/hall.db", enforce_hours=False)


def job_sizes(hall: Hall) -> list[tuple[str, int]]:
    ticket = hall.issue("A", "dibao")
    sizes = []
    for mode in ("text", "image"):
        if mode == "image" and font_path() is None:
            continue
        for width in (58, 80):
            settings = PrinterSettings(mode=mode, paper_width_mm=width)
            printer = make_printer(settings)
            job = printer.job(printer.layout(hall, ticket))
            sizes.append((f"{mode} {width} mm", len(job.data)))
    return sizes


def issue_to_last_byte(hall: Hall, mode: str, rounds: int) -> list[float]:
    receiver = Receiver()
    settings = PrinterSettings(
        connection="network", host="127.0.0.1", port=receiver.port, mode=mode, timeout_s=3
    )
    printer = make_printer(settings)
    printer.print_ticket(hall, hall.issue("A", "dibao"))  # warm-up: imports, font, caches
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        outcome = printer.print_ticket(hall, hall.issue("A", "dibao"))
        times.append((time.perf_counter() - started) * 1000)
        assert outcome.ok, outcome.detail
    return times


def _timed_import(module: str, env: dict[str, str], after: str = "servicehall.queue") -> float:
    """Milliseconds a fresh process spends importing ``module`` once ``after`` is loaded."""
    preload = f"import {after}; " if after else ""
    code = (
        f"import time; {preload}t = time.perf_counter(); "
        f"import {module}; print((time.perf_counter() - t) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return float(out.stdout)


def import_costs(rounds: int = 5) -> list[tuple[str, float]]:
    env = {k: v for k, v in os.environ.items() if k != "ESCPOS_CAPABILITIES_PICKLE_DIR"}
    cached = {**env, "ESCPOS_CAPABILITIES_PICKLE_DIR": tempfile.mkdtemp(prefix="escpos-cache-")}
    _timed_import("escpos.printer", cached)  # fills the cache once
    cases = [
        ("servicehall.queue (the core; every process has it)", "servicehall.queue", env, ""),
        ("+ servicehall.printer (all text mode needs)", "servicehall.printer", env),
        ("+ escpos.printer, no cache dir", "escpos.printer", env),
        ("+ escpos.printer, ESCPOS_CAPABILITIES_PICKLE_DIR set", "escpos.printer", cached),
    ]
    results = []
    for name, *args in cases:
        runs = [_timed_import(*args) for _ in range(rounds)]  # type: ignore[arg-type]
        results.append((name, statistics.median(runs)))
    return results


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    console = Console()
    hall = _hall()

    sizes = Table("job (typical ticket: A 低保申请)", "bytes", "9600 baud", "115200 baud")
    for name, size in job_sizes(hall):
        sizes.add_row(
            name,
            f"{size:,}",
            f"{size * BITS_PER_BYTE / 9600:.2f} s",
            f"{size * BITS_PER_BYTE / 115200 * 1000:.0f} ms",
        )
    console.print(sizes)

    latency = Table(
        "issue → last byte sent, confirmed, recorded (127.0.0.1 printer)", "median", "p95", "max"
    )
    for mode in ("text", "image"):
        if mode == "image" and font_path() is None:
            continue
        times = sorted(issue_to_last_byte(hall, mode, rounds))
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        latency.add_row(
            f"{mode} mode, 58 mm ({rounds} tickets)",
            f"{statistics.median(times):.1f} ms",
            f"{p95:.1f} ms",
            f"{times[-1]:.1f} ms",
        )
    console.print(latency)

    imports = Table("import cost in a fresh process (median of 5)", "time")
    for name, ms in import_costs():
        imports.add_row(name, f"{ms:.0f} ms")
    console.print(imports)
    hall.close()
    Path(os.environ["SERVICEHALL_HOME"], "hall.db").unlink(missing_ok=True)


if __name__ == "__main__":
    main()

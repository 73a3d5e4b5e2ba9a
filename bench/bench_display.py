"""Hall display benchmark: call-to-screen latency from another process; idle CPU and memory.

Run: .venv/bin/python bench/bench_display.py [calls]  (prints a Rich table; figures go in
bench/README.md). Latency: a second process calls tickets one after another on the same SQLite
file; the display (headless Textual, 160×45) notes when the refresh that drew each call finished.
CPU and memory: ``servicehall display --no-voice`` in a real pseudo-terminal at 160×45, idle for
20 s, then with one call a second for 20 s, read from /proc.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time

from measure import cpu_seconds, percentile, spawn_in_pty, status_kb
from rich.console import Console
from rich.table import Table

from servicehall.config import load_config
from servicehall.display.latency import MeasuredDisplay, drive, start_caller
from servicehall.queue import Hall

SAMPLE_S = 20.0
SETTLE_S = 5.0


def _open(url: str) -> Hall:
    return Hall.open(load_config(None), db=url, enforce_hours=False)


def latency(url: str, calls: int) -> list[float]:
    hall = _open(url)
    for _ in range(calls):
        hall.issue("A")
    hall.close()

    async def run() -> list[float]:
        app = MeasuredDisplay(load_config(None), url)
        async with app.run_test(size=(160, 45)) as pilot:
            while app.snapshot is None:
                await pilot.pause(0.05)
            caller = start_caller(url, window=1, count=calls, gap_s=0.02)
            measurement = await drive(app, caller, calls)
        return measurement.latencies_ms()

    return asyncio.run(run())


def _cpu_percent(pid: int, seconds: float, during: threading.Event | None = None) -> float:
    start_cpu, start = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    if during is not None:
        during.set()
    return (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start) * 100


def process_costs(url: str, home: str) -> dict[str, float]:
    """Start the real display in a pty; measure idle CPU, CPU at one call a second, memory."""
    process, master = spawn_in_pty(
        [sys.executable, "-m", "servicehall", "--db", url, "display", "--no-voice"],
        columns=160,
        rows=45,
        home=home,
    )
    drained = threading.Event()

    def drain() -> None:
        while not drained.is_set():
            try:
                if not os.read(master, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    try:
        time.sleep(SETTLE_S)
        idle = _cpu_percent(process.pid, SAMPLE_S)
        rss_idle = status_kb(process.pid, "VmRSS")
        stop = threading.Event()

        def calls() -> None:
            hall = _open(url)
            for _ in range(int(SAMPLE_S) + 5):
                hall.issue("B")
            while not stop.is_set():
                hall.call_next(2)
                stop.wait(1.0)
            hall.close()

        caller = threading.Thread(target=calls, daemon=True)
        caller.start()
        busy = _cpu_percent(process.pid, SAMPLE_S, during=stop)
        caller.join()
        return {
            "idle_cpu": idle,
            "busy_cpu": busy,
            "rss_mb": rss_idle / 1024,
            "peak_mb": status_kb(process.pid, "VmHWM") / 1024,
        }
    finally:
        process.terminate()
        process.wait(timeout=10)
        drained.set()
        os.close(master)


def main() -> None:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SERVICEHALL_HOME"] = tmp
        url = f"sqlite:///{tmp}/latency.db"
        console.print(f"call-to-screen latency over {calls} calls from another process …")
        samples = latency(url, calls)
        console.print(f"CPU and memory of the display process ({SAMPLE_S:.0f} s each) …")
        costs = process_costs(f"sqlite:///{tmp}/costs.db", tmp)
    table = Table(title="hall display")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("calls shown", f"{len(samples)} / {calls}")
    table.add_row("latency median", f"{statistics.median(samples):.1f} ms")
    table.add_row("latency p95", f"{percentile(samples, 0.95):.1f} ms")
    table.add_row("latency p99", f"{percentile(samples, 0.99):.1f} ms")
    table.add_row("latency max", f"{max(samples):.1f} ms")
    table.add_row("idle CPU", f"{costs['idle_cpu']:.2f} %")
    table.add_row("CPU at 1 call/s", f"{costs['busy_cpu']:.2f} %")
    table.add_row("memory (RSS idle)", f"{costs['rss_mb']:.1f} MB")
    table.add_row("memory (peak RSS)", f"{costs['peak_mb']:.1f} MB")
    console.print(table)


if __name__ == "__main__":
    main()

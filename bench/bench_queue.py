"""Queue core benchmark: issue latency, issue throughput from 1/2/4 processes, call-next latency.

Run: .venv/bin/python bench/bench_queue.py  (prints a Rich table; figures go in bench/README.md)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from measure import percentile
from rich.console import Console
from rich.table import Table

from servicehall.config import load_config
from servicehall.queue import Hall


def _open(url: str) -> Hall:
    return Hall.open(load_config(None), db=url, enforce_hours=False)


def issue_latency(url: str, count: int = 2000) -> tuple[float, float]:
    hall = _open(url)
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        hall.issue("B")
        samples.append((time.perf_counter() - start) * 1000)
    hall.close()
    return statistics.median(samples), percentile(samples, 0.99)


def _issue_worker(args: tuple[str, int, object]) -> None:
    url, count, barrier = args
    hall = Hall.open(load_config(None), db=url, enforce_hours=False, create=False)
    barrier.wait()  # type: ignore[attr-defined]
    for _ in range(count):
        hall.issue("A")
    hall.close()


def issue_throughput(url: str, processes: int, per_process: int = 1000) -> float:
    _open(url).close()
    ctx = get_context("spawn")
    barrier = ctx.Barrier(processes + 1)
    workers = [
        ctx.Process(target=_issue_worker, args=((url, per_process, barrier),))
        for _ in range(processes)
    ]
    for w in workers:
        w.start()
    barrier.wait()
    start = time.perf_counter()
    for w in workers:
        w.join()
    return processes * per_process / (time.perf_counter() - start)


def call_next_latency(url: str, waiting: int = 1000, calls: int = 200) -> tuple[float, float]:
    hall = _open(url)
    for _ in range(waiting + calls):
        hall.issue("B")
    samples = []
    for _ in range(calls):
        start = time.perf_counter()
        hall.call_next(2)
        samples.append((time.perf_counter() - start) * 1000)
    hall.close()
    return statistics.median(samples), percentile(samples, 0.99)


def main() -> int:
    console = Console()
    table = Table("measure", "figure", title="queue core on SQLite (WAL, synchronous=NORMAL)")
    with tempfile.TemporaryDirectory() as tmp:

        def url(name: str) -> str:
            return f"sqlite:///{Path(tmp) / name}.db"

        median, p99 = issue_latency(url("latency"))
        table.add_row("issue latency, 1 process (median / p99)", f"{median:.2f} ms / {p99:.2f} ms")
        for n in (1, 2, 4):
            rate = issue_throughput(url(f"tp{n}"), n)
            table.add_row(f"issue throughput, {n} process(es)", f"{rate:.0f} tickets/s")
        median, p99 = call_next_latency(url("call"))
        table.add_row(
            "call next with 1,000 waiting (median / p99)", f"{median:.2f} ms / {p99:.2f} ms"
        )
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

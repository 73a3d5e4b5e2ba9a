"""SQLite and PostgreSQL side by side: issue throughput from 1 and 4 processes; the latency from
a call made in another process to a watcher reading it off the change feed (``data_version``
polling on SQLite, LISTEN/NOTIFY on PostgreSQL), and to the hall display having drawn it (the
display's own harness, ``bench_display.latency``). Latencies: median / p95 / p99.

Run: .venv/bin/python bench/bench_backends.py [POSTGRES_URL]
(default $SERVICEHALL_TEST_PG or postgresql+psycopg://postgres@127.0.0.1:5432/servicehall_bench)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

from bench_display import latency as screen_latency
from bench_queue import issue_throughput
from measure import percentile
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicehall.config import load_config
from servicehall.queue import Hall
from servicehall.queue.schema import upgrade
from servicehall.queue.store import Store

CALLS = 200


def _caller(url: str, ready: object) -> None:
    hall = Hall.open(load_config(None), db=url, enforce_hours=False, create=False)
    ready.wait()  # type: ignore[attr-defined]
    for _ in range(CALLS):
        hall.issue("B")
        hall.call_next(2)
        time.sleep(0.02)
    hall.close()


def feed_latency(url: str) -> list[float]:
    """Milliseconds from each call (its event time) to the watcher having read it."""
    hall = Hall.open(load_config(None), db=url, enforce_hours=False)
    feed = hall.watch()
    last = hall.status().last_event_id
    ctx = get_context("spawn")
    ready = ctx.Barrier(2)
    proc = ctx.Process(target=_caller, args=(url, ready))
    proc.start()
    ready.wait()
    latencies: list[float] = []
    while len(latencies) < CALLS:
        if not feed.wait(5.0):
            break
        events = hall.events(after=last)
        now = time.time()
        for event in events:
            last = event.id
            if event.kind == "call":
                latencies.append((now - event.at.timestamp()) * 1000)
    proc.join()
    feed.close()
    hall.close()
    return latencies


def _fresh_postgres(url: str) -> str | None:
    parsed = make_url(url)
    try:
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
        store = Store(url)
        upgrade(store)
        store.dispose()
    except Exception as exc:  # noqa: BLE001
        Console(stderr=True).print(f"PostgreSQL unavailable ({exc}); measuring SQLite only")
        return None
    return url


def _quantiles(values: list[float]) -> str:
    median, p95, p99 = statistics.median(values), percentile(values, 0.95), percentile(values, 0.99)
    return f"{median:.1f} / {p95:.1f} / {p99:.1f} ms"


def main() -> int:
    pg_default = os.environ.get(
        "SERVICEHALL_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/servicehall_test"
    )
    pg_url = sys.argv[1] if len(sys.argv) > 1 else pg_default
    pg_url = make_url(pg_url).set(database="servicehall_bench").render_as_string(False)
    table = Table("measure", "SQLite", "PostgreSQL", title="backends side by side")
    with tempfile.TemporaryDirectory() as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        rows: dict[str, list[str]] = {}
        for name, url in (("sqlite", sqlite_url), ("postgresql", pg_url)):
            if name == "postgresql" and _fresh_postgres(url) is None:
                for row in rows.values():
                    row.append("—")
                continue
            for n in (1, 4):
                if name == "sqlite":
                    url = f"sqlite:///{Path(tmp) / f'tp{n}.db'}"
                elif n == 4:
                    _fresh_postgres(url)
                rate = issue_throughput(url, n, per_process=500)
                rows.setdefault(f"issue throughput, {n} process(es)", []).append(f"{rate:.0f}/s")
            if name == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'feed.db'}"
            else:
                _fresh_postgres(url)
            watcher = _quantiles(feed_latency(url))
            rows.setdefault(f"call → watcher read ({CALLS} calls)", []).append(watcher)
            if name == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'screen.db'}"
            else:
                _fresh_postgres(url)
            screen = _quantiles(screen_latency(url, CALLS))
            rows.setdefault(f"call → display drew it ({CALLS} calls)", []).append(screen)
        for measure, figures in rows.items():
            table.add_row(measure, *figures)
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())

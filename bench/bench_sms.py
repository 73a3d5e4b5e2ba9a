"""Time from a ticket's people-ahead reaching ``[sms] notify_ahead`` to its PDU on the modem's port.

A real ``servicehall sms`` process follows an SQLite file (or ``--db`` PostgreSQL) and sends
through a GSM modem played on a pty (``tests/support/modem.py``: AT commands, ``> `` prompt,
``+CMGS``). Each round issues four tickets and a fifth with a number registered (so four are
ahead), then the bench process calls the next ticket: the moment ``call_next`` returns (its
transaction committed, three ahead) to the moment the reminder's PDU and Ctrl-Z have reached the
modem. The rest of the round's tickets are then called, and the next round starts once the bridge
has nothing left to send. One number per round, so the daily cap never interferes.

Run: .venv/bin/python bench/bench_sms.py [--rounds 50] [--db URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import percentile
from rich.console import Console
from rich.table import Table

from servicehall.config import load_config, sample_text
from servicehall.queue import Hall
from servicehall.queue.outbox import (
    PENDING,
    SENDING,
    gateway_report,
    open_contacts,
    outbox_summary,
    register_phone,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from support.modem import FakeModem  # noqa: E402

WINDOW = 1  # serves 民政 (A), with window 13


def hall_file(directory: Path, port: Path) -> Path:
    text = sample_text().replace("enabled = false", "enabled = true")
    text = text.replace("daily_cap = 5", "daily_cap = 100")
    commented = "# port = " + text.split("# port = ", 1)[1].split("\n", 1)[0]
    text = text.replace(commented, f'port = "{port}"')
    path = directory / "hall.toml"
    path.write_text(text, "utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--db", help="a PostgreSQL URL (default: an SQLite file)")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp, FakeModem(Path(tmp)) as modem:
        directory = Path(tmp)
        config_path = hall_file(directory, modem.path)
        db = args.db or f"sqlite:///{directory / 'hall.db'}"
        hall = Hall.open(load_config(config_path), db=db, enforce_hours=False)
        env = dict(os.environ, SERVICEHALL_HOME=str(directory))
        bridge = subprocess.Popen(
            [sys.executable, "-m", "servicehall", "--config", str(config_path), "--db", db, "sms"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        try:
            ready(hall)
            latencies = rounds(hall, modem, args.rounds)
        finally:
            bridge.terminate()
            bridge.wait(60)
            hall.close()
    ms = [s * 1000 for s in latencies]
    table = Table("measure", "value", title="ahead reaches notify_ahead → PDU on the port")
    table.add_row("database", "PostgreSQL" if args.db else "SQLite file")
    table.add_row("rounds", str(len(ms)))
    table.add_row("median", f"{statistics.median(ms):.1f} ms")
    table.add_row("p95", f"{percentile(ms, 0.95):.1f} ms")
    table.add_row("max", f"{max(ms):.1f} ms")
    table.add_row("load average (1 min) at the end", f"{os.getloadavg()[0]:.2f}")
    console.print(table)


def rounds(hall: Hall, modem: FakeModem, count: int) -> list[float]:
    latencies: list[float] = []
    deadline_s = 60.0
    for n in range(count):
        for _ in range(4):
            hall.issue("A")
        ticket = hall.issue("A")
        register_phone(hall, ticket.id, f"1390000{n:04d}")
        seen = len(modem.pdus)
        hall.call_next(WINDOW)
        committed = time.monotonic()
        modem.wait_received(seen + 1, deadline_s)
        latencies.append(modem.arrived[seen] - committed)
        while hall.call_next(WINDOW) is not None:  # the rest of the round (and maybe its call SMS)
            pass
        quiet(hall, deadline_s)
    return latencies


def ready(hall: Hall) -> None:
    """Wait until the bridge has started and found the modem ready (its heartbeat)."""
    deadline = time.monotonic() + 60
    while not ((report := gateway_report(hall)) and report.running and report.ready):
        if time.monotonic() > deadline:
            raise SystemExit("the bridge did not start")
        time.sleep(0.05)


def quiet(hall: Hall, deadline_s: float) -> None:
    """Wait until the bridge has closed every registration and sent everything it enqueued."""
    deadline = time.monotonic() + deadline_s
    while open_contacts(hall) or any(outbox_summary(hall).counts[s] for s in (PENDING, SENDING)):
        if time.monotonic() > deadline:
            raise SystemExit("the bridge did not finish the round")
        time.sleep(0.02)


if __name__ == "__main__":
    main()

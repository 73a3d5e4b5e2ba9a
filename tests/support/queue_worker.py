"""Workers for the concurrency and crash tests, run in processes of ``support.processes``: they
issue or call tickets on a shared database, each with its own connections.

Each takes the sending end of its pipe first. ``issue`` and ``call`` send, once done, one row per
ticket they touched; ``issue_forever`` sends "ready" after its first ticket and issues until it is
killed. A caller keeps calling until ``stop`` exists (the test creates it once every ticket is
issued) and then nothing is left for its window: it never gives up early because the issuing
process was slow to start.
"""

from __future__ import annotations

import time
from multiprocessing.connection import Connection
from pathlib import Path

from servicehall.config import load_config
from servicehall.queue import Hall


def _open(url: str) -> Hall:
    return Hall.open(load_config(None), db=url, enforce_hours=False, create=False)


def issue(out: Connection, url: str, service: str, count: int) -> None:
    """Issue ``count`` tickets of ``service``; send their ids and numbers."""
    hall = _open(url)
    rows = []
    for _ in range(count):
        ticket = hall.issue(service)
        rows.append({"id": ticket.id, "number": ticket.number})
    out.send(rows)
    hall.close()


def issue_forever(out: Connection, url: str, service: str) -> None:
    """Issue one ticket of ``service``, send "ready", then issue until killed."""
    hall = _open(url)
    hall.issue(service)
    out.send("ready")
    while True:
        hall.issue(service)


def call(out: Connection, url: str, window: int, stop: Path) -> None:
    """Call the next ticket at ``window`` until ``stop`` exists and none is left; send them."""
    hall = _open(url)
    rows = []
    while True:
        all_issued = stop.exists()  # looked at before the call: then None means empty
        ticket = hall.call_next(window)
        if ticket is None:
            if all_issued:
                break
            time.sleep(0.005)
            continue
        rows.append({"id": ticket.id, "label": ticket.label})
    out.send(rows)
    hall.close()

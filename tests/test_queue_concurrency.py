"""Several processes on one database: numbers never repeat or skip, no ticket is called twice,
and a process killed mid-issue leaves the database consistent."""

from __future__ import annotations

import random
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from servicehall.config import HallConfig
from servicehall.queue import Hall
from servicehall.queue.tables import COUNTERS, EVENTS, TICKETS

from support import processes, queue_worker
from support.waiting import DEADLINE_S


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite and on PostgreSQL."""
    return any_db_url


@pytest.fixture
def workers() -> Iterator[processes.Workers]:
    """Worker processes forked from the preloaded server; none outlives the test."""
    started = processes.Workers()
    try:
        yield started
    finally:
        started.stop()


def _rows(worker: processes.Worker) -> list[dict]:
    """What a worker sent once done; it must have exited cleanly."""
    rows: list[dict] = worker.receive()
    assert worker.join() == 0
    return rows


@pytest.fixture
def shared(config: HallConfig, db_url: str) -> Hall:
    hall = Hall.open(config, db=db_url, enforce_hours=False)
    yield hall
    hall.close()


@pytest.mark.slow
def test_four_processes_issue_2000_distinct_numbers_without_gaps(
    shared: Hall, db_url: str, workers: processes.Workers
) -> None:
    issuers = [workers.start(queue_worker.issue, db_url, "B", 500) for _ in range(4)]
    issued = [row for w in issuers for row in _rows(w)]
    numbers = sorted(row["number"] for row in issued)
    assert numbers == list(range(1, 2001))
    assert len({row["id"] for row in issued}) == 2000
    assert shared.status().waiting("B") == 2000
    assert [e.kind for e in shared.events(limit=5000)].count("issue") == 2000


@pytest.mark.slow
def test_four_callers_never_share_a_ticket_and_lose_none(
    shared: Hall, db_url: str, tmp_path: Path, workers: processes.Workers
) -> None:
    all_issued = tmp_path / "all-issued"
    issuer = workers.start(queue_worker.issue, db_url, "B", 400)
    # windows 2, 3 and 13 serve B; window 2 has two processes calling on it
    callers = [workers.start(queue_worker.call, db_url, w, all_issued) for w in (2, 3, 13, 2)]
    issued = _rows(issuer)
    all_issued.touch()
    called = [row for c in callers for row in _rows(c)]
    called_ids = [row["id"] for row in called]
    assert len(called_ids) == len(set(called_ids)), "a ticket was called twice"
    assert set(called_ids) == {row["id"] for row in issued}, "a ticket was lost"
    call_events = [e.ticket_id for e in shared.events(limit=5000) if e.kind == "call"]
    assert sorted(call_events) == sorted(called_ids)


KILLED = "servicehall-killed-worker"


def _until_its_server_processes_end(shared: Hall) -> None:
    """On PostgreSQL, wait until the server has finished what the killed worker sent: a COMMIT
    already on its way still lands after the worker has died, and the counts must not be read
    before it does. SQLite has no such server; its transactions end with the process."""
    if shared.store.dialect != "postgresql":
        return
    still = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name")
    deadline = time.monotonic() + DEADLINE_S
    while shared.store.read(lambda conn: conn.execute(still, {"name": KILLED}).scalar_one()):
        assert time.monotonic() < deadline, "the killed worker's server process never ended"
        time.sleep(0.02)


@pytest.mark.slow
def test_sigkill_mid_issue_leaves_no_half_ticket(
    shared: Hall, db_url: str, workers: processes.Workers
) -> None:
    rng = random.Random(7)
    worker_url = make_url(db_url)
    if worker_url.get_backend_name() == "postgresql":
        worker_url = worker_url.update_query_dict({"application_name": KILLED})
    for _ in range(5):
        worker = workers.start(
            queue_worker.issue_forever, worker_url.render_as_string(hide_password=False), "A"
        )
        assert worker.receive() == "ready"
        time.sleep(rng.random() * 0.2)  # kill while issues are in flight
        worker.process.kill()
        assert worker.join() == -signal.SIGKILL
        _until_its_server_processes_end(shared)
    tickets, counters, events = TICKETS, COUNTERS, EVENTS

    def check(conn):  # type: ignore[no-untyped-def]
        count, top = conn.execute(select(func.count(), func.max(tickets.c.number))).one()
        last = conn.execute(select(counters.c.last_number)).scalar_one()
        issue_events = conn.execute(
            select(func.count()).where(events.c.kind == "issue")
        ).scalar_one()
        return count, top, last, issue_events

    count, top, last, issue_events = shared.store.read(check)
    assert count > 0
    assert count == top == last == issue_events
    assert shared.issue("A").number == last + 1

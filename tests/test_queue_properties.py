"""Random sequences of operations through the public ``Hall`` API — issue, call, recall, skip,
requeue, transfer, finish, cancel, pause, sign-in, rating, the clock going on, stepping back and
crossing midnight — with the hall's invariants checked after every step (Hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
)
from sqlalchemy import select

from servicehall.config import load_config
from servicehall.queue import RATINGS, FixedClock, Hall, HallError
from servicehall.queue.statements import COUNTERS, EVENTS, SEQUENCES, TICKETS, WINDOWS

from support.halls import OPEN_MONDAY
from support.template import copy_template

CONFIG = load_config(None)
SERVICES = ["A", "B", "D", "E"]
MATTERS = {"A": "dibao", "B": None, "D": None, "E": None}
WINDOWS_USED = [1, 2, 5, 13]  # 13 serves B, A, C "ordered"; 5 takes the oldest of D and E
STATUS_EVENTS = {"issue", "call", "skip", "finish", "transfer", "requeue", "cancel"}


class HallMachine(RuleBasedStateMachine):
    tickets = Bundle("tickets")

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.clock = FixedClock(OPEN_MONDAY)
        db = f"sqlite:///{Path(self.folder.name) / 'hall.db'}"
        copy_template(db)
        self.hall = Hall.open(CONFIG, db=db, clock=self.clock, enforce_hours=False)
        self.ratings: dict[int, str] = {}
        self.refused: Counter[str] = Counter()

    def teardown(self) -> None:
        self.hall.close()
        self.folder.cleanup()

    def _try(self, operation: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return operation(*args, **kwargs)
        except HallError as error:  # a refusal is an answer; the invariants must still hold
            self.refused[error.key] += 1
            return None

    # ------------------------------------------------------------------ operations

    @rule(target=tickets, service=st.sampled_from(SERVICES), priority=st.booleans())
    def issue(self, service: str, priority: bool) -> Any:
        ticket = self._try(self.hall.issue, service, matter=MATTERS[service], priority=priority)
        return multiple(ticket.id) if ticket else multiple()

    @rule(window=st.sampled_from(WINDOWS_USED), clerk=st.sampled_from([None, "mz01", "ws02"]))
    def call_next(self, window: int, clerk: str | None) -> None:
        self._try(self.hall.call_next, window, clerk=clerk)

    @rule(window=st.sampled_from(WINDOWS_USED))
    def recall(self, window: int) -> None:
        self._try(self.hall.recall, window)

    @rule(window=st.sampled_from(WINDOWS_USED))
    def skip(self, window: int) -> None:
        self._try(self.hall.skip, window)

    @rule(window=st.sampled_from(WINDOWS_USED))
    def finish(self, window: int) -> None:
        self._try(self.hall.finish, window)

    @rule(window=st.sampled_from(WINDOWS_USED), to=st.sampled_from(SERVICES))
    def transfer(self, window: int, to: str) -> None:
        self._try(self.hall.transfer, window, to)

    @rule(ticket=tickets)
    def requeue(self, ticket: int) -> None:
        self._try(self.hall.requeue, ticket)

    @rule(ticket=tickets, window=st.sampled_from(WINDOWS_USED))
    def call_ticket(self, ticket: int, window: int) -> None:
        self._try(self.hall.call_ticket, ticket, window)

    @rule(ticket=tickets)
    def cancel(self, ticket: int) -> None:
        self._try(self.hall.cancel, ticket, reason="left")

    @rule(ticket=tickets, rating=st.sampled_from(RATINGS))
    def rate(self, ticket: int, rating: str) -> None:
        if self._try(self.hall.rate, ticket, rating) is not None:
            assert ticket not in self.ratings, "a ticket was rated twice"
            self.ratings[ticket] = rating

    @rule(window=st.sampled_from(WINDOWS_USED), pause=st.booleans())
    def pause_or_resume(self, window: int, pause: bool) -> None:
        self._try(self.hall.pause if pause else self.hall.resume, window)

    @rule(window=st.sampled_from(WINDOWS_USED), clerk=st.sampled_from(["mz01", "ws02", "x9"]))
    def sign_in(self, window: int, clerk: str) -> None:
        self._try(self.hall.sign_in, window, clerk)

    @rule(minutes=st.integers(min_value=0, max_value=90))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @precondition(lambda self: self.clock.now().hour >= 3)
    @rule(minutes=st.integers(min_value=1, max_value=150))
    def clock_steps_back(self, minutes: int) -> None:
        """NTP or a flat CMOS battery: back, but not across midnight."""
        self.clock.moment = max(
            self.clock.moment - dt.timedelta(minutes=minutes),
            self.clock.moment.replace(hour=0, minute=1),
        )

    @rule()
    def next_morning(self) -> None:
        tomorrow = self.clock.now().date() + dt.timedelta(days=1)
        self.clock.moment = dt.datetime.combine(tomorrow, dt.time(9, 0), OPEN_MONDAY.tzinfo)

    # ------------------------------------------------------------------ invariants

    def _rows(self) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any]]:
        def work(conn: Any) -> tuple[list[Any], ...]:
            return tuple(
                conn.execute(select(table)).all()
                for table in (TICKETS, COUNTERS, SEQUENCES, WINDOWS, EVENTS)
            )

        return self.hall.store.read(work)  # type: ignore[return-value]

    @invariant()
    def the_hall_is_consistent(self) -> None:
        tickets, counters, sequences, windows, events = self._rows()
        today = self.clock.now().date()

        # numbers unique and gapless per service and day, matching their counters
        numbers: dict[tuple[dt.date, str], list[int]] = defaultdict(list)
        for t in tickets:
            numbers[(t.day, t.origin_service)].append(t.number)
        assert {k: sorted(v) for k, v in numbers.items()} == {
            k: list(range(1, len(v) + 1)) for k, v in numbers.items()
        }
        assert {(c.day, c.service): c.last_number for c in counters} == {
            k: len(v) for k, v in numbers.items()
        }
        per_day = Counter(t.day for t in tickets)
        assert {s.day: s.last_seq for s in sequences} == dict(per_day)

        # no ticket at two windows; every ticket being served is its window's current one
        called = {t.id for t in tickets if t.status == "called"}
        current = [w.current_ticket_id for w in windows if w.current_ticket_id in called]
        assert len(current) == len(set(current)) and set(current) == called
        # (yesterday's are closed by the first call of the day, not at midnight)
        assert all(t.window is not None for t in tickets if t.status == "called")

        # times never run backwards for a ticket
        for t in tickets:
            if t.called_ts is not None:
                assert t.issued_ts <= t.called_ts <= t.last_called_ts
            if t.finished_ts is not None:
                assert t.finished_ts >= (t.last_called_ts or t.issued_ts)
        for e in events:
            detail = json.loads(e.detail) if e.detail else {}
            assert detail.get("waited_s", 0) >= 0 and detail.get("service_s", 0) >= 0

        # every state change has its event
        last: dict[int, str] = {}
        for e in sorted(events, key=lambda e: e.id):
            if e.ticket_id is not None and e.kind in STATUS_EVENTS:
                last[e.ticket_id] = e.kind
        for t in tickets:
            kind = last.get(t.id)
            closed_by_expiry = t.day < today
            expected = {
                "waiting": {"issue", "transfer", "requeue"},
                "called": {"call"},
                "no_show": {"skip"},
                "finished": {"finish"} | ({"call"} if closed_by_expiry else set()),
                "cancelled": {"cancel"},
                "expired": {"issue", "transfer", "requeue", "skip"} if closed_by_expiry else set(),
            }[t.status]
            assert kind in expected, (t.label, t.status, kind)
            if t.rating is not None:
                assert t.status == "finished" and self.ratings.get(t.id) == t.rating

        # what status() says equals the rows
        status = self.hall.status()
        waiting = Counter(t.service for t in tickets if t.day == today and t.status == "waiting")
        for service in status.services:
            assert service.waiting == waiting.get(service.code, 0)
        for window in status.windows:
            row = next(w for w in windows if w.number == window.number)
            shown = next((t.label for t in tickets if t.id == row.current_ticket_id), None)
            if window.current is not None:
                assert window.current == shown


HallMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("SERVICEHALL_HYPOTHESIS_EXAMPLES", "40")),
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_random_operations_keep_the_invariants = pytest.mark.slow(HallMachine.TestCase)

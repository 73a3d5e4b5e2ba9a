"""Realistic history for a hall, written in bulk: for benchmarks, demos and the manager's screen.

Each simulated open day gets arrivals that peak mid-morning (a smaller peak after lunch) and are
busier on market days (圩日); per-matter service times around the matter's promised limit;
no-shows (some come back and are served), transfers, cancellations, tickets left waiting at
closing time (expired) and ratings. The windows are simulated as queues, so waiting times grow
when the hall is busy.

Rows are written with ``executemany`` in one transaction per day, keeping the core's invariants:
numbers per (day, service) from 1 with a matching day-counter row, the unique ticket numbers, and
an event for every action, in time order. Days that already hold tickets are left alone.
"""

from __future__ import annotations

import datetime as dt
import heapq
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import Connection, insert, select

from servicehall.config import Matter, Service
from servicehall.queue import Hall, format_label
from servicehall.queue.hall import queue_position
from servicehall.queue.tables import (
    CANCELLED,
    COUNTERS,
    EVENTS,
    EXPIRED,
    FINISHED,
    SEQUENCES,
    TICKETS,
)
from servicehall.reports.summaries import forget

MARKET_FACTOR = 1.6
CANCEL_SHARE = 0.015
NO_SHOW_SHARE = 0.05
NO_SHOW_RETURNS = 0.35
TRANSFER_SHARE = 0.03
RATED_SHARE = 0.65
RATINGS = (("satisfied", 0.88), ("basic", 0.09), ("unsatisfied", 0.03))
LATE_CALL_S = 15 * 60  # a ticket not called within 15 min after closing expires
DEFAULT_SERVICE_S = 480.0


@dataclass(frozen=True)
class SimulationResult:
    days: int
    skipped_days: int
    tickets: int
    events: int

    def as_dict(self) -> dict[str, int]:
        return {
            "days": self.days,
            "skipped_days": self.skipped_days,
            "tickets": self.tickets,
            "events": self.events,
        }


@dataclass
class _Ticket:
    """One villager's ticket while the day is simulated."""

    number: int
    service: Service
    matter: Matter | None
    issued_ts: float
    origin: str
    values: dict[str, Any] = field(default_factory=dict)
    events: list[tuple[float, str, int | None, str | None, dict[str, Any]]] = field(
        default_factory=list
    )


class _Day:
    """Simulates one open day: arrivals, then each window serving its queue in arrival order."""

    def __init__(
        self, hall: Hall, day: dt.date, count: int, seats: int, rng: random.Random
    ) -> None:
        self.hall = hall
        self.day = day
        self.rng = rng
        self.count = count
        self.seats = seats
        self.services = hall.services_today(day)
        self.periods = [(self._ts(p.start), self._ts(p.end)) for p in hall.config.hall.hours]
        shift = day.toordinal() % 2 + 1
        self.free_at = {
            (w.number, seat): self.periods[0][0]
            for w in hall.config.windows
            for seat in range(1, seats + 1)
        }
        self.clerks = {key: f"g{key[0]:02d}{key[1]}{shift}" for key in self.free_at}
        self.seats_for = {
            s.code: [
                (w.number, seat)
                for w in hall.config.windows_for(s.code)
                for seat in range(1, seats + 1)
            ]
            for s in hall.config.services
        }

    def _ts(self, moment: dt.time) -> float:
        return dt.datetime.combine(self.day, moment, self.hall.tz).timestamp()

    def _service_weight(self, service: Service) -> float:
        """Demand in proportion to the windows' capacity for the service (petitions are rare)."""
        share = sum(1 / len(w.services) for w in self.hall.config.windows_for(service.code))
        weight = share / mean_service_s(service)
        return weight * 0.15 if service.petition else weight

    def _arrival(self) -> float:
        """Rejection-sample an arrival: peaks at 09:45 and 14:45 over a flat base."""
        first, last = self.periods[0][0], self.periods[-1][1]
        morning, afternoon = self._ts(dt.time(9, 45)), self._ts(dt.time(14, 45))
        while True:
            ts = self.rng.uniform(first, last - 60)
            if not any(start <= ts < end for start, end in self.periods):
                continue
            density = (
                1.0
                + 2.5 * math.exp(-(((ts - morning) / 3000) ** 2))
                + 1.2 * math.exp(-(((ts - afternoon) / 2700) ** 2))
            )
            if self.rng.random() * 4.7 < density:
                return ts

    def _open_at(self, ts: float) -> float | None:
        """The first moment at or after ``ts`` when windows work (lunch breaks skipped)."""
        for start, end in self.periods:
            if ts < end:
                return max(ts, start)
        return None

    def _duration(self, matter: Matter | None) -> float:
        return max(30.0, self.rng.lognormvariate(math.log(mean_matter_s(matter)), 0.45))

    def tickets(self) -> list[_Ticket]:
        weights = [self._service_weight(s) for s in self.services]
        arrivals = sorted(self._arrival() for _ in range(self.count))
        numbers: dict[str, int] = {}
        made = []
        for ts in arrivals:
            service = self.rng.choices(self.services, weights)[0]
            numbers[service.code] = numbers.get(service.code, 0) + 1
            matter = self.rng.choice(service.matters) if service.matters else None
            made.append(_Ticket(numbers[service.code], service, matter, ts, service.code))
        self._serve(made)
        return made

    def _serve(self, tickets: list[_Ticket]) -> None:
        """Windows take ready tickets in order of readiness; each outcome adds its events."""
        ready: list[tuple[float, int, _Ticket, Service]] = []
        for seq, ticket in enumerate(tickets):
            ticket.values = {
                "status": EXPIRED,
                "service": ticket.origin,
                "called_ts": None,
                "last_called_ts": None,
                "finished_ts": None,
                "window": None,
                "clerk": None,
                "recall_count": 0,
                "skip_count": 0,
                "transferred_from": None,
                "rating": None,
            }
            ticket.events.append(
                (ticket.issued_ts, "issue", None, None, {"matter": _code(ticket.matter)})
            )
            if self.rng.random() < CANCEL_SHARE:
                gone = ticket.issued_ts + self.rng.uniform(120, 1800)
                ticket.values["status"] = CANCELLED
                ticket.events.append((gone, "cancel", None, None, {"reason": "left"}))
                continue
            heapq.heappush(ready, (ticket.issued_ts, seq, ticket, ticket.service))
        seq = len(tickets)
        closing = self.periods[-1][1] + LATE_CALL_S
        while ready:
            ready_ts, _, ticket, service = heapq.heappop(ready)
            seat = min(self.seats_for[service.code], key=self.free_at.__getitem__)
            call_ts = self._open_at(max(ready_ts, self.free_at[seat]) + self.rng.uniform(5, 25))
            if call_ts is None or call_ts > closing:
                continue  # still waiting at closing time: expired (a no-show stays one)
            follow_up = self._call(ticket, service, seat, call_ts)
            if follow_up is not None:
                seq += 1
                heapq.heappush(ready, (follow_up[0], seq, ticket, follow_up[1]))

    def _call(
        self, ticket: _Ticket, service: Service, seat: tuple[int, int], ts: float
    ) -> tuple[float, Service] | None:
        """Call ``ticket`` to a seat; returns when and for what it waits again, if it does."""
        values, window, clerk = ticket.values, seat[0], self.clerks[seat]
        values["called_ts"] = values["called_ts"] or ts
        values.update(last_called_ts=ts, window=window, clerk=clerk, service=service.code)
        ticket.events.append(
            (ts, "call", window, clerk, {"waited_s": round(ts - ticket.issued_ts, 1)})
        )
        if values["skip_count"] == 0 and self.rng.random() < NO_SHOW_SHARE:
            values["recall_count"] += 1
            ticket.events.append((ts + 30, "recall", window, clerk, {"count": 1}))
            values["skip_count"] += 1
            ticket.events.append((ts + 60, "skip", window, clerk, {}))
            self.free_at[seat] = ts + 60
            if self.rng.random() < NO_SHOW_RETURNS:
                back = ts + self.rng.uniform(300, 2400)
                ticket.events.append((back, "requeue", None, None, {}))
                return back, service
            return None
        if values["transferred_from"] is None and self.rng.random() < TRANSFER_SHARE:
            targets = [s for s in self.services if s.code != service.code and not s.petition]
            target = self.rng.choice(targets)
            moved = ts + self.rng.uniform(60, 240)
            values["transferred_from"] = service.code
            values["window"] = None
            ticket.events.append(
                (
                    moved,
                    "transfer",
                    window,
                    clerk,
                    {"from_service": service.code, "to_service": target.code},
                )
            )
            self.free_at[seat] = moved
            return moved, target
        done = ts + self._duration(ticket.matter)
        values.update(status=FINISHED, finished_ts=done)
        ticket.events.append((done, "finish", window, clerk, {"service_s": round(done - ts, 1)}))
        self.free_at[seat] = done
        if self.rng.random() < RATED_SHARE:
            rating = self.rng.choices([r for r, _ in RATINGS], [w for _, w in RATINGS])[0]
            values["rating"] = rating
            ticket.events.append((done + 10, "rate", window, clerk, {"rating": rating}))
        return None


def mean_matter_s(matter: Matter | None) -> float:
    """A matter's typical service time: about half its promised limit."""
    if matter is None or not matter.limit_minutes:
        return DEFAULT_SERVICE_S
    return matter.limit_minutes * 60 * 0.55


def mean_service_s(service: Service) -> float:
    if not service.matters:
        return DEFAULT_SERVICE_S
    return sum(mean_matter_s(m) for m in service.matters) / len(service.matters)


def seats_needed(hall: Hall, per_day: int) -> int:
    """Clerks per window so a market day's crowd (MARKET_FACTOR × per_day) can be served."""
    open_s = sum(
        (
            dt.datetime.combine(dt.date.min, p.end) - dt.datetime.combine(dt.date.min, p.start)
        ).total_seconds()
        for p in hall.config.hall.hours
    )
    capacity = 0.0
    for window in hall.config.windows:
        services = [hall.config.service(code) for code in window.services]
        mean_s = sum(mean_service_s(s) for s in services if s) / len(services)
        capacity += open_s / mean_s
    return max(1, math.ceil(per_day * MARKET_FACTOR / (capacity * 0.9)))


def _code(matter: Matter | None) -> str | None:
    return matter.code if matter else None


def _issued(ticket: _Ticket) -> float:
    return ticket.issued_ts


def _daily_count(hall: Hall, day: dt.date, per_day: int, rng: random.Random) -> int:
    factor = MARKET_FACTOR if hall.is_market_day(day) else 1.0
    factor *= (1.1, 1.0, 0.95, 0.95, 1.05, 0.6, 0.5)[day.weekday()]
    return max(1, round(per_day * factor * rng.uniform(0.85, 1.15)))


class _Writer:
    """Writes one simulated day in one transaction: tickets, day counters, then events."""

    def __init__(self, hall: Hall) -> None:
        self.hall = hall

    def write(self, conn: Connection, day: dt.date, tickets: list[_Ticket]) -> int:
        hall = self.hall
        forget(conn, hall.code, day, day)  # a report may have summarised the empty day
        arrival = {id(t): seq for seq, t in enumerate(sorted(tickets, key=_issued), start=1)}
        rows = [
            {
                "hall": hall.code,
                "day": day,
                "origin_service": t.origin,
                "number": t.number,
                "label": format_label(t.origin, t.number),
                "matter": _code(t.matter),
                "priority": False,
                "queue_pos": queue_position(arrival[id(t)]),
                "issued_ts": t.issued_ts,
                "print_state": "none",
                **t.values,
            }
            for t in tickets
        ]
        conn.execute(insert(TICKETS), rows)
        last: dict[str, int] = {}
        for t in tickets:
            last[t.origin] = max(last.get(t.origin, 0), t.number)
        conn.execute(
            insert(COUNTERS),
            [
                {"hall": hall.code, "day": day, "service": s, "last_number": n}
                for s, n in last.items()
            ],
        )
        conn.execute(insert(SEQUENCES).values(hall=hall.code, day=day, last_seq=len(tickets)))
        ids = {
            (row.origin_service, row.number): row.id
            for row in conn.execute(
                select(TICKETS.c.id, TICKETS.c.origin_service, TICKETS.c.number).where(
                    TICKETS.c.hall == hall.code, TICKETS.c.day == day
                )
            )
        }
        events = self._events(day, tickets, ids)
        conn.execute(insert(EVENTS), events)
        return len(events)

    def _events(
        self, day: dt.date, tickets: list[_Ticket], ids: dict[tuple[str, int], int]
    ) -> list[dict[str, Any]]:
        hall = self.hall
        found: list[tuple[float, dict[str, Any]]] = []
        for t in tickets:
            label = format_label(t.origin, t.number)
            service = t.origin
            for ts, kind, window, clerk, detail in t.events:
                if kind == "transfer":
                    service = detail["to_service"]
                found.append(
                    (
                        ts,
                        {
                            "hall": hall.code,
                            "ts": ts,
                            "day": dt.datetime.fromtimestamp(ts, hall.tz).date(),
                            "kind": kind,
                            "ticket_id": ids[(t.origin, t.number)],
                            "label": label,
                            "service": service,
                            "window": window,
                            "clerk": clerk,
                            "detail": json.dumps(detail, ensure_ascii=False) if detail else None,
                        },
                    )
                )
        expired = sum(1 for t in tickets if t.values["status"] == EXPIRED)
        if expired:
            ts = max(ts for ts, _ in found) + 60
            found.append(
                (
                    ts,
                    {
                        "hall": hall.code,
                        "ts": ts,
                        "day": day,
                        "kind": "expire",
                        "ticket_id": None,
                        "label": None,
                        "service": None,
                        "window": None,
                        "clerk": None,
                        "detail": json.dumps({"count": expired}),
                    },
                )
            )
        found.sort(key=lambda item: item[0])
        return [values for _, values in found]


def simulate(
    hall: Hall,
    days: int,
    per_day: int = 600,
    seed: int = 1,
    end: dt.date | None = None,
    progress: Callable[[dt.date, int], None] | None = None,
) -> SimulationResult:
    """Fill ``days`` calendar days ending ``end`` (default yesterday) with simulated history.

    ``per_day`` is the number of tickets on an ordinary weekday; ``progress(day, tickets)`` is
    called after each calendar day.
    """
    end = end or hall.today() - dt.timedelta(days=1)
    start = end - dt.timedelta(days=days - 1)
    rng = random.Random(seed)
    taken = set(
        hall.store.read(
            lambda conn: conn.execute(
                select(COUNTERS.c.day)
                .where(COUNTERS.c.hall == hall.code, COUNTERS.c.day.between(start, end))
                .distinct()
            ).scalars()
        )
    )
    writer = _Writer(hall)
    seats = seats_needed(hall, per_day)
    written = skipped = tickets_total = events_total = 0
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        made = 0
        if day in taken:
            skipped += 1
        elif hall.config.hall.is_open_day(day):
            tickets = _Day(hall, day, _daily_count(hall, day, per_day, rng), seats, rng).tickets()
            events_total += hall.store.write(partial(writer.write, day=day, tickets=tickets))
            made = len(tickets)
            tickets_total += made
            written += 1
        if progress is not None:
            progress(day, made)
    if written:
        # planner statistics after a bulk load, so the audit trail finds the day's index
        hall.store.write(lambda conn: conn.exec_driver_sql("ANALYZE"))
    return SimulationResult(written, skipped, tickets_total, events_total)

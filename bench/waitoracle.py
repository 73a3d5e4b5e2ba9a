"""An oracle of the wait: the simulation's own laws replayed forward from the hall as it stands.

What any predictor could at best say of a ticket just issued on a simulated day (``hallday.py``):
it knows what the projection cannot learn exactly (each clerk's pace, each matter's factor, the
day's pace, the arrival profile and demand, the rates of priority tickets, no-shows and returns,
when the late window opens, the breaks' usual times and lengths) and sees the hall as the hall
shows it (its waiting tickets in call order, each window's state, its current ticket and since
when); what stays hidden it draws afresh on each replay: every villager's own pace, who will not
come, who comes back, the tickets still to come, where and when the breaks fall. The median of
the replayed first calls is the point that errs least on average given all that, so its mean
absolute error is about the least any predictor can reach on the same days; its replays are
seeded per ticket.

Left out (small): tickets skipped earlier today that will still come back; a ticket requeued
earlier is taken for a first visit (it may not come).
"""

from __future__ import annotations

import heapq
import math
import random
import statistics
from collections import deque

from hallday import (
    BREAK_SIGMA,
    BREAKS,
    LATE_WINDOW,
    NO_SHOW,
    NO_SHOW_BACK,
    NO_SHOW_S,
    NO_SHOW_SIGMA,
    ORDINARY_SHARE,
    PRIORITY,
    PROFILE,
    SIGMA,
    HallDay,
    _poisson,
)

from servicehall.config import Window
from servicehall.queue import TicketView, WindowStatus

HORIZON_S = 12 * 3600.0
_NORMAL = statistics.NormalDist()

_Item = tuple[int, int, str | None, bool]
"""A waiting ticket: (place in the call order, id or -1 for one still to come, matter, requeued)."""


class Oracle:
    """Replays of one simulated day from the moment a ticket is issued."""

    def __init__(self, day: HallDay) -> None:
        self.day = day
        self.hall = day.hall
        self.config = day.config
        self.windows = [w for w in self.config.windows if w.number in day.clerks]
        self.window = {w.number: w for w in self.windows}
        if not day.market:
            self.windows = [w for w in self.windows if w.services != ["V"]]
        share = 1.0 if day.market else ORDINARY_SHARE
        total = sum(weight for _, weight in PROFILE)
        self.slots = [(day.at(hhmm), weight / total) for hhmm, weight in PROFILE]
        self.demand: dict[str, float] = {}
        for code, per_market_day in day.habits.demand.items():
            service = self.config.service(code)
            assert service is not None
            if day.market or not service.market_days_only:
                self.demand[code] = per_market_day * share
        self.matters = {s.code: [m.code for m in s.matters] for s in self.config.services}
        self.noon, self.reopen, self.opening = day.at("12:00"), day.at("14:00"), day.at("08:30")

    def median_wait(self, ticket_id: int, replays: int) -> float:
        """The median of the replayed waits (seconds from now to the ticket's first call)."""
        now = self.hall.now().timestamp()
        queue = self.hall.waiting(limit=100_000)
        status = self.hall.status()
        paused_since = {
            n: self._paused_since(n, now) for n, clerk in self.day.clerks.items() if clerk.paused
        }
        rng = random.Random(ticket_id)
        calls = [
            _Replay(self, now, rng, queue, status.windows, paused_since).until(ticket_id)
            for _ in range(replays)
        ]
        return statistics.median(calls) - now

    def _paused_since(self, window: int, now: float) -> float:
        since, after = now, 0
        while True:
            events = self.hall.events(after, window=window, day=self.day.day)
            if not events:
                return since
            since = next((e.at.timestamp() for e in reversed(events) if e.kind == "pause"), since)
            after = events[-1].id

    def median_s(self, service: str, matter: str | None, window: int) -> float:
        """The median service time of a matter at a window today (the simulation's own)."""
        found = self.config.service(service)
        known = found.matter(matter) if found and matter else None
        seconds = (known.limit_minutes if known and known.limit_minutes else 10) * 60
        factor = self.day.habits.matters.get((service, matter or ""), 1.0)
        return seconds / 2 * factor * self.day.clerks[window].speed * self.day.day_factor

    def callable(self, ts: float) -> bool:
        return ts >= self.opening and not self.noon <= ts < self.reopen


class _Replay:
    """One replay: the simulation's moves (``HallDay``) on an in-memory copy of the queue."""

    def __init__(
        self,
        oracle: Oracle,
        now: float,
        rng: random.Random,
        queue: list[TicketView],
        windows: list[WindowStatus],
        paused_since: dict[int, float],
    ) -> None:
        self.o, self.now, self.rng = oracle, now, rng
        self.events: list[tuple[float, int, str, object]] = []
        self.seq = 0
        self.queues: dict[tuple[str, bool], deque[_Item]] = {
            (code, p): deque() for code in oracle.matters for p in (True, False)
        }
        for place, t in enumerate(queue):  # in call order: priority first, then place
            self.queues[(t.service, t.priority)].append((place, t.id, t.matter, False))
        self.place = len(queue)
        self.serving: dict[int, bool] = {}
        self.signed: dict[int, bool] = {}
        self.paused: dict[int, bool] = {}
        self.break_due: dict[int, tuple[float, float]] = {}
        by_number = {w.number: w for w in windows}
        for w in oracle.windows:
            self._window_now(w, by_number.get(w.number), paused_since)
        self._plan()

    def _at(self, ts: float, kind: str, data: object = None) -> None:
        self.seq += 1
        heapq.heappush(self.events, (ts, self.seq, kind, data))

    def _window_now(
        self, w: Window, status: WindowStatus | None, paused_since: dict[int, float]
    ) -> None:
        n, rng = w.number, self.rng
        clerk = self.o.day.clerks[n]  # signed in, paused, serving: what the hall shows too
        self.signed[n], self.paused[n], self.serving[n] = clerk.signed_in, clerk.paused, False
        if not clerk.signed_in:
            late, late_at = LATE_WINDOW
            self._at(max(self.now, self.o.day.at(late_at if n == late else "08:30")), "sign_in", n)
        elif clerk.paused:
            length = statistics.fmean(m for _, m in BREAKS) * 60
            length *= math.exp(rng.gauss(0, BREAK_SIGMA))
            elapsed = self.now - paused_since.get(n, self.now)
            left = length - elapsed if length > elapsed else rng.uniform(10, 180)
            self._at(self.now + left, "resume", n)
        elif clerk.serving is not None and status is not None and status.called_at is not None:
            self.serving[n] = True
            ticket = clerk.serving.ticket  # its service and matter, as the hall's ticket says
            called = status.called_at.timestamp()
            elapsed = max(self.now - called, 1e-3)
            median = self.o.median_s(ticket.service, ticket.matter, n)
            # a no-show (the clerk waits ~90 s) or a visit, in proportion to their survival
            came = (1 - NO_SHOW) * _survive(elapsed, median, SIGMA)
            absent = NO_SHOW * _survive(elapsed, NO_SHOW_S, NO_SHOW_SIGMA)
            if rng.random() * (came + absent) < absent:
                end = called + _beyond(rng, elapsed, NO_SHOW_S, NO_SHOW_SIGMA)
            else:
                end = called + _beyond(rng, elapsed, median, SIGMA)
            self._at(max(end, self.now), "done", (n, None))
        else:
            self._at(self.now, "free", n)

    def _plan(self) -> None:
        """What is still to come today: the breaks, lunch's end, the villagers."""
        o, rng = self.o, self.rng
        late = LATE_WINDOW[0]
        for hhmm, minutes in BREAKS:
            due = o.day.at(hhmm) + rng.uniform(-20, 20) * 60
            window = rng.choice([w.number for w in o.windows if w.number != late])
            if due > self.now:
                self._at(due, "break", (window, minutes * 60 * math.exp(rng.gauss(0, BREAK_SIGMA))))
        if o.reopen > self.now:
            self._at(o.reopen, "reopen")
        for code, mean in o.demand.items():
            for start, share in o.slots:
                begin = max(start, self.now)
                if begin < start + 1800:
                    for _ in range(_poisson(rng, mean * share * (start + 1800 - begin) / 1800)):
                        self._at(rng.uniform(begin, start + 1800), "arrive", code)

    def until(self, target: int) -> float:
        """When the target is first called (at the horizon if never)."""
        while self.events:
            ts, _, kind, data = heapq.heappop(self.events)
            if ts > self.now + HORIZON_S:
                break
            if getattr(self, f"_on_{kind}")(ts, data, target):
                return ts
        return self.now + HORIZON_S

    # each move returns True when the target is called

    def _on_arrive(self, ts: float, code: object, target: int) -> bool:
        code = str(code)
        self.place += 1
        priority = self.rng.random() < PRIORITY
        matter = self.rng.choice(self.o.matters[code])
        self.queues[(code, priority)].append((self.place, -1, matter, False))
        return self._wake(ts, code, target)

    def _on_requeue(self, ts: float, data: object, target: int) -> bool:
        code, matter = data  # type: ignore[misc]
        queue = self.queues[(code, False)]
        queue.insert(min(3, len(queue)), (self.place, -2, matter, True))
        return self._wake(ts, code, target)

    def _on_sign_in(self, ts: float, n: object, target: int) -> bool:
        self.signed[int(n)] = True  # type: ignore[call-overload]
        return self._call(ts, int(n), target)  # type: ignore[call-overload]

    def _on_free(self, ts: float, n: object, target: int) -> bool:
        return self._call(ts, int(n), target)  # type: ignore[call-overload]

    def _on_resume(self, ts: float, n: object, target: int) -> bool:
        self.paused[int(n)] = False  # type: ignore[call-overload]
        return self._call(ts, int(n), target)  # type: ignore[call-overload]

    def _on_reopen(self, ts: float, _: object, target: int) -> bool:
        return any(self._call(ts, n, target) for n, busy in self.serving.items() if not busy)

    def _on_break(self, ts: float, data: object, target: int) -> bool:
        n, seconds = data  # type: ignore[misc]
        self.break_due[n] = (ts, seconds)
        if not self.serving[n] and self.signed[n] and not self.paused[n]:
            self._pause(ts, n)
        return False

    def _on_done(self, ts: float, data: object, target: int) -> bool:
        n, skipped = data  # type: ignore[misc]
        self.serving[n] = False
        if skipped is not None and self.rng.random() < NO_SHOW_BACK:
            self._at(ts + self.rng.uniform(600, 1800), "requeue", skipped)
        if n in self.break_due and ts >= self.break_due[n][0]:
            self._pause(ts, n)
            return False
        return self._call(ts, n, target)

    def _pause(self, ts: float, n: int) -> None:
        _, seconds = self.break_due.pop(n)
        self.paused[n] = True
        self._at(ts + seconds, "resume", n)

    def _wake(self, ts: float, code: str, target: int) -> bool:
        return any(
            self._call(ts, w.number, target)
            for w in self.o.config.windows_for(code)
            if w.number in self.serving and not self.serving[w.number]
        )

    def _call(self, ts: float, n: int, target: int) -> bool:
        if not self.signed[n] or self.paused[n] or self.serving[n] or not self.o.callable(ts):
            return False
        window = self.o.window[n]
        ordered = window.pick == "ordered"
        for priority in (True, False):
            best: tuple[str, deque[_Item]] | None = None
            for code in window.services:
                queue = self.queues[(code, priority)]
                if queue and (best is None or queue[0][0] < best[1][0][0]):
                    best = (code, queue)
                    if ordered:
                        break
            if best is not None:
                break
        else:
            return False
        code, queue = best
        _, ticket, matter, requeued = queue.popleft()
        if ticket == target:
            return True
        self.serving[n] = True
        rng = self.rng
        if not requeued and rng.random() < NO_SHOW:
            held = NO_SHOW_S * math.exp(rng.gauss(0, NO_SHOW_SIGMA))
            self._at(ts + held, "done", (n, (code, matter)))
        else:
            held = self.o.median_s(code, matter, n) * math.exp(rng.gauss(0, SIGMA))
            self._at(ts + held, "done", (n, None))
        return False


def _survive(elapsed: float, median: float, sigma: float) -> float:
    return 1 - _NORMAL.cdf(math.log(elapsed / median) / sigma)


def _beyond(rng: random.Random, elapsed: float, median: float, sigma: float) -> float:
    """A lognormal duration drawn given that it has lasted ``elapsed`` already."""
    low = _NORMAL.cdf(math.log(elapsed / median) / sigma)
    u = min(max(low + (1 - low) * rng.random(), 1e-12), 1 - 1e-12)
    return median * math.exp(sigma * _NORMAL.inv_cdf(u))

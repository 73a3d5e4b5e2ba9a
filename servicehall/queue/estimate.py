"""The wait projection: replay the hall's own call order forward over every waiting ticket.

A pure function of (hall snapshot, service-time statistics, config, now), no I/O inside, so it is
cheap and testable. Each staffed window frees after the expected *remaining* time of the ticket it
serves (a paused one after what is left of its usual pause); then, as the windows free one after
another, each takes what ``call_next`` would give it: priority first, then its pick rule
(``oldest`` across its services, or ``ordered`` by its service list), then arrival. A ticket costs
its matter's expected service time, mixed with a no-show's short visit at today's no-show rate.
No window calls anyone in the lunch break or before opening; after the day's last period the
windows serve out the queue (延时服务: whoever holds a ticket is served).

Tickets that will come while someone waits are added as expected arrivals, where they can pass
him: priority tickets everywhere, and ordinary tickets of a service an ``ordered`` window calls
before another of its services.

The range: the variance of the work each window does before the ticket (service times,
no-shows, arrivals as a Poisson stream) shared by the windows that serve its service, plus a
share of the expected busy time for how far today's service times may drift from the figures.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from servicehall.config import HallConfig
from servicehall.queue.views import WaitEstimate
from servicehall.queue.waitstats import Duration, WaitStats

Z_LOW = 1.65
"""The low end: about one villager in twenty comes back after being called (normal tail)."""
Z_HIGH = 1.28
DRIFT = 0.10
"""How far, as a share of the busy time ahead, today's pace may differ from the figures."""
BASE_S = 60.0
"""Spread even with nobody ahead: walking up, a call repeated."""
HORIZON_S = 12 * 3600.0
PAUSE_LEFT_S = 120.0
"""A pause that has run past its usual length is expected to end at least this much later."""
NEW = 1 << 80
"""Queue position of a ticket taken now: after every waiting one, before every expected one."""


@dataclass(frozen=True, slots=True)
class WaitingTicket:
    id: int
    service: str
    matter: str | None
    priority: bool
    queue_pos: int


@dataclass(frozen=True, slots=True)
class WindowNow:
    """A window as the projection sees it."""

    number: int
    staffed: bool
    """A clerk is signed in (or the window has been working today and nobody signed out)."""
    paused_since: float | None = None
    serving: tuple[str, str | None, float] | None = None
    """(service, matter, called at) of the ticket at the window."""


@dataclass(frozen=True)
class HallSnapshot:
    """The queue at one moment: today's waiting tickets (any order) and the windows."""

    now: dt.datetime
    waiting: Sequence[WaitingTicket]
    windows: Sequence[WindowNow]


@dataclass(frozen=True, slots=True)
class _Cost:
    mean: float
    var: float


_Entry = tuple[int, int, _Cost, str]
"""A ticket in a replayed queue: (queue position, id or -1 when expected, cost, service)."""


class _Hours:
    """Today's opening periods in epoch seconds."""

    def __init__(self, config: HallConfig, now: dt.datetime) -> None:
        local = now.astimezone(config.hall.tz)
        day = local.date()
        self.midnight = dt.datetime.combine(day, dt.time(), config.hall.tz).timestamp()
        self.periods: list[tuple[float, float]] = []
        if config.hall.is_open_day(day):
            for p in config.hall.hours:
                start = dt.datetime.combine(day, p.start, config.hall.tz).timestamp()
                end = dt.datetime.combine(day, p.end, config.hall.tz).timestamp()
                self.periods.append((start, end))
        self.close = self.periods[-1][1] if self.periods else self.midnight

    def callable_from(self, t: float) -> float:
        """The first moment from ``t`` a window may call: not before opening nor at lunch."""
        for start, end in self.periods:
            if t < start:
                return start
            if t < end:
                return t
        return t

    def closed_between(self, a: float, b: float) -> float:
        """Seconds between ``a`` and ``b`` in which no window calls (before ``close``)."""
        closed = 0.0
        edge = a
        for start, end in self.periods:
            if start > edge:
                closed += max(0.0, min(start, b) - edge)
            edge = max(edge, end)
            if edge >= b:
                break
        return closed

    def after_working(self, t: float, seconds: float) -> float:
        """The moment ``seconds`` of calling time have passed from ``t``."""
        t = self.callable_from(t)
        for start, end in self.periods:
            if t >= end:
                continue
            t = max(t, start)
            if t + seconds <= end:
                return t + seconds
            seconds -= end - t
            t = end
        return t + seconds  # after the last period the windows serve out the queue

    def open_span(self, t: float) -> tuple[float, float] | None:
        """From ``t`` (or the next opening) to the end of that opening period."""
        for start, end in self.periods:
            if t < end:
                return max(t, start), end
        return None

    def hour(self, t: float) -> int:
        return min(23, max(0, int((t - self.midnight) // 3600)))


class _Stream:
    """Expected arrivals of one (service, priority): one each time the hour-by-hour rate has
    added up to a whole ticket, the first at half a ticket (the middle of its interval)."""

    def __init__(self, service: str, priority: bool, rates: Sequence[float], hours: _Hours):
        self.service = service
        self.priority = priority
        self.rates = rates
        self.hours = hours
        self.owed = 0.5

    def after(self, t: float) -> float | None:
        """The next arrival after ``t``, or None when the hall closes first."""
        while (span := self.hours.open_span(t)) is not None:
            t = span[0]
            rate = self.rates[self.hours.hour(t)]
            end = min(self.hours.midnight + (self.hours.hour(t) + 1) * 3600, span[1])
            if rate > 0 and rate * (end - t) >= self.owed:
                arrival = t + self.owed / rate
                self.owed = 1.0
                return arrival
            self.owed -= rate * (end - t)
            t = end
        return None


class _Replay:
    """One forward replay; resolves its targets as the windows take them."""

    def __init__(
        self,
        snapshot: HallSnapshot,
        stats: WaitStats,
        config: HallConfig,
        services_today: Iterable[str],
    ) -> None:
        self.now = snapshot.now.timestamp()
        self.at = snapshot.now
        self.stats = stats
        self.hours = _Hours(config, snapshot.now)
        self.today = set(services_today)
        self._costs: dict[tuple[str, str | None], _Cost] = {}
        self.prio: dict[str, deque[_Entry]] = {}
        self.reg: dict[str, deque[_Entry]] = {}
        for s in config.services:
            self.prio[s.code] = deque()
            self.reg[s.code] = deque()
        for t in sorted(snapshot.waiting, key=lambda w: (w.queue_pos, w.id)):
            queue = self.prio if t.priority else self.reg
            if t.service in queue:
                queue[t.service].append(
                    (t.queue_pos, t.id, self._cost(t.service, t.matter), t.service)
                )
        self._windows(snapshot, config)
        self._streams(config)

    # ------------------------------------------------------------------ set-up

    def _cost(self, service: str, matter: str | None) -> _Cost:
        """A ticket's expected hold on a window, a no-show's short visit mixed in."""
        key = (service, matter)
        cost = self._costs.get(key)
        if cost is None:
            d: Duration = self.stats.duration(service, matter)
            p = self.stats.no_show.get(service, 0.0)
            ns = self.stats.no_show_s
            mean = (1 - p) * d.mean_s + p * ns
            second = (1 - p) * (d.var_s + d.mean_s**2) + p * 1.25 * ns * ns
            cost = self._costs[key] = _Cost(mean, max(second - mean * mean, 0.0))
        return cost

    def _windows(self, snapshot: HallSnapshot, config: HallConfig) -> None:
        """The windows that will call: staffed ones, or for a service with none staffed, all of
        its windows (the hall has not signed in yet; the estimate says so)."""
        by_number = {w.number: w for w in snapshot.windows}
        staffed = {w.number for w in config.windows if by_number.get(w.number, _IDLE).staffed}
        self.unstaffed = {
            s.code
            for s in config.services
            if not any(w.number in staffed for w in config.windows_for(s.code))
        }
        self.heap: list[tuple[float, int]] = []
        self.var: list[float] = []
        self.plan: list[tuple[int, tuple[str, ...], bool]] = []
        self.serving_count: dict[str, int] = {s.code: 0 for s in config.services}
        for win in config.windows:
            now = by_number.get(win.number, _IDLE)
            services = tuple(win.services)
            if win.number not in staffed:  # assumed open only for services nobody serves yet
                services = tuple(s for s in services if s in self.unstaffed)
                if not services:
                    continue
            free, var = self.now, 0.0
            if now.paused_since is not None:
                left = max(self.stats.pause_s - (self.now - now.paused_since), PAUSE_LEFT_S)
                free, var = self.now + left, (left / 2) ** 2
            elif now.serving is not None:
                service, matter, called = now.serving
                duration = self.stats.duration(service, matter)
                left, var = duration.remaining(self.now - called)
                free = self.now + left
            index = len(self.plan)
            ordered = win.pick == "ordered" and len(services) > 1
            self.plan.append((win.number, services, ordered))
            self.var.append(var)
            heapq.heappush(self.heap, (free, index))
            for code in services:
                self.serving_count[code] += 1

    def _streams(self, config: HallConfig) -> None:
        """Expected arrivals that can pass a waiting ticket."""
        passing = {
            code
            for win in config.windows
            if win.pick == "ordered" and len(win.services) > 1
            for code in win.services[:-1]
        }
        self.streams: list[_Stream] = []
        self.arrivals: list[tuple[float, int]] = []
        for code in self.today:
            for priority in (True, False):
                if not priority and code not in passing:
                    continue
                rates = self.stats.arrivals.get((code, priority))
                if not rates or not any(rates):
                    continue
                stream = _Stream(code, priority, rates, self.hours)
                first = stream.after(self.now)
                if first is not None:
                    self.arrivals.append((first, len(self.streams)))
                self.streams.append(stream)
        heapq.heapify(self.arrivals)
        self.expected_pos = NEW + 1

    # ------------------------------------------------------------------ running

    def _arrive_until(self, t: float) -> None:
        while self.arrivals and self.arrivals[0][0] <= t:
            at, index = heapq.heappop(self.arrivals)
            stream = self.streams[index]
            cost = self._cost(stream.service, None)
            # a Poisson stream: each arrival adds its whole second moment to the variance
            cost = _Cost(cost.mean, cost.var + cost.mean * cost.mean)
            queue = self.prio if stream.priority else self.reg
            queue[stream.service].append((self.expected_pos, -1, cost, stream.service))
            self.expected_pos += 1
            nxt = stream.after(at)
            if nxt is not None:
                heapq.heappush(self.arrivals, (nxt, index))

    def _next(self, services: tuple[str, ...], ordered: bool) -> deque[_Entry]:
        """The queue whose head this window calls next (an empty deque when none waits)."""
        for queues in (self.prio, self.reg):
            best: deque[_Entry] | None = None
            for code in services:
                q = queues[code]
                if q and (best is None or (not ordered and q[0][0] < best[0][0])):
                    best = q
                    if ordered:
                        break
            if best is not None:
                return best
        return _EMPTY

    def _takes_new(self, services: tuple[str, ...], ordered: bool, code: str) -> bool:
        """Would this window call a ticket of ``code`` taken now, before anything waiting?"""
        if any(self.prio[s] for s in services):
            return False
        for s in services:
            q = self.reg[s]
            if ordered:
                if s == code:
                    return not q or q[0][0] > NEW
                if q:
                    return False
            elif q and q[0][0] < NEW:
                return False
        return True

    def run(self, ticket: int | None, new: set[str]) -> dict[int | str, WaitEstimate]:
        """Replay until ``ticket`` (an id) and a new ticket of each service in ``new`` are due."""
        found: dict[int | str, WaitEstimate] = {}
        pending = len(new) + (ticket is not None)
        limit = self.now + HORIZON_S
        while self.heap and pending:
            free, index = heapq.heappop(self.heap)
            t = self.hours.callable_from(free)
            if t > free:
                heapq.heappush(self.heap, (t, index))
                continue
            if t > limit:
                break
            self._arrive_until(t)
            _, services, ordered = self.plan[index]
            for code in services:
                if code in new and code not in found and self._takes_new(services, ordered, code):
                    found[code] = self._estimate(t, index, code)
                    pending -= 1
            queue = self._next(services, ordered)
            if queue:
                _, ticket_id, cost, service = queue.popleft()
                if ticket_id == ticket and ticket is not None:
                    found[ticket] = self._estimate(t, index, service)
                    pending -= 1
                self.var[index] += cost.var
                heapq.heappush(self.heap, (t + cost.mean, index))
            elif self.arrivals:
                heapq.heappush(self.heap, (max(t, self.arrivals[0][0]), index))
        for code in new:  # a service nobody can reach before the horizon
            if code not in found:
                found[code] = self._estimate(limit, None, code)
        if ticket is not None and ticket not in found:
            found[ticket] = self._estimate(limit, None, None)
        return found

    def _estimate(self, t: float, index: int | None, service: str | None) -> WaitEstimate:
        """The range is taken on the windows' working time, then laid on the clock: a ticket
        due after lunch may still be called before it, but never during it."""
        expected = max(0.0, t - self.now)
        busy = expected - self.hours.closed_between(self.now, t)
        sharing = max(1, self.serving_count.get(service, 1) if service else 1)
        spread = self.var[index] / sharing if index is not None else (expected / 2) ** 2
        sigma = math.sqrt(spread + (DRIFT * busy) ** 2 + BASE_S**2)
        low = self.hours.after_working(self.now, max(0.0, busy - Z_LOW * sigma))
        high = self.hours.after_working(self.now, busy + Z_HIGH * sigma)
        return WaitEstimate(
            expected_s=round(expected),
            low_s=round(min(low - self.now, expected)),
            high_s=round(max(high - self.now, expected)),
            at=self.at,
            staffed=service not in self.unstaffed,
        )


_IDLE = WindowNow(number=0, staffed=False)
_EMPTY: deque[_Entry] = deque()


def project_new(
    snapshot: HallSnapshot,
    stats: WaitStats,
    config: HallConfig,
    services: Iterable[str],
) -> dict[str, WaitEstimate]:
    """What a villager taking an ordinary ticket now would wait, per service code."""
    codes = list(services)
    replay = _Replay(snapshot, stats, config, codes)
    found = replay.run(None, set(codes))
    return {code: found[code] for code in codes}


def project_ticket(
    snapshot: HallSnapshot,
    stats: WaitStats,
    config: HallConfig,
    ticket_id: int,
    services_today: Iterable[str],
) -> WaitEstimate:
    """How much longer a waiting ticket (in ``snapshot.waiting``) will wait."""
    replay = _Replay(snapshot, stats, config, services_today)
    return replay.run(ticket_id, set())[ticket_id]

"""The wait projection: replay the hall's own call order forward over every waiting ticket.

A pure function of (hall snapshot, service-time statistics, config, now), no I/O inside, so it is
cheap and testable. Each staffed window frees after the *remaining* time of the ticket it serves
(its median given how long it has been served: the point that errs least for whoever is next; a
paused one after what is left of its usual pause; one whose clerk usually comes later at his
usual time); then, as the windows free one after another, each takes what ``call_next`` would
give it: priority first, then its pick rule (``oldest`` across its services, or ``ordered`` by
its service list), then arrival. A ticket costs its matter's expected service time, mixed with a
no-show's short visit at today's no-show rate. No window calls anyone in the lunch break or
before opening; after the day's last period the windows serve out the queue (延时服务: whoever
holds a ticket is served).

Tickets that will come while someone waits are added as expected arrivals, where they can pass
him: priority tickets everywhere, and ordinary tickets of a service an ``ordered`` window calls
before another of its services. Services linked by shared windows are replayed together, each
such group on its own (a queue moves only with the others of its group).

The range: the variance of the work each window does before the ticket (service times,
no-shows, arrivals as a Poisson stream) shared by the windows that serve its service, plus a
share of the expected busy time for how far today's service times may drift from the figures;
taken on the windows' working time and laid on the clock across the lunch break.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

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
LATE_GRACE_S = 15 * 60.0
"""A clerk this much later than he usually starts work is not expected today."""
NEW = 1 << 80
"""Queue position of a ticket taken now: after every waiting one, before every expected one."""


class WaitingTicket(NamedTuple):
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
    """Today's opening periods in epoch seconds; ``always_open`` (a hall that issues outside
    its hours: a demo, a test) is open from now on, without a lunch break."""

    def __init__(self, config: HallConfig, now: dt.datetime, always_open: bool = False) -> None:
        tz = config.hall.tz
        day = now.astimezone(tz).date()
        self.midnight = dt.datetime.combine(day, dt.time(), tz).timestamp()
        self.periods: list[tuple[float, float]] = []
        if always_open:
            self.periods.append((now.timestamp(), now.timestamp() + 24 * 3600))
        elif config.hall.is_open_day(day):
            for p in config.hall.hours:
                start = dt.datetime.combine(day, p.start, tz).timestamp()
                end = dt.datetime.combine(day, p.end, tz).timestamp()
                self.periods.append((start, end))

    def callable_from(self, t: float) -> float:
        """The first moment from ``t`` a window may call: not before opening nor at lunch."""
        for start, end in self.periods:
            if t < start:
                return start
            if t < end:
                return t
        return t

    def closed_between(self, a: float, b: float) -> float:
        """Seconds between ``a`` and ``b`` in which no window calls."""
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

    def open_pieces(self, t: float) -> list[tuple[float, float, int]]:
        """The open time from ``t`` on, cut at each hall-local hour: (start, end, hour)."""
        pieces = []
        for start, end in self.periods:
            start = max(start, t)
            while start < end:
                hour = int((start - self.midnight) // 3600)
                stop = min(end, self.midnight + (hour + 1) * 3600)
                pieces.append((start, stop, min(hour, 23)))
                start = stop
        return pieces


class _Stream:
    """Expected arrivals of one (service, priority): one each time the hour-by-hour rate has
    added up to a whole ticket, the first at half a ticket (the middle of its interval)."""

    def __init__(
        self, service: str, priority: bool, rates: Sequence[float], hours: _Hours, t: float
    ):
        self.service = service
        self.priority = priority
        self.pieces = [(a, b, rates[h]) for a, b, h in hours.open_pieces(t) if rates[h] > 0]
        self.index = 0
        self.t = t
        self.owed = 0.5

    def next(self) -> float | None:
        """The next arrival, or None when the hall stops issuing first."""
        while self.index < len(self.pieces):
            start, end, rate = self.pieces[self.index]
            t = max(start, self.t)
            room = rate * (end - t)
            if room >= self.owed:
                self.t = t + self.owed / rate
                self.owed = 1.0
                return self.t
            self.owed -= room
            self.index += 1
        return None


def _components(config: HallConfig) -> list[set[str]]:
    """Services linked by shared windows: a queue moves only with the others of its group."""
    groups: list[set[str]] = []
    for win in config.windows:
        linked = [g for g in groups if g.intersection(win.services)]
        merged = set(win.services).union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


class _Replay:
    """One forward replay of a group of linked services; resolves its targets as the windows
    take them."""

    def __init__(
        self,
        snapshot: HallSnapshot,
        stats: WaitStats,
        config: HallConfig,
        group: set[str],
        services_today: set[str],
        hours: _Hours,
    ) -> None:
        self.now = snapshot.now.timestamp()
        self.at = snapshot.now
        self.stats = stats
        self.hours = hours
        self._costs: dict[tuple[str, str | None, bool], _Cost] = {}
        self.prio: dict[str, deque[_Entry]] = {code: deque() for code in group}
        self.reg: dict[str, deque[_Entry]] = {code: deque() for code in group}
        mine = sorted((t for t in snapshot.waiting if t.service in group), key=_ORDER)
        for t in mine:
            queue = self.prio if t.priority else self.reg
            queue[t.service].append((t.queue_pos, t.id, self._cost(t.service, t.matter), t.service))
        self._windows(snapshot, config, group)
        self._streams(config, group & services_today)

    # ------------------------------------------------------------------ set-up

    def _cost(self, service: str, matter: str | None, expected: bool = False) -> _Cost:
        """A ticket's expected hold on a window, a no-show's short visit mixed in; an
        ``expected`` arrival (a Poisson stream) adds its whole second moment to the variance."""
        key = (service, matter, expected)
        cost = self._costs.get(key)
        if cost is None:
            d: Duration = self.stats.duration(service, matter)
            p = self.stats.no_show.get(service, 0.0)
            ns = self.stats.no_show_s
            mean = (1 - p) * d.mean_s + p * ns
            second = (1 - p) * (d.var_s + d.mean_s**2) + p * 1.25 * ns * ns
            var = second if expected else max(second - mean * mean, 0.0)
            cost = self._costs[key] = _Cost(mean, var)
        return cost

    def _windows(self, snapshot: HallSnapshot, config: HallConfig, group: set[str]) -> None:
        """The windows that will call: staffed ones, or for a service with none staffed, all of
        its windows (the hall has not signed in yet; the estimate says so)."""
        by_number = {w.number: w for w in snapshot.windows}
        staffed = {w.number for w in config.windows if by_number.get(w.number, _IDLE).staffed}
        self.unstaffed = {
            code for code in group if not any(w.number in staffed for w in config.windows_for(code))
        }
        self.heap: list[tuple[float, int]] = []
        self.var: list[float] = []
        self.plan: list[tuple[tuple[str, ...], bool]] = []
        self.serving_count: dict[str, int] = dict.fromkeys(group, 0)
        for win in config.windows:
            if win.services[0] not in group:
                continue
            now = by_number.get(win.number, _IDLE)
            services = tuple(win.services)
            free, var = self.now, 0.0
            coming = None if win.number in staffed else self._coming(win.number)
            if coming is not None:  # its clerk usually comes later: from then on
                free, var = coming
            elif win.number not in staffed:  # assumed open only for services nobody serves yet
                services = tuple(s for s in services if s in self.unstaffed)
                if not services:
                    continue
            if now.paused_since is not None:
                left = max(self.stats.pause_s - (self.now - now.paused_since), PAUSE_LEFT_S)
                free, var = self.now + left, (left / 2) ** 2
            elif now.serving is not None:
                service, matter, called = now.serving
                left, var = self.stats.duration(service, matter).remaining(self.now - called)
                free = self.now + left
            heapq.heappush(self.heap, (free, len(self.plan)))
            self.plan.append((services, win.pick == "ordered" and len(services) > 1))
            self.var.append(var)
            for code in services:
                self.serving_count[code] += 1

    def _coming(self, number: int) -> tuple[float, float] | None:
        """(when, variance): a window without a clerk whose clerk usually starts work later
        today, or is only a little late; None when he is not expected today."""
        usual = self.stats.opens.get(number)
        if usual is None:
            return None
        mean, spread = usual
        at = self.hours.midnight + mean
        if self.now > at + max(LATE_GRACE_S, 2 * spread):
            return None
        return max(at, self.now), spread * spread

    def _streams(self, config: HallConfig, codes: set[str]) -> None:
        """Expected arrivals that can pass a waiting ticket: priority ones of every service,
        and ordinary ones of a service an ``ordered`` window calls before another."""
        passing = {
            code
            for win in config.windows
            if win.pick == "ordered" and len(win.services) > 1
            for code in win.services[:-1]
        }
        self.streams: list[_Stream] = []
        self.arrivals: list[tuple[float, int]] = []
        for code in sorted(codes):
            for priority in (True, False):
                rates = self.stats.arrivals.get((code, priority))
                if (priority or code in passing) and rates and any(rates):
                    stream = _Stream(code, priority, rates, self.hours, self.now)
                    first = stream.next()
                    if first is not None:
                        self.arrivals.append((first, len(self.streams)))
                        self.streams.append(stream)
        heapq.heapify(self.arrivals)
        self.expected_pos = NEW + 1

    # ------------------------------------------------------------------ running

    def _arrive_until(self, t: float) -> None:
        arrivals = self.arrivals
        while arrivals and arrivals[0][0] <= t:
            _, index = heapq.heappop(arrivals)
            stream = self.streams[index]
            queue = self.prio if stream.priority else self.reg
            cost = self._cost(stream.service, None, expected=True)
            queue[stream.service].append((self.expected_pos, -1, cost, stream.service))
            self.expected_pos += 1
            nxt = stream.next()
            if nxt is not None:
                heapq.heappush(arrivals, (nxt, index))

    def _next(self, services: tuple[str, ...], ordered: bool) -> deque[_Entry]:
        """The queue whose head this window calls next (an empty deque when none waits)."""
        for queues in (self.prio, self.reg):
            best: deque[_Entry] | None = None
            for code in services:
                q = queues[code]
                if q and (best is None or q[0][0] < best[0][0]):
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

    def run(self, tickets: set[int], new: set[str]) -> dict[int | str, WaitEstimate]:
        """Replay until the ``tickets`` (ids) and a new ticket of each service in ``new`` are
        due."""
        found: dict[int | str, WaitEstimate] = {}
        waiting_new = set(new)
        pending = len(new) + len(tickets)
        limit = self.now + HORIZON_S
        heap, plan, arrivals = self.heap, self.plan, self.arrivals
        callable_from = self.hours.callable_from
        while heap and pending:
            free, index = heapq.heappop(heap)
            t = callable_from(free)
            if t > free:
                heapq.heappush(heap, (t, index))
                continue
            if t > limit:
                break
            if arrivals and arrivals[0][0] <= t:
                self._arrive_until(t)
            services, ordered = plan[index]
            if waiting_new:
                for code in services:
                    if code in waiting_new and self._takes_new(services, ordered, code):
                        found[code] = self._estimate(t, index, code)
                        waiting_new.discard(code)
                        pending -= 1
            queue = self._next(services, ordered)
            if queue:
                _, ticket_id, cost, service = queue.popleft()
                if ticket_id in tickets:
                    found[ticket_id] = self._estimate(t, index, service)
                    pending -= 1
                self.var[index] += cost.var
                heapq.heappush(heap, (t + cost.mean, index))
            elif arrivals:
                heapq.heappush(heap, (max(t, arrivals[0][0]), index))
        for code in waiting_new:  # a service nobody reaches before the horizon
            found[code] = self._estimate(limit, None, code)
        for ticket in tickets - found.keys():  # not reached before the horizon
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
_ORDER = itemgetter(4, 0)
"""Waiting tickets by queue position, then id."""


def project_new(
    snapshot: HallSnapshot,
    stats: WaitStats,
    config: HallConfig,
    services: Iterable[str],
    *,
    always_open: bool = False,
) -> dict[str, WaitEstimate]:
    """What a villager taking an ordinary ticket now would wait, per service code (the
    services open today: only they get expected arrivals)."""
    codes = list(services)
    today = set(codes)
    hours = _Hours(config, snapshot.now, always_open)
    found: dict[int | str, WaitEstimate] = {}
    for group in _components(config):
        if group & today:
            replay = _Replay(snapshot, stats, config, group, today, hours)
            found.update(replay.run(set(), group & today))
    return {code: found[code] for code in codes}


def project_ticket(
    snapshot: HallSnapshot,
    stats: WaitStats,
    config: HallConfig,
    ticket_id: int,
    services_today: Iterable[str],
    *,
    always_open: bool = False,
) -> WaitEstimate:
    """How much longer a waiting ticket (in ``snapshot.waiting``) will wait."""
    service = next(t.service for t in snapshot.waiting if t.id == ticket_id)
    group = next(g for g in _components(config) if service in g)
    hours = _Hours(config, snapshot.now, always_open)
    replay = _Replay(snapshot, stats, config, group, set(services_today), hours)
    return replay.run({ticket_id}, set())[ticket_id]


def project_waiting(
    snapshot: HallSnapshot,
    stats: WaitStats,
    config: HallConfig,
    services_today: Iterable[str],
    *,
    always_open: bool = False,
) -> dict[int, WaitEstimate]:
    """Every waiting ticket's wait, one replay per group of services (the phone pages of a
    whole hall from one read). The same figures as :func:`project_ticket` gives one by one."""
    today = set(services_today)
    hours = _Hours(config, snapshot.now, always_open)
    found: dict[int, WaitEstimate] = {}
    for group in _components(config):
        ids = {t.id for t in snapshot.waiting if t.service in group}
        if ids:
            replay = _Replay(snapshot, stats, config, group, today, hours)
            found.update((k, v) for k, v in replay.run(ids, set()).items() if isinstance(k, int))
    return found

"""A township hall day, simulated through the public ``Hall`` API with a fixed clock.

Villagers arrive with a morning peak and a dip before lunch (none while the hall is closed); each
service's demand is fixed per day type (a market day, 圩日, brings the village desks and about
2.7 times the people). Service times are lognormal per matter (median around half the promised
limit, each matter and each clerk a little faster or slower, the whole day a little faster or
slower). 6 % of tickets are priority; 5 % of the called do not come (the clerk recalls, then skips
after a minute and a half) and a third of those come back later (requeued). One clerk takes a
break in the morning and another in the afternoon; window 13 (综合受理, shared by B, A and C,
called in that order) opens late, at 10:00. Nobody is called in the lunch break; after closing
the windows serve out the queue (延时服务), then every clerk signs out. The hall is staffed for
its market days: each service needs at most 85 % of its windows' time on an average one, at
the hall's own pace (``staffed_demand``).

The simulation does not know the projection's figures: it decides everything from its own
random draws, and records when each ticket was first called.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import random
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, TicketView

MARKET_DEMAND = {
    "A": 45, "B": 150, "C": 45, "D": 26, "E": 15, "F": 22, "G": 10, "H": 30,
    "J": 75, "K": 35, "L": 75, "M": 10, "N": 10, "P": 18, "V": 125,
}  # fmt: skip
"""Tickets per market day and service (圩日: about 680 plus requeues) before ``staffed_demand``
keeps each service within ``MAX_LOAD`` of its windows' time."""
MAX_LOAD = 0.85
"""A hall is staffed for its market days: on an average one, each service needs at most this
share of its windows' opening hours (the morning peak runs over it)."""
OPEN_MINUTES = 420
ORDINARY_SHARE = 0.42
"""An ordinary day brings this share of a market day's villagers (no village desks)."""
PROFILE = [
    ("08:30", 1.2), ("09:00", 1.6), ("09:30", 1.8), ("10:00", 1.6), ("10:30", 1.3),
    ("11:00", 1.0), ("11:30", 0.6), ("14:00", 1.0), ("14:30", 1.1), ("15:00", 0.9),
    ("15:30", 0.8), ("16:00", 0.6), ("16:30", 0.4), ("17:00", 0.2),
]  # fmt: skip
"""Relative arrivals per half hour: a morning peak, a dip before lunch, a calm afternoon."""
PRIORITY = 0.06
NO_SHOW = 0.05
NO_SHOW_BACK = 1 / 3
NO_SHOW_S = 90.0
NO_SHOW_SIGMA = 0.25
"""A no-show is skipped after about this long (lognormal, this σ)."""
SIGMA = 0.5
LATE_WINDOW = (13, "10:00")
BREAKS = [("10:30", 15.0), ("15:30", 12.0)]
"""(around when, minutes): two clerks' breaks a day, at windows drawn per day."""
BREAK_SIGMA = 0.3
"""A break's length varies about its minutes (lognormal, this σ)."""


@dataclass(frozen=True)
class Villager:
    """Who comes, drawn before the day starts so the hall's order cannot change their luck."""

    service: str
    matter: str
    priority: bool
    pace: float
    """this villager's service time, as a multiple of the median (lognormal)"""
    no_show_s: float | None
    """None: comes when called; else the clerk waits this long, then skips"""
    back_after_s: float | None
    """a no-show who comes back this long after being skipped"""


@dataclass
class Visit:
    """One ticket's story."""

    ticket: TicketView
    villager: Villager
    first_call: float | None = None
    requeued: bool = False
    measured: dict[str, tuple[float, float, float]] = field(default_factory=dict)
    """predictor -> (expected, low, high) seconds, made when the ticket was issued"""


@dataclass(frozen=True)
class Habits:
    """How one hall works, the same every day (the projection does not see these figures)."""

    speeds: dict[int, float]
    """window -> its clerk's service times as a multiple of the usual"""
    matters: dict[tuple[str, str], float]
    """(service, matter) -> its service times as a multiple of half the promised limit"""
    demand: dict[str, float]
    """service -> villagers on a market day"""


@dataclass
class Clerk:
    window: int
    speed: float
    signed_in: bool = False
    paused: bool = False
    serving: Visit | None = None
    break_due: float | None = None
    break_min: float = 0.0


class HallDay:
    """One day of the hall; ``run()`` plays it, calling ``on_issue`` after every ticket."""

    def __init__(
        self,
        hall: Hall,
        clock: FixedClock,
        day: dt.date,
        seed: int,
        habits: Habits,
        on_issue: Callable[[HallDay, Visit], None] | None = None,
    ) -> None:
        self.hall = hall
        self.config: HallConfig = hall.config
        config = hall.config
        self.clock = clock
        self.day = day
        self.rng = random.Random(f"{seed}-{day}")
        """the day's villagers; the breaks and the day's pace have their own draws"""
        self._breaks_rng = random.Random(f"{seed}-{day}-breaks")
        self.tz = self.config.hall.tz
        self.market = self.config.market_days.is_market_day(day)
        self.habits = habits
        self.day_factor = math.exp(random.Random(f"{seed}-{day}-pace").gauss(0, 0.08))
        self.on_issue = on_issue
        self.visits: dict[int, Visit] = {}
        self.finished: list[tuple[str, float]] = []
        """(service, service seconds) of today's finished tickets, in order"""
        self.clerks = {w.number: Clerk(w.number, habits.speeds[w.number]) for w in config.windows}
        self._events: list[tuple[float, int, str, object]] = []
        self._seq = 0

    # ------------------------------------------------------------------ time

    def at(self, hhmm: str) -> float:
        h, m = (int(x) for x in hhmm.split(":"))
        return dt.datetime.combine(self.day, dt.time(h, m), self.tz).timestamp()

    def _schedule(self, ts: float, kind: str, data: object = None) -> None:
        self._seq += 1
        heapq.heappush(self._events, (ts, self._seq, kind, data))

    def _callable(self, ts: float) -> bool:
        """Windows call during opening hours and, after the last period, until the queue is out."""
        lunch = self.at("12:00") <= ts < self.at("14:00")
        return ts >= self.at("08:30") and not lunch

    # ------------------------------------------------------------------ the day's plan

    def _plan(self) -> None:
        windows = [w for w in self.config.windows if self.market or w.services != ["V"]]
        late, late_at = LATE_WINDOW
        for w in windows:
            self._schedule(self.at(late_at if w.number == late else "08:30"), "sign_in", w.number)
        for hhmm, minutes in BREAKS:
            rng = self._breaks_rng
            window = rng.choice([w.number for w in windows if w.number != late])
            due = self.at(hhmm) + rng.uniform(-20, 20) * 60
            self._schedule(due, "break", (window, minutes * math.exp(rng.gauss(0, BREAK_SIGMA))))
        self._schedule(self.at("14:00"), "reopen")
        slots = [(self.at(t), w) for t, w in PROFILE]
        weights = [w for _, w in slots]
        rng = self.rng
        for code, per_market_day in self.habits.demand.items():
            service = self.config.service(code)
            assert service is not None
            if service.market_days_only and not self.market:
                continue
            mean = per_market_day * (1 if self.market else ORDINARY_SHARE)
            for _ in range(_poisson(rng, mean)):
                start, _ = rng.choices(slots, weights)[0]
                no_show = rng.random() < NO_SHOW
                villager = Villager(
                    service=code,
                    matter=rng.choice(service.matters).code,
                    priority=rng.random() < PRIORITY,
                    pace=math.exp(rng.gauss(0, SIGMA)),
                    no_show_s=(
                        NO_SHOW_S * math.exp(rng.gauss(0, NO_SHOW_SIGMA)) if no_show else None
                    ),
                    back_after_s=rng.uniform(600, 1800) if rng.random() < NO_SHOW_BACK else None,
                )
                self._schedule(start + rng.uniform(0, 1800), "arrive", villager)

    # ------------------------------------------------------------------ playing it

    def run(self) -> None:
        self._plan()
        while self._events:
            ts, _, kind, data = heapq.heappop(self._events)
            self.clock.moment = dt.datetime.fromtimestamp(ts, self.tz)
            getattr(self, f"_on_{kind}")(ts, data)
        self.clock.moment = dt.datetime.fromtimestamp(ts + 60, self.tz)
        for clerk in self.clerks.values():
            if clerk.signed_in:
                self.hall.sign_out(clerk.window)
                clerk.signed_in = False

    def _on_arrive(self, ts: float, villager: object) -> None:
        assert isinstance(villager, Villager)
        ticket = self.hall.issue(villager.service, villager.matter, priority=villager.priority)
        visit = self.visits[ticket.id] = Visit(ticket, villager)
        if self.on_issue is not None:
            self.on_issue(self, visit)
        self._wake(ts, villager.service)

    def _on_sign_in(self, ts: float, window: object) -> None:
        clerk = self.clerks[int(window)]  # type: ignore[call-overload]
        self.hall.sign_in(clerk.window, f"clerk{clerk.window}")
        clerk.signed_in = True
        self._call(ts, clerk)

    def _on_break(self, ts: float, data: object) -> None:
        window, minutes = data  # type: ignore[misc]
        clerk = self.clerks[window]
        clerk.break_due, clerk.break_min = ts, minutes
        if clerk.serving is None and clerk.signed_in:
            self._take_break(ts, clerk)

    def _on_resume(self, ts: float, window: object) -> None:
        clerk = self.clerks[int(window)]  # type: ignore[call-overload]
        self.hall.resume(clerk.window)
        clerk.paused = False
        self._call(ts, clerk)

    def _on_reopen(self, ts: float, _: object) -> None:
        for clerk in self.clerks.values():
            if clerk.serving is None:
                self._call(ts, clerk)

    def _on_requeue(self, ts: float, visit: object) -> None:
        assert isinstance(visit, Visit)
        self.hall.requeue(visit.ticket.id)
        self._wake(ts, visit.ticket.service)

    def _on_done(self, ts: float, data: object) -> None:
        window, no_show = data  # type: ignore[misc]
        clerk = self.clerks[window]
        visit = clerk.serving
        assert visit is not None
        clerk.serving = None
        if no_show:
            self.hall.skip(window)
            back = visit.villager.back_after_s
            if not visit.requeued and back is not None:
                visit.requeued = True
                self._schedule(ts + back, "requeue", visit)
        else:
            done = self.hall.finish(window)
            assert done.called_at is not None
            self.finished.append((done.service, ts - done.called_at.timestamp()))
        if clerk.break_due is not None and ts >= clerk.break_due:
            self._take_break(ts, clerk)
        else:
            self._call(ts, clerk)

    # ------------------------------------------------------------------ a clerk's moves

    def _take_break(self, ts: float, clerk: Clerk) -> None:
        self.hall.pause(clerk.window)
        clerk.paused, clerk.break_due = True, None
        self._schedule(ts + clerk.break_min * 60, "resume", clerk.window)

    def _wake(self, ts: float, service: str) -> None:
        for window in self.config.windows_for(service):
            clerk = self.clerks[window.number]
            if clerk.serving is None:
                self._call(ts, clerk)

    def _call(self, ts: float, clerk: Clerk) -> None:
        if not clerk.signed_in or clerk.paused or not self._callable(ts):
            return
        ticket = self.hall.call_next(clerk.window)
        if ticket is None:
            return
        visit = self.visits[ticket.id]
        if visit.first_call is None:
            visit.first_call = ts
        clerk.serving = visit
        villager = visit.villager
        if not visit.requeued and villager.no_show_s is not None:
            self._schedule(ts + villager.no_show_s, "done", (clerk.window, True))
            return
        matter = ticket.matter or ""
        limit = self._limit_s(ticket.service, matter)
        median = limit / 2 * self.habits.matters.get((ticket.service, matter), 1.0)
        seconds = median * clerk.speed * self.day_factor * villager.pace
        self._schedule(ts + seconds, "done", (clerk.window, False))

    def _limit_s(self, service: str, matter: str) -> float:
        svc = self.config.service(service)
        found = svc.matter(matter) if svc else None
        return (found.limit_minutes if found and found.limit_minutes else 10) * 60


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (normal approximation above 30)."""
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def hall_habits(config: HallConfig, rng: random.Random) -> Habits:
    """Each clerk's pace and each matter's, and the demand the hall is staffed for."""
    speeds = {w.number: rng.uniform(0.85, 1.2) for w in config.windows}
    matters = {(s.code, m.code): rng.uniform(0.8, 1.2) for s in config.services for m in s.matters}
    return Habits(speeds, matters, staffed_demand(config, speeds, matters))


def staffed_demand(
    config: HallConfig, speeds: dict[int, float], matters: dict[tuple[str, str], float]
) -> dict[str, float]:
    """``MARKET_DEMAND``, each service scaled down to ``MAX_LOAD`` of the time of its windows
    (a shared window's time split among its services in proportion to their work)."""
    late, late_at = LATE_WINDOW
    late_minutes = OPEN_MINUTES - (int(late_at[:2]) * 60 + int(late_at[3:]) - 8 * 60 - 30)
    work = {}  # minutes of service a market day brings, at the usual pace
    for code, tickets in MARKET_DEMAND.items():
        service = config.service(code)
        assert service is not None
        mean = statistics.fmean(
            (m.limit_minutes or 10) / 2 * matters[(code, m.code)] for m in service.matters
        )
        work[code] = tickets * mean * math.exp(SIGMA**2 / 2)
    capacity = dict.fromkeys(work, 0.0)
    for w in config.windows:
        minutes = (late_minutes if w.number == late else OPEN_MINUTES) / speeds[w.number]
        shared = sum(work[c] for c in w.services)
        for code in w.services:
            capacity[code] += minutes * work[code] / shared
    return {
        code: tickets * min(1.0, MAX_LOAD * capacity[code] / work[code])
        for code, tickets in MARKET_DEMAND.items()
    }


def working_days(start: dt.date, count: int, config: HallConfig) -> list[dt.date]:
    days, day = [], start
    while len(days) < count:
        if config.hall.is_open_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days

"""Wait estimates on simulated hall days, and what a projection costs.

Run: .venv/bin/python bench/bench_wait.py [--seeds N] [--history DAYS] [--oracle REPLAYS]
[--cost-only]

Accuracy: per seed, a fresh SQLite hall lives ``--history`` working days (its history), then an
ordinary day and a market day (圩日) on which every ticket, right after it is issued, gets
- the projection: ``Hall.estimate_wait(ticket)`` (expected, low, high);
- the old formula (before the projection): people ahead × today's mean service time of the
  service ÷ (configured windows − paused ones);
- the QL predictor of the queueing literature: (people ahead + 1) × the service's mean service
  time (all days so far) ÷ staffed windows (a clerk signed in, not paused);
- with ``--oracle``, the median of that many replays of the simulation's own laws from the hall
  as it stands (``waitoracle.py``): about the least error any predictor could reach;
and is compared with its actual wait (issue → first call). The simulation is ``hallday.py``.
The two formulas give a point, so their "range" is that point (width 0).

Cost: a market-day hall with 300 waiting tickets and every window serving; ``estimate_waits()``
(the kiosk home's question: every service), the pure projection alone, and ``estimate_wait``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from hallday import HallDay, Visit, hall_habits, working_days
from measure import percentile
from rich.console import Console
from rich.table import Table
from waitoracle import Oracle

from servicehall.config import HallConfig, load_config
from servicehall.queue import FixedClock, Hall
from servicehall.queue.estimate import project_new
from servicehall.queue.waitreader import WaitReader

FIRST_DAY = dt.date(2026, 10, 19)
"""A Monday; with 20 days of history the measured days are 16 (ordinary) and 17 November (圩日)."""
PREDICTORS = ("projection", "old", "ql")
LATE_S = 120
LONG_S = 600

console = Console(width=150)


class Predictors:
    """What each predictor says for a ticket just issued."""

    def __init__(self, config: HallConfig, oracle_replays: int = 0) -> None:
        self.config = config
        self.history: dict[str, list[float]] = defaultdict(list)
        self.oracle_replays = oracle_replays
        self.oracle: Oracle | None = None

    def close_day(self, day: HallDay) -> None:
        for service, seconds in day.finished:
            self.history[service].append(seconds)

    def __call__(self, day: HallDay, visit: Visit) -> None:
        ticket = visit.ticket
        wait = day.hall.estimate_wait(ticket)
        visit.measured["projection"] = (wait.expected_s, wait.low_s, wait.high_s)
        ahead = ticket.ahead or 0
        windows = [day.clerks[w.number] for w in self.config.windows_for(ticket.service)]
        today = [s for code, s in day.finished if code == ticket.service]
        if today:
            mean_today = statistics.fmean(today)
        else:  # the old code's fallback: half the matters' promised limit
            limits = [m.limit_minutes or 10 for m in self.config.service(ticket.service).matters]  # type: ignore[union-attr]
            mean_today = sum(limits) / len(limits) * 60 / 2
        paused = sum(c.paused for c in windows)
        old = ahead * mean_today / max(1, len(windows) - paused)
        visit.measured["old"] = (old, old, old)
        everything = self.history[ticket.service] + today
        mean_all = statistics.fmean(everything) if everything else mean_today
        staffed = sum(c.signed_in and not c.paused for c in windows)
        ql = (ahead + 1) * mean_all / max(1, staffed)
        visit.measured["ql"] = (ql, ql, ql)
        if self.oracle_replays:
            if self.oracle is None or self.oracle.day is not day:
                self.oracle = Oracle(day)
            best = self.oracle.median_wait(ticket.id, self.oracle_replays)
            visit.measured["oracle"] = (best, best, best)


def run_seed(
    seed: int, history_days: int, folder: Path, oracle_replays: int
) -> dict[str, list[Visit]]:
    """One hall: its history, then an ordinary and a market day measured."""
    config = load_config(None)
    habits = hall_habits(config, random.Random(seed))
    days = working_days(FIRST_DAY, history_days + 8, config)
    ordinary = next(d for d in days[history_days:] if not config.market_days.is_market_day(d))
    market = next(d for d in days[history_days:] if config.market_days.is_market_day(d))
    clock = FixedClock(dt.datetime.combine(days[0], dt.time(8), config.hall.tz))
    hall = Hall.open(config, db=f"sqlite:///{folder / f'seed{seed}.db'}", clock=clock)
    predictors = Predictors(config, oracle_replays)
    measured: dict[str, list[Visit]] = {}
    for day in [*days[:history_days], ordinary, market]:
        kind = "market" if day == market else "ordinary" if day == ordinary else None
        sim = HallDay(hall, clock, day, seed, habits, predictors if kind else None)
        sim.run()
        predictors.close_day(sim)
        if kind:
            measured[kind] = [v for v in sim.visits.values() if v.first_call is not None]
        if kind:
            console.print(
                f"  seed {seed}: {day} ({kind}) {len(sim.visits)} tickets", highlight=False
            )
    hall.close()
    return measured


def figures(visits: list[Visit], predictor: str) -> dict[str, float]:
    errors, late, long, widths, straddle = [], 0, 0, [], []
    for v in visits:
        assert v.first_call is not None
        issued = v.ticket.issued_at.timestamp()
        actual = v.first_call - issued
        expected, low, high = v.measured[predictor]
        errors.append(abs(expected - actual))
        late += actual < low - LATE_S
        long += actual > high + LONG_S
        widths.append(high - low)
        noon = dt.datetime.combine(v.ticket.day, dt.time(12), v.ticket.issued_at.tzinfo)
        straddle.append((issued + expected < noon.timestamp()) != (v.first_call < noon.timestamp()))
    same_side = [e for e, other in zip(errors, straddle, strict=True) if not other]
    n = len(visits)
    return {
        "mae_min": statistics.fmean(errors) / 60,
        "late": late / n,
        "long": long / n,
        "width_min": statistics.median(widths) / 60,
        "other_side": sum(straddle) / n,
        "mae_same_side_min": statistics.fmean(same_side) / 60,
    }


def accuracy(seeds: int, history_days: int, oracle_replays: int) -> None:
    pooled: dict[str, list[Visit]] = defaultdict(list)
    started = time.perf_counter()
    per_seed = Table(
        "seed", "day", "tickets", "mean wait", "max wait", "MAE", "late", "width", "old MAE",
        *(["oracle MAE"] if oracle_replays else []),
        title="Each seed's measured days (projection, and the other predictors' MAE)",
    )  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(1, seeds + 1):
            measured = run_seed(seed, history_days, Path(folder), oracle_replays)
            for kind, visits in measured.items():
                pooled[kind] += visits
                f, old = figures(visits, "projection"), figures(visits, "old")
                waits = [v.first_call - v.ticket.issued_at.timestamp() for v in visits]  # type: ignore[operator]
                per_seed.add_row(
                    str(seed),
                    kind,
                    str(len(visits)),
                    f"{statistics.fmean(waits) / 60:.1f} min",
                    f"{max(waits) / 60:.0f} min",
                    f"{f['mae_min']:.1f} min",
                    f"{f['late']:.1%}",
                    f"{f['width_min']:.1f} min",
                    f"{old['mae_min']:.1f} min",
                    *(
                        [f"{figures(visits, 'oracle')['mae_min']:.2f} min"]
                        if oracle_replays
                        else []
                    ),
                )
    console.print(per_seed)
    table = Table(
        "day",
        "predictor",
        "tickets",
        "MAE",
        "late: < low − 2 min",
        "long: > high + 10 min",
        "median width",
        "called across lunch",
        "MAE of the rest",
        title=f"Wait estimates: {seeds} seeds × (ordinary day, market day), "
        f"{history_days} days of history each",
    )
    for kind in ("market", "ordinary"):
        visits = pooled[kind]
        actual = [v.first_call - v.ticket.issued_at.timestamp() for v in visits]  # type: ignore[operator]
        for predictor in PREDICTORS + (("oracle",) if oracle_replays else ()):
            f = figures(visits, predictor)
            table.add_row(
                kind,
                predictor,
                str(len(visits)),
                f"{f['mae_min']:.1f} min",
                f"{f['late']:.1%}",
                f"{f['long']:.1%}",
                f"{f['width_min']:.1f} min" if predictor == "projection" else "(a point)",
                f"{f['other_side']:.1%}",
                f"{f['mae_same_side_min']:.1f} min",
            )
        if oracle_replays:
            print_mae(kind, visits, oracle_replays)
        console.print(
            f"{kind}: actual wait mean {statistics.fmean(actual) / 60:.1f} min, median "
            f"{statistics.median(actual) / 60:.1f}, p90 {percentile(actual, 0.9) / 60:.1f}, "
            f"max {max(actual) / 60:.1f}",
            highlight=False,
        )
    console.print(table)
    console.print(f"simulated in {time.perf_counter() - started:.0f} s")


def print_mae(kind: str, visits: list[Visit], oracle_replays: int) -> None:
    """The pooled MAEs to two decimals, and how far the projection is from the oracle."""
    mae = {p: figures(visits, p)["mae_min"] for p in ("projection", "oracle")}
    console.print(
        f"{kind}: MAE projection {mae['projection']:.2f} min, oracle ({oracle_replays} replays) "
        f"{mae['oracle']:.2f} min",
        highlight=False,
    )


def cost(rounds: int = 300) -> None:
    """A market day at 10:30 with 300 waiting tickets and every window serving someone."""
    config = load_config(None)
    rng = random.Random(7)
    habits = hall_habits(config, rng)
    days = working_days(FIRST_DAY, 20, config)
    market = next(d for d in days[10:] if config.market_days.is_market_day(d))
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(dt.datetime.combine(days[0], dt.time(8), config.hall.tz))
        hall = Hall.open(config, db=f"sqlite:///{Path(folder) / 'cost.db'}", clock=clock)
        for day in days[:10]:
            HallDay(hall, clock, day, 7, habits).run()
        clock.moment = dt.datetime.combine(market, dt.time(9, 0), config.hall.tz)
        codes = list(habits.demand)
        weights = list(habits.demand.values())
        for n in range(300 + len(config.windows)):  # each window then calls one
            service = config.service(rng.choices(codes, weights)[0])
            assert service is not None
            hall.issue(service.code, rng.choice(service.matters).code, priority=n % 17 == 0)
            clock.advance(seconds=5)
        for w in config.windows:
            hall.sign_in(w.number, f"clerk{w.number}")
            hall.call_next(w.number)
        clock.advance(minutes=3)
        waiting = len(hall.waiting(limit=1000))
        start = time.perf_counter()
        hall.estimate_waits()
        cold_ms = (time.perf_counter() - start) * 1000
        everything = _timed(hall.estimate_waits, rounds)
        last = hall.waiting(limit=1000)[-1]
        one = _timed(lambda: hall.estimate_wait(last), rounds)
        now = hall.now()
        reader = WaitReader(config)
        snapshot, stats = hall.store.read(lambda conn: reader.read(conn, now))
        today = [s.code for s in hall.services_today()]
        pure = _timed(lambda: project_new(snapshot, stats, config, today), rounds)
        hall.close()
    title = f"Projection cost ({waiting} waiting, {rounds} runs)"
    table = Table("what", "wall median", "wall p95", "CPU median", title=title)
    table.add_row("estimate_waits(): every service, read + projection", *_ms(everything))
    table.add_row("  the projection alone (pure)", *_ms(pure))
    table.add_row("estimate_wait(last ticket): read + projection", *_ms(one))
    table.add_row(
        "first estimate_waits() of the day (reads 10 days of history)", f"{cold_ms:.1f} ms", "", ""
    )
    console.print(table)


def _timed(work, rounds: int) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall-clock and CPU milliseconds of each run (CPU time moves less with the machine's load)."""
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.thread_time()
        work()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
    return wall, cpu


def _ms(samples: tuple[list[float], list[float]]) -> tuple[str, str, str]:
    wall, cpu = samples
    return (
        f"{statistics.median(wall):.2f} ms",
        f"{percentile(wall, 0.95):.2f} ms",
        f"{statistics.median(cpu):.2f} ms",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=8)
    parser.add_argument("--history", type=int, default=20, help="working days of history")
    parser.add_argument(
        "--oracle", type=int, default=0, metavar="REPLAYS", help="add the oracle (slow: 128)"
    )
    parser.add_argument("--cost-only", action="store_true")
    args = parser.parse_args()
    console.print(f"load average {os.getloadavg()[0]:.1f}, {dt.date.today()}", highlight=False)
    if not args.cost_only:
        accuracy(args.seeds, args.history, args.oracle)
    cost()
    return 0


if __name__ == "__main__":
    sys.exit(main())

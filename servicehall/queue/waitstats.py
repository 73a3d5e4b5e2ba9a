"""Service-time statistics for the wait projection: what the hall's own history says.

Pure (no I/O): ``DayFigures`` add up one day's raw figures (``waitreader`` fills them from the
store) and ``build_wait_stats`` turns the trailing working days and today's figures into
``WaitStats``, the projection's input: a lognormal service time per matter, the no-show rate and
what a no-show costs a window, the usual pause length, and arrival rates per hour.

Recent days weigh more (half-life ``HALF_LIFE_DAYS`` working days); history counts as at most
``HISTORY_CAP`` observations per matter, so today's own finishes pull the figures as they come
in, and a shift common to every matter (a slow day, a new clerk) is learnt from all of today's
finishes at once. A new hall starts from a prior drawn from the config: half of each matter's
promised limit (``limit_minutes``).

A window's usual opening (when its clerk starts work, on most of the trailing days like today)
lets the projection count a window whose clerk always comes later, from when he usually comes.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from servicehall.config import HallConfig

HOURS = 24
HALF_LIFE_DAYS = 10.0
"""Two working weeks: a matter's length changes slowly (a new procedure, a new clerk), while
today's pace, common to every matter, is learnt from today's finishes."""
HISTORY_CAP = 60.0
"""History weighs at most this many observations of a matter against today's own finishes."""
SERVICE_PRIOR_N = 3.0
MATTER_PRIOR_N = 5.0
TODAY_SHIFT_N = 15.0
"""Today's common shift of every matter is shrunk as if this many finishes said "no shift"."""
PRIOR_SIGMA = 0.5
DEFAULT_SERVICE_S = 300.0
PRIOR_NO_SHOW = 0.05
NO_SHOW_N = 30.0
PRIOR_NO_SHOW_S = 90.0
PRIOR_PAUSE_S = 900.0
ARRIVAL_SCALE_N = 10.0
USUAL_OPEN_SHARE = 0.5
"""A window opens "usually" when it worked on at least this share (weighted) of the days."""
SHORTEST_S = 10.0
LONGEST_S = 4 * 3600.0
"""Service times are clipped to this range (a mistaken call, a ticket left open over lunch)."""

Key = tuple[str, str | None]
"""(service, matter); matter None is the service's mix of matters."""


@dataclass
class DayFigures:
    """One day's raw figures as they add up (a closed day's never change; today's grow)."""

    market: bool = False
    logs: dict[Key, list[float]] = field(default_factory=dict)
    """(service, matter) -> [count, sum of log seconds, sum of squared log seconds]"""
    calls: dict[str, int] = field(default_factory=dict)
    skips: dict[str, int] = field(default_factory=dict)
    skip_s: list[float] = field(default_factory=list)
    pauses: list[float] = field(default_factory=list)
    arrivals: dict[tuple[str, bool], list[int]] = field(default_factory=dict)
    """(service, priority) -> tickets issued per hall-local hour"""
    opened: dict[int, float] = field(default_factory=dict)
    """window -> when it started work (its first sign-in or call), seconds after midnight"""

    def add_service(self, service: str, matter: str | None, seconds: float) -> None:
        x = math.log(min(max(seconds, SHORTEST_S), LONGEST_S))
        acc = self.logs.setdefault((service, matter), [0.0, 0.0, 0.0])
        acc[0] += 1
        acc[1] += x
        acc[2] += x * x

    def add_call(self, service: str) -> None:
        self.calls[service] = self.calls.get(service, 0) + 1

    def add_skip(self, service: str, seconds: float | None) -> None:
        self.skips[service] = self.skips.get(service, 0) + 1
        if seconds is not None and 0 < seconds < 1800:
            self.skip_s.append(seconds)

    def add_pause(self, seconds: float) -> None:
        if 60 <= seconds <= 3 * 3600:
            self.pauses.append(seconds)

    def add_arrival(self, service: str, priority: bool, hour: int) -> None:
        self.arrivals.setdefault((service, priority), [0] * HOURS)[hour] += 1

    def add_work(self, window: int, seconds_of_day: float) -> None:
        """The window worked (signed in or called) at this time of day."""
        self.opened[window] = min(self.opened.get(window, seconds_of_day), seconds_of_day)


@dataclass(frozen=True, slots=True)
class Duration:
    """A lognormal duration: its mean and variance in seconds, and its log parameters."""

    mean_s: float
    var_s: float
    mu: float
    sigma: float

    @classmethod
    def lognormal(cls, mu: float, sigma: float) -> Duration:
        mean = math.exp(mu + sigma * sigma / 2)
        return cls(mean, (math.exp(sigma * sigma) - 1) * mean * mean, mu, sigma)

    @classmethod
    def from_moments(cls, mean: float, var: float) -> Duration:
        s2 = math.log(1 + var / (mean * mean))
        return cls(mean, var, math.log(mean) - s2 / 2, math.sqrt(s2))

    def remaining(self, elapsed: float) -> tuple[float, float]:
        """What is left after ``elapsed`` seconds: its median (the point the window is expected
        to free at: half the time sooner, half later, which is what a villager next in line
        waits for) and the variance around its mean E[S - e | S > e]."""
        if elapsed <= 0:
            return math.exp(self.mu), self.var_s
        a = (math.log(elapsed) - self.mu) / self.sigma
        survive = _upper(a)
        if survive > 1e-9:
            mean_left = self.mean_s * _upper(a - self.sigma) / survive - elapsed
            # the median of S given S > e: the quantile that leaves half of the survivors above
            median = math.exp(self.mu + self.sigma * _NORMAL.inv_cdf(1 - survive / 2))
            left = median - elapsed
        else:  # far in the tail: the lognormal's mean residual life grows like e·σ²/(ln e − μ)
            mean_left = left = elapsed * self.sigma * self.sigma / max(a * self.sigma, 1.0)
        mean_left = max(mean_left, SHORTEST_S)
        return max(left, SHORTEST_S), mean_left * mean_left * (math.exp(self.sigma**2) - 1)


_NORMAL = statistics.NormalDist()


def _upper(x: float) -> float:
    """P(Z > x) for a standard normal Z."""
    return 0.5 * math.erfc(x / math.sqrt(2))


@dataclass(frozen=True)
class WaitStats:
    """What the projection needs to know about how this hall works."""

    durations: Mapping[Key, Duration]
    no_show: Mapping[str, float]
    """Share of calls per service that end as a no-show."""
    no_show_s: float
    """How long a no-show keeps a window (call, recall, skip)."""
    pause_s: float
    """A pause's usual length."""
    arrivals: Mapping[tuple[str, bool], tuple[float, ...]]
    """(service, priority) -> tickets per second, per hall-local hour, expected for today."""
    opens: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    """window -> (mean, spread) in seconds after midnight of when it usually starts work, for
    the windows that work on most days like today"""

    def duration(self, service: str, matter: str | None) -> Duration:
        found = self.durations.get((service, matter))
        return found if found is not None else self.durations[(service, None)]


def day_weights(count: int) -> list[float]:
    """Weights of the trailing days, most recent first."""
    return [0.5 ** (rank / HALF_LIFE_DAYS) for rank in range(count)]


@dataclass(frozen=True)
class History:
    """The trailing working days summed up for today (made once a day)."""

    logs: Mapping[Key, tuple[float, float, float]]
    """(service, matter) -> (mu, variance, weight against today's finishes) of log seconds"""
    matter_counts: Mapping[Key, float]
    usual_no_show: Mapping[str, tuple[float, float]]
    """service -> weighted (calls, skips); "" is the whole hall."""
    skip_s: Sequence[float]
    pauses: Sequence[float]
    arrivals: Mapping[tuple[str, bool], Sequence[float]] | None
    """Tickets per second per hour on days like today; None for a hall without history."""
    opens: Mapping[int, tuple[float, float]] = field(default_factory=dict)
    """window -> (mean, spread) of when it starts work on days like today (most of them)"""


def summarise_history(
    config: HallConfig, days: Sequence[DayFigures], market: bool, open_s: Sequence[float]
) -> History:
    """The trailing days (most recent first) as today's projection needs them.

    ``open_s`` is how many seconds of each hall-local hour the hall is open.
    """
    weights = day_weights(len(days))
    pairs = list(zip(days, weights, strict=True))
    counts: dict[Key, float] = {}
    for day in days:
        for key, acc in day.logs.items():
            counts[key] = counts.get(key, 0.0) + acc[0]
    no_show: dict[str, tuple[float, float]] = {"": (0.0, 0.0)}
    for code in [s.code for s in config.services]:
        calls = sum(w * d.calls.get(code, 0) for d, w in pairs)
        skips = sum(w * d.skips.get(code, 0) for d, w in pairs)
        no_show[code] = (calls, skips)
        no_show[""] = (no_show[""][0] + calls, no_show[""][1] + skips)
    return History(
        logs=_history_logs(config, pairs),
        matter_counts=counts,
        usual_no_show=no_show,
        skip_s=[s for d in days for s in d.skip_s],
        pauses=[s for d in days for s in d.pauses],
        arrivals=_usual_arrivals(config, pairs, market, open_s) if days else None,
        opens=_usual_opens(pairs, market),
    )


def build_wait_stats(
    config: HallConfig, history: History, today: DayFigures, open_so_far_s: Sequence[float]
) -> WaitStats:
    """Today's statistics: the history pulled towards today's figures.

    ``open_so_far_s``: the seconds of each hall-local hour the hall has been open so far today
    (today's arrivals against the usual ones).
    """
    return WaitStats(
        durations=_durations(config, history, today),
        no_show=_no_show(config, history, today),
        no_show_s=_median([*history.skip_s, *today.skip_s], PRIOR_NO_SHOW_S),
        pause_s=_median([*history.pauses, *today.pauses], PRIOR_PAUSE_S),
        arrivals=_arrivals(config, history, today, open_so_far_s),
        opens=history.opens,
    )


def _median(values: list[float], prior: float) -> float:
    return statistics.median(values) if values else prior


def _prior_mean_s(limit_minutes: int | None) -> float | None:
    return limit_minutes * 60 / 2 if limit_minutes else None


def _moments(
    pairs: Sequence[tuple[DayFigures, float]], keys: Sequence[Key]
) -> tuple[float, float, float]:
    """Weighted count, mean and variance of log seconds over ``keys`` on the trailing days."""
    n = s1 = s2 = 0.0
    for day, w in pairs:
        for key in keys:
            acc = day.logs.get(key)
            if acc is not None:
                n += w * acc[0]
                s1 += w * acc[1]
                s2 += w * acc[2]
    if n <= 0:
        return 0.0, 0.0, 0.0
    mean = s1 / n
    return n, mean, max(s2 / n - mean * mean, 0.0)


def _blend(prior: float, prior_n: float, value: float, n: float) -> float:
    return (prior * prior_n + value * n) / (prior_n + n)


def _history_logs(
    config: HallConfig, pairs: Sequence[tuple[DayFigures, float]]
) -> dict[Key, tuple[float, float, float]]:
    """Per matter: the config's prior, then the service's history, then the matter's."""
    prior_var = PRIOR_SIGMA * PRIOR_SIGMA
    logs: dict[Key, tuple[float, float, float]] = {}
    for service in config.services:
        means = [_prior_mean_s(m.limit_minutes) for m in service.matters]
        known = [m for m in means if m is not None]
        service_mean = sum(known) / len(known) if known else DEFAULT_SERVICE_S
        service_mu = math.log(service_mean) - prior_var / 2
        keys: list[Key] = [(service.code, m.code) for m in service.matters] + [(service.code, None)]
        n, mu, var = _moments(pairs, keys)
        s_mu = _blend(service_mu, SERVICE_PRIOR_N, mu, n)
        s_var = _blend(prior_var, SERVICE_PRIOR_N, var, n)
        logs[(service.code, None)] = (s_mu, s_var, min(n + SERVICE_PRIOR_N, HISTORY_CAP))
        for matter, mean in zip(service.matters, means, strict=True):
            offset = math.log(mean or service_mean) - math.log(service_mean)
            n_m, mu_m, var_m = _moments(pairs, [(service.code, matter.code)])
            logs[(service.code, matter.code)] = (
                _blend(s_mu + offset, MATTER_PRIOR_N, mu_m, n_m),
                _blend(s_var, MATTER_PRIOR_N, var_m, n_m),
                min(n_m + MATTER_PRIOR_N, HISTORY_CAP),
            )
    return logs


def _durations(config: HallConfig, history: History, today: DayFigures) -> dict[Key, Duration]:
    """Each matter's history, shifted by today's common pace, then pulled to today's finishes."""
    shift = _today_shift(history.logs, today)
    durations: dict[Key, Duration] = {}
    for key, (mu, var, n) in history.logs.items():
        acc = today.logs.get(key)
        mu += shift
        if acc is not None and acc[0] > 0:
            t_mean = acc[1] / acc[0]
            t_var = max(acc[2] / acc[0] - t_mean * t_mean, 0.0)
            mu = _blend(mu, n, t_mean, acc[0])
            var = _blend(var, n, t_var, acc[0])
        durations[key] = Duration.lognormal(mu, math.sqrt(max(var, 0.01)))
    for service in config.services:
        durations[(service.code, None)] = _mix(service.code, durations, history, today)
    return durations


def _today_shift(logs: Mapping[Key, tuple[float, float, float]], today: DayFigures) -> float:
    """How much slower (in log) today's finishes run than history says, shrunk towards none."""
    n = total = 0.0
    for key, acc in today.logs.items():
        base = logs.get(key) or logs.get((key[0], None))
        if base is not None:
            n += acc[0]
            total += acc[1] - acc[0] * base[0]
    return total / (n + TODAY_SHIFT_N)


def _mix(
    service: str, durations: Mapping[Key, Duration], history: History, today: DayFigures
) -> Duration:
    """A ticket of the service whose matter is not known: the matters mixed as they occur."""
    parts = [(k, d) for k, d in durations.items() if k[0] == service and k[1] is not None]
    if not parts:
        return durations[(service, None)]
    counts = [
        1.0 + history.matter_counts.get(k, 0.0) + today.logs.get(k, (0.0,))[0] for k, _ in parts
    ]
    total = sum(counts)
    mean = sum(c * d.mean_s for c, (_, d) in zip(counts, parts, strict=True)) / total
    second = sum(
        c * (d.var_s + d.mean_s * d.mean_s) for c, (_, d) in zip(counts, parts, strict=True)
    )
    return Duration.from_moments(mean, max(second / total - mean * mean, 1.0))


def _no_show(config: HallConfig, history: History, today: DayFigures) -> dict[str, float]:
    """Per service: today's no-show rate, shrunk towards the service's usual and the hall's."""

    def rate(calls: float, skips: float, prior: float) -> float:
        return (skips + prior * NO_SHOW_N) / (calls + NO_SHOW_N)

    hall_usual = rate(*history.usual_no_show[""], PRIOR_NO_SHOW)
    hall_today = rate(sum(today.calls.values()), sum(today.skips.values()), hall_usual)
    result = {}
    for service in config.services:
        code = service.code
        usual = rate(*history.usual_no_show.get(code, (0.0, 0.0)), hall_today)
        result[code] = rate(today.calls.get(code, 0), today.skips.get(code, 0), usual)
    return result


def _usual_arrivals(
    config: HallConfig,
    pairs: Sequence[tuple[DayFigures, float]],
    market: bool,
    open_s: Sequence[float],
) -> dict[tuple[str, bool], list[float]]:
    """Tickets per second per hour on the trailing days like today (market day or not)."""
    alike = [(d, w) for d, w in pairs if d.market == market] or list(pairs)
    total_w = sum(w for _, w in alike)
    usual: dict[tuple[str, bool], list[float]] = {}
    for service in config.services:
        for key in ((service.code, False), (service.code, True)):
            counts = [0.0] * HOURS
            for day, w in alike:
                for hour, c in enumerate(day.arrivals.get(key, ())):
                    counts[hour] += w * c
            usual[key] = [
                counts[h] / total_w / open_s[h] if open_s[h] else 0.0 for h in range(HOURS)
            ]
    return usual


def _usual_opens(
    pairs: Sequence[tuple[DayFigures, float]], market: bool
) -> dict[int, tuple[float, float]]:
    """When each window usually starts work on the trailing days like today: the weighted mean
    and spread of its first sign-in or call, for windows that worked on most of those days."""
    alike = [(d, w) for d, w in pairs if d.market == market] or list(pairs)
    total_w = sum(w for _, w in alike)
    opens: dict[int, tuple[float, float]] = {}
    for window in sorted({n for d, _ in alike for n in d.opened}):
        seen = [(d.opened[window], w) for d, w in alike if window in d.opened]
        weight = sum(w for _, w in seen)
        if weight < USUAL_OPEN_SHARE * total_w:
            continue
        mean = sum(s * w for s, w in seen) / weight
        var = sum(w * (s - mean) ** 2 for s, w in seen) / weight
        opens[window] = (mean, math.sqrt(var))
    return opens


def _arrivals(
    config: HallConfig, history: History, today: DayFigures, open_so_far_s: Sequence[float]
) -> dict[tuple[str, bool], tuple[float, ...]]:
    """The usual profile scaled by how busy today has been so far; a hall without history:
    today's rate so far, flat through the open hours."""
    so_far = sum(open_so_far_s)
    result: dict[tuple[str, bool], tuple[float, ...]] = {}
    for service in config.services:
        keys = ((service.code, False), (service.code, True))
        if history.arrivals is None:
            for key in keys:
                rate = sum(today.arrivals.get(key, ())) / so_far if so_far >= 600 else 0.0
                result[key] = (rate,) * HOURS
            continue
        usual = [history.arrivals[k] for k in keys]
        seen = sum(sum(today.arrivals.get(k, ())) for k in keys)
        expected = sum((usual[0][h] + usual[1][h]) * open_so_far_s[h] for h in range(HOURS))
        scale = (seen + ARRIVAL_SCALE_N) / (expected + ARRIVAL_SCALE_N)
        for key, rates in zip(keys, usual, strict=True):
            result[key] = tuple(r * scale for r in rates)
    return result

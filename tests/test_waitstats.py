"""The projection's service times worked out by hand from a hall's figures: recent days weigh
more (half as much two working weeks back), today's pace common to every matter is learnt from
all of today's finishes, a matter's own history weighs like 60 of today's finishes of it, and a
ticket being served is expected to end at the median of what is left."""

from __future__ import annotations

import math

import pytest

from servicehall.config import HallConfig, parse_config
from servicehall.queue.waitstats import (
    HOURS,
    DayFigures,
    Duration,
    build_wait_stats,
    summarise_history,
)

HALL = """
[hall]
name = "测试镇便民服务中心"
hours = ["08:30-12:00", "14:00-17:30"]

[[services]]
code = "A"
name = "民政"

[[services.matters]]
code = "x"
name = "低保申请"
limit_minutes = 20

[[services]]
code = "B"
name = "社保"

[[services.matters]]
code = "y"
name = "社保卡"
limit_minutes = 10

[[windows]]
number = 1
name = "民政"
services = ["A"]

[[windows]]
number = 2
name = "社保"
services = ["B"]
"""
"""The promised limits' prior (half of each: 600 s and 300 s) agrees with the history below,
which outweighs it a hundredfold: the figures are the history's within a fraction of 1 %."""

OPEN = [0.0] * HOURS


def config() -> HallConfig:
    return parse_config(HALL)


def day(**finishes: tuple[int, float]) -> DayFigures:
    """A day on which matter ``x`` (of A) or ``y`` (of B) had ``count`` finishes of ``seconds``."""
    figures = DayFigures()
    for matter, (count, seconds) in finishes.items():
        service = "A" if matter == "x" else "B"
        for _ in range(count):
            figures.add_service(service, matter, seconds)
    return figures


def usual_days() -> list[DayFigures]:
    return [day(x=(40, 600), y=(40, 300)) for _ in range(20)]


def median(duration: Duration) -> float:
    return math.exp(duration.mu)


def test_a_day_two_working_weeks_back_weighs_half_as_much_as_yesterday() -> None:
    # yesterday 40 finishes of 600 s, ten working days earlier 40 of 1200 s (nothing between):
    # weights 1 and 1/2, so the typical (median) time is 600 × 2^(1/3) = 756 s
    days = [day(x=(40, 600)), *[DayFigures() for _ in range(9)], day(x=(40, 1200))]
    history = summarise_history(config(), days, False, OPEN)
    stats = build_wait_stats(config(), history, DayFigures(), OPEN)
    assert median(stats.duration("A", "x")) == pytest.approx(600 * 2 ** (1 / 3), rel=0.01)


def test_a_slow_day_is_recognised_from_every_matters_finishes() -> None:
    # today 24 finishes of matter y ran 26 % slower than usual; matter x has none yet. The pace
    # common to every matter is shrunk as if 15 finishes said "as usual": log(1.26) × 24 / 39,
    # so x is expected 15 % slower (690 s) and y, pulled by its own finishes too, more
    history = summarise_history(config(), usual_days(), False, OPEN)
    today = day(y=(24, 300 * 1.26))
    stats = build_wait_stats(config(), history, today, OPEN)
    shift = math.log(1.26) * 24 / 39
    assert median(stats.duration("A", "x")) == pytest.approx(600 * math.exp(shift), rel=0.01)
    # y: the shifted history weighs 60 finishes against today's 24 of its own
    mu_y = (60 * (math.log(300) + shift) + 24 * math.log(300 * 1.26)) / 84
    assert median(stats.duration("B", "y")) == pytest.approx(math.exp(mu_y), rel=0.01)


def test_a_matters_own_finishes_today_weigh_against_sixty_of_its_history() -> None:
    # 60 finishes today of x at twice its usual 600 s: the common shift is log 2 × 60 / 75, and
    # the matter's history (shifted) and today's 60 weigh alike: 600 × 2^((0.8 + 1) / 2)
    history = summarise_history(config(), usual_days(), False, OPEN)
    stats = build_wait_stats(config(), history, day(x=(60, 1200)), OPEN)
    assert median(stats.duration("A", "x")) == pytest.approx(600 * 2**0.9, rel=0.01)


def test_a_ticket_being_served_is_expected_to_end_at_the_median_of_what_is_left() -> None:
    service = Duration.lognormal(math.log(600), 0.5)  # median 600 s, mean 680 s
    just_called, _ = service.remaining(0)
    assert just_called == pytest.approx(600)
    # served 600 s: half of such visits end by the 75th percentile, 600 × e^(0.5 × 0.6745)
    left, var = service.remaining(600)
    assert left == pytest.approx(600 * math.exp(0.5 * 0.6744898) - 600, rel=1e-4)
    # the spread stays that of the mean time left, which is longer than the median
    mean_left = service.mean_s * math.erfc(-0.5 / math.sqrt(2)) - 600  # E[S | S > 600] − 600
    assert mean_left > left
    assert var == pytest.approx(mean_left**2 * (math.exp(0.25) - 1), rel=1e-6)

"""The projection's service times worked out by hand: a ticket being served is expected to end
at the median of what is left."""

from __future__ import annotations

import math

import pytest

from servicehall.queue.waitstats import Duration


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

"""How a wait is said, on every screen and the ticket: one formatting function, two languages."""

from __future__ import annotations

import datetime as dt

import pytest

from servicehall.i18n import back_by_text, set_language, wait_text
from servicehall.kiosk.waits import wait_words
from servicehall.queue import WaitEstimate

AT = dt.datetime(2026, 11, 24, 9, 40, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def wait(expected_min: float, low_min: float, high_min: float) -> WaitEstimate:
    return WaitEstimate(round(expected_min * 60), round(low_min * 60), round(high_min * 60), AT)


@pytest.mark.parametrize(
    ("estimate", "zh", "en"),
    [
        (wait(2.9, 0, 4), "马上就到", "very soon"),  # under 3 minutes, however many ahead
        (wait(4, 2, 7), "约 2–7 分钟", "about 2–7 min"),
        (wait(27, 21.5, 33.2), "约 20–35 分钟", "about 20–35 min"),  # widened to whole fives
        (wait(6, 0, 12), "15 分钟以内", "within 15 min"),
        (wait(5, 5, 5), "约 5 分钟", "about 5 min"),
        (wait(130, 95, 161), "约 95–165 分钟", "about 95–165 min"),
    ],
)
def test_wait_text(estimate: WaitEstimate, zh: str, en: str) -> None:
    assert wait_text(estimate, "zh") == zh
    assert wait_text(estimate, "en") == en
    assert wait_text(None) == ""


def test_the_language_follows_the_hall_and_the_printer_can_ask_for_a_hyphen() -> None:
    estimate = wait(27, 21.5, 33.2)
    set_language("en")
    try:
        assert wait_text(estimate) == "about 20–35 min"
    finally:
        set_language("zh")
    assert wait_text(estimate) == "约 20–35 分钟"
    assert wait_text(estimate, dash="-") == "约 20-35 分钟"


def test_back_by_the_low_end_only_when_there_is_time_to_go() -> None:
    # 09:40:30 + 21.5 min = 10:02:00: be back by 10:02
    assert back_by_text(wait(27, 21.5, 33.2), "zh") == "如需离开，请在 10:02 前回来"
    assert back_by_text(wait(27, 21.5, 33.2), "en") == "Stepping out? Be back by 10:02"
    assert back_by_text(wait(12, 8, 16)) == ""
    assert back_by_text(None) == ""


def test_the_kiosk_says_it_with_the_same_words() -> None:
    words = wait_words(wait(27, 21.5, 33.2))
    assert (words.short, words.line) == ("约 20–35 分钟", "预计等候：约 20–35 分钟")
    assert words.back_by == "如需离开，请在 10:02 前回来"
    assert wait_words(wait(2.9, 0, 4)).line == "预计等候：马上就到"
    # the ticket screen: when to be back on the same row where it fits
    both = "预计等候：约 20–35 分钟，如需离开，请在 10:02 前回来"
    assert words.fitted(52) == both
    assert words.fitted(51) == "预计等候：约 20–35 分钟\n如需离开，请在 10:02 前回来"
    assert wait_words(wait(12, 8, 16)).fitted(10) == "预计等候：约 5–20 分钟"
    set_language("en")
    try:
        english = wait_words(wait(27, 21.5, 33.2))
        assert english.fitted(60) == "Wait: about 20–35 min. Stepping out? Be back by 10:02"
    finally:
        set_language("zh")

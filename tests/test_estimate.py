"""The wait projection on small queues worked out by hand: shared windows, the ``ordered`` pick,
a pause, a late sign-in, priority tickets (waiting and expected), no-shows, the lunch break and
the time a busy window still needs. Service times are fixed (no spread) so the figures are exact.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from servicehall.config import HallConfig, parse_config
from servicehall.queue.estimate import (
    HallSnapshot,
    WaitingTicket,
    WindowNow,
    project_new,
    project_ticket,
)
from servicehall.queue.waitstats import Duration, WaitStats

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
MONDAY_10 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)

HALL = """
[hall]
name = "测试镇便民服务中心"
hours = ["{hours}"]

[[services]]
code = "A"
name = "民政"

[[services]]
code = "B"
name = "社保"

[[windows]]
number = 1
name = "民政"
services = ["A"]

[[windows]]
number = 2
name = "综合"
services = {shared}
pick = "{pick}"
"""


def hall(
    shared: str = '["A", "B"]', pick: str = "oldest", hours: str = '08:30-12:00", "14:00-17:30'
) -> HallConfig:
    return parse_config(HALL.format(shared=shared, pick=pick, hours=hours))


def fixed(seconds: float) -> Duration:
    """A service time without spread."""
    return Duration(seconds, 0.0, math.log(seconds), 0.001)


def stats(
    a: float = 600,
    b: float = 600,
    *,
    no_show: float = 0.0,
    pause_s: float = 900,
    priority_per_hour: float = 0.0,
) -> WaitStats:
    durations = {(code, None): fixed(s) for code, s in (("A", a), ("B", b))}
    durations[("A", "long")] = fixed(1200)
    arrivals = {("A", True): (priority_per_hour / 3600,) * 24} if priority_per_hour else {}
    return WaitStats(
        durations=durations,
        no_show={"A": no_show, "B": no_show},
        no_show_s=60.0,
        pause_s=pause_s,
        arrivals=arrivals,
    )


def ticket(id: int, service: str, *, priority: bool = False) -> WaitingTicket:
    return WaitingTicket(id, service, None, priority, queue_pos=id)


def free(number: int) -> WindowNow:
    return WindowNow(number, staffed=True)


def busy(number: int, left_s: float) -> WindowNow:
    """A window serving a 1200 s matter that needs ``left_s`` more seconds."""
    called = MONDAY_10.timestamp() - (1200 - left_s)
    return WindowNow(number, staffed=True, serving=("A", "long", called))


def snapshot(
    waiting: list[WaitingTicket], windows: list[WindowNow], now: dt.datetime = MONDAY_10
) -> HallSnapshot:
    return HallSnapshot(now, waiting, windows)


def waits(snap: HallSnapshot, st: WaitStats, config: HallConfig, *ids: int) -> list[int]:
    return [project_ticket(snap, st, config, i, "AB").expected_s for i in ids]


def test_shared_window_takes_the_oldest_of_its_services() -> None:
    # 1 serves A; 2 serves A and B, oldest first. A1, B2, A3 waiting, both windows free.
    # 0 s: window 1 takes A1, window 2 takes B2 (older than A3); 600 s: window 1 takes A3 and
    # window 2 has nothing left: a new A or B ticket would be called at 600 s.
    snap = snapshot([ticket(1, "A"), ticket(2, "B"), ticket(3, "A")], [free(1), free(2)])
    assert waits(snap, stats(), hall(), 1, 2, 3) == [0, 0, 600]
    new = project_new(snap, stats(), hall(), "AB")
    assert (new["A"].expected_s, new["B"].expected_s) == (600, 600)


def test_ordered_window_serves_its_first_service_before_older_tickets_of_the_next() -> None:
    # window 2 calls B before A; window 1 needs another 1000 s. A takes 300 s, B 600 s.
    # ordered: 0 s window 2 takes B3 although A1, A2 are older; 600 s A1; 900 s A2.
    snap = snapshot([ticket(1, "A"), ticket(2, "A"), ticket(3, "B")], [busy(1, 1000), free(2)])
    st = stats(a=300, b=600)
    assert waits(snap, st, hall('["B", "A"]', "ordered"), 1, 2, 3) == [600, 900, 0]
    # the same window picking the oldest: A1 at 0 s, A2 at 300 s, B3 at 600 s
    assert waits(snap, st, hall('["B", "A"]', "oldest"), 1, 2, 3) == [0, 300, 600]


def test_a_busy_window_frees_after_what_is_left_of_its_ticket() -> None:
    snap = snapshot([ticket(1, "A"), ticket(2, "A")], [busy(1, 450)])
    config = hall('["B"]')
    assert waits(snap, stats(), config, 1, 2) == [450, 1050]
    assert project_new(snap, stats(), config, "A")["A"].expected_s == 1650


def test_the_next_in_line_is_expected_when_half_such_visits_would_have_ended() -> None:
    # window 1 has served a matter of median 600 s (lognormal, sigma 0.5) for 600 s: half of
    # the visits that last that long end by its 75th percentile, 600 x e^(0.5 x 0.6745) = 841 s
    st = stats()
    st.durations[("A", "spread")] = Duration.lognormal(math.log(600), 0.5)
    called = MONDAY_10.timestamp() - 600
    serving = WindowNow(1, staffed=True, serving=("A", "spread", called))
    snap = snapshot([ticket(1, "A")], [serving])
    assert waits(snap, st, hall('["B"]'), 1) == [241]


def test_a_paused_window_returns_after_its_usual_pause() -> None:
    ten_ago = MONDAY_10.timestamp() - 600
    paused = WindowNow(1, staffed=True, paused_since=ten_ago)
    snap = snapshot([ticket(1, "A")], [paused])
    config = hall('["B"]')
    assert waits(snap, stats(pause_s=900), config, 1) == [300]
    # a pause longer than usual is expected to end soon, not never and not in the past
    assert waits(snap, stats(pause_s=300), config, 1) == [120]


def test_a_window_counts_from_its_sign_in() -> None:
    waiting = [ticket(1, "A"), ticket(2, "A"), ticket(3, "A")]
    config = hall()
    late = WindowNow(2, staffed=False)
    before = project_new(snapshot(waiting, [free(1), late]), stats(), config, "A")["A"]
    assert (before.expected_s, before.staffed) == (1800, True)
    after = project_new(snapshot(waiting, [free(1), free(2)]), stats(), config, "A")["A"]
    assert after.expected_s == 600
    # B has no window with a clerk yet: window 2 is assumed open for B (and only for B)
    b_only = project_new(snapshot(waiting, [free(1), late]), stats(), config, "AB")
    assert (b_only["B"].expected_s, b_only["B"].staffed) == (0, False)
    assert b_only["A"].expected_s == 1800
    # nobody signed in yet anywhere: the windows are assumed open, and the estimate says so
    nobody = [WindowNow(1, staffed=False), late]
    early = project_new(snapshot(waiting, nobody), stats(), config, "A")["A"]
    assert (early.expected_s, early.staffed) == (600, False)


def test_a_window_whose_clerk_usually_comes_later_counts_from_then() -> None:
    # window 2's clerk usually starts at 10:15 (the history says so): at 10:00 A1 goes to
    # window 1 at once, A2 at 10:10, A3 to window 2 at 10:15, a new ticket at 10:20
    waiting = [ticket(1, "A"), ticket(2, "A"), ticket(3, "A")]
    config = hall()
    late = WindowNow(2, staffed=False)
    usual = replace(stats(), opens={2: (10.25 * 3600, 0.0)})
    assert (
        project_new(snapshot(waiting, [free(1), late]), usual, config, "A")["A"].expected_s == 1200
    )
    assert (
        project_new(snapshot(waiting, [free(1), late]), stats(), config, "A")["A"].expected_s
        == 1800
    )
    # at 10:31 he is a quarter of an hour late: not expected today any more
    later = MONDAY_10.replace(minute=31)
    snap = snapshot(waiting, [free(1), late], later)
    assert project_new(snap, usual, config, "A")["A"].expected_s == 1800


def test_priority_tickets_go_first_and_expected_ones_pass_a_waiting_villager() -> None:
    # A1 ordinary, A2 priority (later): one window; A2 at 0 s, A1 at 600 s
    config = hall('["B"]')
    snap = snapshot([ticket(1, "A"), ticket(2, "A", priority=True)], [free(1)])
    assert waits(snap, stats(), config, 1, 2) == [600, 0]
    # two priority tickets an hour are expected, the first at 15 min: A1 at 0 s, A2 at 600 s;
    # the expected one (arrived 900 s) at 1200 s; a new ordinary ticket at 1800 s
    snap = snapshot([ticket(1, "A"), ticket(2, "A")], [free(1)])
    assert project_new(snap, stats(), config, "A")["A"].expected_s == 1200
    with_priority = stats(priority_per_hour=2)
    assert project_new(snap, with_priority, config, "A")["A"].expected_s == 1800


def test_no_shows_at_todays_rate_shorten_the_wait() -> None:
    # half the called do not come: a ticket costs 0.5 x 600 + 0.5 x 60 = 330 s
    config = hall('["B"]')
    snap = snapshot([ticket(1, "A"), ticket(2, "A"), ticket(3, "A")], [free(1)])
    assert waits(snap, stats(no_show=0.5), config, 3) == [660]


def test_nobody_is_called_in_the_lunch_break() -> None:
    config = hall('["B"]')
    # 11:30, four ahead of 10 min each: three before noon, the fourth at 14:00 (2 h 30 min)
    half_past = MONDAY_10.replace(hour=11, minute=30)
    snap = snapshot([ticket(n, "A") for n in range(1, 5)], [free(1)], half_past)
    fourth = project_ticket(snap, stats(), config, 4, "AB")
    assert fourth.expected_s == 150 * 60
    # if the three go a little quicker he is called before noon: the low end says so
    assert fourth.low_s < 30 * 60 < 150 * 60 < fourth.high_s
    # in the lunch break itself nobody is called before 14:00, whatever the spread
    one_pm = MONDAY_10.replace(hour=13)
    snap = snapshot([ticket(1, "A"), ticket(2, "A")], [free(1)], one_pm)
    second = project_ticket(snap, stats(), config, 2, "AB")
    assert second.expected_s == 70 * 60
    assert second.low_s >= 60 * 60
    assert second.back_by.hour >= 14


def test_after_the_last_period_the_queue_is_served_out() -> None:
    config = hall('["B"]')
    late = MONDAY_10.replace(hour=17, minute=20)
    snap = snapshot([ticket(n, "A") for n in range(1, 4)], [free(1)], late)
    assert waits(snap, stats(), config, 3) == [1200]


def test_range_widens_with_the_queue_and_soon_means_under_three_minutes() -> None:
    config = hall('["B"]')
    spread = stats()
    spread.durations[("A", None)] = Duration.lognormal(math.log(600) - 0.125, 0.5)
    short = project_new(snapshot([], [free(1)]), spread, config, "A")["A"]
    assert short.soon and short.expected_s == 0 and short.low_s == 0
    queue = [ticket(n, "A") for n in range(1, 11)]
    long = project_new(snapshot(queue, [free(1)]), spread, config, "A")["A"]
    assert not long.soon
    assert long.low_s < long.expected_s < long.high_s
    width_short = short.high_s - short.low_s
    assert long.high_s - long.low_s > 3 * width_short
    assert long.as_dict() == {
        "expected_s": long.expected_s,
        "low_s": long.low_s,
        "high_s": long.high_s,
    }


def test_the_projection_always_ends() -> None:
    # priority tickets arriving faster than the only window serves them: an ordinary villager
    # is reached only when the hall stops issuing; the replay still ends
    config = hall('["B"]')
    snap = snapshot([ticket(1, "A")], [free(1)])
    swamped = stats(priority_per_hour=12)
    wait = project_new(snap, swamped, config, "A")["A"]
    assert wait.expected_s > 6 * 3600

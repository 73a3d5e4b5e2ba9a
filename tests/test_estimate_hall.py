"""Wait estimates through the public ``Hall`` API on a real store (SQLite and PostgreSQL): the
statistics come from the hall's own history and today's finishes, windows count from their
sign-in, a pause returns after its usual length, and another process's changes are seen."""

from __future__ import annotations

import datetime as dt

import pytest

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, WrongState

from support.postgres import role_url


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url


def serve(hall: Hall, clock: FixedClock, window: int, seconds: float, count: int) -> None:
    """Window ``window`` calls and finishes ``count`` tickets of ``seconds`` each."""
    for _ in range(count):
        assert hall.call_next(window) is not None
        clock.advance(seconds=seconds)
        hall.finish(window)


def test_service_times_come_from_history_then_today(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    # last Friday 40 tickets of 财政所 (J, window 8 alone) took 10 minutes each
    friday = clock.moment - dt.timedelta(days=3)
    past = FixedClock(friday)
    old = Hall.open(config, db=db_url, clock=past)
    old.sign_in(8, "cz01")
    for _ in range(40):
        old.issue("J")
    serve(old, past, 8, 600, 40)
    old.close()

    clock.moment = clock.moment.replace(hour=8, minute=30)  # Monday at opening
    hall = Hall.open(config, db=db_url, clock=clock)
    hall.sign_in(8, "cz01")
    for _ in range(4):
        hall.issue("J")
    hall.call_next(8)  # just called: 10 more minutes, then the 3 waiting, then a new ticket
    new = hall.estimate_waits()["J"]
    assert 0.95 * 2400 <= new.expected_s <= 1.05 * 2400
    assert new.low_s < new.expected_s < new.high_s and new.staffed

    # today the same matter takes 20 minutes: the figures move towards today's (10:10, three
    # waiting at an idle window: 30 minutes by Friday's figures, 60 by today's alone)
    clock.advance(seconds=1200)
    hall.finish(8)
    serve(hall, clock, 8, 1200, 3)
    hall.issue("J")
    serve(hall, clock, 8, 1200, 1)
    for _ in range(3):
        hall.issue("J")
    slower = hall.estimate_waits()["J"]
    assert 1.2 * 1800 < slower.expected_s < 3600


def test_a_new_hall_starts_from_the_promised_limits(hall: Hall) -> None:
    # 财政所's one matter promises 8 minutes: a prior of half that, 4 minutes a ticket
    hall.sign_in(8, "cz01")
    for _ in range(3):
        hall.issue("J")
    wait = hall.estimate_waits()["J"]
    assert 0.9 * 3 * 240 <= wait.expected_s <= 1.1 * 3 * 240


def test_windows_count_from_their_sign_in_and_a_pause_returns(
    hall: Hall, clock: FixedClock
) -> None:
    for _ in range(8):
        hall.issue("B", "yibao")
    hall.sign_in(2, "sb01")
    alone = hall.estimate_waits()["B"].expected_s
    hall.sign_in(3, "sb02")
    two = hall.estimate_waits()["B"].expected_s
    assert 0.4 * alone <= two <= 0.6 * alone

    # 财政所 paused with nobody waiting: back after the usual pause (15 min in a new hall)
    hall.sign_in(8, "cz01")
    hall.pause(8)
    assert hall.estimate_waits()["J"].expected_s == 900
    clock.advance(minutes=10)
    assert hall.estimate_waits()["J"].expected_s == 300
    hall.resume(8)
    assert hall.estimate_waits()["J"].soon


def test_a_window_counts_from_when_its_clerk_usually_comes(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    # the last four working days 财政所's clerk (J, window 8 alone) started at 10:00
    monday = clock.moment
    for days_back in (7, 6, 5, 4):
        past = FixedClock(monday.replace(hour=10) - dt.timedelta(days=days_back))
        old = Hall.open(config, db=db_url, clock=past)
        old.sign_in(8, "cz01")
        old.issue("J")
        serve(old, past, 8, 240, 1)
        old.sign_out(8)
        old.close()
    clock.moment = monday.replace(hour=9)
    hall = Hall.open(config, db=db_url, clock=clock)
    hall.issue("J")
    # nobody at window 8 yet: J's ticket is due when the clerk usually comes, not at 09:00
    wait = hall.estimate_waits()["J"]
    assert not wait.staffed and 3600 + 180 <= wait.expected_s <= 3600 + 300
    clock.moment = monday.replace(hour=10, minute=30)  # half an hour late: not expected today
    assert hall.estimate_waits()["J"].expected_s < 600  # assumed open, as for a new hall
    hall.close()


def test_a_ticket_by_view_id_or_label_and_its_states(hall: Hall, clock: FixedClock) -> None:
    hall.sign_in(8, "cz01")
    first, second = hall.issue("J"), hall.issue("J")
    by_view = hall.estimate_wait(second)
    assert hall.estimate_wait(second.id) == by_view == hall.estimate_wait("j002")
    assert by_view.expected_s > 0 and hall.estimate_wait(first).soon
    hall.call_next(8)
    assert hall.estimate_wait(first).expected_s == 0
    clock.advance(minutes=3)
    hall.finish(8)
    with pytest.raises(WrongState):
        hall.estimate_wait(first)


def test_another_process_changes_are_seen(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    kiosk = Hall.open(config, db=db_url, clock=clock)
    hall.sign_in(8, "cz01")
    assert kiosk.estimate_waits()["J"].soon
    for _ in range(5):
        hall.issue("J")
    assert kiosk.estimate_waits()["J"].expected_s == hall.estimate_waits()["J"].expected_s > 0
    kiosk.close()


def test_village_desks_only_on_market_days(hall: Hall, clock: FixedClock) -> None:
    assert "V" not in hall.estimate_waits()
    clock.advance(days=1)  # Tuesday the 24th: 圩日
    assert "V" in hall.estimate_waits()


@pytest.mark.parametrize("kind", ["kiosk", "display"])
def test_least_privilege_roles_can_estimate(
    pg_db_url: str, config: HallConfig, clock: FixedClock, kind: str
) -> None:
    """The kiosk and the hall display read the estimates with their own PostgreSQL roles."""
    owner = Hall.open(config, db=pg_db_url, clock=clock)
    owner.sign_in(8, "cz01")
    for _ in range(3):
        owner.issue("J")
    try:
        with role_url(pg_db_url, kind) as url:
            hall = Hall.open(config, db=url, clock=clock)
            assert hall.estimate_waits()["J"] == owner.estimate_waits()["J"]
            assert hall.estimate_wait("J003").expected_s > 0
            hall.close()
    finally:
        owner.close()


def test_the_whole_queue_from_one_read_matches_ticket_by_ticket(
    hall: Hall, clock: FixedClock
) -> None:
    """``queue_waits`` (the phone pages' one read) gives every waiting ticket the people ahead
    and the wait that ``ticket`` and ``estimate_wait`` give it one by one."""
    tickets = [hall.issue(code) for code in "AABBBACFFAB"]
    tickets.append(hall.issue("A", priority=True))
    hall.sign_in(1, "mz01")
    hall.call_next(1)
    clock.advance(minutes=3)
    hall.call_next(2)
    waits = hall.queue_waits()
    waiting = [t for t in tickets if hall.ticket(t.id).status == "waiting"]
    assert set(waits.tickets) == set(waits.ahead) == {t.id for t in waiting}
    for ticket in waiting:
        assert waits.ahead[ticket.id] == hall.ticket(ticket.id).ahead
        assert waits.tickets[ticket.id] == hall.estimate_wait(ticket.id)
    assert waits.new == hall.estimate_waits()


def test_a_hall_issuing_outside_its_hours_projects_as_if_open(
    config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    """`make run` at midnight (``--ignore-hours``): nobody waiting is 马上就到, not "until the
    hall opens at 08:30"; a hall keeping its hours still counts to its opening."""
    clock.moment = clock.moment.replace(hour=0, minute=5)  # 00:05, long before opening
    anytime = Hall.open(config, db=db_url, clock=clock, enforce_hours=False)
    anytime.sign_in(1, "mz01")
    assert anytime.estimate_waits()["A"].soon
    anytime.issue("A")
    assert anytime.estimate_wait("A001").expected_s < 3600
    anytime.close()
    keeping = Hall.open(config, db=db_url, clock=clock)
    assert keeping.estimate_waits()["A"].expected_s >= 8 * 3600  # opens at 08:30
    keeping.close()

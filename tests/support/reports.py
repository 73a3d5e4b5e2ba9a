"""A day in the hall played through the real core, shared by the report tests."""

from __future__ import annotations

import datetime as dt

from servicehall.queue import FixedClock, Hall


def play_monday(hall: Hall, clock: FixedClock) -> None:
    """Monday 23 Nov 2026 from 10:00 Shanghai (see the comments for each ticket's fate)."""

    def at(minute: int) -> None:
        clock.moment = dt.datetime(2026, 11, 23, 10, 0, tzinfo=clock.moment.tzinfo) + (
            dt.timedelta(minutes=minute)
        )

    at(0)
    hall.issue("A", "dibao")  # A001: waits 300 s, served 600 s (limit 20 min: met), 满意
    at(1)
    hall.issue("A", "gaoling")  # A002: no-show, requeued, served 1080 s (limit 10 min: missed)
    at(2)
    hall.issue("B", "yibao")  # B001: transferred to C, served there 240 s (limit 8 min: met)
    at(3)
    hall.issue("B", "shebaoka")  # B002: waits 1080 s, served 540 s (limit 10 min: met), 基本满意
    at(4)
    hall.issue("C", "shengyu")  # C001: waits 3240 s, still at the window at the end of the day
    at(5)
    hall.call_next(1, clerk="z01")
    at(15)
    hall.finish(1)
    hall.rate("A001", "satisfied")
    hall.call_next(1)
    at(16)
    hall.skip(1)
    at(17)
    hall.call_next(2, clerk="z02")
    at(20)
    hall.transfer(2, "C")
    at(21)
    hall.call_next(2)
    at(30)
    hall.finish(2)
    hall.rate("B002", "basic")
    at(31)
    hall.requeue("A002")
    at(32)
    hall.call_next(1)
    at(50)
    hall.finish(1)
    hall.rate("A002", "unsatisfied")
    at(51)
    hall.call_next(4, clerk="z04")  # B001 keeps its place from 10:02, ahead of C001
    at(55)
    hall.finish(4)
    at(56)
    hall.issue("A", "linshi")  # A003: cancelled
    at(57)
    hall.cancel("A003")
    at(58)
    hall.call_next(4)  # C001
    at(59)
    hall.issue("C", "shengyu")  # C002: called at window 13 after 120 s, no-show, never back
    at(60)
    hall.issue("B", "yibao")  # B003: still waiting when the day ends
    at(61)
    hall.call_ticket("C002", 13, clerk="z13")
    at(62)
    hall.skip(13)

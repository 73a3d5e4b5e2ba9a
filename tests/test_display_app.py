"""The hall display, driven through the core by another connection (a second ``Hall``)."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from servicehall.config import HallConfig
from servicehall.config.models import DisplaySettings, VoiceSettings
from servicehall.display.app import HallDisplay
from servicehall.display.banner import CallBanner
from servicehall.display.bars import LeaderBar, StatusLine, Ticker
from servicehall.display.board import WaitingCounts, WindowBoard
from servicehall.display.latency import MeasuredDisplay, drive, start_caller
from servicehall.display.recent import RecentCalls
from servicehall.display.voice import Announcer
from servicehall.queue import FixedClock, Hall
from servicehall.ui.follower import Follower, Lost, Snapshot

from support.display import SIZE, shown_call, text_of, words_of
from support.waiting import until


def quick(config: HallConfig, highlight: float = 8.0) -> HallConfig:
    return config.model_copy(
        update={"display": DisplaySettings(recent_calls=4, highlight_seconds=highlight)}
    )


async def test_started_mid_day_it_shows_the_true_state_at_once(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    for code in "AABBC":
        hall.issue(code)
    hall.call_next(1)
    hall.call_next(2)
    hall.call_next(3)  # B002 (window 3 also serves B)
    hall.pause(4)
    app = HallDisplay(quick(config), db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        assert shown_call(app) == "B002"
        assert not app.query_one(CallBanner).highlight  # old news is not flashed
        recent = [c.label for c in app.query_one(RecentCalls).calls]
        assert recent == ["B002", "B001", "A001"]
        board = text_of(app.query_one(WindowBoard))
        assert "A001" in board and "B001" in board and "暂停" in board
        waiting = words_of(app.query_one(WaitingCounts))
        assert "民政 1" in waiting and "卫健计生 1" in waiting


async def test_board_follows_calls_made_by_another_connection(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    app = HallDisplay(quick(config), db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        assert shown_call(app) is None
        hall.issue("A")
        hall.issue("A")
        hall.issue("G")
        await until(pilot, lambda: "民政 2" in words_of(app.query_one(WaitingCounts)))
        hall.call_next(1)
        await until(pilot, lambda: shown_call(app) == "A001")
        assert app.query_one(CallBanner).highlight
        assert app.query_one(WindowBoard).called == 1
        hall.call_next(1)  # finishes A001, calls A002
        await until(pilot, lambda: shown_call(app) == "A002")
        hall.pause(5)
        await until(pilot, lambda: "暂停" in text_of(app.query_one(WindowBoard)))
        hall.transfer(1, "G")  # A002 now waits for 村镇建设
        await until(pilot, lambda: "A002" not in text_of(app.query_one(WindowBoard)))
        assert [c.label for c in app.query_one(RecentCalls).calls] == ["A002", "A001"]
        assert "村镇建设 2" in words_of(app.query_one(WaitingCounts))


async def test_a_recall_is_highlighted_again(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("A")
    hall.issue("B")
    app = HallDisplay(quick(config, highlight=0.3), db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        banner = app.query_one(CallBanner)
        flashes: list[tuple[str | None, bool]] = []  # every change of the red, as it happens
        app.watch(banner, "highlight", lambda on: flashes.append((shown_call(app), on)), init=False)
        hall.call_next(1)
        await until(pilot, lambda: ("A001", False) in flashes, what="A001 red, then not")
        hall.call_next(2)
        await until(pilot, lambda: ("B001", False) in flashes, what="B001 red, then not")
        hall.recall(1)
        await until(pilot, lambda: len(flashes) == 6, what="the recall red, then not")
        assert flashes == [
            ("A001", True),
            ("A001", False),
            ("B001", True),
            ("B001", False),
            ("A001", True),  # the recall flashes again
            ("A001", False),
        ]
        assert banner.call is not None and banner.call.recall
        assert "再次呼叫" in text_of(banner)
        assert [c.label for c in app.query_one(RecentCalls).calls] == ["A001", "B001"]


async def test_leader_change_is_shown_without_restart(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        bar = app.query_one(LeaderBar)
        assert "王建国" in text_of(bar) and "0797-8123456" in text_of(bar)
        hall.set_leader("赵立新", "镇长")
        await until(pilot, lambda: "赵立新" in text_of(bar))
        assert "镇长" in text_of(bar) and "王建国" not in text_of(bar)


async def test_day_rollover_clears_the_calls_and_takes_the_new_rota(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("A")
    hall.call_next(1)
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown_call(app) == "A001")
        clock.advance(days=1)  # Tuesday 24th: a market day, 李秀英 on duty
        await until(pilot, lambda: app.snapshot and app.snapshot.status.day.day == 24)
        assert shown_call(app) is None
        assert app.query_one(RecentCalls).calls == ()
        assert "A001" not in text_of(app.query_one(WindowBoard))  # yesterday's ticket
        assert "李秀英" in text_of(app.query_one(LeaderBar))
        assert "村事" in words_of(app.query_one(WaitingCounts))  # village desks on market days
        hall.issue("A")
        hall.call_next(1)
        await until(pilot, lambda: shown_call(app) == "A001")


def remove_database(url: str) -> None:
    path = url.split(":///", 1)[1]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


async def test_database_loss_is_shown_and_the_display_reconnects(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("A")
    hall.call_next(1)
    hall.close()
    app = HallDisplay(config, db_url, clock=clock, retry_s=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: shown_call(app) == "A001")
        remove_database(db_url)
        status = app.query_one(StatusLine)
        await until(pilot, lambda: app.lost is not None)
        assert "数据库连接中断" in status.message and "自动重连" in status.message
        assert status.display
        assert shown_call(app) == "A001"  # the last state stays up
        assert "A001" in text_of(app.query_one(WindowBoard))
        await pilot.pause(0.3)  # retries while the file is gone create nothing
        assert not os.path.exists(db_url.split(":///", 1)[1])
        restored = Hall.open(config, db=db_url, clock=clock)  # a new database file
        restored.issue("B")
        restored.call_next(2)
        await until(pilot, lambda: app.lost is None and shown_call(app) == "B001")
        assert not status.display
        assert "A001" not in text_of(app.query_one(WindowBoard))
        restored.close()


def test_a_new_file_caught_before_its_tables_exist_is_still_read_from_the_start(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    """The display may reconnect in the moment between a new database file appearing and its
    tables being made; its first read fails, and the next read starts the new file afresh."""
    hall.issue("A")
    hall.call_next(1)
    hall.close()
    follower = Follower(config, db_url, clock, retry_s=0)
    first = follower.step(0.1)
    assert isinstance(first, Snapshot) and [c.label for c in first.recent] == ["A001"]
    remove_database(db_url)
    sqlite3.connect(db_url.split(":///", 1)[1]).close()  # the new, still empty file
    assert isinstance(follower.step(0.1), Lost)
    assert not isinstance(follower.step(0.1), Snapshot)  # connected; no tables to read yet
    restored = Hall.open(config, db=db_url, clock=clock)
    restored.issue("B")
    restored.call_next(2)  # as many events as the old file had
    snapshot = None
    for _ in range(5):
        snapshot = follower.step(0.1) or snapshot
        if isinstance(snapshot, Snapshot):
            break
    assert isinstance(snapshot, Snapshot)
    assert [c.label for c in snapshot.recent] == ["B001"]
    follower.close()
    restored.close()


RECORDER = "import sys; open(sys.argv[1], 'a', encoding='utf-8').write(sys.argv[2] + '\\n')"


async def test_calls_and_recalls_are_announced_in_order(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall, tmp_path: Path
) -> None:
    spoken = tmp_path / "spoken.txt"
    settings = VoiceSettings(
        command=[sys.executable, "-c", RECORDER, str(spoken)], repeat=1, chime=False
    )
    announcer = Announcer(settings, check_output=False)
    hall.issue("A")
    hall.call_next(1)  # before the display started: not announced
    hall.issue("A")
    hall.issue("B")
    app = HallDisplay(config, db_url, clock=clock, announcer=announcer)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        hall.call_next(1)
        hall.call_next(2)
        hall.recall(1)
        expected = [
            "请 A 零 零 二 号 到 一 号窗口办理",
            "请 B 零 零 一 号 到 二 号窗口办理",
            "请 A 零 零 二 号 到 一 号窗口办理",
        ]
        await until(
            pilot,
            lambda: spoken.exists() and len(spoken.read_text(encoding="utf-8").splitlines()) >= 3,
        )
        assert spoken.read_text(encoding="utf-8").splitlines() == expected


async def test_without_a_voice_engine_it_says_once_that_voice_is_off(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    announcer = Announcer(VoiceSettings(command=["no-such-voice"]), check_output=False)
    app = HallDisplay(config, db_url, clock=clock, announcer=announcer)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        line = app.query_one(StatusLine)
        assert line.display and "语音播报已关闭" in text_of(line)
        assert not app._notifications  # on the staff line, not a toast over the board
        hall.issue("A")
        hall.call_next(1)
        await until(pilot, lambda: shown_call(app) == "A001")  # the board works silently
        assert "语音播报已关闭" in text_of(line) and not app._notifications


async def test_with_the_voice_off_the_smallest_tv_grid_still_shows_the_leader_and_the_call(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    """54×16 is a 1366×768 TV in the deploy xterm: the staff line takes a row of the call's."""
    hall.set_leader("赵立新", "镇长")
    hall.issue("A")
    hall.call_next(1)
    announcer = Announcer(VoiceSettings(command=["no-such-voice"]), check_output=False)
    app = HallDisplay(config, db_url, clock=clock, announcer=announcer)
    async with app.run_test(size=(54, 16)) as pilot:
        await until(pilot, lambda: shown_call(app) == "A001")
        await pilot.pause()
        leader, line = app.query_one(LeaderBar), app.query_one(StatusLine)
        assert "赵立新" in text_of(leader) and "语音播报已关闭" in text_of(line)
        assert leader.region.height >= 1 and line.region.height == 1
        assert not leader.region.overlaps(line.region)
        assert app.plan is not None and app.plan.call_fit.dot is not None  # still in big dots


async def test_calls_from_another_process_reach_the_screen(config: HallConfig, db_url: str) -> None:
    """The latency harness: a second process calls; every call appears, in order."""
    hall = Hall.open(config, db=db_url, enforce_hours=False)
    for _ in range(5):
        hall.issue("A")
    hall.close()
    caller = start_caller(db_url, window=1, count=5, gap_s=0.0)
    app = MeasuredDisplay(config, db_url)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        measurement = await drive(app, caller, 5)
    labels = [f"A{n:03d}" for n in range(1, 6)]
    assert list(measurement.committed) == labels
    assert measurement.shown_order == labels
    assert len(measurement.latencies_ms()) == 5
    assert caller.returncode == 0


def test_display_command_is_registered() -> None:
    from servicehall.cli import build_parser

    args = build_parser().parse_args(["display", "--no-voice"])
    assert args.no_voice and args.func.__name__ == "cmd_display"


async def test_a_long_notice_scrolls_and_a_short_one_stands_still(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    notice = "本中心午间不休息，" * 8
    long_config = config.model_copy(update={"display": DisplaySettings(notice=notice)})
    app = HallDisplay(long_config, db_url, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        ticker = app.query_one(Ticker)
        first = text_of(ticker)  # it may have stepped on already on a loaded machine
        assert first[:12] in notice * 2
        await until(pilot, lambda: text_of(ticker) != first)
        moved = text_of(ticker)  # one or more steps on (a loaded machine may draw two at once)
        assert moved[:12] in notice * 2 and not moved.startswith("本中心午间不休息")
    app = HallDisplay(config, db_url, clock=clock)  # the sample's notice fits in 80 columns
    async with app.run_test(size=(80, 24)) as pilot:
        ticker = app.query_one(Ticker)
        first = text_of(ticker)
        assert "身份证" in first
        await pilot.pause(1.0)
        assert text_of(ticker) == first


async def test_a_small_terminal_still_shows_the_call(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    hall.issue("A")
    hall.call_next(1)
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=(50, 16)) as pilot:
        await until(pilot, lambda: shown_call(app) == "A001")
        assert "A001" in text_of(app.query_one(CallBanner))


async def test_a_voice_command_that_keeps_failing_is_reported_once_on_screen(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    failing = VoiceSettings(command=[sys.executable, "-c", "raise SystemExit(2)"], chime=False)
    announcer = Announcer(failing, check_output=False)
    for _ in range(4):
        hall.issue("A")
    app = HallDisplay(config, db_url, clock=clock, announcer=announcer)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        line = app.query_one(StatusLine)
        assert not line.display  # voice was on
        for _ in range(4):
            hall.call_next(1)
        # shown and laid out (until then it renders at width 0, as a lone …)
        await until(pilot, lambda: line.display and line.size.width > 0, what="the staff line")
        assert "语音播报已关闭" in text_of(line) and not app._notifications
        assert shown_call(app) == "A004"


async def test_before_the_first_call_it_welcomes_and_gives_the_hours(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        shown = text_of(app.query_one(CallBanner))
        assert "欢迎光临" in shown and "办公时间  08:30-12:00、14:00-17:30" in shown


async def test_the_count_of_cases_done_today_on_a_spare_row(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    from textual.widgets import Static

    app = HallDisplay(quick(config), db_url, clock=clock)
    async with app.run_test(size=(106, 31)) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        count = app.query_one("#cases-done", Static)
        assert app.plan is not None and app.plan.cases_rows == 0 and not count.display
        ticket = hall.issue("A", matter="dibao")
        hall.sign_in(1, "mz01")
        hall.call_ticket(ticket.label, 1)
        case = hall.open_case(ticket.label, window=1, kind="即办件", name="王秀兰", last4="1234")
        hall.case_step(case.number, "办结", window=1)
        await until(pilot, lambda: "今日办结办件 1 件" in str(count.render()))
        await until(pilot, lambda: count.display and count.region.height == 1)
        assert app.plan is not None and app.plan.cases_rows == 1


async def test_a_small_tv_marks_the_page_of_windows_and_counts_it_shows(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    """No room for titles at 54×16: "1/3" at the end of the first line says more is to come."""
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=(54, 16)) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        await pilot.pause()
        for paged in (app.query_one(WindowBoard), app.query_one(WaitingCounts)):
            assert not paged.title and paged.pages > 1
            first = text_of(paged).splitlines()[0].rstrip()
            assert first.endswith(f"1/{paged.pages}")
        board = app.query_one(WindowBoard)
        board.next_page()
        await pilot.pause()
        assert text_of(board).splitlines()[0].rstrip().endswith(f"2/{board.pages}")

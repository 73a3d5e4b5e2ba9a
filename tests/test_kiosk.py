"""The entrance kiosk driven through Pilot on a real SQLite hall: every path a villager takes."""

from __future__ import annotations

import datetime as dt
import socket
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Static

from servicehall.config import HallConfig
from servicehall.kiosk import app as kiosk_app
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.screens.notice import NoticeScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.queue import FixedClock, Hall
from servicehall.queue import store as store_module
from servicehall.widgets import BigLabel

from support.cli import parse_run_kiosk
from support.halls import MARKET_TUESDAY, SHANGHAI
from support.kiosk import (
    SIZE,
    closed_port,
    kiosk_settings,
    make_app,
    pages_of,
    ready,
    text_of,
    with_printer,
)
from support.waiting import DEADLINE_S, until


def issued(hall: Hall) -> list:
    return [e for e in hall.events() if e.kind == "issue"]


async def take_ticket(pilot, service: str, matter: int | None = None, button: str = "#take"):
    await pilot.click(f"#service-{service}")
    if matter is not None:
        await until(pilot, lambda: isinstance(pilot.app.screen, MatterScreen), what="matters")
        await pilot.click(f"#matter-{matter}")
    await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), what="confirm")
    await pilot.click(button)
    await until(pilot, lambda: isinstance(pilot.app.screen, TicketScreen), what="ticket")
    screen = pilot.app.screen
    await until(pilot, lambda: screen.outcome is not None, what="print outcome")
    return screen


async def test_home_shows_todays_services_with_live_waiting(config, db_url, clock, hall):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        codes = [b.service.code for b in app.screen.query("ServiceButton")]
        assert codes == [s.code for s in hall.services_today()]
        assert "V" not in codes  # Monday is no market day
        assert text_of(app, "#hall-name") == "青石镇便民服务中心"
        hall.issue("B")  # another process takes a ticket: the home screen follows
        button = app.screen.query_one("#service-B")
        await until(pilot, lambda: button.waiting == 1, what="等候 1 人")
        assert "等候 1 人" in str(button.label)


async def test_multi_matter_service_to_ticket(config, db_url, clock, hall):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await take_ticket(pilot, "A", matter=0)
        assert screen.query_one("#ticket-label", BigLabel).label == "A001"
        assert "请到 1、13 号窗口 办理" in text_of(app, "#ticket-window")
        assert text_of(app, "#print-status") == "请取走您的号票"
        ticket = hall.ticket("A001")
        assert ticket.matter == "dibao"
        assert ticket.print_state == "printed"
        assert "低保申请" in (screen.outcome.preview or "")


async def test_single_matter_service_skips_the_matter_step(config, db_url, clock):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#service-J")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        assert app.screen.matter.code == "yikatong"
        materials = [line for line in pages_of(app, "#materials") if line[:1].isdigit()]
        assert materials == ["1. 身份证", "2. 一卡通（查询时）"]
        await pilot.click("#nav-back")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")


async def test_double_tap_issues_exactly_one_ticket(config, db_url, clock, hall, monkeypatch):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        # the database answers only when the test says so (a slow disk), so every tap below
        # comes while the first one's ticket is still being issued
        answer, asked = threading.Event(), []
        slow_issue = app.hall.issue

        def issue(*args: Any, **kwargs: Any) -> Any:
            asked.append(args)
            assert answer.wait(DEADLINE_S), "the test never let the issue through"
            return slow_issue(*args, **kwargs)

        monkeypatch.setattr(app.hall, "issue", issue)
        await pilot.click("#service-J")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        take = app.screen.query_one("#take")
        take.press()
        take.press()  # the same finger, twice, before anything came back
        await until(pilot, lambda: asked, what="the first tap's issue under way")
        # a button ignores a click while it still shows the last press; a villager's third
        # tap comes later than that
        await until(pilot, lambda: not take.has_class("-active"), what="the press shown")
        await pilot.click("#take")  # and a third time, on the screen as it now is
        await pilot.pause()
        answer.set()
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        await until(pilot, lambda: not app.issuing, what="issuing done")
        await pilot.pause()
        assert len(asked) == 1
        assert len(issued(hall)) == 1
        assert hall.status().waiting("J") == 1


async def test_priority_ticket_is_marked_and_goes_first(config, db_url, clock, hall):
    hall.issue("J")
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await take_ticket(pilot, "J", button="#take-priority")
        assert "优先" in text_of(app, "#ticket-heading")
        assert hall.ticket("J002").priority
        assert text_of(app, "#ticket-ahead") == "前面没有人，请留意叫号"
    called = hall.call_next(8)
    assert called is not None and called.label == "J002"


async def test_closed_hall_says_so_kindly_with_hours(config, db_url, hall):
    lunch = FixedClock(dt.datetime(2026, 11, 23, 12, 30, tzinfo=SHANGHAI))
    app = make_app(config, db_url, lunch)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        banner = text_of(app, "#banner")
        assert banner.startswith("现在是休息时间。办公时间：周一至周五 08:30-12:00、14:00-17:30")
        await pilot.click("#service-J")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.click("#take")
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), what="notice")
        assert text_of(app, "#notice-title") == "现在是休息时间"
        assert text_of(app, "#notice-message") == "请在办公时间再来取号，谢谢您的理解"
        assert text_of(app, "#notice-hours") == "办公时间：周一至周五 08:30-12:00、14:00-17:30"
        assert issued(hall) == []


async def test_ignore_hours_issues_at_night(config, db_url):
    night = FixedClock(dt.datetime(2026, 11, 22, 23, 0, tzinfo=SHANGHAI))  # a Sunday night
    app = make_app(config, db_url, night, enforce_hours=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.screen.query_one("#banner").display
        screen = await take_ticket(pilot, "J")
        assert screen.issued.ticket.label == "J001"


async def test_daily_cap_reached(config, db_url, clock, hall):
    services = [
        s.model_copy(update={"daily_cap": 1}) if s.code == "J" else s for s in config.services
    ]
    capped = config.model_copy(update={"services": services})
    hall.issue("J")
    app = make_app(capped, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#service-J")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.click("#take")
        await until(pilot, lambda: isinstance(app.screen, NoticeScreen), what="notice")
        await until(pilot, lambda: text_of(app, "#notice-title"), what="notice composed")
        assert text_of(app, "#notice-title") == "今天的号已经发完了"
        assert "每日限 1 个" in text_of(app, "#notice-message")
        assert len(issued(hall)) == 1


async def test_market_day_offers_one_entry_per_village(config, db_url):
    app = make_app(config, db_url, FixedClock(MARKET_TUESDAY))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "圩日" in text_of(app, "#banner")
        await pilot.click("#service-V")
        await until(pilot, lambda: isinstance(app.screen, MatterScreen), what="villages")
        assert "请点选您所在的村" in str(app.screen.query_one(".title", Static).content)
        names = [str(b.label) for b in app.screen.query(".matter")]
        assert names == ["青石村", "枫林村", "下坪村", "上湾村", "石桥村"]
        await pilot.click("#matter-1")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.click("#take")
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        assert app.screen.issued.ticket.label == "V001"
        assert app.screen.issued.ticket.matter == "fenglin"


async def test_printer_failure_keeps_the_number_large(config, db_url, clock, hall):
    broken = with_printer(
        config, connection="network", host="127.0.0.1", port=closed_port(), timeout_s=1
    )
    app = make_app(broken, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await take_ticket(pilot, "J")
        assert not screen.outcome.ok and screen.outcome.ticket_kept
        assert screen.query_one("#ticket-label", BigLabel).label == "J001"
        assert screen.query_one("#print-status").has_class("failed")
        assert "J001 仍然有效" in text_of(app, "#print-status")
        ticket = hall.ticket("J001")
        assert ticket.status == "waiting" and ticket.print_state == "failed"


async def test_printer_failure_with_cancel_policy_withdraws(config, db_url, clock, hall):
    broken = with_printer(
        config,
        connection="network",
        host="127.0.0.1",
        port=closed_port(),
        timeout_s=1,
        on_failure="cancel",
    )
    app = make_app(broken, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await take_ticket(pilot, "J")
        assert not screen.outcome.ticket_kept
        assert "取消" in text_of(app, "#print-status")
        assert screen.query_one("#ticket-label", BigLabel).color == "grey50"
        assert hall.ticket("J001").status == "cancelled"


async def test_ticket_screen_goes_home_by_itself(config, db_url, clock):
    """Read from the app's own screen changes: with a second on the ticket screen, a loaded
    machine's polling may miss the ticket screen altogether."""
    quick = kiosk_settings(config, ticket_screen_seconds=1)
    app = make_app(quick, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown: list[Screen] = []
        app.screen_change_signal.subscribe(app, shown.append)
        await pilot.click("#service-J")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
        await pilot.click("#take")
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, HomeScreen)
                and any(isinstance(s, TicketScreen) for s in shown)
            ),
            what="the ticket screen, then home",
        )
        ticket = next(s for s in shown if isinstance(s, TicketScreen))
        assert ticket.outcome is not None and ticket.outcome.ok  # it waited for the print


class SteppedTime:
    """Stands in for the kiosk module's ``time``: ``monotonic`` moves only when told to."""

    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


async def test_idle_reset_counts_from_the_last_tap(config, db_url, clock, monkeypatch):
    kiosk_time = SteppedTime()
    monkeypatch.setattr(kiosk_app, "time", kiosk_time)
    app = make_app(kiosk_settings(config, idle_reset_seconds=60), db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#lang")
        await until(pilot, lambda: "Welcome" in text_of(app, "#welcome"), what="English")
        kiosk_time.now += 50
        await pilot.click("#service-A")  # 50 s later: the minute counts from this tap
        await until(pilot, lambda: isinstance(app.screen, MatterScreen), what="matters")
        kiosk_time.now += 50  # 100 s after the first tap, 50 s after the last
        app._check_idle()
        assert isinstance(app.screen, MatterScreen) and "Welcome" not in text_of(app, "#welcome")
        kiosk_time.now += 11  # a minute and a second after the last tap: the kiosk's timer resets
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="reset")
        await until(pilot, lambda: "欢迎" in text_of(app, "#welcome"), what="Chinese again")


async def test_lockdown_keys_do_nothing(config, db_url, clock):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#service-A")
        await until(pilot, lambda: isinstance(app.screen, MatterScreen), what="matters")
        for key in ("ctrl+q", "ctrl+c", "ctrl+p", "ctrl+z", "ctrl+backslash", "escape", "f1"):
            await pilot.press(key)
        await pilot.pause(0.2)
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, MatterScreen)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "MatterScreen"]
        assert not app.check_action("quit", ())
        assert not app.check_action("command_palette", ())


async def test_pin_screen_wrong_then_right_then_staff_quit(config, db_url, clock, hall):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#staff")
        await until(pilot, lambda: app.screen.query("#keypad"), what="PIN screen")
        for key in "1234":
            await pilot.click(f"#key-{key}")
        assert text_of(app, "#pin-dots").count("*") == 4
        await pilot.click("#key-enter")
        await until(pilot, lambda: text_of(app, "#pin-message") == "密码不对，请重试")
        await pilot.press(*"246810", "enter")
        await until(pilot, lambda: app.screen.query("#maint-actions"), what="maintenance")
        await until(pilot, lambda: "正常" in text_of(app, "#printer-state"), what="printer")
        await pilot.click("#quit")
        await until(pilot, lambda: not app.is_running, what="staff quit")
    assert [e.kind for e in hall.events()][-1] == "kiosk_quit"


async def test_a_pin_lock_out_survives_a_restart(config, db_url, clock, hall):
    """Five wrong staff PINs lock the keypad; a restarted kiosk (or a new browser tab) on the
    same PC is still locked: even the right PIN is not checked."""
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#staff")
        await until(pilot, lambda: app.screen.query("#keypad"), what="PIN screen")
        for attempt in range(5):
            await pilot.press(*"1111", "enter")
            expected = "请 60 秒后再试" if attempt == 4 else "密码不对，请重试"
            await until(pilot, lambda e=expected: e in text_of(app, "#pin-message"), what=expected)
    again = make_app(config, db_url, clock)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#staff")
        await until(pilot, lambda: again.screen.query("#keypad"), what="PIN screen")
        await pilot.press(*"246810", "enter")
        await until(pilot, lambda: "错误次数太多" in text_of(again, "#pin-message"), what="lock")
        assert not again.screen.query("#maint-actions")
    assert [e.kind for e in hall.events()].count("pin_locked") == 1


async def test_maintenance_reprint_test_page_and_reload(
    config, db_url, clock, hall, tmp_path: Path
):
    from servicehall.config import sample_text

    hall_file = tmp_path / "hall.toml"
    hall_file.write_text(sample_text(), "utf-8")
    app = make_app(config, db_url, clock, config_path=hall_file)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await take_ticket(pilot, "J")
        app.action_staff()
        await until(pilot, lambda: app.screen.query("#keypad"), what="PIN screen")
        await pilot.press(*"246810", "enter")
        await until(pilot, lambda: app.screen.query("#maint-actions"), what="maintenance")
        assert text_of(app, "#last-ticket") == "上一张号票：J001"
        await pilot.click("#reprint")
        await until(pilot, lambda: text_of(app, "#maint-result") == "已打印 J001", what="reprint")
        await pilot.click("#printer-test")
        await until(pilot, lambda: text_of(app, "#maint-result") == "已打印", what="test page")
        hall_file.write_text("[hall]\nname = \n", "utf-8")  # a broken file is refused
        await pilot.click("#reload")
        await until(pilot, lambda: "语法错误" in text_of(app, "#maint-result"), what="refused")
        assert app.config.hall.name == "青石镇便民服务中心"
        hall_file.write_text(sample_text().replace("青石镇便民服务中心", "枫林镇便民服务中心"))
        await pilot.pause(0.3)  # a button ignores a second tap within 0.2 s
        await pilot.click("#reload")
        await until(pilot, lambda: "重新加载" in text_of(app, "#maint-result"), what="reload")
        assert app.config.hall.name == "枫林镇便民服务中心"
        await pilot.click("#nav-home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
        await until(pilot, lambda: text_of(app, "#hall-name") == "枫林镇便民服务中心")
    kinds = [e.kind for e in hall.events()]
    assert "print_test" in kinds and "kiosk_reload" in kinds


async def test_guide_shows_six_facts_without_a_ticket(config, db_url, clock, hall):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#guide")
        await until(pilot, lambda: app.screen.query("#guide-services"), what="guide")
        assert len(app.screen.query(".guide-service")) == len(config.services)
        await pilot.click("#guide-A")
        await until(pilot, lambda: isinstance(app.screen, MatterScreen), what="guide matters")
        await pilot.click("#matter-0")
        await until(pilot, lambda: app.screen.query("#guide-detail"), what="guide detail")
        facts = "".join(pages_of(app, "#guide-detail"))
        for heading in ("办理依据", "办理流程", "所需材料", "承诺时限", "收费标准"):
            assert heading in facts
        assert "《社会救助暂行办法》第九条至第十三条" in facts
        assert "受理后 30 个工作日内办结" in facts
    assert issued(hall) == []


async def test_database_unreachable_then_back(config, tmp_path: Path, clock):
    path = tmp_path / "hall.db"
    path.mkdir()  # a directory where the database file should be: SQLite cannot open it
    app = make_app(config, f"sqlite:///{path}", clock)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.trouble, what="trouble")
        await until(pilot, lambda: "系统正在连接" in text_of(app, "#banner"), what="the banner")
        assert not app.screen.query(".service")
        path.rmdir()  # the database becomes reachable: the kiosk reconnects by itself
        await until(pilot, lambda: app.screen.query(".service"), what="reconnect")
        assert not app.screen.query_one("#banner").display


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Stores opened during the test give up on a lock after 0.1 s instead of 5 s, so a locked
    database shows fast; calling the returned function restores the normal time-out, so a check
    made afterwards waits for the kiosk's last writes like any real process would."""
    normal = store_module.BUSY_TIMEOUT_MS
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    return lambda: monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", normal)


@asynccontextmanager
async def take_while_locked(pilot, app, db_url: str) -> AsyncIterator[None]:
    """Tap 取号 for service J while another connection holds the database, until the retry shows;
    the lock is released when the block ends."""
    await ready(pilot)
    await pilot.click("#service-J")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
    locker = sqlite3.connect(db_url.removeprefix("sqlite:///"), isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        await pilot.click("#take")
        await until(pilot, lambda: "自动重试" in text_of(app, "#progress"), what="retry")
        yield
    finally:
        locker.execute("ROLLBACK")
        locker.close()


async def test_locked_database_is_retried_and_issues_once(
    config: HallConfig, db_url: str, clock, short_busy_timeout
):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        async with take_while_locked(pilot, app, db_url):
            await pilot.click("#take")  # an impatient second tap
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        assert app.screen.issued.ticket.label == "J001"
    short_busy_timeout()
    check = Hall.open(config, db=db_url, clock=clock)
    assert [e.label for e in check.events() if e.kind == "issue"] == ["J001"]
    check.close()


async def test_english_toggle(config, db_url, clock):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#lang")
        await until(pilot, lambda: "Welcome" in text_of(app, "#welcome"), what="English")
        assert "0 waiting" in str(app.screen.query_one("#service-A").label)
        assert str(app.screen.query_one("#lang").label) == "中文"
        await pilot.click("#lang")
        await until(pilot, lambda: "欢迎" in text_of(app, "#welcome"), what="Chinese")


def test_kiosk_command_and_run_kiosk_take_the_same_options() -> None:
    from servicehall.cli import build_parser

    args = build_parser().parse_args(["kiosk", "--ignore-hours", "--lang", "en"])
    assert args.command == "kiosk" and args.ignore_hours and args.lang == "en"
    db = "sqlite:///hall.db"
    args = parse_run_kiosk("--preview", "--lang", "en", "--db", db)
    assert args.command == "kiosk" and args.preview and args.lang == "en" and args.db == db


@pytest.mark.parametrize("size", [(100, 30), (128, 40)], ids=["100x30", "1280x800"])
async def test_service_buttons_are_finger_sized_and_all_visible(config, db_url, size):
    """On a market day (15 services) every button is on screen, at least 4 rows × 18 cells."""
    app = make_app(config, db_url, FixedClock(MARKET_TUESDAY))
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await until(
            pilot,
            lambda: (
                len(app.screen.query("ServiceButton")) == 15
                and all(b.region.height for b in app.screen.query("ServiceButton"))
            ),
            what="15 buttons laid out",
        )
        buttons = list(app.screen.query("ServiceButton"))
        bar_top = app.screen.query_one("#home-bar").region.y
        for button in buttons:
            region = button.region
            assert region.height >= 4 and region.width >= 18, (button.service.name, region)
            assert region.bottom <= bar_top, (button.service.name, region)


async def test_going_back_during_a_retry_still_shows_the_one_ticket(
    config: HallConfig, db_url: str, clock, short_busy_timeout
):
    app = make_app(config, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        async with take_while_locked(pilot, app, db_url):
            await pilot.click("#nav-back")  # the villager gives up waiting and goes back
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            await pilot.pause(1.2)  # another retry reports to the confirm screen that is gone
        await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
        assert app.is_running and app.screen.issued.ticket.label == "J001"


@pytest.fixture
def slow_printer(config: HallConfig) -> Iterator[HallConfig]:
    """The hall with a network printer that accepts connections and never answers.

    Its time-out is long so that a test holding the printer busy is never outwaited by it; the
    status queries still give up after half a second (``TicketPrinter.status_wait``)."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    yield with_printer(
        config, connection="network", host="127.0.0.1", port=silent.getsockname()[1], timeout_s=60
    )
    silent.close()


async def test_home_before_the_printer_answers(slow_printer, db_url, clock, hall):
    """A printer that takes its time: the villager taps 首页 first; the late answer is harmless."""
    app = make_app(slow_printer, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        busy = app.printer._device  # held until the villager has left: the answer comes late
        assert busy.acquire(timeout=DEADLINE_S)
        try:
            await pilot.click("#service-J")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
            await pilot.click("#take")
            await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
            ticket_screen = app.screen
            await until(pilot, lambda: ticket_screen.query("#nav-home"), what="ticket composed")
            assert ticket_screen.outcome is None
            await pilot.click("#nav-home")
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            assert ticket_screen.outcome is None
        finally:
            busy.release()
        await until(pilot, lambda: ticket_screen.outcome is not None, what="late answer")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        outcome = ticket_screen.outcome
    # a printer that never answers is sent the job, its state recorded as unknown
    assert outcome.ok and "状态未知" in outcome.detail
    assert hall.ticket("J001").print_state == "printed"
    assert [e.kind for e in hall.events(ticket=hall.ticket("J001").id)] == ["issue", "print"]


async def test_staff_leave_maintenance_before_the_printer_status(slow_printer, db_url, clock):
    app = make_app(slow_printer, db_url, clock)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        busy = app.printer._device  # the printer busy with a ticket: the status query waits
        assert busy.acquire(timeout=DEADLINE_S)
        try:
            app.action_staff()
            await until(pilot, lambda: app.screen.query("#keypad"), what="PIN screen")
            await pilot.press(*"246810", "enter")
            await until(pilot, lambda: app.screen.query("#maint-actions"), what="maintenance")
            await until(
                pilot,
                lambda: [w for w in app.workers if w.group == "staff"],
                what="the printer status query",
            )
            asking = [w for w in app.workers if w.group == "staff"]
            await pilot.click("#nav-home")  # before the printer has answered the status query
            await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")
            assert not asking[0].is_finished  # the printer has not answered yet
        finally:
            busy.release()
        await until(pilot, lambda: asking[0].is_finished, what="the status query's end")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)

"""Every screen at the grids the hall's real screens give (issue 13), read as a person reads them.

Each test walks an app at one grid and asserts what must be seen, from the composed screen: every
service open today with its name, waiting count and estimated wait (on some page, reached with
下一页); the matters, the papers to bring and both 取号 buttons; the ticket in big dots; the guide;
the staff keypad; on the TV the leader, every window and every waiting count within the paging
time (turned by the app's own timer) and the big call's height in rows; on the clerk's console
every key with its name and the ticket being served; on the rating pad the three buttons.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from servicehall.clerk.console import ClerkApp
from servicehall.clerk.desk import DeskScreen
from servicehall.clerk.rating import RatingApp
from servicehall.config import HallConfig
from servicehall.config.models import DisplaySettings
from servicehall.display.app import HallDisplay
from servicehall.kiosk.screens.confirm import ConfirmScreen
from servicehall.kiosk.screens.guide import GuideScreen
from servicehall.kiosk.screens.guide_detail import GuideDetailScreen
from servicehall.kiosk.screens.home import HomeScreen
from servicehall.kiosk.screens.maintenance import MaintenanceScreen
from servicehall.kiosk.screens.matters import MatterScreen
from servicehall.kiosk.screens.pin import PinScreen
from servicehall.kiosk.screens.ticket import TicketScreen
from servicehall.kiosk.waits import wait_words
from servicehall.kiosk.widgets import ServiceButton
from servicehall.queue import FixedClock, Hall
from servicehall.queue.clerks import save_clerk
from servicehall.widgets import BigLabel
from servicehall.widgets.paged import PagedGrid, PagedText
from servicehall.widgets.qr import QrCode

from support.clerk import at_desk
from support.halls import MARKET_TUESDAY
from support.kiosk import make_app, ready
from support.qr import drawn_rows, qr_picture
from support.screen import on_screen, screen_rows, shown_text, squeezed
from support.sms import sms_config
from support.waiting import until

KIOSK_GRIDS = [(56, 20), (56, 22), (70, 23), (75, 22), (106, 31), (59, 58), (140, 40)]
DISPLAY_GRIDS = [(54, 16), (76, 22), (106, 31), (152, 44), (59, 58)]
CLERK_GRIDS = [(80, 24), (80, 25), (120, 35)]
RATING_GRIDS = [(36, 12), (48, 14), (80, 24)]
TOUCH_ROWS = 3  # the smallest touch target a villager gets


def grid_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def assert_button(app: Any, button: Button, *texts: str, rows: int = TOUCH_ROWS) -> None:
    """The button is wholly on the screen, tall enough to tap, and shows every text whole."""
    assert on_screen(app, button), f"{button} is not (wholly) on the screen"
    assert button.region.height >= rows, f"{button} is {button.region.height} rows tall"
    seen = squeezed(shown_text(app, button))
    for text in texts:
        assert squeezed(text) in seen, f"{text!r} not shown whole on {button}: {seen!r}"


async def each_page(pilot: Pilot[Any], paged: PagedGrid | PagedText) -> Any:
    """Yield once per page, turning pages with the 下一页 button as a villager does."""
    app = pilot.app
    for page in range(paged.pages):
        if page:
            next_button = app.screen.query_one("#page-next", Button)
            assert_button(app, next_button, "下一页")
            # a button ignores taps while it flashes from the last one (a tremor's double tap)
            await until(pilot, lambda b=next_button: not b.has_class("-active"), what="flash")
            await pilot.click("#page-next")
            await until(pilot, lambda p=page: paged.page == p, what=f"page {page + 1}")
            await pilot.pause()
        yield page


# ---------------------------------------------------------------------------------- the kiosk


@pytest.mark.parametrize("size", KIOSK_GRIDS, ids=grid_id)
async def test_kiosk_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    for code in "AABBBJ":
        hall.issue(code)
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await until(pilot, lambda: app.waits, what="wait estimates")
        await pilot.pause()
        await _home(pilot)
        await _matters(pilot, config)
        await _confirm_and_ticket(pilot, config)
        await _guide(pilot, config)
        await _staff(pilot)


@pytest.mark.parametrize("size", [(56, 20), (70, 23)], ids=grid_id)
async def test_kiosk_on_a_market_day_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str
) -> None:
    """圩日: one more service (村事镇办) and the green banner, still every button whole."""
    market = FixedClock(MARKET_TUESDAY)
    Hall.open(config, db=db_url, clock=market).close()
    app = make_app(config, db_url, market)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await until(pilot, lambda: app.waits, what="wait estimates")
        await pilot.pause()
        banner = app.screen.query_one("#banner")
        assert on_screen(app, banner) and "圩日" in squeezed(shown_text(app, banner))
        await _home(pilot)
        assert "V" in {b.service.code for b in app.screen.query(ServiceButton)}


async def take_ticket(pilot: Pilot[Any], config: HallConfig) -> TicketScreen:
    """At the kiosk: 取号 for 国土资源 (F), then its ticket screen once the print is done."""
    app = pilot.app
    await ready(pilot)
    service = config.service("F")
    app.push_screen(ConfirmScreen(service, service.matters[0]))
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
    await pilot.pause()
    await pilot.click("#take")
    await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
    ticket = app.screen
    assert isinstance(ticket, TicketScreen)
    await until(pilot, lambda: ticket.outcome is not None, what="print outcome")
    await pilot.pause()
    return ticket


@pytest.mark.parametrize("size", KIOSK_GRIDS, ids=grid_id)
async def test_kiosk_ticket_with_its_phone_page_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    """With ``[phone] base_url`` the ticket screen shows the page's QR code whole where a wide
    screen has the rows for it (decoded from what is drawn), and nowhere else; the number, the
    window and the print result stay whole either way."""
    import zxingcpp

    phone = config.phone.model_copy(update={"base_url": "http://192.168.1.10:8080"})
    config = config.model_copy(update={"phone": phone})
    Hall.open(config, db=db_url, clock=clock).close()
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        ticket = await take_ticket(pilot, config)
        label = ticket.query_one("#ticket-label", BigLabel)
        assert on_screen(app, label) and label.rows_drawn >= 7
        shown = squeezed("".join(screen_rows(app)))
        for text in ("请到6号窗口办理", "请取走您的号票"):
            assert squeezed(text) in shown, text
        qr = ticket.query_one("#ticket-qr", QrCode)
        room = size[0] >= 96 and size[1] >= len(qr.rows) + 6
        assert on_screen(app, qr) == room
        if room:
            drawn = drawn_rows(app, qr)
            assert drawn == qr.rows  # whole, not cut
            page = config.phone.page_url(ticket.issued.ticket.page_token)
            codes = zxingcpp.read_barcodes(qr_picture(drawn))
            assert [c.text for c in codes] == [page]
            assert "手机扫码" in shown


@pytest.mark.parametrize("size", KIOSK_GRIDS, ids=grid_id)
async def test_kiosk_ticket_with_a_long_wait_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    """The fullest ticket screen: people ahead, a range, when to be back, the 短信提醒 offer."""
    for _ in range(8):
        hall.issue("F")
    app = make_app(sms_config(config), db_url, clock)
    async with app.run_test(size=size) as pilot:
        ticket = await take_ticket(pilot, config)
        label = ticket.query_one("#ticket-label", BigLabel)
        assert on_screen(app, label)
        assert label.dot is not None and label.rows_drawn >= 7
        words = wait_words(ticket.issued.wait)
        assert words.back_by, ticket.issued.wait
        for selector, texts in (
            ("#ticket-ahead", ["您前面还有 8 人"]),
            ("#ticket-wait", [words.line, words.back_by]),
            ("#print-status", ["请取走您的号票"]),
        ):
            widget = ticket.query_one(selector)
            assert on_screen(app, widget), selector
            for text in texts:
                assert squeezed(text) in squeezed(shown_text(app, widget)), (selector, text)
        assert_button(app, ticket.query_one("#ticket-sms", Button), "到号前发短信提醒我")
        assert_button(app, ticket.query_one("#nav-home", Button), "首页")


async def _home(pilot: Pilot[Any]) -> None:
    app = pilot.app
    home = app.screen
    assert isinstance(home, HomeScreen)
    status = app.hall_status
    wanted = {s.code for s in status.services if s.available_today}
    grid = home.query_one("#services", PagedGrid)
    seen: set[str] = set()
    async for _page in each_page(pilot, grid):
        for index, button in enumerate(grid.query(ServiceButton)):
            if not grid.on_page(index):
                continue
            code = button.service.code
            waiting = status.waiting(code)
            assert_button(
                app,
                button,
                button.service.name,
                f"等候 {waiting} 人",
                wait_words(app.waits[code]).short,
            )
            seen.add(code)
    assert seen == wanted
    for selector, label in (("#guide", "办事指南"), ("#lang", "English"), ("#staff", "工作人员")):
        assert_button(app, home.query_one(selector, Button), label)


async def _matters(pilot: Pilot[Any], config: HallConfig) -> None:
    app = pilot.app
    for code in ("B", "K"):  # four matters; a matter name of 38 cells
        service = config.service(code)
        app.screen.open_service(service)
        await until(pilot, lambda: isinstance(app.screen, MatterScreen), what="matters")
        await pilot.pause()
        grid = app.screen.query_one("#matters", PagedGrid)
        names: list[str] = []
        async for _page in each_page(pilot, grid):
            for index, button in enumerate(grid.query(Button)):
                if grid.on_page(index):
                    assert_button(app, button, str(button.label))
                    names.append(str(button.label))
        assert names == [m.name for m in service.matters]
        await pilot.click("#nav-home")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")


async def _confirm_and_ticket(pilot: Pilot[Any], config: HallConfig) -> None:
    app = pilot.app
    service = config.service("F")  # 农村宅基地申请: four long lines of papers
    matter = service.matters[0]
    app.push_screen(ConfirmScreen(service, matter))
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), what="confirm")
    await pilot.pause()
    screen = app.screen
    materials = screen.query_one("#materials", PagedText)
    read = ""
    async for _page in each_page(pilot, materials):
        assert on_screen(app, materials)
        read += squeezed(shown_text(app, materials))
        assert_button(app, screen.query_one("#take", Button), "取 号")
        priority = screen.query_one("#take-priority", Button)
        assert_button(app, priority, "老年人、残疾人、孕妇优先取号")
    for item in matter.materials:
        assert squeezed(item) in read
    assert squeezed("办理窗口：6 号窗口") in read
    wait = screen.query_one("#confirm-wait")
    assert on_screen(app, wait)
    assert squeezed(wait_words(app.waits["F"]).line) in squeezed(shown_text(app, wait))

    await pilot.click("#take")
    await until(pilot, lambda: isinstance(app.screen, TicketScreen), what="ticket")
    ticket = app.screen
    await until(pilot, lambda: ticket.outcome is not None, what="print outcome")
    await pilot.pause()
    label = ticket.query_one("#ticket-label", BigLabel)
    assert on_screen(app, label)
    assert label.dot is not None and label.rows_drawn >= 7  # big dots, not plain text
    shown = squeezed("".join(screen_rows(app)))
    words = wait_words(ticket.issued.wait)
    for text in ("您的号码", service.name, "请到6号窗口办理", "前面没有人", words.line, "请取走"):
        assert squeezed(text) in shown, text
    assert_button(app, ticket.query_one("#nav-home", Button), "首页")
    await pilot.click("#nav-home")
    await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")


async def _guide(pilot: Pilot[Any], config: HallConfig) -> None:
    app = pilot.app
    await pilot.click("#guide")
    await until(pilot, lambda: isinstance(app.screen, GuideScreen), what="guide")
    await pilot.pause()
    grid = app.screen.query_one("#guide-services", PagedGrid)
    names: list[str] = []
    async for _page in each_page(pilot, grid):
        for index, button in enumerate(grid.query(Button)):
            if grid.on_page(index):
                assert_button(app, button, str(button.label))
                names.append(str(button.label))
    assert names == [s.name for s in config.services]

    service = config.service("A")
    app.push_screen(GuideDetailScreen(service, service.matters[0]))  # 低保申请: the longest
    await until(pilot, lambda: isinstance(app.screen, GuideDetailScreen), what="guide detail")
    await pilot.pause()
    detail = app.screen
    facts = detail.query_one("#guide-detail", PagedText)
    read = ""
    async for _page in each_page(pilot, facts):
        read += squeezed(shown_text(app, facts))
        assert_button(app, detail.query_one("#guide-take", Button), "办理此事项，去取号")
    for fact in detail.facts():
        assert squeezed(fact.plain) in read
    await pilot.click("#nav-home")
    await until(pilot, lambda: isinstance(app.screen, HomeScreen), what="home")


async def _staff(pilot: Pilot[Any]) -> None:
    app = pilot.app
    await pilot.click("#staff")
    await until(pilot, lambda: isinstance(app.screen, PinScreen), what="PIN")
    await pilot.pause()
    for key in "0123456789":
        assert_button(app, app.screen.query_one(f"#key-{key}", Button), key)
    assert_button(app, app.screen.query_one("#key-clear", Button), "清除")
    assert_button(app, app.screen.query_one("#key-enter", Button), "确定")
    app.switch_screen(MaintenanceScreen())
    await until(pilot, lambda: isinstance(app.screen, MaintenanceScreen), what="maintenance")
    await pilot.pause()
    for selector, label in (
        ("#printer-test", "打印测试页"),
        ("#reprint", "补打上一张号票"),
        ("#reload", "重新加载配置"),
        ("#quit", "退出取号机"),
        ("#nav-home", "首页"),
    ):
        assert_button(app, app.screen.query_one(selector, Button), label)


# ---------------------------------------------------------------------------------- the hall TV

LEAST_CALL_ROWS = {(54, 16): 7, (76, 22): 7, (106, 31): 7, (152, 44): 14, (59, 58): 7}
"""Rows the big label and window number take at least: a 4K-class grid draws them bigger."""


@pytest.mark.parametrize("size", DISPLAY_GRIDS, ids=grid_id)
async def test_display_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    paged = config.model_copy(update={"display": DisplaySettings(page_seconds=5)})
    for code in "AAABBBBCDEFGHK":
        hall.issue(code)
    for window in (1, 2, 3, 4):
        hall.call_next(window)
    hall.pause(6)
    hall.call_next(5)  # the latest call: D001 at window 5
    status = hall.status()
    app = HallDisplay(paged, db_url, clock=clock)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        await pilot.pause(0.1)
        shown = squeezed("".join(screen_rows(app)))
        leader = status.leader
        assert leader is not None
        assert squeezed(f"今日带班领导：{leader.name}") in shown
        assert squeezed(f"监督电话：{config.hall.supervision_phone}") in shown
        banner = app.banner
        assert banner.call is not None and banner.call.label == "D001"
        assert on_screen(app, banner)
        assert banner.dot_rows >= LEAST_CALL_ROWS[size]

        # every window and every count, page after page, turned by the app's own timer
        board, waiting = app.board, app.waiting
        windows = {w.number: w for w in status.windows}
        services = {s.code: s for s in status.services if s.available_today}
        seen_windows: set[int] = set()
        seen_services: set[str] = set()
        shown_since: list[float] = []
        for _turn in range(max(board.pages, waiting.pages)):
            if shown_since:  # wait for the timer to turn the page
                before = shown_since[-1]
                await until(pilot, lambda b=before: board.page_since > b, timeout=30)
                await pilot.pause(0.1)
            shown_since.append(board.page_since)
            board_text = squeezed(shown_text(app, board))
            for number in board.shown_numbers():
                window = windows[number]
                state = window.current or ("暂停" if window.state == "paused" else "空闲")
                assert squeezed(f"{number}") in board_text
                assert squeezed(state) in board_text
                seen_windows.add(number)
            waiting_text = squeezed(shown_text(app, waiting))
            for code in waiting.shown_codes():
                service = services[code]  # code, name (up to four hanzi) and count
                assert f"{code}{service.name[:4]}{service.waiting}" in waiting_text
                seen_services.add(code)
        assert seen_windows == set(windows)
        assert seen_services == set(services)
        gaps = [b - a for a, b in zip(shown_since, shown_since[1:], strict=False)]
        assert all(gap >= 5 for gap in gaps), gaps  # each page stays up 5 s at least


@pytest.mark.parametrize("size", DISPLAY_GRIDS, ids=grid_id)
async def test_display_with_the_phone_board_at_grid(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock, hall: Hall
) -> None:
    """With ``[phone] base_url`` a TV with room (152×44) shows the phone board's QR code whole
    (decoded from what is drawn) above the recent calls; the call keeps its size and the rest
    stays on screen; smaller TVs show no code at all."""
    import zxingcpp

    phone = config.phone.model_copy(update={"base_url": "http://192.168.1.10:8080"})
    with_phone = config.model_copy(update={"phone": phone})
    hall.issue("A")
    hall.call_next(1)
    app = HallDisplay(with_phone, db_url, clock=clock)
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.snapshot is not None)
        await pilot.pause(0.1)
        assert on_screen(app, app.banner) and app.banner.dot_rows >= LEAST_CALL_ROWS[size]
        for part in (app.board, app.waiting):
            assert on_screen(app, part)
        qr = app.query_one("#board-qr", QrCode)
        assert on_screen(app, qr) == (size == (152, 44))
        if on_screen(app, qr):
            drawn = drawn_rows(app, qr)
            assert drawn == qr.rows
            codes = zxingcpp.read_barcodes(qr_picture(drawn))
            assert [c.text for c in codes] == ["http://192.168.1.10:8080/"]
            assert on_screen(app, app.recent) and "A001" in shown_text(app, app.recent)


# ---------------------------------------------------------------------------------- clerk, rating


@pytest.mark.parametrize("size", CLERK_GRIDS, ids=grid_id)
async def test_clerk_console_at_grid(size: tuple[int, int], hall: Hall) -> None:
    save_clerk(hall.store, hall.code, "007", "王芳", "2468")
    hall.issue("D", matter=hall.service("D").matters[0].code)
    for _ in range(9):
        hall.issue("E")
    app = ClerkApp(hall, 5)
    async with app.run_test(size=size) as pilot:
        for selector in ("#clerk-id", "#pin", "#sign-in-button"):
            assert on_screen(app, app.screen.query_one(selector))
        desk = await at_desk(pilot)
        desk.completed_s = None
        await pilot.press("1")
        await until(pilot, lambda: desk.completed_s is not None, what="call")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)
        keys = {
            "next": "1 叫号",
            "recall": "2 重呼",
            "skip": "3 过号",
            "finish": "4 办结",
            "transfer": "5 转办",
            "pause": "6 暂停",
            "pick": "7 指定叫号",
            "requeue": "8 过号重排",
        }
        for code, label in keys.items():
            assert_button(app, desk.query_one(f"#act-{code}", Button), label, rows=2)
        label = desk.query_one("#current-label", BigLabel)
        assert label.label == "D001" and label.dot is not None and label.rows_drawn >= 7
        assert on_screen(app, label)
        shown = squeezed("".join(screen_rows(app)))
        for text in ("5 号窗口", "王芳", "农业农技", "叫号后", "E001", "已叫号 D001", "F12 签退"):
            assert squeezed(text) in shown, text


@pytest.mark.parametrize("size", RATING_GRIDS, ids=grid_id)
async def test_rating_pad_at_grid(size: tuple[int, int], hall: Hall) -> None:
    hall.issue("A")
    app = RatingApp(hall, 1, timeout_s=60)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.2)
        hall.call_next(1)
        hall.finish(1)
        await until(pilot, lambda: app.asking is not None, what="rating question")
        await until(pilot, lambda: app.query_one("#rate-basic").region.width > 0, what="buttons")
        await pilot.pause()
        for code, name in (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")):
            assert_button(app, app.query_one(f"#rate-{code}", Button), name)
        shown = squeezed("".join(screen_rows(app)))
        assert squeezed("A001 已办结") in shown

"""Names with markup in hall.toml and the database are shown as they are on every screen: the
kiosk, the hall display, the clerk console and the manager's reports never read them as tags
(Textual would crash on "[/]" with a MarkupError)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, OptionList, Static

from servicehall.clerk.console import ClerkApp
from servicehall.config import HallConfig, parse_config, sample_text
from servicehall.display.app import HallDisplay
from servicehall.display.board import WindowBoard
from servicehall.kiosk import KioskApp
from servicehall.queue import FixedClock, Hall
from servicehall.queue.clerks import save_clerk
from servicehall.reports.manager_app import ManagerApp

from support.clerk import at_desk
from support.display import text_of
from support.kiosk import pages_of, ready
from support.kiosk import text_of as kiosk_text
from support.waiting import until, workers_done

HALL_NAME = "青石镇[/]中心"
SERVICE = "民政[/]"
MATTER = "低保[b]申请"
MATERIAL = "户口簿[/]"
WINDOW_NAME = "一号[/red]窗口"


@pytest.fixture
def config() -> HallConfig:
    text = sample_text()
    text = text.replace('name = "青石镇便民服务中心"', f'name = "{HALL_NAME}"', 1)
    text = text.replace('name = "民政"', f'name = "{SERVICE}"', 1)
    text = text.replace('name = "低保申请"', f'name = "{MATTER}"', 1)
    text = text.replace('"申请人及家庭成员身份证、户口簿"', f'"{MATERIAL}"', 1)
    head, tail = text.split("number = 13\n", 1)
    name = tail.splitlines()[0]
    return parse_config(head + "number = 13\n" + tail.replace(name, f'name = "{WINDOW_NAME}"', 1))


@pytest.fixture
def marked(hall: Hall) -> Iterator[Hall]:
    save_clerk(hall.store, hall.code, "007", "[/]王芳", "2468")
    hall.set_leader("[/]赵敏", "[b]副镇长")
    yield hall


async def test_kiosk_shows_names_as_they_are(
    config: HallConfig, db_url: str, clock: FixedClock, marked: Hall
) -> None:
    app = KioskApp(config, db=db_url, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        assert kiosk_text(app, "#hall-name") == HALL_NAME
        await pilot.click("#service-A")
        await until(pilot, lambda: app.screen.query(".matter"))
        assert str(app.screen.query_one("#matter-0", Button).label) == MATTER
        await pilot.click("#matter-0")
        await until(pilot, lambda: app.screen.query("#take"))
        assert any(MATERIAL in line for line in pages_of(app, "#materials"))
        await pilot.click("#take")
        await until(pilot, lambda: kiosk_text(app, "#ticket-service"))
        assert kiosk_text(app, "#ticket-service") == f"{SERVICE}  {MATTER}"
        app.go_home()
        await pilot.click("#guide")
        await until(pilot, lambda: app.screen.query("#guide-A"))
        assert str(app.screen.query_one("#guide-A", Button).label) == SERVICE


async def test_display_shows_names_as_they_are(
    config: HallConfig, db_url: str, clock: FixedClock, marked: Hall
) -> None:
    marked.issue("B", matter=marked.service("B").matters[0].code)
    marked.call_next(13, clerk="007")
    app = HallDisplay(config, db_url, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: "B001" in text_of(app.query_one(WindowBoard)))
        board = text_of(app.query_one(WindowBoard))
        assert WINDOW_NAME[:4] in board
        screen = app.export_screenshot()
        assert "[/]" in screen.replace("&#160;", " ")


async def test_clerk_console_shows_names_as_they_are(marked: Hall) -> None:
    marked.issue("B", matter=marked.service("B").matters[0].code)
    app = ClerkApp(marked, 13)
    async with app.run_test(size=(100, 30)) as pilot:
        assert WINDOW_NAME in str(app.screen.query_one("#sign-in-title", Static).content)
        desk = await at_desk(pilot)
        assert "[/]王芳" in str(desk.query_one("#desk-title", Static).content)
        await pilot.press("1")
        await until(pilot, lambda: desk.snapshot and desk.snapshot.current is not None)
        await pilot.press("5")
        await until(pilot, lambda: app.screen.query(OptionList))
        prompts = app.screen.query_one(OptionList)
        shown = [str(prompts.get_option_at_index(i).prompt) for i in range(prompts.option_count)]
        assert any(SERVICE in text for text in shown)


async def test_manager_shows_names_as_they_are(marked: Hall, tmp_path: Path) -> None:
    marked.issue("A", matter="dibao")
    marked.call_next(1, clerk="007")
    marked.finish(1)
    app = ManagerApp(marked, export_dir=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        table = app.query_one("#table", DataTable)
        assert any(SERVICE in str(cell) for cell in table.get_row_at(0))
        await pilot.click("#clerk")
        await workers_done(app)
        await pilot.pause()
        assert "007" in str(app.query_one("#table", DataTable).get_row_at(0))
        app.query_one("#audit-ref").value = "1"  # type: ignore[attr-defined]
        await pilot.click("#audit")
        await workers_done(app)
        await pilot.pause()
        audit = app.screen.query_one("#audit-table", DataTable)
        rows = [str(audit.get_row_at(i)) for i in range(audit.row_count)]
        assert any("007" in row for row in rows)

"""The manager's report screen, driven with Pilot on a day played through the real core."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static, Tab

from servicehall.i18n import set_language
from servicehall.queue import FixedClock, Hall
from servicehall.reports.manager_app import (
    CHART_FROM_COLUMNS,
    ITEM_GAP,
    AuditScreen,
    ManagerApp,
    summary_text,
)

from support.reports import play_monday
from support.screen import on_screen, screen_text, shown_text, squeezed
from support.waiting import until, workers_done

SIZE = (140, 40)


@pytest.fixture
def monday(hall: Hall, clock: FixedClock) -> Hall:
    play_monday(hall, clock)
    return hall


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the report (and any export) workers, then for the screen to update."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.pause()


def summary(app: ManagerApp) -> str:
    return str(app.query_one("#summary", Static).render())


def cells(app: ManagerApp, column: int = 0) -> list[str]:
    table = app.query_one("#table", DataTable)
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_shows_the_day_and_switches_breakdowns(monday: Hall, tmp_path: Path) -> None:
    app = ManagerApp(monday, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "取号 8" in summary(app) and "限时办结率 75.0%" in summary(app)
        assert cells(app) == ["A", "B", "C"]
        await pilot.click("#window")  # each breakdown is read when first shown
        await settle(pilot)
        assert cells(app) == ["1", "2", "4", "13"]
        await pilot.click("#hour")
        await settle(pilot)
        assert cells(app)[2] == "10:00-11:00" and cells(app, 1)[2] == "7"
        chart = str(app.query_one("#chart", Static).render())
        assert "10:00-11:00" in chart and chart.splitlines()[2].endswith(" 7")


def assert_whole(app: ManagerApp, widget: Widget, text: str) -> None:
    """The widget is wholly on the screen and shows ``text`` whole."""
    assert on_screen(app, widget), f"{widget} is not wholly on the screen"
    assert squeezed(text) in squeezed(shown_text(app, widget)), f"{text!r} cut on {widget}"


@pytest.mark.parametrize(
    ("lang", "size", "rows"),
    [
        ("zh", (80, 24), 2),
        ("en", (80, 24), 2),
        ("zh", (100, 30), 1),
        ("en", (100, 30), 2),
        ("en", (140, 40), 1),
    ],
)
async def test_everything_is_on_an_office_terminal(
    monday: Hall, tmp_path: Path, lang: str, size: tuple[int, int], rows: int
) -> None:
    """An office terminal opens at 80×24 (``grids.SMALLEST["manager"]``): every date field and
    button, every breakdown's tab, the totals with no figure parted from its name, the table's
    rows, the exports and the audit field are on the screen, whole. The quick picks go under the
    dates where one row would push 上月 (in English, three buttons) off it; the hour chart
    stands beside the table only where the table keeps its room."""
    set_language(lang)
    try:
        app = ManagerApp(monday, export_dir=tmp_path)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            picks = list(app.query("#filters Button").results(Button))
            assert len(picks) == 5
            for button in picks:
                assert_whole(app, button, str(button.label))
            assert len({button.region.y for button in picks}) == rows
            for field in ("#start", "#end"):
                assert_whole(app, app.query_one(field, Input), "2026-11-23")
            tabs = list(app.query("#by Tab").results(Tab))
            assert len(tabs) == 6
            for tab in tabs:
                assert_whole(app, tab, str(tab.label))
            assert app.report is not None
            shown_rows = shown_text(app, app.query_one("#summary", Static)).splitlines()
            for line in summary_text(app.report).plain.splitlines():
                for item in line.split(ITEM_GAP):
                    assert any(item in row for row in shown_rows), f"{item!r} parted or cut"
            table = app.query_one("#table", DataTable)
            assert on_screen(app, table) and table.region.height >= 5
            codes = [row.split()[0] for row in shown_text(app, table).splitlines()[1:4]]
            assert codes == ["A", "B", "C"]
            for button in app.query("#actions Button").results(Button):
                assert_whole(app, button, str(button.label))
            assert on_screen(app, app.query_one("#audit-ref", Input))
            assert app.query_one("#chart-box").display == (size[0] >= CHART_FROM_COLUMNS)
    finally:
        set_language("zh")


async def test_other_days_an_empty_day_and_a_bad_date(monday: Hall, tmp_path: Path) -> None:
    app = ManagerApp(monday, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#yesterday")
        await settle(pilot)
        assert "2026-11-22" in summary(app) and "没有取号记录" in summary(app)
        await pilot.click("#this-month")
        await settle(pilot)
        assert app.query_one("#start", Input).value == "2026-11-01"
        assert "2026-11-01 至 2026-11-23" in summary(app) and "取号 8" in summary(app)
        app.query_one("#start", Input).value = "2026-02-30"
        await pilot.click("#run")
        await pilot.pause()
        assert "日期应写成 YYYY-MM-DD" in summary(app)


async def test_exports_the_workbook_and_a_csv(monday: Hall, tmp_path: Path) -> None:
    app = ManagerApp(monday, export_dir=tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#xlsx")
        await settle(pilot)
        await pilot.click("#window")
        await settle(pilot)
        await pilot.click("#csv")
        await settle(pilot)
    workbook = tmp_path / "exports" / "报表_2026-11-23.xlsx"
    assert load_workbook(workbook)["汇总"]["B5"].value == 8
    text = (tmp_path / "exports" / "报表_2026-11-23_按窗口.csv").read_text("utf-8-sig")
    assert text.startswith("窗口,名称,接待")


async def test_audit_trail_of_a_ticket(monday: Hall, tmp_path: Path) -> None:
    app = ManagerApp(monday, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.click("#audit-ref")
        await pilot.press("a", "0", "0", "2", "enter")
        await until(pilot, lambda: isinstance(app.screen, AuditScreen), what="the audit trail")
        await pilot.pause()
        table = app.screen.query_one("#audit-table", DataTable)
        kinds = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert kinds == ["取号", "叫号", "过号", "过号重排", "叫号", "办结", "评价"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AuditScreen)
        app.query_one("#audit-ref", Input).value = "Z999"
        await pilot.click("#audit")
        await settle(pilot)
        assert not isinstance(app.screen, AuditScreen)


def test_manager_snapshot(snap_compare, monday: Hall, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    async def the_day(pilot: Pilot[None]) -> None:
        await settle(pilot)
        # the played Monday (support.reports): 8 issued, 4 served, 1 no-show, 1 cancelled
        app = pilot.app
        assert isinstance(app, ManagerApp)
        assert "2026-11-23" in summary(app) and "取号 8" in summary(app)
        assert cells(app) == ["A", "B", "C"]
        assert cells(app, 2)[:3] == ["3", "3", "2"]  # issued per service
        shown = screen_text(app)
        assert "民政" in shown and "导出 Excel" in shown

    app = ManagerApp(monday, export_dir=tmp_path)
    assert snap_compare(app, terminal_size=SIZE, run_before=the_day)


async def test_nothing_is_shown_before_the_pin(monday: Hall, tmp_path: Path) -> None:
    """The report screen (also when served to a browser) asks for the manager's PIN first;
    wrong PINs are counted in the database, so a new tab gets no fresh guesses."""
    pin_hash = monday.config.manager_pin_hash
    app = ManagerApp(monday, export_dir=tmp_path, pin_hash=pin_hash)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.id == "manager-pin"
        assert app.report is None
        for _ in range(5):
            await pilot.press(*"1111", "enter")
            await settle(pilot)
        message = str(app.screen.query_one("#pin-message", Static).render())
        assert "60 秒" in message
        assert app.report is None
    again = ManagerApp(monday, export_dir=tmp_path, pin_hash=pin_hash)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press(*"246810", "enter")
        await settle(pilot)
        assert again.screen.id == "manager-pin" and again.report is None
    guard_store = monday.store
    guard_store.write(lambda conn: conn.exec_driver_sql("DELETE FROM pin_lockouts"))
    third = ManagerApp(monday, export_dir=tmp_path, pin_hash=pin_hash)
    async with third.run_test(size=SIZE) as pilot:
        await pilot.press(*"246810", "enter")
        await settle(pilot)
        assert third.report is not None and "取号 8" in summary(third)

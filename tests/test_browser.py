"""The hall in a real browser: headless Chromium opens the served display and kiosk.

The display shows a call made by another process; the kiosk takes clicks and issues a ticket.
Screenshots are written to the test's temporary folder (docs/screenshots keeps one of each).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from servicehall.config import load_config
from servicehall.queue import Hall

from support.browser import BrowserScreen, ServedApp
from support.waiting import wait_for

# one test process runs this module's tests in a row (xdist_group, ``--dist loadgroup`` in
# pyproject.toml), so the module's one Chromium is launched once, not once per test
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


@pytest.fixture
def hall_env(tmp_path: Path) -> dict[str, str]:
    return {
        "SERVICEHALL_DB": f"sqlite:///{tmp_path / 'hall.db'}",
        "SERVICEHALL_HOME": str(tmp_path / "home"),
        "SERVICEHALL_IGNORE_HOURS": "1",
    }


def test_served_display_shows_a_call_made_elsewhere(
    browser: object, hall_env: dict[str, str], tmp_path: Path
) -> None:
    hall = Hall.open(load_config(None), db=hall_env["SERVICEHALL_DB"], enforce_hours=False)
    served = ServedApp("display", hall_env, "--no-voice")
    screen = BrowserScreen(browser, served.url, (1600, 900))
    try:
        screen.wait_for("青石镇便民服务中心")
        hall.issue("C", matter="shengyu")
        hall.call_next(4, clerk="ws01")
        shown = screen.wait_for("C001")
        board_row = next(
            line for line in shown.splitlines() if "卫健计生" in line and "C001" in line
        )
        assert board_row.index("4") < board_row.index("C001")
        screen.page.screenshot(path=str(tmp_path / "display-browser.png"))
        assert (tmp_path / "display-browser.png").stat().st_size > 10_000
    finally:
        screen.close()
        served.stop()


def test_served_kiosk_takes_clicks_and_issues_a_ticket(
    browser: object, hall_env: dict[str, str], tmp_path: Path
) -> None:
    served = ServedApp("kiosk", hall_env, "--ignore-hours")
    screen = BrowserScreen(browser, served.url, (1280, 800))
    try:
        screen.wait_for("民政")
        screen.tap("民政", expect="低保申请")
        screen.tap("低保申请", expect="取 号")
        screen.tap("取 号", expect="请取走")  # the plain button, not "…优先取号"
        screen.page.screenshot(path=str(tmp_path / "kiosk-browser.png"))
    finally:
        screen.close()
        served.stop()
    hall = Hall.open(load_config(None), db=hall_env["SERVICEHALL_DB"], enforce_hours=False)
    ticket = hall.ticket("A001")
    assert (ticket.service, ticket.matter, ticket.status) == ("A", "dibao", "waiting")
    assert ticket.priority is False
    assert hall.status().waiting("A") == 1  # a tap repeated by a person never gives two tickets


def test_served_page_fits_its_font_to_the_window(browser: object, hall_env: dict[str, str]) -> None:
    """The page picks the largest font at which the window holds the kiosk's designed grid."""
    from servicehall.grids import DESIGNED

    columns, rows = DESIGNED["kiosk"]
    served = ServedApp("kiosk", hall_env, "--ignore-hours")
    try:
        grids = {}
        for viewport in ((1280, 800), (1024, 768), (1080, 1920)):
            screen = BrowserScreen(browser, served.url, viewport)
            try:
                screen.wait_for("民政")
                screen.wait_stable()
                grids[viewport] = (screen.screen.columns, screen.screen.lines)
            finally:
                screen.close()
        fixed = BrowserScreen(browser, served.url + "?fontsize=14", (1280, 800))
        try:
            fixed.wait_for("民政")
            fixed_grid = (fixed.screen.columns, fixed.screen.lines)
        finally:
            fixed.close()
    finally:
        served.stop()
    for viewport, (got_columns, got_rows) in grids.items():
        assert got_columns >= columns and got_rows >= rows, (viewport, got_columns, got_rows)
        # the largest such font: not a grid far beyond the design (a font too small to read)
        assert got_columns < columns * 1.4 or got_rows < rows * 1.4, (viewport, got_columns)
    assert fixed_grid[0] > grids[(1280, 800)][0]  # ?fontsize=14 keeps its small fixed size


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_a_tab_process_ends_when_its_server_is_killed(
    browser: object, hall_env: dict[str, str]
) -> None:
    served = ServedApp("display", hall_env, "--no-voice")
    screen = BrowserScreen(browser, served.url, (1280, 720))
    try:
        screen.wait_for("青石镇便民服务中心")
        apps = _children(served.proc.pid)
        assert apps, "the tab's app runs as the server's child"
        served.proc.kill()  # outside systemd nothing else would take the children along
        served.proc.wait()
        wait_for(
            lambda: not any(Path(f"/proc/{p}").exists() for p in apps),
            what="the orphaned tab processes to end",
        )
    finally:
        screen.close()
        served.stop()

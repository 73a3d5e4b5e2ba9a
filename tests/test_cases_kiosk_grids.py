"""查询办理进度 at the kiosk's grids (issue 18), read from the composed screen as a person sees it.

The way in is a 3-row button in the home screen's bar, whole and tappable on every page of
services beside every other bar button, in both languages, while every service stays reachable
with buttons at least 3 rows tall. A case found shows its number (in big dots where the screen has
room, read back from the cells) and each step on its own line, every page within the screen; a
wrong number shows nothing of any case. ``case_pages`` cuts a long case into pages that fit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from rich.cells import cell_len
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Button

from servicehall.config import HallConfig
from servicehall.i18n import set_language, t
from servicehall.kiosk.screens.progress import ProgressResult, ProgressScreen
from servicehall.kiosk.widgets import ServiceButton
from servicehall.kiosk.widgets.case_pages import case_pages, fit_number
from servicehall.queue import FixedClock, Hall
from servicehall.queue.caseviews import CaseStepView, CaseView
from servicehall.ui.themes import PALETTE
from servicehall.widgets.paged import PagedGrid, PagedText

from support.bigdots import read_dots
from support.kiosk import dots_shown, make_app, ready, text_of
from support.screen import on_screen, screen_rows, screen_text, shown_text, squeezed
from support.waiting import until

POLITE = "没有查到。请核对办件号，或姓名和后四位；也可以到窗口咨询"


def grid_id(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.fixture
def case(hall: Hall) -> CaseView:
    """A 低保 case three steps along: 受理, 转县级部门, 补正."""
    hall.sign_in(1, "mz01")
    ticket = hall.issue("A", matter="dibao")
    hall.call_ticket(ticket.label, 1)
    opened = hall.open_case(ticket.label, window=1, kind="承诺件", name="王秀兰", last4="123X")
    hall.case_step(opened.number, "转县级部门", window=1, note="县民政局")
    hall.case_step(opened.number, "补正", window=1, note="户口簿复印件")
    hall.finish(1)
    return opened


async def _tap(pilot: Pilot[Any], selector: str) -> None:
    """Tap as a person does: once the button has stopped flashing from the last tap."""
    button = pilot.app.screen.query_one(selector, Button)
    await until(pilot, lambda: not button.has_class("-active"), what=f"{selector}'s flash")
    await pilot.click(selector)


async def _look_up(pilot: Pilot[Any], number: str) -> None:
    app = pilot.app
    await _tap(pilot, "#case-progress")
    await until(pilot, lambda: isinstance(app.screen, ProgressScreen), what="the entry screen")
    await pilot.pause()
    for digit in number.replace("-", ""):
        await _tap(pilot, f"#key-{digit}")
    await _tap(pilot, "#key-enter")


def _assert_touch(app: Any, button: Button, label: str) -> None:
    assert on_screen(app, button), f"{button} is not wholly on the screen"
    assert button.region.height >= 3, f"{button} is {button.region.height} rows tall"
    assert squeezed(shown_text(app, button)) == squeezed(label), shown_text(app, button)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "size", [(56, 20), (56, 22), (70, 23), (75, 22), (106, 31), (59, 58), (140, 40)], ids=grid_id
)
async def test_the_way_in_is_a_touch_target_on_every_page(
    size: tuple[int, int], lang: str, config: HallConfig, db_url: str, clock: FixedClock
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        app.set_language(lang)
        welcome = t("welcome")
        await until(pilot, lambda: text_of(app, "#welcome") == welcome, what="the language")
        await until(pilot, lambda: app.screen.query(ServiceButton), what="the services again")
        await pilot.pause()
        home = app.screen
        grid = home.query_one("#services", PagedGrid)
        wanted = {s.code for s in app.hall_status.services if s.available_today}
        seen: set[str] = set()
        for page in range(grid.pages):
            if page:
                await _tap(pilot, "#page-next")
                await until(pilot, lambda p=page: grid.page == p, what=f"page {page + 1}")
                await pilot.pause()
            for index, button in enumerate(grid.query(ServiceButton)):
                if grid.on_page(index):
                    assert on_screen(app, button) and button.region.height >= 3, button
                    seen.add(button.service.code)
            bar = home.query_one("#home-bar").region
            progress = home.query_one("#case-progress", Button)
            squeezed_bar = size[0] < 70 and grid.pages > 1  # 56 columns and the pager
            words = t("progress_short" if squeezed_bar else "progress_progress")
            _assert_touch(app, progress, words)
            assert progress.region.width >= 6 and bar.contains_region(progress.region)
            short_guide = squeezed_bar and lang == "en"
            guide = home.query_one("#guide", Button)
            _assert_touch(app, guide, t("guide_short" if short_guide else "guide"))
            _assert_touch(app, home.query_one("#lang", Button), t("lang_toggle"))
            _assert_touch(app, home.query_one("#staff", Button), t("staff"))
            if grid.pages > 1:
                _assert_touch(app, home.query_one("#page-next", Button), t("page_next"))
        assert seen == wanted
        await _tap(pilot, "#case-progress")
        await until(pilot, lambda: isinstance(app.screen, ProgressScreen), what="the lookup")
    set_language("zh")


@pytest.mark.parametrize(
    ("size", "dots"),
    [
        ((56, 20), []),
        ((70, 23), []),
        ((75, 22), []),
        ((106, 31), [("2026-1123-001", (1, 1))]),
        ((59, 58), [("2026", (2, 1)), ("1123", (2, 1)), ("001", (2, 1))]),
        ((140, 40), [("2026", (2, 1)), ("1123-001", (2, 1))]),
    ],
    ids=lambda value: grid_id(value) if isinstance(value, tuple) else "",
)
async def test_a_case_found_is_large_at_grid(
    size: tuple[int, int],
    dots: list[tuple[str, tuple[int, int]]],
    config: HallConfig,
    db_url: str,
    clock: FixedClock,
    case: CaseView,
) -> None:
    """The number in big dots where the screen has room (square dots where it has the rows),
    else in bold text; the facts and each step on a line of its own; nothing off the screen."""
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await _look_up(pilot, case.number)
        await until(pilot, lambda: isinstance(app.screen, ProgressResult), what="the result")
        await pilot.pause()
        result = app.screen.query_one("#progress-result")
        assert on_screen(app, result)
        assert dots_shown(app, "#progress-result") == dots
        rows = [squeezed(row) for row in screen_rows(app)]
        wanted = ["低保申请（承诺件）王*兰", "状态：办理中", "承诺办结：2027-01-04前"]
        wanted += ["11-2310:00受理1号窗口", "11-2310:00转县级部门：县民政局1号窗口"]
        wanted += ["11-2310:00补正：户口簿复印件1号窗口"]
        if not dots:
            wanted.insert(0, case.number)
        assert [row for row in rows if row in wanted] == wanted  # each a line of its own, in order
        shown = screen_text(app)
        assert "王秀兰" not in shown and "123X" not in shown
        for selector in ("#nav-back", "#nav-home"):
            assert (
                on_screen(app, app.screen.query_one(selector))
                and app.screen.query_one(selector).region.height >= 3
            )


@pytest.mark.parametrize("size", [(56, 20), (70, 23), (106, 31), (59, 58)], ids=grid_id)
async def test_a_wrong_number_shows_nothing_of_any_case(
    size: tuple[int, int], config: HallConfig, db_url: str, clock: FixedClock, case: CaseView
) -> None:
    app = make_app(config, db_url, clock)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await _look_up(pilot, "20261123002")
        await until(pilot, lambda: text_of(app, "#progress-message") == POLITE, what="the line")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        message = app.screen.query_one("#progress-message")
        assert on_screen(app, message) and squeezed(shown_text(app, message)) == squeezed(POLITE)
        shown = squeezed(screen_text(app))
        for word in (case.number, "低保", "王*兰", "王秀兰", "承诺办结", "状态", "受理", "补正"):
            assert word not in shown, word
        assert read_dots(app, Region(0, 0, *size), PALETTE["kiosk-number"][0]) == []


async def test_two_cases_of_one_person_a_page_each(
    config: HallConfig, db_url: str, clock: FixedClock, hall: Hall, case: CaseView
) -> None:
    ticket = hall.issue("A", matter="dibao")
    hall.call_ticket(ticket.label, 1)
    second = hall.open_case(ticket.label, window=1, kind="即办件", name="王秀兰", last4="123X")
    found = hall.find_cases("王秀兰", "123X")
    app = make_app(config, db_url, clock)
    async with app.run_test(size=(56, 20)) as pilot:
        await ready(pilot)
        app.push_screen(ProgressResult(found))
        await until(pilot, lambda: isinstance(app.screen, ProgressResult), what="the result")
        await pilot.pause()
        assert "查到2件，请翻页查看每一件" in squeezed(screen_text(app))
        result = app.screen.query_one("#progress-result", PagedText)
        assert result.pages == 2
        numbers = []
        for page in range(2):
            if page:
                await _tap(pilot, "#page-next")
                await until(pilot, lambda: result.page == 1, what="the second page")
                await pilot.pause()
            first_row = shown_text(app, result).splitlines()[0].strip()
            numbers.append(first_row)
        assert sorted(numbers) == sorted([case.number, second.number])


def _many_steps(case: CaseView, count: int) -> CaseView:
    at = dt.datetime(2026, 11, 23, 10, 0)
    steps = [
        CaseStepView("supplement", at + dt.timedelta(days=i), 1, "mz01", note=f"证明材料{i}")
        for i in range(count)
    ]
    return dataclasses.replace(case, steps=tuple(steps))


@pytest.mark.parametrize(("count", "pages"), [(2, 1), (30, 3)])
def test_case_pages_fit_and_keep_every_step_in_order(
    case: CaseView, count: int, pages: int
) -> None:
    paint = {name: values[0] for name, values in PALETTE.items()}
    width, height = 52, 16
    cut = case_pages(_many_steps(case, count), width, height, paint)
    assert len(cut) == pages
    assert all(len(page) <= height for page in cut)
    assert all(cell_len(line.plain) <= width for page in cut for line in page)
    assert cut[0][0].plain == case.number
    assert all(page[0].plain == f"{case.number}（续）" for page in cut[1:])
    steps = [line.plain for page in cut for line in page if "补正" in line.plain]
    assert len(steps) == count
    assert [int(step.split("证明材料")[1].split()[0]) for step in steps] == list(range(count))
    blank_between = any(not line.plain for line in cut[0][5:])
    assert blank_between == (pages == 1)  # a blank line between steps unless that costs a page


@pytest.mark.parametrize(
    ("width", "height", "fit"),
    [
        (52, 8, None),
        (52, 16, (["2026", "1123-001"], (1, 1))),
        (96, 12, (["2026-1123-001"], (1, 1))),
        (55, 25, (["2026", "1123", "001"], (2, 1))),
        (136, 16, (["2026", "1123-001"], (2, 1))),
        (380, 50, (["2026-1123-001"], (4, 2))),
    ],
)
def test_the_number_takes_the_biggest_square_dots_on_the_fewest_lines(
    width: int, height: int, fit: tuple[list[str], tuple[int, int]] | None
) -> None:
    assert fit_number("2026-1123-001", width, height) == fit

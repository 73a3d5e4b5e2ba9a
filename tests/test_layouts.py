"""The pure layout planners: buttons into pages, text into pages, dot sizes, the TV's rows."""

from __future__ import annotations

import pytest
from rich.text import Text

from servicehall.display.layout import fit_call, plan_display
from servicehall.grids import SMALLEST
from servicehall.widgets.bigfont import big_height, big_text, big_width, fit_dot
from servicehall.widgets.paging import button_size, page_paragraphs, plan_grid


def test_buttons_fill_columns_then_rows_then_pages() -> None:
    # 14 buttons of at least 20×3 cells with a 1-cell gap each way
    one_page = plan_grid(14, 66, 19, min_width=20, gutter_x=1)
    assert (one_page.columns, one_page.rows, one_page.pages) == (3, 5, 1)
    two_pages = plan_grid(14, 52, 15, min_width=20, gutter_x=1)
    assert (two_pages.columns, two_pages.rows, two_pages.per_page) == (2, 4, 8)
    assert two_pages.pages == 2 and two_pages.page_of(7) == 0 and two_pages.page_of(8) == 1


def test_few_buttons_spread_in_one_row_and_grow_to_their_largest() -> None:
    plan = plan_grid(4, 140, 30, min_width=20, max_height=5)
    assert (plan.columns, plan.rows, plan.pages) == (4, 1, 1)
    assert plan.cell_height == 5


def test_buttons_grow_into_the_rows_left_up_to_their_largest() -> None:
    plan = plan_grid(8, 100, 19, min_width=20, min_height=3, max_height=7)
    assert (plan.rows, plan.cell_height) == (2, 7)
    plan = plan_grid(8, 100, 17, min_width=20, min_height=3, max_height=7)
    assert (plan.rows, plan.cell_height) == (2, 7)
    plan = plan_grid(8, 100, 10, min_width=20, min_height=3, max_height=7)
    assert (plan.rows, plan.cell_height) == (2, 4)


def test_button_size_holds_the_longest_text_and_wraps_a_long_name() -> None:
    names = ["民政", "法律援助与政策咨询"]
    assert button_size(names, cap=24, other_lines=["等候 999 人"]) == (18 + 2, 3)
    assert button_size(names, cap=24, other_lines=["等候 999 人"], min_height=1) == (20, 2)
    long_name = "困难残疾人生活补贴和重度残疾人护理补贴"  # 38 cells
    width, height = button_size([long_name], cap=26)
    assert width == 28 and height == 3  # two lines of 26 cells at most, in a 3-row button


def test_text_pages_keep_a_paragraph_whole_when_it_fits() -> None:
    paragraphs = [Text("甲" * 10), Text("乙" * 10), Text("丙" * 30)]  # 1, 1 and 3 lines of 20
    pages = page_paragraphs(paragraphs, 20, 4, spacing=1)
    assert [[line.plain for line in page] for page in pages] == [
        ["甲" * 10, "", "乙" * 10],
        ["丙" * 10, "丙" * 10, "丙" * 10],
    ]
    assert len(page_paragraphs(paragraphs, 20, 5, spacing=0)) == 1


def test_a_paragraph_longer_than_a_page_runs_on() -> None:
    pages = page_paragraphs([Text("丁" * 50)], 20, 2, spacing=1)  # five lines of ten hanzi
    assert [len(page) for page in pages] == [2, 2, 1]


def test_dots_are_the_largest_that_fit_both_ways() -> None:
    assert fit_dot("A012", 23, 7) == (1, 1)
    assert fit_dot("A012", 46, 7) == (2, 1)
    assert fit_dot("A012", 200, 14) == (4, 2)  # as wide as it may be for 2 rows a dot
    assert fit_dot("A012", 22, 7) is None
    assert fit_dot("A012", 46, 6) is None
    text = big_text("A012", dot_width=4, dot_height=2)
    assert len(text.plain.splitlines()) == big_height(2) == 14
    assert all(len(line) == big_width("A012", dot_width=4) for line in text.plain.splitlines())


def test_a_portrait_screen_draws_the_call_on_two_lines() -> None:
    wide = fit_call(152, 30, "A012", "3")
    assert wide.lines == 1
    narrow = fit_call(59, 30, "A012", "3")
    assert narrow.lines == 2 and narrow.dot == (2, 1)
    assert fit_call(54, 7, "A012", "15").dot == (1, 1)


GRIDS = [(w, h) for w in range(54, 221, 11) for h in range(16, 71, 6)]


@pytest.mark.parametrize("size", GRIDS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_tv_plan_fills_the_screen_without_overflow(size: tuple[int, int]) -> None:
    width, height = size
    leader_rows = 2 if width < 70 else 1
    plan = plan_display(
        width,
        height,
        windows=15,
        services=15,
        leader_rows=leader_rows,
        notice=True,
        recent_calls=6,
    )
    below = plan.recent_rows if plan.recent == "below" else 0
    used = 1 + plan.call_rows + below + plan.board_height + plan.waiting_height + leader_rows + 1
    assert used == height
    assert plan.call_fit.dot is not None and plan.call_fit.rows <= plan.call_rows
    assert plan.board_rows >= 1 and plan.waiting_rows >= 1


@pytest.mark.parametrize("size", GRIDS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_count_of_cases_done_never_costs_the_call_its_size(size: tuple[int, int]) -> None:
    width, height = size
    common = {"windows": 15, "services": 15, "notice": True, "recent_calls": 6}
    leader_rows = 2 if width < 70 else 1
    qr = (29, 15)  # the board's QR code at a large TV
    without = plan_display(width, height, leader_rows=leader_rows, qr=qr, **common)  # type: ignore[arg-type]
    plan = plan_display(width, height, leader_rows=leader_rows, qr=qr, cases=True, **common)  # type: ignore[arg-type]
    assert plan.call_fit == without.call_fit and plan.qr_rows == without.qr_rows
    assert (plan.board_rows, plan.waiting_rows) == (without.board_rows, without.waiting_rows)
    below = plan.recent_rows if plan.recent == "below" else 0
    used = (
        1 + plan.call_rows + below + plan.board_height + plan.waiting_height + plan.cases_rows
        + leader_rows + 1
    )  # fmt: skip
    assert used == height
    if without.call_rows > without.call_fit.rows and without.recent != "below":
        assert plan.cases_rows == 1  # a spare row is there: the count gets it


def test_the_tv_pages_windows_only_when_they_do_not_fit() -> None:
    least = plan_display(*SMALLEST["display"], windows=15, services=14, leader_rows=2,
                         notice=True, recent_calls=6)  # fmt: skip
    assert least.board_pages(15) > 1 and least.call_fit.rows >= 7
    roomy = plan_display(152, 44, windows=15, services=14, leader_rows=1, notice=True,
                         recent_calls=6)  # fmt: skip
    assert roomy.board_pages(15) == 1 and roomy.waiting_pages(14) == 1
    assert roomy.call_fit.dot is not None and roomy.call_fit.dot[1] >= 2


def test_a_line_never_ends_on_an_arrow_the_font_draws_two_cells_wide() -> None:
    procedure = Text("申请 → 镇人民政府受理并入户调查 → 村（居）民评议、公示 → 县民政局审批 → 发放")
    for width in range(20, 70):
        for page in page_paragraphs([procedure], width, 50, spacing=1):
            assert all(line.cell_len <= width - 1 for line in page), width


@pytest.mark.parametrize("status_rows", [1, 2])
@pytest.mark.parametrize("size", GRIDS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_staff_line_pages_the_board_before_it_shrinks_the_call(
    size: tuple[int, int], status_rows: int
) -> None:
    """The voice off (one row) or the database lost (two): the call keeps its dot size."""
    width, height = size
    common = {"windows": 15, "services": 15, "notice": True, "recent_calls": 6}
    leader_rows = 2 if width < 70 else 1
    without = plan_display(width, height, leader_rows=leader_rows, **common)  # type: ignore[arg-type]
    plan = plan_display(width, height, leader_rows=leader_rows, status_rows=status_rows, **common)  # type: ignore[arg-type]
    room = height - 1 - leader_rows - 1 - status_rows - 2  # the board and the counts: 1 row each
    if without.call_fit.rows <= room:
        assert plan.call_fit.size == without.call_fit.size
    else:  # no room for the call's size: the largest that fits
        assert plan.call_fit.dot is not None and plan.call_fit.rows <= room
    assert plan.board_rows >= 1 and plan.waiting_rows >= 1
    below = plan.recent_rows if plan.recent == "below" else 0
    used = (
        1 + plan.call_rows + below + plan.board_height + plan.waiting_height + leader_rows + 1
        + status_rows
    )  # fmt: skip
    assert used == height

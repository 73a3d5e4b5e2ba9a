"""The command line's tables (``cli.tables``): every character of a long Chinese cell kept, and
every figure seen whole in a terminal narrower than the table."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console

from servicehall.cli.tables import HallTable, stacked

ADVICE = "接好热敏打印机后在配置文件的打印机一节设置连接方式，再运行打印测试"


def _cell_lines(table: HallTable, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, markup=False, color_system=None).print(table)
    rows = out.getvalue().splitlines()[3:-1]  # below the heading's rule, above the bottom line
    return [row.strip("│ ") for row in rows]


def test_a_long_chinese_cell_folds_onto_lines_and_keeps_every_character() -> None:
    table = HallTable("怎么办")
    table.add_row(ADVICE)
    lines = _cell_lines(table, 24)
    assert len(lines) > 1 and "".join(lines) == ADVICE


def test_english_still_wraps_at_spaces() -> None:
    table = HallTable("fix")
    table.add_row("connect the printer and run print-test again")
    lines = _cell_lines(table, 24)
    assert " ".join(lines) == "connect the printer and run print-test again"


def test_a_column_may_still_ask_not_to_wrap() -> None:
    table = HallTable()
    table.add_column("号", no_wrap=True, overflow="ellipsis")
    table.add_row(ADVICE)
    assert _cell_lines(table, 24)[0].endswith("…")


@pytest.mark.parametrize(
    ("heading", "shown"),
    [
        ("取号", "取号"),
        ("满意率", "满意率"),
        ("限时办结率", "限时\n办结率"),
        ("等候90%", "等候\n90%"),
        ("Finished in time %", "Finished\nin time %"),
        ("Transferred", "Transferred"),
    ],
)
def test_a_figure_heading_takes_two_lines_when_wider_than_its_figures(
    heading: str, shown: str
) -> None:
    assert stacked(heading) == shown


def test_a_table_too_wide_comes_in_parts_each_naming_the_rows() -> None:
    table = HallTable("业务", title="按业务")
    for index in range(12):
        table.add_figure_column(f"数字{index}")
    table.add_row("民政", *(f"{index}00.0%" for index in range(12)))
    console = Console(file=io.StringIO(), width=60, markup=False)
    parts = table.parts(console)
    assert len(parts) > 1
    assert [part.title for part in parts] == ["按业务"] + ["按业务（续）"] * (len(parts) - 1)
    figures = [column.header for part in parts for column in part.columns[1:]]
    assert figures == [stacked(f"数字{index}") for index in range(12)]
    for part in parts:
        assert part.columns[0].header == "业务" and list(part.columns[0].cells) == ["民政"]
        assert part.needs() <= 60
        console.print(part)
    printed = console.file.getvalue()  # type: ignore[attr-defined]
    assert max(cell_len(line) for line in printed.splitlines()) <= 60
    assert all(f"{index}00.0%" in printed for index in range(12))


def test_a_table_that_fits_is_printed_as_it_is() -> None:
    table = HallTable("业务")
    table.add_figure_column("取号")
    table.add_row("民政", "3")
    assert table.parts(Console(file=io.StringIO(), width=80)) == [table]

"""Pages for screens that must not scroll: how many buttons fit, and text cut into pages.

Pure functions of sizes in terminal cells, so a layout can be checked at every grid without a
screen. Villagers do not scroll: what does not fit goes on the next page, reached with big
上一页 / 下一页 buttons.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from servicehall.widgets.glyphs import spare_cells


@dataclass(frozen=True)
class GridPlan:
    """Buttons laid out on pages: ``columns`` × ``rows`` per page, each ``cell_height`` rows."""

    columns: int
    rows: int
    cell_height: int
    per_page: int
    pages: int

    def page_of(self, index: int) -> int:
        return index // self.per_page


def plan_grid(
    count: int,
    width: int,
    height: int,
    *,
    min_width: int,
    min_height: int = 3,
    max_height: int = 5,
    gutter_x: int = 2,
    gutter_y: int = 1,
    max_columns: int = 6,
) -> GridPlan:
    """The columns and rows of buttons at least ``min_width``×``min_height`` that fit the space.

    Every page but the last is full; the fullest page is spread over as few rows as it needs
    (4 buttons on a wide screen make one row, not a column), and the buttons grow up to
    ``max_height`` rows into the space left (a bigger target for an unsteady finger).
    """
    columns_fit = max(1, min(max_columns, (width + gutter_x) // (min_width + gutter_x)))
    rows_fit = max(1, (height + gutter_y) // (min_height + gutter_y))
    per_page = columns_fit * rows_fit
    pages = max(1, math.ceil(count / per_page))
    fullest = max(1, min(count, per_page))
    rows = min(rows_fit, math.ceil(fullest / columns_fit))
    columns = math.ceil(fullest / rows)
    cell_height = max(min_height, min(max_height, (height + gutter_y) // rows - gutter_y))
    return GridPlan(columns, rows, cell_height, columns * rows, pages)


def button_size(
    names: Iterable[str], *, cap: int, other_lines: Iterable[str] = (), min_height: int = 3
) -> tuple[int, int]:
    """(cells, rows) for buttons that show a name wrapped at ``cap`` cells above ``other_lines``.

    Sized for the longest of them, with one cell of the button's colour either side, so no
    button of the set ever cuts its text.
    """
    names, others = list(names), list(other_lines)
    inner = max([min(cap, cell_len(name)) for name in names] + [cell_len(o) for o in others] + [1])
    name_lines = max((len(wrap_lines(Text(name), inner)) for name in names), default=1)
    return inner + 2, max(min_height, name_lines + len(others))


def wrap_lines(text: Text, width: int) -> list[Text]:
    """``text`` wrapped to ``width`` cells (CJK counted as two), one Text per screen line."""
    console = Console(width=max(1, width), legacy_windows=False, color_system=None)
    return list(text.wrap(console, max(1, width)))


def page_paragraphs(
    paragraphs: list[Text], width: int, height: int, *, spacing: int = 1
) -> list[list[Text]]:
    """Paragraphs wrapped to ``width`` and cut into pages of at most ``height`` lines.

    A paragraph that fits on a page is never split across two; ``spacing`` blank lines separate
    paragraphs on a page (none at a page's top). With no paragraphs there is one empty page. A
    paragraph holding a glyph the CJK font draws wide ("→") keeps a cell free at each line's end.
    """
    height = max(1, height)
    pages: list[list[Text]] = [[]]
    for paragraph in paragraphs:
        lines = wrap_lines(paragraph, width - spare_cells(paragraph.plain)) or [Text("")]
        page = pages[-1]
        gap = spacing if page else 0
        if page and len(page) + gap + len(lines) > height and len(lines) <= height:
            pages.append([])
            page, gap = pages[-1], 0
        page.extend(Text("") for _ in range(gap))
        for line in lines:
            if len(page) >= height:
                pages.append([])
                page = pages[-1]
            page.append(line)
    return pages

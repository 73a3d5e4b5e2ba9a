"""The command line's Rich tables, for Chinese text in a terminal of any width.

Rich wraps a cell at spaces and cuts a word longer than its column with "…". A run of Chinese has
no spaces, so a doctor's advice in a narrow terminal lost its end (接好热敏打印机后在 hall.tom…);
and a report wider than an 80-column terminal lost its right-hand columns, 满意率 among them,
without a word. Here a text cell too long for its column folds onto the next line, as Chinese is
written (English still wraps at spaces); a figure's column is headed on two lines, so that it is
as narrow as its figures; and ``print_table`` prints a table still too wide in parts, each with
the rows' names, so that every figure is seen whole. Imported by the commands that print tables
only (Rich's table module is not loaded for ``take`` or ``call``).
"""

from __future__ import annotations

import copy
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table

from servicehall.i18n import t

ONE_LINE = 6
"""Cells a figure's heading may take on one line (as wide as 100.0% or 123:45)."""
NAME_CELLS = 8
"""Cells a column naming the rows needs at the least: longer names fold (法律援助 / 与政策咨询)."""


def stacked(heading: str) -> str:
    """A figure's heading on two lines when it is wider than its figures: English at the space
    nearest the middle (Finished / in time %), Chinese after its first half (限时 / 办结率,
    等候 / 90%); a single English word stays whole."""
    if cell_len(heading) <= ONE_LINE:
        return heading
    if " " in heading:
        middle = len(heading) / 2
        spaces = [i for i, char in enumerate(heading) if char == " "]
        cut = min(spaces, key=lambda i: abs(i - middle))
        return f"{heading[:cut]}\n{heading[cut + 1 :]}"
    if cell_len(heading) == len(heading):
        return heading  # one English word: not split
    half = len(heading) // 2
    return f"{heading[:half]}\n{heading[half:]}"


class HallTable(Table):
    """A ``rich.table.Table`` whose text columns fold long cells, with columns of figures."""

    def __init__(self, *headings: str, **options: Any) -> None:
        self.first_figure: int | None = None
        """The index of the first figure column: the columns before it name the rows."""
        super().__init__(*headings, **options)

    def add_column(self, *args: Any, **options: Any) -> None:
        options.setdefault("overflow", "fold")
        super().add_column(*args, **options)

    def add_figure_column(self, heading: str) -> None:
        """A right-aligned column of figures, never wrapped, under a ``stacked`` heading."""
        if self.first_figure is None:
            self.first_figure = len(self.columns)
        self.add_column(stacked(heading), justify="right", no_wrap=True)

    def with_columns(self, columns: list[Column], title: str | None) -> HallTable:
        """This table (its rows, styles and borders) with only ``columns``, in that order."""
        part = copy.copy(self)
        part.columns = []
        for index, column in enumerate(columns):
            part.columns.append(copy.copy(column))
            part.columns[-1]._index = index
        part.title = title
        return part

    def widths(self) -> list[int]:
        """The terminal columns each column needs, its border and two spaces of padding
        included: every figure and code on one line, the names that may wrap folded to
        ``NAME_CELLS`` where they are longer."""
        widths = []
        for index, column in enumerate(self.columns):
            cells = (column.header, *column.cells)
            width = max(cell_len(line) for cell in cells for line in _lines(cell))
            if index < (self.first_figure or 0) and not column.no_wrap:
                width = min(width, NAME_CELLS)
            widths.append(max(width, column.min_width or 0) + 3)
        return widths

    def needs(self) -> int:
        """The terminal columns the whole table needs (``widths`` and the right-hand border)."""
        return sum(self.widths()) + 1

    def parts(self, console: Console) -> list[HallTable]:
        """The table as it fits ``console``'s width: itself, or its figures in parts, each part
        beginning with the columns that name the rows. A single figure too wide for the terminal
        is a part of its own (Rich then crops it: a terminal of a few dozen columns)."""
        widths = self.widths()
        if self.first_figure is None or sum(widths) + 1 <= console.width:
            return [self]
        first = self.first_figure
        names = self.columns[:first]
        start = sum(widths[:first]) + 1
        groups: list[list[Column]] = [[]]
        used = start
        for column, width in zip(self.columns[first:], widths[first:], strict=True):
            if groups[-1] and used + width > console.width:
                groups.append([])
                used = start
            groups[-1].append(column)
            used += width
        title = str(self.title or "")
        more = t("cli_table_more", title=title)
        return [
            self.with_columns([*names, *group], more if i else title)
            for i, group in enumerate(groups)
        ]


def _lines(cell: object) -> list[str]:
    """A cell's lines as text (a ``Text`` or a string)."""
    return (str(cell) or " ").split("\n")


def print_table(console: Console, table: HallTable) -> None:
    """Print ``table`` whole: in parts where it is too wide for the terminal."""
    for part in table.parts(console):
        console.print(part)

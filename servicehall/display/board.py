"""The board of every window (number, name, the label it serves or 暂停) and the waiting counts.

Both show a page at a time when the screen cannot hold them all: the app's layout tells them how
many columns and rows they have, and the app's page timer turns them (``next_page``), so every
window and every count is on the TV within a few pages' time.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive

from servicehall.display.layout import BOARD_CELL, WAIT_CELL
from servicehall.display.lines import LineCachedWidget
from servicehall.i18n import t
from servicehall.queue import ServiceStatus, WindowStatus
from servicehall.ui.themes import colours

NAME_CELLS = 12
WAIT_NAME_CELLS = 8


def _fit(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells (CJK counts two)."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


class PagedCells(LineCachedWidget):
    """Items in ``columns`` × ``rows`` cells, one page at a time, with an optional title line."""

    columns: reactive[int] = reactive(1, layout=True)
    rows: reactive[int] = reactive(1, layout=True)
    title: reactive[bool] = reactive(False, layout=True)
    page: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 (Textual's own name)
        super().__init__(id=id)
        self.page_since = time.monotonic()
        """When the page shown now came up (monotonic seconds)."""

    def items(self) -> Sequence[object]:
        raise NotImplementedError

    def watch_page(self) -> None:
        self.page_since = time.monotonic()

    @property
    def per_page(self) -> int:
        return max(1, self.columns * self.rows)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.items()) / self.per_page))

    def on_page(self) -> Sequence[object]:
        page = min(self.page, self.pages - 1)
        return self.items()[page * self.per_page : (page + 1) * self.per_page]

    def next_page(self) -> None:
        self.page = (self.page + 1) % self.pages if self.pages > 1 else 0

    def page_mark(self) -> str:
        return (
            t("display_page", page=min(self.page, self.pages - 1) + 1, pages=self.pages)
            if self.pages > 1
            else ""
        )

    def marked(self, lines: list[Text]) -> list[Text]:
        """Without a title line (a small TV), the page ("2/3") at the right end of the first line,
        where it fits: the hall sees there is more to come."""
        if self.title or self.pages <= 1 or not lines:
            return lines
        mark = f"{min(self.page, self.pages - 1) + 1}/{self.pages}"
        first = lines[0].copy()
        first.rstrip()
        gap = self.size.width - first.cell_len - len(mark)
        if gap < 1:
            return lines
        first.append(" " * gap)
        first.append(mark, style=self._paint()["display-quiet"])
        return [first, *lines[1:]]

    def _paint(self) -> dict[str, str]:
        """The theme's colours to draw with."""
        return colours(self.app)


class WindowBoard(PagedCells):
    """A grid of windows; the one just called is marked in yellow."""

    DEFAULT_CSS = """
    WindowBoard {
        height: 5;
        padding: 0 1;
    }
    """

    windows: reactive[tuple[WindowStatus, ...]] = reactive(())
    called: reactive[int | None] = reactive(None)
    tall: reactive[bool] = reactive(False, layout=True)

    def items(self) -> Sequence[WindowStatus]:
        return self.windows

    def state(self) -> tuple[object, ...]:
        return (
            self.windows,
            self.called,
            self.columns,
            self.rows,
            self.tall,
            self.title,
            self.page,
        )

    def shown_numbers(self) -> list[int]:
        """The window numbers on the page shown now."""
        return [w.number for w in self.on_page()]  # type: ignore[attr-defined]

    def render(self) -> Text:
        """Columns of equal width, laid out by hand (a Rich table costs more on every call)."""
        width = self.size.width
        cell_width = max(BOARD_CELL - 2, width // max(1, self.columns))
        lines: list[Text] = []
        if self.title:
            lines.append(Text(t("display_windows") + self.page_mark(), style="bold"))
        windows = list(self.on_page())
        for start in range(0, len(windows), self.columns):
            cells = [self._cell(w) for w in windows[start : start + self.columns]]  # type: ignore[arg-type]
            for part in range(2 if self.tall else 1):
                line = Text(no_wrap=True, overflow="crop")
                for cell in cells:
                    piece = cell[part]
                    line.append_text(piece)
                    line.append(" " * max(1, cell_width - piece.cell_len))
                lines.append(line)
        return Text("\n", no_wrap=True).join(self.marked(lines))

    def _cell(self, window: WindowStatus) -> tuple[Text, Text]:
        """The window's one line, or its two lines (number and name; label) when tall."""
        name = _fit(window.name, NAME_CELLS)
        head = Text(no_wrap=True, overflow="crop")
        paint = self._paint()
        head.append(f"{window.number:>2} ", style=f"bold {paint['display-number']}")
        head.append(name, style=paint["display-words"])
        tail = Text("   " if self.tall else " " * (NAME_CELLS + 1 - cell_len(name)), no_wrap=True)
        if window.state == "paused":
            tail.append(t("display_paused"), style=f"bold {paint['display-quiet']}")
        elif window.current:
            call = paint["display-call"]
            marked = f"bold {paint['display-marked']} on {call}"
            style = marked if window.number == self.called else f"bold {call}"
            tail.append(window.current, style=style)
        else:
            tail.append(t("display_idle"), style=paint["display-quiet"])
        if self.tall:
            return head, tail
        return head + tail, Text("")


class WaitingCounts(PagedCells):
    """How many people wait for each service open today."""

    DEFAULT_CSS = """
    WaitingCounts {
        height: 2;
        padding: 0 1;
    }
    """

    services: reactive[tuple[ServiceStatus, ...]] = reactive(())

    def items(self) -> Sequence[ServiceStatus]:
        return [s for s in self.services if s.available_today]

    def state(self) -> tuple[object, ...]:
        return self.services, self.columns, self.rows, self.title, self.page

    def shown_codes(self) -> list[str]:
        """The service codes on the page shown now."""
        return [s.code for s in self.on_page()]  # type: ignore[attr-defined]

    def render(self) -> Text:
        width = self.size.width
        cell_width = max(WAIT_CELL - 2, width // max(1, self.columns))
        lines: list[Text] = []
        if self.title:
            lines.append(Text(t("display_waiting") + self.page_mark(), style="bold"))
        shown = list(self.on_page())
        for start in range(0, len(shown), self.columns):
            line = Text(no_wrap=True, overflow="crop")
            for service in shown[start : start + self.columns]:
                cell = self._cell(service, self._paint())  # type: ignore[arg-type]
                line.append_text(cell)
                line.append(" " * max(1, cell_width - cell.cell_len))
            lines.append(line)
        return Text("\n", no_wrap=True).join(self.marked(lines))

    @staticmethod
    def _cell(service: ServiceStatus, paint: dict[str, str]) -> Text:
        cell = Text(no_wrap=True)
        cell.append(f"{service.code} ", style=f"bold {paint['display-number']}")
        name = _fit(service.name, WAIT_NAME_CELLS)
        cell.append(name + " " * (WAIT_NAME_CELLS - cell_len(name)))
        style = f"bold {paint['display-call']}" if service.waiting else paint["display-quiet"]
        cell.append(f" {service.waiting}", style=style)
        return cell

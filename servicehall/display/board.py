"""The board of every window (number, name, the label it serves or 暂停) and the waiting counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive

from servicehall.display.lines import LineCachedWidget
from servicehall.queue import ServiceStatus, WindowStatus

CELL_WIDTH = 26  # "15 村事镇办二   A012" with room to breathe
NAME_CELLS = 12
PAUSED = "暂停"
IDLE = "空闲"


def _fit(text: str, cells: int) -> str:
    """Cut ``text`` to at most ``cells`` terminal cells (CJK counts two)."""
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells:
            break
        out += ch
    return out


def today_only(windows: Iterable[WindowStatus], day: dt.date) -> tuple[WindowStatus, ...]:
    """Windows with a ticket called on an earlier day (left open overnight) shown as idle."""
    return tuple(
        replace(w, current=None)
        if w.current and w.called_at is not None and w.called_at.date() != day
        else w
        for w in windows
    )


class WindowBoard(LineCachedWidget):
    """A grid of windows; the one just called is marked in yellow."""

    DEFAULT_CSS = """
    WindowBoard {
        height: 1fr;
        padding: 0 1;
    }
    """

    windows: reactive[tuple[WindowStatus, ...]] = reactive(())
    called: reactive[int | None] = reactive(None)

    def state(self) -> tuple[tuple[WindowStatus, ...], int | None]:
        return self.windows, self.called

    def watch_windows(self, old: tuple[WindowStatus, ...], new: tuple[WindowStatus, ...]) -> None:
        if len(old) != len(new):  # the first state: the board's height follows its windows
            self.refresh(layout=True)

    def render(self) -> Text:
        """Columns of equal width, laid out by hand (a Rich table costs more on every call)."""
        windows = self.windows
        width = self.size.width
        columns = self._columns(width)
        rows = max(1, -(-len(windows) // columns))
        tall = self.size.height >= rows * 2 + 1
        cell_width = max(1, width // columns)
        lines: list[Text] = []
        if self.size.height > rows * (2 if tall else 1):
            lines.append(Text("窗口  Windows", style="bold"))
        for start in range(0, len(windows), columns):
            cells = [self._cell(w, tall) for w in windows[start : start + columns]]
            for part in range(2 if tall else 1):
                line = Text(no_wrap=True, overflow="crop")
                for cell in cells:
                    piece = cell[part]
                    line.append_text(piece)
                    line.append(" " * max(1, cell_width - piece.cell_len))
                lines.append(line)
        return Text("\n", no_wrap=True).join(lines)

    @staticmethod
    def _columns(width: int) -> int:
        return max(1, width // CELL_WIDTH)

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        """When the height is left to the board: a title and two lines per window."""
        return 1 + 2 * max(1, -(-len(self.windows) // self._columns(width)))

    def _cell(self, window: WindowStatus, tall: bool) -> tuple[Text, Text]:
        """The window's one line, or its two lines (number and name; label) when tall."""
        name = _fit(window.name, NAME_CELLS)
        head = Text(no_wrap=True, overflow="crop")
        head.append(f"{window.number:>2} ", style="bold cyan")
        head.append(name, style="white")
        tail = Text("   " if tall else " " * (NAME_CELLS + 1 - cell_len(name)), no_wrap=True)
        if window.state == "paused":
            tail.append(PAUSED, style="bold grey50")
        elif window.current:
            style = "bold black on yellow" if window.number == self.called else "bold yellow"
            tail.append(window.current, style=style)
        else:
            tail.append(IDLE, style="grey50")
        if tall:
            return head, tail
        return head + tail, Text("")


class WaitingCounts(LineCachedWidget):
    """How many people wait for each service open today."""

    DEFAULT_CSS = """
    WaitingCounts {
        height: auto;
        padding: 0 1;
    }
    """

    services: reactive[tuple[ServiceStatus, ...]] = reactive(())

    def state(self) -> tuple[tuple[ServiceStatus, ...]]:
        return (self.services,)

    def watch_services(self) -> None:
        # a full layout only when the number of lines changes (a market day adds services)
        if self._text(self.size.width).plain.count("\n") + 1 != self.size.height:
            self.refresh(layout=True)

    def render(self) -> Text:
        return self._text(self.size.width)

    def _text(self, width: int) -> Text:
        text = Text("等候人数 ", style="bold")
        shown = [s for s in self.services if s.available_today]
        line = text.cell_len
        for service in shown:
            cell = self._cell(service)
            if line and line + cell_len(cell.plain) > width:
                text.append("\n")
                line = 0
            text.append_text(cell)
            line += cell_len(cell.plain)
        return text

    @staticmethod
    def _cell(service: ServiceStatus) -> Text:
        cell = Text(no_wrap=True)
        cell.append(f"{service.code} ", style="bold cyan")
        cell.append(_fit(service.name, 8))
        style = "bold yellow" if service.waiting else "grey50"
        cell.append(f" {service.waiting:<3}", style=style)
        cell.append("  ")
        return cell

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return self._text(width).plain.count("\n") + 1

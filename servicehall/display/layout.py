"""How the hall TV shares its rows and columns: a pure function of the grid it gets.

Order of need, from the smallest TV (54×16) up: the hall's bar, today's leader and the notice
always; the latest call in big dots (7 rows at least); every window and every service's waiting
count, on pages turned by a timer when they do not fit. Rows left over go to the call first, up to
the largest dot size its width allows, so a 4K TV gets bigger digits, not more empty space; then
to titles, two lines per window, and the recent calls, beside the call when the call keeps its
size without those columns, or below it; a last spare row to the count of cases finished today.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len

from servicehall.i18n import t
from servicehall.widgets.bigfont import DOT_SIZES, big_height, big_width

BOARD_CELL = 24
"""Columns per window on the board: "15 村事镇办二  A012" and a gap."""
WAIT_CELL = 16
"""Columns per service in the waiting counts: "A 民政  12" and a gap."""
RECENT_WIDTH = 30
MIN_CALL_WIDTH = 60
"""The recent calls go beside the call only if the call keeps this much and its dot size."""
SIDE_PADDING = 2
SAMPLE_CALL = ("W888", "15")
"""The widest label and window a call can show, so the layout does not jump between calls."""
CALL_TEXT_ROWS = 2
"""The title above the big characters and the caption below, when there is room."""
QR_CAPTION_ROWS = 1
"""The line under the phone board's QR code ("手机扫码看排队")."""
QR_MIN_RECENT_ROWS = 4
"""The recent calls keep a title and three calls under the QR code, or the code is left out."""


@dataclass(frozen=True)
class CallFit:
    """The latest call drawn with ``dot`` (cells, rows) on ``lines`` lines, ``rows`` tall."""

    dot: tuple[int, int] | None
    lines: int
    rows: int
    titled: bool

    @property
    def size(self) -> tuple[int, int]:
        return self.dot[1] if self.dot else 0, self.dot[0] if self.dot else 0


def word_cells(word: str) -> int:
    """Cells a word between the big characters takes, with a space either side."""
    return cell_len(word) + 2


Part = tuple[str, bool]
"""A piece of the call: its text, and whether it is drawn in big dots."""


def call_lines(label: str, window: str, lines: int) -> list[list[Part]]:
    """The call as one line, or as two: "请 A012 号" over "到 3 号窗口" (the words in the
    process's language; an empty word takes no room)."""
    first: list[Part] = [(t("display_call_before_label"), False), (label, True)]
    second: list[Part] = [(t("display_call_before_window"), False), (window, True)]
    first.append((t("display_call_after_label"), False))
    second.append((t("display_call_after_window"), False))
    if lines == 1:
        middle = " ".join(word for word in (first[2][0], second[0][0]) if word)
        parts = [first[0], first[1], (middle, False), second[1], second[2]]
        return [[part for part in parts if part[0]]]
    return [[part for part in line if part[0]] for line in (first, second)]


def line_cells(parts: list[Part], dot_width: int) -> int:
    return sum(big_width(t, dot_width=dot_width) if big else word_cells(t) for t, big in parts)


def fit_call(
    width: int, height: int, label: str, window: str, *, lines_allowed: tuple[int, ...] = (1, 2)
) -> CallFit:
    """The biggest dots "请 <label> 号 到 <window> 号窗口" takes in ``width``×``height``.

    Tried in this order, a later one only when its dots are bigger: one line with the title
    above and the window's name below, one line alone, and the same on two lines (a portrait or
    a very large screen draws bigger digits that way).
    """
    best = CallFit(None, 1, 1, False)
    for lines in lines_allowed:
        parts = call_lines(label, window, lines)

        def cells(dot_width: int, parts: list[list[Part]] = parts) -> int:
            return max(line_cells(line, dot_width) for line in parts)

        for titled in (True, False):
            text_rows = CALL_TEXT_ROWS if titled else 0
            per_line = (height - text_rows - (lines - 1)) // lines
            dot = _largest(cells, width, per_line)
            if dot is None:
                continue
            rows = lines * big_height(dot[1]) + (lines - 1) + text_rows
            fit = CallFit(dot, lines, rows, titled)
            if fit.size > best.size:
                best = fit
    return best


def _largest(cells: Callable[[int], int], width: int, height: int) -> tuple[int, int] | None:
    """The largest dot size whose drawing is at most ``width`` cells and ``height`` rows."""
    for dot_width, dot_height in reversed(DOT_SIZES):
        if cells(dot_width) <= width and big_height(dot_height) <= height:
            return dot_width, dot_height
    return None


@dataclass(frozen=True)
class DisplayPlan:
    """Rows (and columns) of each part of the board at one grid."""

    leader_rows: int
    notice_rows: int
    call_rows: int
    call_fit: CallFit
    recent: str  # "side", "below" or "" (not shown)
    recent_rows: int
    board_columns: int
    board_rows: int  # window rows per page
    board_tall: bool  # two lines per window
    board_title: bool
    waiting_columns: int
    waiting_rows: int  # service rows per page
    waiting_title: bool
    side_width: int = RECENT_WIDTH  # the recent calls' column beside the call
    qr_rows: int = 0  # the phone board's QR code and its caption above the recent calls
    cases_rows: int = 0  # "今日办结办件 N 件" under the waiting counts, on a row to spare

    def board_pages(self, windows: int) -> int:
        return max(1, math.ceil(windows / (self.board_columns * self.board_rows)))

    def waiting_pages(self, services: int) -> int:
        return max(1, math.ceil(services / (self.waiting_columns * self.waiting_rows)))

    @property
    def board_height(self) -> int:
        return self.board_rows * (2 if self.board_tall else 1) + self.board_title

    @property
    def waiting_height(self) -> int:
        return self.waiting_rows + self.waiting_title


LEAST_CALL_ROWS = 7
"""The call's rows before the board and the waiting counts get any (the smallest dots)."""


def plan_display(
    width: int,
    height: int,
    *,
    windows: int,
    services: int,
    leader_rows: int,
    notice: bool,
    recent_calls: int,
    qr: tuple[int, int] | None = None,
    cases: bool = False,
    status_rows: int = 0,
    least_call: int = LEAST_CALL_ROWS,
) -> DisplayPlan:
    """Share ``width``×``height`` between the parts of the hall board (see the module's text).

    ``qr``: the phone board's QR code (columns, rows), shown at the top of the recent calls'
    side column only when the call keeps its size beside it and the recent calls keep their
    rows under it (a large TV); never instead of anything else. ``cases``: the count of cases
    finished today gets a row only when one is left over after everything else (the call
    keeps its dot size). ``status_rows``: the staff line (database lost, voice off) while it
    shows; the call's title and caption go first, then the board and the waiting counts page,
    so the call keeps the dot size it has without the line. ``least_call``: the rows the call
    keeps before the board gets any spare."""
    if status_rows:
        alone = plan_display(
            width, height, windows=windows, services=services, leader_rows=leader_rows,
            notice=notice, recent_calls=recent_calls, qr=qr, cases=cases, least_call=least_call,
        )  # fmt: skip
        fit = alone.call_fit  # its dot size is kept; its title and caption may go
        least_call = max(least_call, fit.rows - (CALL_TEXT_ROWS if fit.titled else 0))
    inner = max(1, width - SIDE_PADDING)
    board_columns = max(1, inner // BOARD_CELL)
    waiting_columns = max(1, inner // WAIT_CELL)
    board_need = math.ceil(windows / board_columns) if windows else 1
    waiting_need = math.ceil(services / waiting_columns) if services else 1
    notice_rows = 1 if notice else 0
    rest = height - 1 - leader_rows - notice_rows - status_rows  # 1: the hall's bar
    spare = rest - least_call
    if spare >= board_need + waiting_need:
        board_rows, waiting_rows = board_need, waiting_need
    else:  # pages: the space in proportion to what each would need, one row at least
        board_rows = max(1, round(spare * board_need / (board_need + waiting_need)))
        waiting_rows = max(1, spare - board_rows)
        board_rows = max(1, min(board_rows, spare - waiting_rows))
    call_rows = rest - board_rows - waiting_rows
    label, window = SAMPLE_CALL
    fit = fit_call(width, call_rows, label, window)
    recent, recent_rows = "", 0
    side = fit_call(width - RECENT_WIDTH, call_rows, label, window)
    if width - RECENT_WIDTH >= MIN_CALL_WIDTH and side.size >= fit.size:
        fit, recent = side, "side"
    side_width = RECENT_WIDTH
    if qr is not None and recent == "side" and width - qr[0] >= MIN_CALL_WIDTH:
        beside_qr = fit_call(width - qr[0], call_rows, label, window)
        if beside_qr.size >= fit.size:
            fit, side_width = beside_qr, max(RECENT_WIDTH, qr[0])
    extra = call_rows - fit.rows

    # leftover rows below the call: titles, then two lines a window, then recent calls below
    board_title = waiting_title = False
    if extra >= 2:
        board_title = waiting_title = True
        extra -= 2
    board_tall = False
    if extra >= board_rows:
        board_tall = True
        extra -= board_rows
    if recent != "side" and extra >= min(recent_calls, 3) + 1:
        recent_rows = min(extra, recent_calls + 1)
        recent = "below"
        extra -= recent_rows
    qr_rows = 0
    if recent == "side":
        recent_rows = fit.rows + extra
        if qr is not None and side_width >= qr[0]:
            if recent_rows >= qr[1] + QR_CAPTION_ROWS + QR_MIN_RECENT_ROWS:
                qr_rows = qr[1] + QR_CAPTION_ROWS
            else:  # the call's size was found for a narrower room: it still fits
                side_width = RECENT_WIDTH
    cases_rows = 0
    if cases and extra >= 1 and (not qr_rows or recent_rows > qr_rows + QR_MIN_RECENT_ROWS):
        cases_rows = 1  # a spare row, taken from neither the call nor the QR code
        extra -= 1
        if recent == "side":
            recent_rows -= 1
    return DisplayPlan(
        leader_rows=leader_rows,
        notice_rows=notice_rows,
        call_rows=fit.rows + extra,
        call_fit=fit,
        recent=recent,
        recent_rows=recent_rows,
        board_columns=board_columns,
        board_rows=board_rows,
        board_tall=board_tall,
        board_title=board_title,
        waiting_columns=waiting_columns,
        waiting_rows=waiting_rows,
        waiting_title=waiting_title,
        side_width=side_width,
        qr_rows=qr_rows,
        cases_rows=cases_rows,
    )

"""The ticket as a villager reads it: a pure function of the ticket and the hall's settings.

``ticket_layout`` returns lines already wrapped to the paper (CJK counted as two columns), each
with a size (1 normal, 2 double, 4 quadruple), an alignment and a weight, plus the QR payload
and whether the job ends with a cut. The text and image renderers and the preview all draw
this one layout, so what the preview shows is what the paper says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from servicehall.config import HallConfig
from servicehall.i18n import back_by_text, wait_text
from servicehall.printer.textwidth import center, text_width, wrap
from servicehall.queue import LeaderView, TicketView, WaitEstimate

Align = Literal["left", "center", "right"]

COLUMNS = {58: 32, 80: 48}
"""Columns of the standard 12x24 font: 384 dots on 58 mm paper, 576 dots on 80 mm."""
DOTS = {58: 384, 80: 576}


@dataclass(frozen=True)
class Line:
    text: str
    size: int = 1
    align: Align = "left"
    bold: bool = False


@dataclass(frozen=True)
class TicketLayout:
    lines: tuple[Line, ...]
    columns: int
    qr: str | None = None
    cut: bool = True

    @property
    def text(self) -> str:
        """All the words on the ticket, one line each (what the byte-level tests read back)."""
        return "\n".join(line.text for line in self.lines)


def qr_payload(config: HallConfig, ticket: TicketView) -> str:
    """What the QR code holds: the ticket's phone page (``[phone] base_url/t/<token>``) when the
    hall has one; otherwise hall, day, ticket id and label, for a later check-in or rating."""
    page = config.phone.page_url(ticket.page_token)
    if page is not None:
        return page
    return f"SH1|{config.hall.code}|{ticket.day:%Y-%m-%d}|{ticket.id}|{ticket.label}"


def _para(text: str, columns: int, size: int = 1, align: Align = "left", **kw: bool) -> list[Line]:
    return [Line(t, size, align, **kw) for t in wrap(text, columns // size)]


def _fitting_size(text: str, columns: int, wanted: int) -> int:
    for size in (wanted, 3, 2):
        if size <= wanted and text_width(text) * size <= columns:
            return size
    return 1


def ticket_layout(
    ticket: TicketView,
    config: HallConfig,
    leader: LeaderView | None,
    *,
    paper_width_mm: int = 58,
    reprint_at: dt.datetime | None = None,
    title: str | None = None,
    wait: WaitEstimate | None = None,
) -> TicketLayout:
    """Lay out one ticket for the paper width; ``reprint_at`` marks a reprint (补打); ``wait``
    adds the projected wait and, when it is long, the time to be back by."""
    cols = COLUMNS[paper_width_mm]
    rule = Line("-" * cols)
    service = config.service(ticket.service)
    matter = service.matter(ticket.matter) if service and ticket.matter else None
    lines: list[Line] = []
    if title:
        lines += _para(title, cols, 2, "center", bold=True)
    lines += _para(config.hall.name, cols, 1, "center", bold=True)
    lines.append(rule)
    lines.append(Line(ticket.label, _fitting_size(ticket.label, cols, 4), "center", bold=True))
    if ticket.priority:
        lines += _para("优先号", cols, 2, "center", bold=True)
    if service is not None:
        lines += _para(service.name, cols, 2, "center", bold=True)
    if matter is not None:
        lines += _para(f"事项：{matter.name}", cols, 1, "center")
    lines.append(rule)
    if ticket.ahead is not None:
        lines += _para(f"前面还有 {ticket.ahead} 人", cols, 2, "left", bold=True)
    if wait is not None:
        # an ASCII hyphen: gb2312 printers have no en dash
        lines += _para(f"预计等候：{wait_text(wait, 'zh', dash='-')}", cols, 1, "left", bold=True)
        back_by = back_by_text(wait, "zh")
        if back_by:
            lines += _para(back_by, cols)
    windows = config.windows_for(ticket.service)
    if windows:
        numbers = "、".join(str(w.number) for w in windows)
        lines += _para(f"请到 {numbers} 号窗口办理", cols, 1, "left", bold=True)
    lines += _para(f"取号时间：{ticket.issued_at:%Y-%m-%d %H:%M}", cols)
    if reprint_at is not None:
        lines += _para(f"补打时间：{reprint_at:%Y-%m-%d %H:%M}", cols)  # one line on 58 mm
    if matter is not None and matter.materials:
        lines.append(rule)
        lines += _para("请备齐以下材料（一次性告知）：", cols, bold=True)
        for n, item in enumerate(matter.materials, 1):
            lines += [Line(t) for t in wrap(f"{n}.{item}", cols, indent="  ")]
    if config.hall.notice:
        lines += _para(config.hall.notice, cols)
    lines.append(rule)
    if leader is not None:
        lines += _para(f"今日带班领导：{leader.name} {leader.title}".rstrip(), cols)
    if config.hall.supervision_phone:
        lines += _para(f"监督电话：{config.hall.supervision_phone}", cols)
    lines += _para("过号请到窗口说明，可重新排队", cols)
    return TicketLayout(
        lines=tuple(lines),
        columns=cols,
        qr=qr_payload(config, ticket),
        cut=True,
    )


def plain_text(layout: TicketLayout) -> str:
    """The ticket as plain text for a terminal or the kiosk's preview (big lines spaced out)."""
    out: list[str] = []
    for line in layout.lines:
        text = " ".join(line.text) if line.size >= 3 else line.text
        if line.size >= 2 and line.align != "center":
            text = f"【{text}】"
        out.append(center(text, layout.columns) if line.align == "center" else text)
    if layout.qr:
        out.append(center(f"[二维码 {layout.qr}]", layout.columns))
    out.append("~" * layout.columns if layout.cut else "")
    return "\n".join(out) + "\n"

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
from servicehall.i18n import back_by_text, text_in, wait_text
from servicehall.printer.textwidth import center, text_width, wrap
from servicehall.queue import LeaderView, TicketView, WaitEstimate

Align = Literal["left", "center", "right"]

PAPER_LANGUAGE = "zh"
"""The paper is Chinese whatever a screen shows: the printers' fonts are GB18030, and the
villagers read it (``catalog.paper``)."""

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


def paper_text(key: str, /, **params: object) -> str:
    """A line's words from the catalogue, in the paper's language."""
    return text_in(PAPER_LANGUAGE, key, **params)


def paragraph(
    text: str, columns: int, size: int = 1, align: Align = "left", **kw: bool
) -> list[Line]:
    """``text`` wrapped to the paper at ``size`` (double-size characters take two columns)."""
    return [Line(part, size, align, **kw) for part in wrap(text, columns // size)]


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
        lines += paragraph(title, cols, 2, "center", bold=True)
    lines += paragraph(config.hall.name, cols, 1, "center", bold=True)
    lines.append(rule)
    lines.append(Line(ticket.label, _fitting_size(ticket.label, cols, 4), "center", bold=True))
    if ticket.priority:
        lines += paragraph(paper_text("paper_priority"), cols, 2, "center", bold=True)
    if service is not None:
        lines += paragraph(service.name, cols, 2, "center", bold=True)
    if matter is not None:
        lines += paragraph(paper_text("paper_matter", matter=matter.name), cols, 1, "center")
    lines.append(rule)
    if ticket.ahead is not None:
        lines += paragraph(paper_text("paper_ahead", ahead=ticket.ahead), cols, 2, bold=True)
    if wait is not None:
        # an ASCII hyphen: gb2312 printers have no en dash
        said = wait_text(wait, PAPER_LANGUAGE, dash="-")
        lines += paragraph(paper_text("paper_wait", wait=said), cols, bold=True)
        back_by = back_by_text(wait, PAPER_LANGUAGE)
        if back_by:
            lines += paragraph(back_by, cols)
    windows = config.windows_for(ticket.service)
    if windows:
        numbers = [str(w.number) for w in windows]  # joined with 、
        lines += paragraph(paper_text("paper_windows", numbers=numbers), cols, bold=True)
    lines += paragraph(paper_text("paper_taken_at", at=ticket.issued_at), cols)
    if reprint_at is not None:
        lines += paragraph(paper_text("paper_reprinted_at", at=reprint_at), cols)
    if matter is not None and matter.materials:
        lines.append(rule)
        lines += paragraph(paper_text("paper_bring"), cols, bold=True)
        for n, item in enumerate(matter.materials, 1):
            lines += [Line(t) for t in wrap(f"{n}.{item}", cols, indent="  ")]
    if config.hall.notice:
        lines += paragraph(config.hall.notice, cols)
    lines.append(rule)
    if leader is not None:
        said = paper_text("paper_leader", name=leader.name, title=leader.title).rstrip()
        lines += paragraph(said, cols)
    if config.hall.supervision_phone:
        lines += paragraph(
            paper_text("paper_supervision", phone=config.hall.supervision_phone), cols
        )
    lines += paragraph(paper_text("paper_missed"), cols)
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
        out.append(center(paper_text("paper_qr", payload=layout.qr), layout.columns))
    out.append("~" * layout.columns if layout.cut else "")
    return "\n".join(out) + "\n"

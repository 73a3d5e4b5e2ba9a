"""受理回执: the receipt a villager takes home when a matter becomes a case — a pure layout.

Case number (large), matter and kind, the promised date, what happens next (collect at the
window, or 全程代办 staff bring it), how to ask about progress, and a QR to the case's own page
when the hall has one (``page_url``). Drawn by the ticket printer's text and image renderers.
"""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n_cases import kind_name
from servicehall.printer.layout import (
    COLUMNS,
    PAPER_LANGUAGE,
    Line,
    TicketLayout,
    paper_text,
    paragraph,
)
from servicehall.queue.caseviews import CaseView


def next_step_text(case: CaseView) -> str:
    """What happens next, in the villager's words."""
    if case.agent:
        return paper_text("paper_agent", staff=case.agent_staff or paper_text("paper_agent_staff"))
    if case.kind == "immediate":
        return paper_text("paper_immediate")
    return paper_text("paper_collect", window=case.window)


def receipt_layout(
    case: CaseView, config: HallConfig, *, paper_width_mm: int = 58, page_url: str | None = None
) -> TicketLayout:
    cols = COLUMNS[paper_width_mm]
    rule = Line("-" * cols)
    kind = kind_name(case.kind, PAPER_LANGUAGE)
    lines: list[Line] = [
        *paragraph(paper_text("paper_receipt"), cols, 2, "center", bold=True),
        *paragraph(config.hall.name, cols, 1, "center", bold=True),
        rule,
        *paragraph(paper_text("paper_case_number"), cols, 1, "center"),
        *paragraph(case.number, cols, 2, "center", bold=True),
        *paragraph(paper_text("paper_case_matter", matter=case.matter_name, kind=kind), cols),
        *paragraph(paper_text("paper_applicant", name=case.masked_name), cols),
        *paragraph(paper_text("paper_accepted", at=case.opened_at, window=case.window), cols),
        *paragraph(paper_text("paper_promised", day=case.promised_day), cols, bold=True),
        rule,
        *paragraph(next_step_text(case), cols),
        *paragraph(paper_text("paper_progress"), cols),
    ]
    if page_url:
        lines += paragraph(paper_text("paper_scan"), cols, 1, "center")
    if config.hall.supervision_phone:
        phone = config.hall.supervision_phone
        lines += paragraph(paper_text("paper_supervision", phone=phone), cols)
    return TicketLayout(lines=tuple(lines), columns=cols, qr=page_url or None, cut=True)

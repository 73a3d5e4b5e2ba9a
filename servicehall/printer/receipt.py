"""受理回执: the receipt a villager takes home when a matter becomes a case — a pure layout.

Case number (large), matter and kind, the promised date, what happens next (collect at the
window, or 全程代办 staff bring it), how to ask about progress, and a QR to the case's own page
when the hall has one (``page_url``). Drawn by the ticket printer's text and image renderers.
"""

from __future__ import annotations

from servicehall.config import HallConfig
from servicehall.i18n_cases import kind_name
from servicehall.printer.layout import COLUMNS, Align, Line, TicketLayout
from servicehall.printer.textwidth import wrap
from servicehall.queue.caseviews import CaseView


def para(text: str, columns: int, size: int = 1, align: Align = "left", **kw: bool) -> list[Line]:
    return [Line(part, size, align, **kw) for part in wrap(text, columns // size)]


def next_step_text(case: CaseView) -> str:
    """What happens next, in the villager's words."""
    if case.agent:
        return f"全程代办：由{case.agent_staff or '工作人员'}代您办理，办结后送达，您不用再跑"
    if case.kind == "immediate":
        return "即办件：当场办结"
    return f"办结后会通知您，请带身份证到 {case.window} 号窗口领取"


def receipt_layout(
    case: CaseView, config: HallConfig, *, paper_width_mm: int = 58, page_url: str | None = None
) -> TicketLayout:
    cols = COLUMNS[paper_width_mm]
    rule = Line("-" * cols)
    lines: list[Line] = [
        *para("受理回执", cols, 2, "center", bold=True),
        *para(config.hall.name, cols, 1, "center", bold=True),
        rule,
        *para("办件号", cols, 1, "center"),
        *para(case.number, cols, 2, "center", bold=True),
        *para(f"事项：{case.matter_name}（{kind_name(case.kind, 'zh')}）", cols),
        *para(f"申请人：{case.masked_name}", cols),
        *para(f"受理：{case.opened_at:%Y-%m-%d %H:%M}，{case.window} 号窗口", cols),
        *para(f"承诺办结：{case.promised_day:%Y年%m月%d日}前", cols, 1, "left", bold=True),
        rule,
        *para(next_step_text(case), cols),
        *para("查询进度：大厅取号机“查询办理进度”，输入办件号或姓名和证件后四位", cols),
    ]
    if page_url:
        lines += para("扫码查看办理进度", cols, 1, "center")
    if config.hall.supervision_phone:
        lines += para(f"监督电话：{config.hall.supervision_phone}", cols)
    return TicketLayout(lines=tuple(lines), columns=cols, qr=page_url or None, cut=True)

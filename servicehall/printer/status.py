"""Printer status (DLE EOT) and the faults a print can end in, with short Chinese messages.

A printer answers ``DLE EOT n`` with one byte whose bits 1 and 4 are set and bits 0 and 7 clear;
any other byte, or no byte at all, means the state is *unknown* — never "OK".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeGuard

from servicehall.errors import ServiceHallError

Paper = Literal["ok", "near_end", "out", "unknown"]

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 4)
"""Printer status, off-line cause, paper roll sensor — asked in this order."""
STATUS_REQUEST = b"".join(DLE_EOT + bytes([n]) for n in QUERIES)

FAULT_MESSAGES = {
    "offline": "打印机未连接",
    "no_reply": "打印机无响应",
    "paper_out": "打印机缺纸",
    "cover_open": "打印机盖未合上",
    "hung_up": "打印中断",
    "error": "打印机故障",
    "no_font": "打印机缺少中文字体",
    "busy": "打印机正忙",
}


@dataclass(frozen=True)
class PrinterStatus:
    online: bool | None
    paper: Paper
    message: str
    cover_open: bool | None = None
    fault: str | None = None
    """Why it cannot print now (a key of FAULT_MESSAGES), or None."""

    @property
    def known(self) -> bool:
        return self.online is not None

    def as_dict(self) -> dict[str, object]:
        return {
            "online": self.online,
            "paper": self.paper,
            "message": self.message,
            "cover_open": self.cover_open,
            "fault": self.fault,
        }


class PrinterFault(ServiceHallError):
    """A print that did not (or may not have) come out; ``kind`` is a key of FAULT_MESSAGES."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(FAULT_MESSAGES[kind])
        self.kind = kind
        self.detail = detail


def _valid(byte: int | None) -> TypeGuard[int]:
    return byte is not None and byte & 0x93 == 0x12


def parse_status(replies: dict[int, int | None]) -> PrinterStatus:
    """Turn the reply bytes to DLE EOT 1, 2 and 4 (missing = no reply) into a status."""
    printer, offline, roll = (replies.get(n) for n in QUERIES)
    if not any(_valid(b) for b in (printer, offline, roll)):
        return PrinterStatus(None, "unknown", "状态未知（打印机未应答状态查询）")
    cover = bool(offline & 0x04) if _valid(offline) else None
    paper: Paper = "unknown"
    if _valid(roll):
        paper = "out" if roll & 0x60 else "near_end" if roll & 0x0C else "ok"
    if _valid(offline) and offline & 0x20:
        paper = "out"
    online: bool | None = None
    if _valid(printer):
        online = not printer & 0x08
    if cover or paper == "out" or (_valid(offline) and offline & 0x40):
        online = False
    fault = (
        "cover_open"
        if cover
        else "paper_out"
        if paper == "out"
        else "error"
        if _valid(offline) and offline & 0x40
        else "offline"
        if online is False
        else None
    )
    if fault == "offline":
        message = "打印机脱机"
    elif fault is not None:
        message = FAULT_MESSAGES[fault]
    elif paper == "near_end":
        message = "纸将用完，请及时换纸"
    else:
        message = "打印机正常" if online else "状态部分未知"
    return PrinterStatus(online, paper, message, cover, fault)

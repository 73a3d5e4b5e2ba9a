"""Printer status (DLE EOT) and the faults a print can end in, with short messages for staff.

A printer answers ``DLE EOT n`` with one byte whose bits 1 and 4 are set and bits 0 and 7 clear;
any other byte, or no byte at all, means the state is *unknown* — never "OK".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeGuard

from servicehall.errors import ServiceHallError
from servicehall.i18n import t

Paper = Literal["ok", "near_end", "out", "unknown"]

DLE_EOT = b"\x10\x04"
QUERIES = (1, 2, 4)
"""Printer status, off-line cause, paper roll sensor — asked in this order."""
STATUS_REQUEST = b"".join(DLE_EOT + bytes([n]) for n in QUERIES)

FAULTS = ("offline", "no_reply", "paper_out", "cover_open", "hung_up", "error", "no_font", "busy")
"""The faults a print can end in; each says itself as the catalogue's ``prn_fault_<kind>``."""


@dataclass(frozen=True)
class PrinterStatus:
    online: bool | None
    paper: Paper
    message: str
    cover_open: bool | None = None
    fault: str | None = None
    """Why it cannot print now (one of FAULTS), or None."""

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
    """A print that did not (or may not have) come out; ``kind`` is one of FAULTS."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(key=f"prn_fault_{kind}")
        self.kind = kind
        self.detail = detail


def _valid(byte: int | None) -> TypeGuard[int]:
    return byte is not None and byte & 0x93 == 0x12


def parse_status(replies: dict[int, int | None]) -> PrinterStatus:
    """Turn the reply bytes to DLE EOT 1, 2 and 4 (missing = no reply) into a status."""
    printer, offline, roll = (replies.get(n) for n in QUERIES)
    if not any(_valid(b) for b in (printer, offline, roll)):
        return PrinterStatus(None, "unknown", t("prn_status_unknown"))
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
        message = t("prn_status_offline")
    elif fault is not None:
        message = t(f"prn_fault_{fault}")
    elif paper == "near_end":
        message = t("prn_status_paper_low")
    else:
        message = t("prn_status_ok" if online else "prn_status_partly_unknown")
    return PrinterStatus(online, paper, message, cover, fault)

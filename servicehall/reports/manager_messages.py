"""The manager screen's messages: its thread workers answer with these (``@on``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message

from servicehall.queue import EventView
from servicehall.reports.report import Report


@dataclass
class ReportBuilt(Message):
    """A report for the period asked (maybe an earlier request's: the screen checks)."""

    report: Report


@dataclass
class ReportFailed(Message):
    """No report: why, for the summary line."""

    message: str


@dataclass
class Told(Message):
    """A line for the manager in a notification (an export saved, or refused, and why)."""

    text: str
    severity: Literal["information", "warning", "error"] = "information"


@dataclass
class AuditRead(Message):
    """The events of one ticket or window, with the title of the screen that shows them."""

    title: str
    events: list[EventView]


@dataclass
class PinAnswered(Message):
    """The manager's PIN: right, or refused with the reason."""

    ok: bool
    message: str = ""

"""The kiosk's messages: screens ask the app, the app's thread workers answer.

Screens never run blocking work: they post a request (``PinEntered``, ``StaffAsked``,
``PhoneEntered``) that bubbles up to ``KioskApp``, which runs it in a thread worker and posts
the answer (``PinChecked``, ``StaffDone``, ``PhoneRegistered``) back to the screen that asked.
Issuing a ticket answers the app itself (``TicketIssued``, ``IssueRefused``, ``PrintFinished``)
and tells the confirm screen about retries (``IssueRetrying``). Each is handled with ``@on``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.message import Message
from textual.screen import Screen

from servicehall.config import HallConfig
from servicehall.kiosk.issuing import Issued
from servicehall.printer import PrintOutcome, TicketPrinter
from servicehall.queue import HallError, WaitEstimate
from servicehall.queue.caseviews import CaseView

StaffAction = Literal["printer_status", "print_test", "reprint", "reload", "quit"]

# ---------------------------------------------------------------------- issuing (to the app)


@dataclass
class TicketIssued(Message):
    """The ticket exists; the ticket screen shows it while the printer works."""

    issued: Issued


@dataclass
class IssueRefused(Message):
    """No ticket: the hall refused (closed, cap, not a market day …) or, with ``error`` None,
    the database stayed unreachable for too long."""

    error: HallError | None


@dataclass
class PrintFinished(Message):
    """The printer's answer for a ticket just issued."""

    ticket_id: int
    outcome: PrintOutcome


@dataclass
class IssueRetrying(Message):
    """To the confirm screen: the database is busy, trying again (attempt ``attempt``)."""

    attempt: int


@dataclass
class WaitsRead(Message):
    """Per service open today: the wait a ticket taken now can expect."""

    waits: dict[str, WaitEstimate]


# ---------------------------------------------------------------------- staff (screen ⇄ app)


@dataclass
class PinEntered(Message):
    """The PIN screen asks the app to check a staff PIN."""

    screen: Screen[object]
    pin: str


@dataclass
class PinChecked(Message):
    """The answer: right, or wrong (``locked_s`` > 0 while the keypad is locked)."""

    ok: bool
    locked_s: float


@dataclass
class StaffAsked(Message):
    """The maintenance screen asks the app to do one staff action."""

    screen: Screen[object]
    action: StaffAction


@dataclass
class StaffDone(Message):
    """The answer: what to show for the action."""

    action: StaffAction
    text: str


@dataclass
class ConfigReloaded(Message):
    """hall.toml read again and checked against the database: follow the hall with it."""

    config: HallConfig
    printer: TicketPrinter


# ---------------------------------------------------------------------- 短信提醒 (screen ⇄ app)


@dataclass
class PhoneEntered(Message):
    """The SMS screen asks the app to register a checked number for a ticket."""

    screen: Screen[object]
    ticket_id: int
    phone: str
    language: str


@dataclass
class PhoneRegistered(Message):
    """Registered; ``masked`` is how the number may be shown (138****8000)."""

    masked: str


@dataclass
class PhoneRefused(Message):
    """Not registered, and why."""

    message: str


# ---------------------------------------------------------------------- 查询办理进度 (screen ⇄ app)


@dataclass
class CaseLookup(Message):
    """The progress screen asks the app to look a case up (``mode``: "number" or "name")."""

    screen: Screen[object]
    mode: str
    digits: str
    name: str


@dataclass
class CasesFound(Message):
    """The answer: the cases found (maybe none), and the line to show when there are none."""

    found: list[CaseView]
    message: str

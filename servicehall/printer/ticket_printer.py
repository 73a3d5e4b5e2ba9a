"""Print a ticket and record what happened: the API the kiosk, the CLI and the clerk side call.

``print_ticket`` blocks for at most ``timeout_s`` (run it in a worker thread), never raises for a
printer problem, records the result on the ticket (``Hall.record_print``) and applies the hall's
``on_failure`` policy so a ticket whose paper did not come out is never a ghost in the queue:

- ``keep`` (default): the number stays valid; the ticket is marked "failed" (event
  ``print_failed`` with the reason and "号码保留"); the kiosk shows the number in large type.
- ``cancel``: the ticket is withdrawn (``print_failed`` then ``cancel`` with reason
  ``print_failed: <kind>``); the villager is told to take a number again or ask staff.

A reprint (补打) never cancels: the ticket already exists and the villager holds its number.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from servicehall.config.models import PrinterSettings
from servicehall.errors import ServiceHallError
from servicehall.i18n import t
from servicehall.printer.connections import Deadline, connect, deliver
from servicehall.printer.layout import DOTS, TicketLayout, paper_text, plain_text, ticket_layout
from servicehall.printer.receipt import receipt_layout
from servicehall.printer.status import PrinterFault, PrinterStatus, parse_status
from servicehall.printer.textmode import PrintJob, text_job
from servicehall.queue import Hall, LeaderView, TicketView, WaitEstimate, data_dir
from servicehall.queue.caseviews import CaseView

log = logging.getLogger(__name__)

PREVIEW_FILE = "ticket-preview.txt"
TEST_TITLE = paper_text("paper_test_title")
"""The test ticket's heading, in the paper's language (``layout.PAPER_LANGUAGE``)."""


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    message: str
    """Short Chinese for the villager; empty when the ticket came out."""
    detail: str
    """For staff and the log: connection, bytes, status, the reason of a failure."""
    ticket_kept: bool = True
    """False when the ``cancel`` policy withdrew the ticket."""
    preview: str | None = None
    """The ticket as plain text when the connection is ``preview``."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class TicketPrinter:
    """One configured printer. Constructing it does no I/O."""

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings
        self.status_wait = min(0.5, settings.timeout_s / 4)
        self._device = threading.Lock()
        """One job at a time per printer: two threads must not interleave bytes on one line."""

    # ------------------------------------------------------------------ layout and bytes

    def layout(
        self,
        hall: Hall,
        ticket: TicketView,
        *,
        reprint_at: dt.datetime | None = None,
        title: str | None = None,
    ) -> TicketLayout:
        return ticket_layout(
            ticket,
            hall.config,
            _leader(hall, ticket.day),
            paper_width_mm=self.settings.paper_width_mm,
            reprint_at=reprint_at,
            title=title,
            wait=_wait(hall, ticket),
        )

    def job(self, layout: TicketLayout) -> PrintJob:
        """The bytes for this printer's mode (image mode needs Pillow and a CJK font)."""
        if self.settings.mode == "image":
            from servicehall.printer.imagemode import image_job

            return image_job(
                layout,
                DOTS[self.settings.paper_width_mm],
                self.settings.cutter,
                self.settings.profile,
            )
        return text_job(layout, self.settings.encoding, self.settings.cutter)

    # ------------------------------------------------------------------ printing

    def print_ticket(self, hall: Hall, ticket: TicketView) -> PrintOutcome:
        """Print a just-issued ticket; on failure apply ``on_failure`` and say so."""
        return self._print(hall, ticket, reprint_at=None)

    def reprint(self, hall: Hall, ticket: int | str) -> PrintOutcome:
        """补打: print an existing ticket again (never cancels it)."""
        view = hall.ticket(ticket)
        return self._print(hall, view, reprint_at=hall.now())

    def print_test(self, hall: Hall) -> PrintOutcome:
        """A sample ticket under a "打印测试" heading; recorded as a ``print_test`` event."""
        ticket = sample_ticket(hall)
        layout = self.layout(hall, ticket, title=TEST_TITLE)
        try:
            detail, preview = self._send(layout)
        except PrinterFault as fault:
            _record(hall, "print_test", ok=False, fault=fault.kind, detail=fault.detail)
            return PrintOutcome(
                False, t("prn_check_printer", message=fault.message), fault.detail, True
            )
        _record(hall, "print_test", ok=True, detail=detail)
        return PrintOutcome(True, "", detail, True, preview)

    def print_receipt(self, hall: Hall, case: CaseView) -> PrintOutcome:
        """受理回执 for a case just accepted (``receipt.py``), its QR the case's phone page when
        ``[phone] base_url`` is set; a failure is only reported: the case stands, and its number
        is on the clerk's screen."""
        layout = receipt_layout(
            case,
            hall.config,
            paper_width_mm=self.settings.paper_width_mm,
            page_url=hall.config.phone.case_url(case.token),
        )
        try:
            detail, preview = self._send(layout)
        except PrinterFault as fault:
            log.warning("printing the receipt of %s failed: %s", case.number, fault.detail)
            return PrintOutcome(
                False, t("prn_no_receipt", message=fault.message), fault.detail, True
            )
        return PrintOutcome(True, "", detail, True, preview)

    def status(self) -> PrinterStatus:
        """Ask the printer how it is (within ``timeout_s``); no reply means unknown."""
        if self.settings.connection == "preview":
            return PrinterStatus(True, "ok", t("prn_preview_mode"))
        if not self._device.acquire(timeout=self.settings.timeout_s):
            return PrinterStatus(None, "unknown", t("prn_busy_printing"))
        conn = connect(self.settings)
        deadline = Deadline(self.settings.timeout_s)
        try:
            conn.open(deadline)
            if not conn.can_query:
                return PrinterStatus(None, "unknown", t("prn_opens_no_state"))
            return parse_status(conn.query(min(self.status_wait, deadline.left())))
        except PrinterFault as fault:
            return PrinterStatus(
                False, "unknown", t("prn_fault_detail", message=fault.message, detail=fault.detail)
            )
        finally:
            conn.close()
            self._device.release()

    # ------------------------------------------------------------------ internals

    def _send(self, layout: TicketLayout) -> tuple[str, str | None]:
        """Deliver one layout; returns the staff detail and, for ``preview``, the text."""
        if self.settings.connection == "preview":
            text = plain_text(layout)
            return t("prn_preview", where=_append_preview(self.settings, text)), text
        try:
            job = self.job(layout)
        except PrinterFault:
            raise
        except Exception as exc:  # a fault in rendering must not lose the ticket's outcome
            log.exception("rendering the ticket failed")
            raise PrinterFault("error", t("prn_render_failed", reason=str(exc))) from exc
        if not self._device.acquire(timeout=self.settings.timeout_s):
            raise PrinterFault("busy", t("prn_still_printing"))
        try:
            detail = deliver(
                connect(self.settings),
                job.data,
                Deadline(self.settings.timeout_s),
                self.status_wait,
            )
        finally:
            self._device.release()
        if job.replaced:
            replaced = "".join(job.replaced)
            detail += t("prn_replaced", encoding=self.settings.encoding, chars=replaced)
        return detail, None

    def _print(
        self, hall: Hall, ticket: TicketView, *, reprint_at: dt.datetime | None
    ) -> PrintOutcome:
        layout = self.layout(hall, ticket, reprint_at=reprint_at)
        try:
            detail, preview = self._send(layout)
        except PrinterFault as fault:
            log.warning("printing %s failed: %s (%s)", ticket.label, fault.kind, fault.detail)
            return self._failed(hall, ticket, fault, reprint=reprint_at is not None)
        if reprint_at is not None:
            detail = t("prn_reprinted", detail=detail)
        _record_print(hall, ticket, True, detail)
        return PrintOutcome(True, "", detail, True, preview)

    def _failed(
        self, hall: Hall, ticket: TicketView, fault: PrinterFault, *, reprint: bool
    ) -> PrintOutcome:
        cancel = self.settings.on_failure == "cancel" and not reprint
        detail = t("prn_kind_detail", kind=fault.kind, detail=fault.detail)
        policy = t("prn_reprint_failed" if reprint else "prn_voided" if cancel else "prn_kept")
        said = t("prn_policy", detail=detail, policy=policy)
        _record_print(hall, ticket, False, said)
        if cancel:
            try:
                hall.cancel(ticket.id, reason=f"print_failed: {fault.kind}")
            except ServiceHallError as exc:
                log.error("could not cancel %s after a failed print: %s", ticket.label, exc)
                cancel = False
        if reprint:
            message = t("prn_ask_staff", message=fault.message)
        elif cancel:
            message = t("prn_cancelled_ask_staff", message=fault.message)
        else:
            message = t("prn_remember_number", message=fault.message)
        return PrintOutcome(False, message, said, not cancel)


def make_printer(settings: PrinterSettings) -> TicketPrinter:
    """The printer the ``[printer]`` settings describe; no I/O until something is printed."""
    return TicketPrinter(settings)


def sample_ticket(hall: Hall) -> TicketView:
    """A ticket that is not in the queue, for the test page and previews of the layout."""
    service = hall.config.services[0]
    matter = service.matters[0].code if service.matters else None
    now = hall.now()
    return TicketView(
        id=0,
        day=now.date(),
        service=service.code,
        origin_service=service.code,
        number=0,
        label=f"{service.code}000",
        matter=matter,
        priority=False,
        status="waiting",
        issued_at=now,
        ahead=0,
    )


def _leader(hall: Hall, day: dt.date) -> LeaderView | None:
    try:
        return hall.leader(day)
    except ServiceHallError as exc:
        log.warning("on-duty leader unavailable for the ticket: %s", exc)
        return None


def _wait(hall: Hall, ticket: TicketView) -> WaitEstimate | None:
    """The projected wait of a ticket still waiting; the ticket prints without it otherwise."""
    if ticket.status != "waiting" or ticket.id == 0:
        return None
    try:
        return hall.estimate_wait(ticket)
    except ServiceHallError as exc:
        log.warning("no wait estimate for the ticket %s: %s", ticket.label, exc)
        return None


def _record_print(hall: Hall, ticket: TicketView, ok: bool, detail: str) -> None:
    try:
        hall.record_print(ticket.id, ok, detail)
    except ServiceHallError as exc:
        log.error("could not record the print of %s (%s): %s", ticket.label, detail, exc)


def _record(hall: Hall, event: str, **detail: Any) -> None:
    try:
        hall.record(event, **detail)
    except ServiceHallError as exc:
        log.error("could not record %s %s: %s", event, detail, exc)


def _append_preview(settings: PrinterSettings, text: str) -> str:
    path = Path(settings.preview_file) if settings.preview_file else data_dir() / PREVIEW_FILE
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(text)
    except OSError as exc:
        log.warning("could not append the preview to %s: %s", path, exc)
        return t("prn_preview_not_written", path=str(path), reason=exc.strerror)
    return t("prn_preview_appended", path=str(path))

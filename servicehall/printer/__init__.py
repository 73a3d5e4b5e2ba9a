"""Printed tickets: layout (pure) -> ESC/POS bytes (GB18030 text or a raster) -> a connection.

``make_printer(settings).print_ticket(hall, ticket)`` is all a caller needs; it blocks for at
most ``timeout_s`` and returns a ``PrintOutcome`` (see ``ticket_printer`` for the failure policy).
"""

from servicehall.printer.layout import Line, TicketLayout, plain_text, ticket_layout
from servicehall.printer.status import PrinterFault, PrinterStatus
from servicehall.printer.ticket_printer import PrintOutcome, TicketPrinter, make_printer

__all__ = [
    "Line",
    "PrintOutcome",
    "PrinterFault",
    "PrinterStatus",
    "TicketLayout",
    "TicketPrinter",
    "make_printer",
    "plain_text",
    "ticket_layout",
]

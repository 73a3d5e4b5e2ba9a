"""Printer commands: a test page with the printer's status, a reprint (补打), the status alone."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from servicehall.cli.common import add_json, console, fail, open_hall, print_json
from servicehall.i18n import t

if TYPE_CHECKING:
    from servicehall.printer import PrinterStatus, PrintOutcome
    from servicehall.queue import Hall, TicketView


NAMES = ("print-test", "reprint", "printer-status")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("print-test", help=t("help_print_test"))
    p.add_argument("--png", metavar="PATH", help=t("help_print_test_png"))
    add_json(p)
    p.set_defaults(func=cmd_print_test)

    p = sub.add_parser("reprint", help=t("help_reprint"))
    p.add_argument("ticket", nargs="?", help=t("help_reprint_ticket"))
    add_json(p)
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser("printer-status", help=t("help_printer_status"))
    add_json(p)
    p.set_defaults(func=cmd_printer_status)


def show_outcome(outcome: PrintOutcome, label: str | None = None) -> None:
    """What a print did, for a person at a terminal."""
    from rich.panel import Panel
    from rich.text import Text

    if outcome.preview:
        console().print(outcome.preview, highlight=False, markup=False, end="")
    if outcome.ok:
        console().print(
            Text.assemble((t("cli_printed"), "green"), f" {label or ''}  ", (outcome.detail, "dim"))
        )
        return
    body = Text(outcome.message)
    if label and outcome.ticket_kept:
        body.append(f"\n{label}\n", style="bold")
    console().print(Panel(body, title=t("cli_not_printed"), border_style="red"))
    console().print(outcome.detail, style="dim")


def print_taken(hall: Hall, ticket: TicketView) -> PrintOutcome:
    """Print a just-issued ticket as the kiosk does (used by ``take --print``)."""
    from servicehall.printer import make_printer

    return make_printer(hall.config.printer).print_ticket(hall, ticket)


def _status_line(status: PrinterStatus) -> str:
    online = {True: "cli_online", False: "cli_offline", None: "cli_unknown"}[status.online]
    paper = f"cli_paper_{status.paper}"
    return t("cli_printer_line", online=t(online), paper=t(paper), message=status.message)


def cmd_print_test(args: argparse.Namespace) -> int:
    from servicehall.printer import make_printer

    hall = open_hall(args, enforce_hours=False)
    printer = make_printer(hall.config.printer)
    status = printer.status()
    outcome = printer.print_test(hall)
    if args.png:
        from servicehall.printer.imagemode import render_image
        from servicehall.printer.layout import DOTS
        from servicehall.printer.ticket_printer import TEST_TITLE, sample_ticket

        layout = printer.layout(hall, sample_ticket(hall), title=TEST_TITLE)
        render_image(layout, DOTS[hall.config.printer.paper_width_mm]).save(args.png)
    if args.json:
        print_json({"status": status.as_dict(), "outcome": outcome.as_dict(), "png": args.png})
    else:
        console().print(_status_line(status), highlight=False)
        show_outcome(outcome)
        if args.png:
            console().print(t("cli_png_saved", path=args.png), highlight=False)
    return 0 if outcome.ok else 6


def _last_issued(hall: Hall) -> str | None:
    issued = [e for e in hall.events(0, 100_000, day=hall.today()) if e.kind == "issue"]
    return issued[-1].label if issued else None


def cmd_reprint(args: argparse.Namespace) -> int:
    from servicehall.printer import make_printer

    hall = open_hall(args, enforce_hours=False)
    ref = args.ticket or _last_issued(hall)
    if ref is None:
        return fail(t("cli_nothing_to_reprint"), 2)
    outcome = make_printer(hall.config.printer).reprint(hall, ref)
    if args.json:
        print_json({"ticket": ref, **outcome.as_dict()})
    else:
        show_outcome(outcome, ref)
    return 0 if outcome.ok else 6


def cmd_printer_status(args: argparse.Namespace) -> int:
    from servicehall.printer import make_printer

    hall = open_hall(args, enforce_hours=False)
    status = make_printer(hall.config.printer).status()
    if args.json:
        print_json(status.as_dict())
    else:
        console().print(_status_line(status), highlight=False)
    return 0 if status.fault is None and status.online is not False else 6

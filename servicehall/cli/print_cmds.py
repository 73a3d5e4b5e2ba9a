"""Printer commands: a test page with the printer's status, a reprint (补打), the status alone."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from servicehall.cli.common import add_json, console, fail, open_hall, print_json

if TYPE_CHECKING:
    from servicehall.printer import PrinterStatus, PrintOutcome
    from servicehall.queue import Hall, TicketView


NAMES = ("print-test", "reprint", "printer-status")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("print-test", help="打印一张测试号票，并报告打印机状态")
    p.add_argument("--png", metavar="PATH", help="同时把号票按图像模式画成 PNG 保存（检查版式）")
    add_json(p)
    p.set_defaults(func=cmd_print_test)

    p = sub.add_parser("reprint", help="补打号票（默认今天最后取的一张）")
    p.add_argument("ticket", nargs="?", help="号票，如 A012；不填则补打最后一张")
    add_json(p)
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser("printer-status", help="查询打印机状态（联机、缺纸、盖子）")
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
            Text.assemble(("已打印", "green"), f" {label or ''}  ", (outcome.detail, "dim"))
        )
        return
    body = Text(outcome.message)
    if label and outcome.ticket_kept:
        body.append(f"\n{label}\n", style="bold")
    console().print(Panel(body, title="未打印", border_style="red"))
    console().print(outcome.detail, style="dim")


def print_taken(hall: Hall, ticket: TicketView) -> PrintOutcome:
    """Print a just-issued ticket as the kiosk does (used by ``take --print``)."""
    from servicehall.printer import make_printer

    return make_printer(hall.config.printer).print_ticket(hall, ticket)


def _status_line(status: PrinterStatus) -> str:
    online = {True: "联机", False: "脱机", None: "未知"}[status.online]
    paper = {"ok": "有纸", "near_end": "纸将用完", "out": "缺纸", "unknown": "未知"}[status.paper]
    return f"打印机：{online}，纸：{paper} — {status.message}"


def cmd_print_test(args: argparse.Namespace) -> int:
    from servicehall.printer import make_printer

    hall = open_hall(args, enforce_hours=False)
    printer = make_printer(hall.config.printer)
    status = printer.status()
    outcome = printer.print_test(hall)
    if args.png:
        from servicehall.printer.imagemode import render_image
        from servicehall.printer.layout import DOTS
        from servicehall.printer.ticket_printer import sample_ticket

        layout = printer.layout(hall, sample_ticket(hall), title="打印测试")
        render_image(layout, DOTS[hall.config.printer.paper_width_mm]).save(args.png)
    if args.json:
        print_json({"status": status.as_dict(), "outcome": outcome.as_dict(), "png": args.png})
    else:
        console().print(_status_line(status), highlight=False)
        show_outcome(outcome)
        if args.png:
            console().print(f"图像已保存：{args.png}", highlight=False)
    return 0 if outcome.ok else 6


def _last_issued(hall: Hall) -> str | None:
    issued = [e for e in hall.events(0, 100_000, day=hall.today()) if e.kind == "issue"]
    return issued[-1].label if issued else None


def cmd_reprint(args: argparse.Namespace) -> int:
    from servicehall.printer import make_printer

    hall = open_hall(args, enforce_hours=False)
    ref = args.ticket or _last_issued(hall)
    if ref is None:
        return fail("今天还没有取过号，无可补打", 2)
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

"""Core commands: set up the hall, take tickets, act for a window, read the hall's state."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from typing import TYPE_CHECKING

from servicehall.cli.common import (
    WINDOW,
    add_json,
    bounded_int,
    console,
    fail,
    open_hall,
    print_json,
    settings_of,
)
from servicehall.i18n import status_name, t

if TYPE_CHECKING:
    from rich.text import Text

    from servicehall.queue import Hall, LeaderView, TicketView, WaitEstimate

log = logging.getLogger(__name__)

NAMES = (
    "init",
    "sample-config",
    "check-config",
    "hash-pin",
    "take",
    "call",
    "window",
    "leader",
    "status",
    "events",
)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("init", help=t("help_init"))
    add_json(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("sample-config", help=t("help_sample_config"))
    p.set_defaults(func=cmd_sample_config)

    p = sub.add_parser("check-config", help=t("help_check_config"))
    p.add_argument("path", nargs="?", help=t("help_config_path"))
    add_json(p)
    p.set_defaults(func=cmd_check_config)

    p = sub.add_parser("hash-pin", help=t("help_hash_pin"))
    p.set_defaults(func=cmd_hash_pin)

    p = sub.add_parser("take", help=t("help_take"))
    p.add_argument("service", help=t("help_service_code"))
    p.add_argument("--matter", help=t("help_matter"))
    p.add_argument("--priority", action="store_true", help=t("help_priority"))
    p.add_argument("--print", action="store_true", help=t("help_print"))
    p.add_argument("--sms", metavar=t("help_phone_metavar"), help=t("help_sms"))
    add_json(p)
    p.set_defaults(func=cmd_take)

    p = sub.add_parser("call", help=t("help_call"))
    p.add_argument(
        "action",
        choices=("next", "recall", "skip", "finish", "transfer", "pick", "requeue", "cancel"),
        help=t("help_call_action"),
    )
    p.add_argument("ticket", nargs="?", help=t("help_call_ticket"))
    p.add_argument("--window", type=WINDOW, help=t("help_window"))
    p.add_argument("--clerk", help=t("help_clerk"))
    p.add_argument("--to", help=t("help_transfer_to"))
    add_json(p)
    p.set_defaults(func=cmd_call)

    p = sub.add_parser("window", help=t("help_window_cmd"))
    p.add_argument("action", choices=("pause", "resume"), help=t("help_window_action"))
    p.add_argument("--window", type=WINDOW, required=True, help=t("help_window"))
    add_json(p)
    p.set_defaults(func=cmd_window)

    p = sub.add_parser("leader", help=t("help_leader"))
    p.add_argument("action", choices=("show", "set"), help=t("help_leader_action"))
    p.add_argument("name", nargs="?", help=t("help_leader_name"))
    p.add_argument("--title", default="", help=t("help_leader_title"))
    add_json(p)
    p.set_defaults(func=cmd_leader)

    p = sub.add_parser("status", help=t("help_status"))
    add_json(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("events", help=t("help_events"))
    p.add_argument(
        "--after", type=bounded_int(0, 2**63 - 1), default=0, help=t("help_events_after")
    )
    p.add_argument(
        "--limit", type=bounded_int(1, 100_000), default=200, help=t("help_events_limit")
    )
    p.add_argument("--ticket", help=t("help_events_ticket"))
    p.add_argument("--window", type=WINDOW, help=t("help_events_window"))
    p.add_argument("--day", help=t("help_events_day"))
    add_json(p)
    p.set_defaults(func=cmd_events)


def cmd_init(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    info = {"hall": hall.code, "name": hall.config.hall.name, "db": hall.store.safe_url()}
    if args.json:
        print_json(info)
    else:
        console().print(t("cli_ready", name=info["name"], hall=info["hall"], db=info["db"]))
    return 0


def cmd_sample_config(_args: argparse.Namespace) -> int:
    from servicehall.config import sample_text

    sys.stdout.write(sample_text())
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    from rich.text import Text

    from servicehall.config.loader import load_config, resolve_path

    path = args.path or args.config or settings_of(args).config
    config = load_config(path)
    source = resolve_path(path) or t("cli_builtin_sample")
    warnings = config.warnings()
    summary = {
        "file": str(source),
        "hall": config.hall.name,
        "services": len(config.services),
        "matters": sum(len(s.matters) for s in config.services),
        "windows": len(config.windows),
        "ok": True,
        "warnings": warnings,
    }
    if args.json:
        print_json(summary)
    else:
        for warning in warnings:
            console().print(t("cli_note", warning=warning), style="yellow")
        console().print(
            Text.assemble(
                (t("cli_config_ok"), "green"),
                t(
                    "cli_config_summary",
                    file=summary["file"],
                    hall=summary["hall"],
                    services=summary["services"],
                    matters=summary["matters"],
                    windows=summary["windows"],
                ),
            )
        )
    return 0


def cmd_hash_pin(_args: argparse.Namespace) -> int:
    from servicehall.pins import hash_pin

    pin = getpass.getpass("PIN: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not pin.isdigit() or len(pin) < 4:
        return fail(t("cli_pin_short"), 2)
    print(hash_pin(pin))
    return 0


def _ticket_line(hall: Hall, ticket: TicketView, wait: WaitEstimate | None) -> Text:
    from rich.text import Text

    from servicehall.i18n import back_by_text, wait_text

    service = hall.service(ticket.service)
    windows = [t("cli_window_no", number=w.number) for w in hall.config.windows_for(ticket.service)]
    text = Text.assemble((ticket.label, "bold"), f" {service.name}")
    if ticket.ahead is not None:
        text.append(t("cli_ahead", n=ticket.ahead, windows=windows))
    if wait is not None:
        text.append(t("cli_wait", wait=wait_text(wait)))
        back_by = back_by_text(wait)
        if back_by:
            text.append(t("cli_back_by", back_by=back_by))
    return text


def _wait_of(hall: Hall, ticket: TicketView) -> WaitEstimate | None:
    """The ticket is issued already: without an estimate it is still a ticket (logged)."""
    from servicehall.queue import HallError

    try:
        return hall.estimate_wait(ticket)
    except HallError as exc:
        log.warning("no wait estimate for %s: %s", ticket.label, exc.message)
        return None


def cmd_take(args: argparse.Namespace) -> int:
    from servicehall.cli.print_cmds import print_taken, show_outcome
    from servicehall.i18n import language
    from servicehall.queue import HallError
    from servicehall.queue.outbox import check_sms_number, register_phone

    hall = open_hall(args)
    phone = check_sms_number(hall, args.sms) if args.sms else None  # before a ticket exists
    ticket = hall.issue(args.service, matter=args.matter, priority=args.priority)
    wait = _wait_of(hall, ticket)
    sms: str | None = None
    sms_refused: HallError | None = None
    if phone:
        try:
            sms = register_phone(hall, ticket.id, phone, language())
        except HallError as exc:  # the ticket stands; say that the reminder does not
            sms_refused = exc
    outcome = print_taken(hall, ticket) if args.print else None
    if args.json:
        data = ticket.as_dict()
        page = hall.config.phone.page_url(ticket.page_token)
        printed = {"print": outcome.as_dict()} if outcome else {}
        print_json(
            {
                **printed,
                "id": data["id"],
                "ticket": data["ticket"],
                "service": data["service"],
                "number": data["number"],
                "matter": data["matter"],
                "ahead": data["ahead"],
                "day": data["day"],
                "issued_at": data["issued_at"],
                "priority": data["priority"],
                "wait": wait.as_dict() if wait else None,
                **({"sms": sms} if sms else {}),
                **({"page_url": page} if page else {}),
            }
        )
    else:
        console().print(_ticket_line(hall, ticket, wait), highlight=False)
        if sms:
            console().print(t("cli_sms_registered", phone=sms), highlight=False)
        if outcome:
            show_outcome(outcome, ticket.label)
    if sms_refused is not None:
        message = t("cli_sms_refused", ticket=ticket.label, message=sms_refused.message)
        return fail(message, sms_refused.exit_code)
    return 6 if outcome and not outcome.ok else 0


def _need_window(args: argparse.Namespace) -> int:
    if args.window is None:
        raise SystemExit(fail(t("cli_needs_window", command=f"call {args.action}"), 2))
    return int(args.window)


def _need_ticket(args: argparse.Namespace) -> str:
    if not args.ticket:
        raise SystemExit(fail(t("cli_needs_ticket", command=f"call {args.action}"), 2))
    return str(args.ticket)


def cmd_call(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    action = args.action
    ticket: TicketView | None
    if action == "next":
        ticket = hall.call_next(_need_window(args), clerk=args.clerk)
    elif action == "recall":
        ticket = hall.recall(_need_window(args))
    elif action == "skip":
        ticket = hall.skip(_need_window(args))
    elif action == "finish":
        ticket = hall.finish(_need_window(args))
    elif action == "transfer":
        if not args.to:
            return fail(t("cli_needs_service"), 2)
        ticket = hall.transfer(_need_window(args), args.to)
    elif action == "pick":
        ticket = hall.call_ticket(_need_ticket(args), _need_window(args), clerk=args.clerk)
    elif action == "requeue":
        ticket = hall.requeue(_need_ticket(args))
    else:
        ticket = hall.cancel(_need_ticket(args), reason="cli")
    if args.json:
        print_json(
            {
                "action": action,
                "ticket": ticket.label if ticket else None,
                "window": args.window if args.window is not None else (ticket and ticket.window),
                "status": ticket.status if ticket else None,
                "service": ticket.service if ticket else None,
                "id": ticket.id if ticket else None,
            }
        )
    elif ticket is None:
        console().print(t("cli_nobody_waiting", window=args.window))
    else:
        console().print(
            t("cli_ticket_status", ticket=ticket.label, status=status_name(ticket.status)),
            highlight=False,
        )
    return 0


def cmd_window(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    win = hall.pause(args.window) if args.action == "pause" else hall.resume(args.window)
    if args.json:
        print_json(win.as_dict())
    else:
        state = t("cli_paused" if win.state == "paused" else "cli_resumed")
        console().print(t("cli_window_state", window=win.number, name=win.name, state=state))
    return 0


def cmd_leader(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    leader: LeaderView | None
    if args.action == "set":
        if not args.name:
            return fail(t("cli_needs_leader"), 2)
        leader = hall.set_leader(args.name, args.title)
    else:
        leader = hall.leader()
    if args.json:
        print_json(
            {"day": hall.today().isoformat(), "leader": leader.as_dict() if leader else None}
        )
    elif leader is None:
        console().print(t("cli_no_leader"))
    else:
        console().print(t("cli_leader", name=leader.name, title=leader.title), highlight=False)
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    hall = open_hall(args)
    status = hall.status()
    waits = hall.estimate_waits()
    if args.json:
        data = status.as_dict()
        for service in data["services"]:
            wait = waits.get(service["code"])
            service["wait"] = wait.as_dict() if wait else None
        print_json(data)
        return 0
    from rich.text import Text

    from servicehall.cli.tables import HallTable
    from servicehall.i18n import wait_text

    leader = f"{status.leader.name} {status.leader.title}" if status.leader else None
    console().print(
        Text.assemble(
            (hall.config.hall.name, "bold"),
            f"  {status.day}  {t('cli_open' if status.open_now else 'cli_closed')}"
            f"{t('cli_market_day') if status.market_day else ''}  "
            + t("cli_leader_label", leader=leader or t("cli_leader_none")),
        )
    )
    services = HallTable(
        *(t(k) for k in ("cli_col_code", "cli_col_service", "cli_col_waiting", "cli_col_wait_now")),
        title=t("cli_waiting_title"),
    )
    for s in status.services:
        if s.available_today:
            services.add_row(s.code, s.name, str(s.waiting), wait_text(waits.get(s.code)))
    columns = (
        "cli_col_window",
        "cli_col_name",
        "cli_col_state",
        "cli_col_serving",
        "cli_col_clerk",
    )
    windows = HallTable(*(t(k) for k in columns), title=t("cli_windows_title"))
    for w in status.windows:
        state = t("cli_state_paused" if w.state == "paused" else "cli_state_open")
        windows.add_row(str(w.number), w.name, state, w.current or "—", w.clerk or "—")
    console().print(services)
    console().print(windows)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    try:
        day = dt.date.fromisoformat(args.day) if args.day else None
    except ValueError:
        return fail(t("cli_bad_day", day=args.day), 2)
    hall = open_hall(args)
    ticket_id = hall.ticket(args.ticket, day=day).id if args.ticket else None
    events = hall.events(args.after, args.limit, ticket=ticket_id, window=args.window, day=day)
    if args.json:
        print_json([e.as_dict() for e in events])
        return 0
    if not events:
        console().print(t("cli_events_none"))
        return 0
    from servicehall.cli.tables import HallTable

    columns = ("cli_col_at", "cli_col_kind", "cli_col_ticket", "cli_col_window", "cli_col_clerk")
    table = HallTable(
        "#", *(t(k) for k in columns), t("cli_col_detail"), title=t("cli_events_title")
    )
    for e in events:
        detail = t("cli_detail_sep").join(f"{k}={v}" for k, v in e.detail.items())
        table.add_row(
            str(e.id),
            f"{e.at:%m-%d %H:%M:%S}",
            e.kind,
            e.label or "",
            str(e.window or ""),
            e.clerk or "",
            detail,
        )
    console().print(table)
    return 0

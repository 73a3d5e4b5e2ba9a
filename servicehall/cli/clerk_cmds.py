"""Clerk commands: the window console, clerk accounts, the wired keypad bridge, the rating pad."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from servicehall.cli.common import (
    WINDOW,
    add_json,
    bounded_int,
    console,
    fail,
    open_hall,
    print_json,
)
from servicehall.i18n import t

NAMES = ("clerk", "keypad", "rate")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("clerk", help=t("help_clerk_cmd"))
    p.add_argument("--window", type=WINDOW, help=t("help_window"))
    p.set_defaults(func=cmd_console)
    accounts = p.add_subparsers(dest="clerk_command", metavar="SUBCOMMAND")
    add = accounts.add_parser("add", help=t("help_clerk_add"))
    add.add_argument("clerk_id", metavar="ID", help=t("help_clerk_id"))
    add.add_argument("--name", required=True, help=t("help_clerk_name"))
    add.set_defaults(func=cmd_add)
    remove = accounts.add_parser("remove", help=t("help_clerk_remove"))
    remove.add_argument("clerk_id", metavar="ID", help=t("help_clerk_id"))
    remove.set_defaults(func=cmd_remove)
    listing = accounts.add_parser("list", help=t("help_clerk_list"))
    add_json(listing)
    listing.set_defaults(func=cmd_list)

    p = sub.add_parser("keypad", help=t("help_keypad"))
    p.add_argument("--port", required=True, help=t("help_keypad_port"))
    p.add_argument(
        "--baud", type=bounded_int(50, 4_000_000), default=9600, help=t("help_keypad_baud")
    )
    p.set_defaults(func=cmd_keypad)

    p = sub.add_parser("rate", help=t("help_rate"))
    p.add_argument("--window", type=WINDOW, required=True, help=t("help_window"))
    p.add_argument("--timeout", type=float, default=30.0, help=t("help_rate_timeout"))
    p.set_defaults(func=cmd_rate)


def cmd_console(args: argparse.Namespace) -> int:
    if args.window is None:
        return fail(t("cli_clerk_needs_window"), 2)
    from servicehall.clerk.console import ClerkApp

    hall = open_hall(args)
    return ClerkApp(hall, args.window).run_for_exit_code()


def _read_pin() -> str:
    from servicehall.queue.clerks import check_pin_rules

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    pin = getpass.getpass(t("cli_clerk_pin_prompt"))
    check_pin_rules(pin)
    if getpass.getpass(t("cli_clerk_pin_again")) != pin:
        raise SystemExit(fail(t("cli_clerk_pin_differs"), 2))
    return pin


def cmd_add(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import check_clerk_id, save_clerk

    check_clerk_id(args.clerk_id)
    pin = _read_pin()
    hall = open_hall(args)
    clerk = save_clerk(hall.store, hall.code, args.clerk_id, args.name, pin)
    console().print(t("cli_clerk_saved", name=clerk.name, clerk=clerk.clerk_id))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import disable_clerk

    hall = open_hall(args)
    clerk = disable_clerk(hall.store, hall.code, args.clerk_id)
    console().print(t("cli_clerk_removed", name=clerk.name, clerk=clerk.clerk_id))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import list_clerks

    hall = open_hall(args)
    clerks = list_clerks(hall.store, hall.code)
    if args.json:
        print_json([c.as_dict() for c in clerks])
        return 0
    if not clerks:
        console().print(t("cli_clerk_none"))
        return 0
    from rich.text import Text

    from servicehall.cli.tables import HallTable

    table = HallTable(title=t("cli_clerk_title"))
    for key in ("cli_clerk_id", "cli_clerk_name", "cli_clerk_state"):
        table.add_column(t(key))
    for clerk in clerks:
        disabled = Text(t("cli_clerk_disabled"), style="red")
        state = t("cli_clerk_active") if clerk.active else disabled
        table.add_row(clerk.clerk_id, clerk.name, state)
    console().print(table)
    return 0


def cmd_keypad(args: argparse.Namespace) -> int:
    from servicehall.clerk.keypad import KeypadBridge

    hall = open_hall(args)
    bridge = KeypadBridge(hall, args.port, args.baud)
    console().print(t("cli_keypad_started", port=args.port, baud=args.baud))
    if not Path(args.port).exists():
        console().print(t("cli_port_missing", port=args.port), style="yellow")
    try:
        bridge.run()
    except KeyboardInterrupt:
        bridge.stop()
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from servicehall.clerk.rating import RatingApp

    hall = open_hall(args)
    return RatingApp(hall, args.window, timeout_s=args.timeout).run_for_exit_code()

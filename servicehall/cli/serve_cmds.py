"""``servicehall serve ROLE``: the kiosk, display, a clerk console or the manager in a browser;
``serve phone``: the villagers' live ticket pages (``servicehall.phone``)."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from servicehall.cli.common import WINDOW, bounded_int, config_of, console, fail
from servicehall.i18n import t

if TYPE_CHECKING:
    from servicehall.config import HallConfig

NAMES = ("serve",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from servicehall.serve import ROLES

    p = sub.add_parser(
        "serve",
        help=t("help_serve"),
        description=t("help_serve_epilog"),
    )
    p.add_argument("role", choices=ROLES, help=t("help_serve_role"))
    p.add_argument("--host", help=t("help_serve_host"))
    p.add_argument("--port", type=bounded_int(1, 65_535), help=t("help_serve_port"))
    p.add_argument("--font-size", type=bounded_int(6, 200), help=t("help_serve_font"))
    p.add_argument("--window", type=WINDOW, help=t("help_serve_window"))
    p.add_argument(
        "--max-tabs",
        type=bounded_int(1, 50),
        help=t("help_serve_tabs"),
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help=t("help_serve_host_name"),
    )
    p.add_argument("--no-voice", action="store_true", help=t("help_serve_mute"))
    p.add_argument("--ignore-hours", action="store_true", help=t("help_serve_any_hour"))
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    config = config_of(args)  # a bad hall.toml is reported here, once, not in every browser tab
    if args.role == "phone":
        return _serve_phone(args, config)
    from servicehall.serve.server import app_command, serve

    args.host = args.host or "127.0.0.1"
    args.port = args.port or 8000
    if args.role == "clerk":
        if args.window is None:
            return fail(t("cli_serve_needs_window"), 2)
        if config.window(args.window) is None:
            valid = [str(w.number) for w in config.windows]
            return fail(t("unknown_window", window=args.window, valid=valid), 2)
    if args.role == "manager" and not config.manager_pin_hash:
        return fail(t("cli_serve_no_manager_pin"), 2)
    global_args: list[str] = []
    if args.config:
        global_args += ["--config", os.path.abspath(args.config)]
    if args.db:
        global_args += ["--db", args.db]
    if args.lang:
        global_args += ["--lang", args.lang]
    role_args: list[str] = []
    if args.window is not None:
        role_args += ["--window", str(args.window)]
    if args.no_voice:
        role_args.append("--no-voice")
    if args.ignore_hours:
        role_args.append("--ignore-hours")
    command = app_command(args.role, global_args, role_args)
    console().print(t("cli_serve_open", host=args.host, port=args.port), highlight=False)
    serve(
        args.role,
        command,
        host=args.host,
        port=args.port,
        font_size=args.font_size,
        max_tabs=args.max_tabs,
        allowed_hosts=tuple(args.allow_host),
    )
    return 0


def _serve_phone(args: argparse.Namespace, config: HallConfig) -> int:
    from servicehall.phone.app import run

    host = args.host or config.phone.host
    port = args.port or config.phone.port
    if not config.phone.base_url:
        console().print(t("cli_serve_no_base_url"), highlight=False, markup=False)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    console().print(t("cli_serve_phone", host=shown_host, port=port), highlight=False, markup=False)
    run(config, args.db, host=host, port=port, allowed_hosts=tuple(args.allow_host))
    return 0

"""``servicehall doctor``: what this PC's role needs, checked, with the fix."""

from __future__ import annotations

import argparse

from servicehall.cli.common import LazyChoices, add_json, console, print_json, settings_of
from servicehall.i18n import t


def _roles() -> tuple[str, ...]:
    from servicehall.doctor import ROLES

    return ROLES


NAMES = ("doctor",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help=t("help_doctor"))
    p.add_argument(
        "--role",
        choices=LazyChoices(_roles),
        default="kiosk",
        metavar="ROLE",
        help=t("help_doctor_role"),
    )
    p.add_argument(
        "--wait-db",
        type=float,
        default=0,
        metavar="SECONDS",
        help=t("help_doctor_wait_db"),
    )
    add_json(p)
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    from servicehall.doctor import FAIL, OK, run_checks

    checks = run_checks(args.role, args.config or settings_of(args).config, args.db, args.wait_db)
    failed = any(c.state == FAIL for c in checks)
    if args.json:
        print_json({"role": args.role, "ok": not failed, "checks": [c.as_dict() for c in checks]})
        return 1 if failed else 0
    from rich.text import Text

    from servicehall.cli.tables import HallTable

    marks = {
        OK: Text(t("doc_ok"), style="green"),
        "warn": Text(t("doc_warn"), style="yellow"),
        FAIL: Text(t("doc_fail"), style="bold red"),
    }
    columns = (t("doc_col_check"), t("doc_col_result"), t("doc_col_detail"), t("doc_col_fix"))
    table = HallTable(*columns, title=t("doc_title", role=args.role))
    for check in checks:
        table.add_row(check.name, marks[check.state], check.detail, check.fix)  # markup is off
    console().print(table)
    if failed:
        console().print(t("doc_failed"), style="bold red")
    return 1 if failed else 0

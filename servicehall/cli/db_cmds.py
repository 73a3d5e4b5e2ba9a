"""``servicehall db``: the database's schema upgraded to this version, and least-privilege
PostgreSQL roles for a multi-PC hall."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from servicehall.cli.common import (
    LazyChoices,
    add_json,
    config_of,
    console,
    fail,
    open_hall,
    print_json,
)
from servicehall.i18n import t

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _role_kinds() -> list[str]:
    from servicehall.queue.roles import ROLE_KINDS

    return sorted(ROLE_KINDS)


NAMES = ("db",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help=t("help_db_cmd"))
    actions = p.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    g = actions.add_parser("grant", help=t("help_db_grant"))
    g.add_argument("role", help=t("help_db_grant_login"))
    g.add_argument(
        "--kind",
        required=True,
        choices=LazyChoices(_role_kinds),
        metavar="KIND",
        help=t("help_db_grant_role"),
    )
    g.add_argument(
        "--hall",
        help=t("help_db_grant_hall"),
    )
    g.add_argument("--print", action="store_true", help=t("help_db_grant_sql"))
    g.set_defaults(func=cmd_grant)
    u = actions.add_parser(
        "upgrade",
        help=t("help_db_upgrade"),
    )
    add_json(u)
    u.set_defaults(func=cmd_upgrade)


def cmd_upgrade(args: argparse.Namespace) -> int:
    from servicehall.queue.migrations import HEAD
    from servicehall.queue.schema import check_columns, read_state, upgrade
    from servicehall.queue.store import Store

    store = Store(args.db)
    try:
        result = upgrade(store)
        check_columns(store.read(read_state).columns)
    finally:
        store.dispose()
    if args.json:
        print_json({**result.as_dict(), "db": store.safe_url()})
    elif result.newer:
        console().print(t("cli_db_newer", before=result.before, head=HEAD), style="yellow")
    elif result.before == result.after:
        extra = t("cli_db_resecured") if result.secured else ""
        console().print(t("cli_db_current", after=result.after, extra=extra, url=store.safe_url()))
    else:
        extra = t("cli_db_secured") if result.secured else ""
        before = result.before or t("cli_db_unversioned")
        after, url = result.after, store.safe_url()
        console().print(t("cli_db_upgraded", before=before, after=after, extra=extra, url=url))
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    from servicehall.config.models import HALL_CODE
    from servicehall.queue.pg_security import run_statements
    from servicehall.queue.roles import grant_statements

    hall_code = args.hall or config_of(args).hall.code
    if not HALL_CODE.match(hall_code):
        return fail(t("cli_bad_hall_code", code=hall_code), 2)
    if not args.role or len(args.role) > 63 or any(ord(ch) < 0x20 for ch in args.role):
        return fail(t("cli_bad_login", login=args.role), 2)
    statements = grant_statements(args.role, args.kind, hall_code)
    if args.print:
        print(";\n".join(statements) + ";")
        return 0
    hall = open_hall(args)
    if hall.store.dialect != "postgresql":
        return fail(t("cli_grant_pg_only"), 2)

    def work(conn: Connection) -> None:
        run_statements(conn, statements)

    hall.store.write(work)
    console().print(
        t(
            "cli_granted",
            login=args.role,
            hall=hall_code,
            kind=args.kind,
            rights=t(f"cli_role_{args.kind}"),
        ),
        highlight=False,
        markup=False,
    )
    return 0

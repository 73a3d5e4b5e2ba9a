"""``servicehall db``: database administration for a multi-PC hall (least-privilege roles)."""

from __future__ import annotations

import argparse

from sqlalchemy import Connection

from servicehall.cli.common import config_of, console, fail, open_hall
from servicehall.config.models import HALL_CODE
from servicehall.i18n import shown
from servicehall.queue.pg_security import run_statements
from servicehall.queue.roles import ROLE_KINDS, grant_statements


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", help="数据库管理：为各台电脑的数据库账号授予最小权限")
    actions = p.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    g = actions.add_parser("grant", help="给已建好的 PostgreSQL 登录账号授权")
    g.add_argument("role", help="PostgreSQL 登录账号（由数据库管理员创建并设密码）")
    g.add_argument("--kind", required=True, choices=sorted(ROLE_KINDS), help="这台电脑的角色")
    g.add_argument(
        "--hall",
        help="这个账号所属大厅的编码（默认 hall.toml 里的 [hall] code）；只能看到和改动这个大厅",
    )
    g.add_argument("--print", action="store_true", help="只打印 SQL，不执行")
    g.set_defaults(func=cmd_grant)


def cmd_grant(args: argparse.Namespace) -> int:
    hall_code = args.hall or config_of(args).hall.code
    if not HALL_CODE.match(hall_code):
        return fail(f"大厅编码 {shown(hall_code)} 不对：只能用小写字母、数字、- 和 _", 2)
    if not args.role or len(args.role) > 63 or any(ord(ch) < 0x20 for ch in args.role):
        return fail(f"账号名 {shown(args.role)} 不对：1-63 个字符，不含控制字符", 2)
    statements = grant_statements(args.role, args.kind, hall_code)
    if args.print:
        print(";\n".join(statements) + ";")
        return 0
    hall = open_hall(args)
    if hall.store.dialect != "postgresql":
        return fail("账号授权只用于 PostgreSQL；单机 SQLite 不需要", 2)

    def work(conn: Connection) -> None:
        run_statements(conn, statements)

    hall.store.write(work)
    console.print(
        f"已授权：{args.role} → {hall_code} 大厅的 {args.kind}（{ROLE_KINDS[args.kind]}）",
        highlight=False,
        markup=False,
    )
    return 0

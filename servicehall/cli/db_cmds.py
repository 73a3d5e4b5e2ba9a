"""``servicehall db``: database administration for a multi-PC hall (least-privilege roles)."""

from __future__ import annotations

import argparse

from sqlalchemy import text

from servicehall.cli.common import console, fail, open_hall
from servicehall.queue.roles import ROLE_KINDS, grant_statements


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("db", help="数据库管理：为各台电脑的数据库账号授予最小权限")
    actions = p.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    g = actions.add_parser("grant", help="给已建好的 PostgreSQL 登录账号授权")
    g.add_argument("role", help="PostgreSQL 登录账号（由数据库管理员创建并设密码）")
    g.add_argument("--kind", required=True, choices=sorted(ROLE_KINDS), help="这台电脑的角色")
    g.add_argument("--print", action="store_true", help="只打印 SQL，不执行")
    g.set_defaults(func=cmd_grant)


def cmd_grant(args: argparse.Namespace) -> int:
    statements = grant_statements(args.role, args.kind)
    if args.print:
        print(";\n".join(statements) + ";")
        return 0
    hall = open_hall(args)
    if hall.store.dialect != "postgresql":
        return fail("账号授权只用于 PostgreSQL；单机 SQLite 不需要", 2)

    def work(conn) -> None:  # type: ignore[no-untyped-def]
        for statement in statements:
            conn.execute(text(statement))

    hall.store.write(work)
    console.print(f"已授权：{args.role} → {args.kind}（{ROLE_KINDS[args.kind]}）", highlight=False)
    return 0

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
from servicehall.i18n import shown

if TYPE_CHECKING:
    from sqlalchemy import Connection


def _role_kinds() -> list[str]:
    from servicehall.queue.roles import ROLE_KINDS

    return sorted(ROLE_KINDS)


NAMES = ("db",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("db", help="数据库管理：升级表结构；为各台电脑的数据库账号授予最小权限")
    actions = p.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    g = actions.add_parser("grant", help="给已建好的 PostgreSQL 登录账号授权")
    g.add_argument("role", help="PostgreSQL 登录账号（由数据库管理员创建并设密码）")
    g.add_argument(
        "--kind",
        required=True,
        choices=LazyChoices(_role_kinds),
        metavar="KIND",
        help="这台电脑的角色：%(choices)s",
    )
    g.add_argument(
        "--hall",
        help="这个账号所属大厅的编码（默认 hall.toml 里的 [hall] code）；只能看到和改动这个大厅",
    )
    g.add_argument("--print", action="store_true", help="只打印 SQL，不执行")
    g.set_defaults(func=cmd_grant)
    u = actions.add_parser(
        "upgrade",
        help="把数据库升级到本程序的版本（表结构迁移；PostgreSQL 还有行级安全）；可重复执行",
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
        console().print(
            f"数据库的版本 {result.before} 比本程序（{HEAD}）新：没有改动，请升级本程序",
            style="yellow",
        )
    elif result.before == result.after:
        extra = "，已重新安装 PostgreSQL 行级安全" if result.secured else ""
        console().print(f"数据库已是本程序的版本（{result.after}）{extra}：{store.safe_url()}")
    else:
        extra = "，并安装了 PostgreSQL 行级安全" if result.secured else ""
        console().print(
            f"数据库已升级：{result.before or '旧版（无版本号）或空库'} → {result.after}{extra}："
            f"{store.safe_url()}"
        )
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    from servicehall.config.models import HALL_CODE
    from servicehall.queue.pg_security import run_statements
    from servicehall.queue.roles import ROLE_KINDS, grant_statements

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
    console().print(
        f"已授权：{args.role} → {hall_code} 大厅的 {args.kind}（{ROLE_KINDS[args.kind]}）",
        highlight=False,
        markup=False,
    )
    return 0

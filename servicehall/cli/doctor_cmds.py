"""``servicehall doctor``: what this PC's role needs, checked, with the fix in Chinese."""

from __future__ import annotations

import argparse

from servicehall.cli.common import LazyChoices, add_json, console, print_json, settings_of


def _roles() -> tuple[str, ...]:
    from servicehall.doctor import ROLES

    return ROLES


NAMES = ("doctor",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="检查这台电脑：配置、数据库、打印机、字体、语音、屏幕")
    p.add_argument(
        "--role",
        choices=LazyChoices(_roles),
        default="kiosk",
        metavar="ROLE",
        help="这台电脑的用途：%(choices)s（默认 kiosk）",
    )
    p.add_argument(
        "--wait-db",
        type=float,
        default=0,
        metavar="SECONDS",
        help="数据库暂时连不上时最多等这么久（开机时等数据库电脑启动）",
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
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    marks = {
        OK: Text("正常", style="green"),
        "warn": Text("注意", style="yellow"),
        FAIL: Text("不通过", style="bold red"),
    }
    table = Table("检查项", "结果", "情况", "怎么办", title=f"本机检查（角色：{args.role}）")
    for check in checks:
        table.add_row(check.name, marks[check.state], escape(check.detail), escape(check.fix))
    console().print(table)
    if failed:
        console().print("有检查未通过，请按“怎么办”一栏处理后再试。", style="bold red")
    return 1 if failed else 0

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

NAMES = ("clerk", "keypad", "rate")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("clerk", help="窗口工作台（叫号、重呼、过号、办结、转办）；工作人员账号")
    p.add_argument("--window", type=WINDOW, help="窗口号")
    p.set_defaults(func=cmd_console)
    accounts = p.add_subparsers(dest="clerk_command", metavar="SUBCOMMAND")
    add = accounts.add_parser("add", help="登记工作人员或修改其 PIN（PIN 不回显、只存散列）")
    add.add_argument("clerk_id", metavar="ID", help="工号")
    add.add_argument("--name", required=True, help="姓名")
    add.set_defaults(func=cmd_add)
    remove = accounts.add_parser(
        "remove", help="停用工作人员：不能再登录，历史记录和报表里保留姓名（add 可重新启用）"
    )
    remove.add_argument("clerk_id", metavar="ID", help="工号")
    remove.set_defaults(func=cmd_remove)
    listing = accounts.add_parser("list", help="列出工作人员")
    add_json(listing)
    listing.set_defaults(func=cmd_list)

    p = sub.add_parser("keypad", help="有线叫号键盘（串口）桥接")
    p.add_argument("--port", required=True, help="串口，如 /dev/ttyUSB0")
    p.add_argument(
        "--baud", type=bounded_int(50, 4_000_000), default=9600, help="波特率（默认 9600）"
    )
    p.set_defaults(func=cmd_keypad)

    p = sub.add_parser("rate", help="窗口评价器（满意 / 基本满意 / 不满意）")
    p.add_argument("--window", type=WINDOW, required=True, help="窗口号")
    p.add_argument("--timeout", type=float, default=30.0, help="多少秒无人评价算未评价（默认 30）")
    p.set_defaults(func=cmd_rate)


def cmd_console(args: argparse.Namespace) -> int:
    if args.window is None:
        return fail("servicehall clerk 需要 --window 窗口号", 2)
    from servicehall.clerk.console import ClerkApp

    hall = open_hall(args)
    ClerkApp(hall, args.window).run()
    return 0


def _read_pin() -> str:
    from servicehall.queue.clerks import check_pin_rules

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    pin = getpass.getpass("PIN（不显示）: ")
    check_pin_rules(pin)
    if getpass.getpass("再输一次 PIN: ") != pin:
        raise SystemExit(fail("两次输入的 PIN 不一样，未保存", 2))
    return pin


def cmd_add(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import check_clerk_id, save_clerk

    check_clerk_id(args.clerk_id)
    pin = _read_pin()
    hall = open_hall(args)
    clerk = save_clerk(hall.store, hall.code, args.clerk_id, args.name, pin)
    console().print(f"已保存工作人员 {clerk.name}（工号 {clerk.clerk_id}）；PIN 只保存散列值")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import disable_clerk

    hall = open_hall(args)
    clerk = disable_clerk(hall.store, hall.code, args.clerk_id)
    console().print(f"已停用工作人员 {clerk.name}（工号 {clerk.clerk_id}），不能再登录；记录保留")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from servicehall.queue.clerks import list_clerks

    hall = open_hall(args)
    clerks = list_clerks(hall.store, hall.code)
    if args.json:
        print_json([c.as_dict() for c in clerks])
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title="工作人员")
    table.add_column("工号")
    table.add_column("姓名")
    table.add_column("状态")
    for clerk in clerks:
        state = "在岗" if clerk.active else Text("已停用", style="red")
        table.add_row(clerk.clerk_id, clerk.name, state)
    console().print(table)
    return 0


def cmd_keypad(args: argparse.Namespace) -> int:
    from servicehall.clerk.keypad import KeypadBridge

    hall = open_hall(args)
    bridge = KeypadBridge(hall, args.port, args.baud)
    console().print(f"叫号键盘桥接：{args.port}，{args.baud} 波特；Ctrl+C 退出。详情见日志。")
    if not Path(args.port).exists():
        console().print(f"串口 {args.port} 现在不存在，插上后会自动连接", style="yellow")
    try:
        bridge.run()
    except KeyboardInterrupt:
        bridge.stop()
    return 0


def cmd_rate(args: argparse.Namespace) -> int:
    from servicehall.clerk.rating import RatingApp

    hall = open_hall(args)
    RatingApp(hall, args.window, timeout_s=args.timeout).run()
    return 0

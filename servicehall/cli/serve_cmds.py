"""``servicehall serve ROLE``: the kiosk, display, a clerk console or the manager in a browser."""

from __future__ import annotations

import argparse
import os

from servicehall.cli.common import WINDOW, bounded_int, config_of, console, fail

NAMES = ("serve",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from servicehall.serve import ROLES

    p = sub.add_parser(
        "serve",
        help="在浏览器中使用：serve display|kiosk|clerk|manager（每个浏览器标签一个进程）",
        description="例：servicehall serve display --port 8000，然后在电视的浏览器打开 "
        "http://127.0.0.1:8000/",
    )
    p.add_argument("role", choices=ROLES)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认只允许本机）")
    p.add_argument("--port", type=bounded_int(1, 65_535), default=8000)
    p.add_argument("--font-size", type=bounded_int(6, 200), help="字号（默认按窗口大小自动选）")
    p.add_argument("--window", type=WINDOW, help="clerk：窗口号")
    p.add_argument(
        "--max-tabs",
        type=bounded_int(1, 50),
        help="最多同时打开几个浏览器标签（默认 kiosk 2、display 3、clerk 2、manager 2）",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="允许用这个主机名打开（IP 地址和 localhost 总是可以）；可重复",
    )
    p.add_argument("--no-voice", action="store_true", help="display：不播报语音")
    p.add_argument("--ignore-hours", action="store_true", help="kiosk：不限办公时间（演示用）")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from servicehall.serve.server import app_command, serve

    config = config_of(args)  # a bad hall.toml is reported here, once, not in every browser tab
    if args.role == "clerk":
        if args.window is None:
            return fail("serve clerk 需要 --window 窗口号（每个窗口一个服务）", 2)
        if config.window(args.window) is None:
            valid = "、".join(str(w.number) for w in config.windows)
            return fail(f"没有 {args.window} 号窗口；已有窗口：{valid}", 2)
    if args.role == "manager" and not config.manager_pin_hash:
        return fail("没有设置管理员 PIN：先在 hall.toml 的 [manager] pin_hash 设置", 2)
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
    console().print(
        f"在浏览器打开 http://{args.host}:{args.port}/ （Ctrl+C 停止）", highlight=False
    )
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

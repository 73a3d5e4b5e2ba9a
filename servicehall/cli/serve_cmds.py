"""``servicehall serve ROLE``: the kiosk, display, a clerk console or the manager in a browser;
``serve phone``: the villagers' live ticket pages (``servicehall.phone``)."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from servicehall.cli.common import WINDOW, bounded_int, config_of, console, fail

if TYPE_CHECKING:
    from servicehall.config import HallConfig

NAMES = ("serve",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from servicehall.serve import ROLES

    p = sub.add_parser(
        "serve",
        help="在浏览器中使用：serve display|kiosk|clerk|manager（每个浏览器标签一个进程）；"
        "serve phone：群众手机上的号票页面",
        description="例：servicehall serve display --port 8000，然后在电视的浏览器打开 "
        "http://127.0.0.1:8000/；servicehall serve phone：手机扫号票上的二维码看排队"
        "（hall.toml 的 [phone] base_url）",
    )
    p.add_argument("role", choices=ROLES)
    p.add_argument("--host", help="监听地址（默认只允许本机；phone 默认 [phone] host，即 0.0.0.0）")
    p.add_argument(
        "--port", type=bounded_int(1, 65_535), help="端口（默认 8000；phone 默认 [phone] port）"
    )
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
    config = config_of(args)  # a bad hall.toml is reported here, once, not in every browser tab
    if args.role == "phone":
        return _serve_phone(args, config)
    from servicehall.serve.server import app_command, serve

    args.host = args.host or "127.0.0.1"
    args.port = args.port or 8000
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


def _serve_phone(args: argparse.Namespace, config: HallConfig) -> int:
    from servicehall.phone.app import run

    host = args.host or config.phone.host
    port = args.port or config.phone.port
    if not config.phone.base_url:
        console().print(
            "提示：hall.toml 的 [phone] base_url 还没有设置，号票上的二维码不会指向手机页面",
            highlight=False,
            markup=False,
        )
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    console().print(
        f"手机页面：http://{shown_host}:{port}/ （Ctrl+C 停止）", highlight=False, markup=False
    )
    run(config, args.db, host=host, port=port, allowed_hosts=tuple(args.allow_host))
    return 0

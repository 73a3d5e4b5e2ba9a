"""``servicehall serve ROLE``: the kiosk, display, a clerk console or the manager in a browser."""

from __future__ import annotations

import argparse
import os

from servicehall.cli.common import config_of, console


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from servicehall.serve import ROLES

    p = sub.add_parser(
        "serve",
        help="在浏览器中使用：serve display|kiosk|clerk|manager（每个浏览器标签一个进程）",
        description="例：servicehall serve display --port 8000，然后在电视的浏览器打开 "
        "http://127.0.0.1:8000/",
    )
    p.add_argument("role", choices=ROLES)
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认只允许本机）")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--font-size", type=int, help="字号（默认按窗口大小自动选）")
    p.add_argument("--window", type=int, help="clerk：窗口号")
    p.add_argument("--no-voice", action="store_true", help="display：不播报语音")
    p.add_argument("--ignore-hours", action="store_true", help="kiosk：不限办公时间（演示用）")
    p.set_defaults(func=cmd_serve)


def cmd_serve(args: argparse.Namespace) -> int:
    from servicehall.serve.server import app_command, serve

    config_of(args)  # a bad hall.toml is reported here, once, not in every browser tab
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
    console.print(f"在浏览器打开 http://{args.host}:{args.port}/ （Ctrl+C 停止）", highlight=False)
    serve(args.role, command, host=args.host, port=args.port, font_size=args.font_size)
    return 0

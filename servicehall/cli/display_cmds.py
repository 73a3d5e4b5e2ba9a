"""Display commands: ``servicehall display`` (the hall TV) and ``servicehall say`` (voice check)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from servicehall.cli.common import WINDOW, config_of, console, fail
from servicehall.datadir import data_dir
from servicehall.errors import ServiceHallError

NAMES = ("display", "say")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("display", help="大厅叫号屏（电视全屏显示，语音播报）")
    p.add_argument("--no-voice", action="store_true", help="不播报语音，只显示")
    p.set_defaults(func=cmd_display)

    p = sub.add_parser("say", help="试听叫号语音（检查音箱和语音设置）")
    p.add_argument("label", nargs="?", default="A012", help="号票，如 A012（默认 A012）")
    p.add_argument("window", nargs="?", type=WINDOW, default=3, help="窗口号（默认 3）")
    p.add_argument("--wav", metavar="PATH", help="不播放，写成 WAV 文件（espeak-ng）")
    p.set_defaults(func=cmd_say)


def cmd_display(args: argparse.Namespace) -> int:
    from servicehall.display.app import HallDisplay
    from servicehall.display.voice import Announcer
    from servicehall.queue import Hall

    config = config_of(args)
    try:  # create the database on a fresh PC; if it is down the display waits for it
        Hall.open(config, db=args.db).close()
    except ServiceHallError as exc:
        console().print(exc.message, style="yellow")
    announcer = None
    if not args.no_voice:
        announcer = Announcer(config.voice, chime_file=data_dir() / "chime.wav")
    HallDisplay(config, args.db, announcer=announcer).run()
    return 0


def cmd_say(args: argparse.Namespace) -> int:
    from servicehall.display.voice import Announcement, Announcer, render_wav

    config = config_of(args)
    window = config.window(args.window)
    item = Announcement(args.label.upper(), args.window, window.name if window else "")
    announcer = Announcer(config.voice, chime_file=data_dir() / "chime.wav")
    console().print(f"播报内容：{announcer.text(item)}", highlight=False)
    if args.wav:
        try:
            path = render_wav(config.voice, item, Path(args.wav))
        except (ValueError, OSError, subprocess.SubprocessError) as exc:
            return fail(f"无法生成语音文件：{exc}", 1)
        console().print(f"已写入 {path}")
        return 0
    if not announcer.on:
        return fail(f"语音播报已关闭：{announcer.off_reason}", 1)
    if not announcer.speak(item):
        return fail("语音命令出错，详见日志", 1)
    return 0

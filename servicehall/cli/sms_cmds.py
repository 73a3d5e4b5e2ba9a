"""``servicehall sms``: the SMS bridge — reminders to villagers' phones through a GSM modem."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from types import FrameType

from servicehall.cli.common import console, open_hall

NAMES = ("sms",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sms", help="短信提醒：通过短信猫（或县里的短信平台）给群众发到号提醒")
    p.add_argument(
        "--port",
        help="短信猫的串口，最好用 /dev/serial/by-id/… 这样的固定名字（默认 [sms] port）",
    )
    p.add_argument("--baud", type=int, help="波特率（默认 [sms] baud，115200）")
    p.set_defaults(func=cmd_sms)


def cmd_sms(args: argparse.Namespace) -> int:
    from servicehall.sms.bridge import SmsBridge
    from servicehall.sms.senders import ModemSender, make_sender

    hall = open_hall(args)
    settings = hall.config.sms
    sender = make_sender(settings, port=args.port, baud=args.baud)
    bridge = SmsBridge(hall, sender)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        bridge.stop()  # the message being sent is finished first, so it is never left unsure

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    out = console()
    out.print(
        f"短信桥：{sender.name}；前面剩 {settings.notify_ahead} 人时和叫号时发提醒，"
        f"每个号码每天最多 {settings.daily_cap} 条。Ctrl+C 退出，详情见日志。",
        highlight=False,
    )
    if not settings.enabled:
        out.print(
            "hall.toml 的 [sms] enabled = false：取号机不会登记手机号", style="yellow", markup=False
        )
    if isinstance(sender, ModemSender) and not Path(sender.modem.port).exists():
        out.print(
            f"串口 {sender.modem.port} 现在不存在，插上后会自动连接", style="yellow", markup=False
        )
    bridge.run()
    return 0

"""``servicehall sms``: the SMS bridge — reminders to villagers' phones through a GSM modem."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path
from types import FrameType

from servicehall.cli.common import console, open_hall
from servicehall.i18n import t

NAMES = ("sms",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sms", help=t("help_sms_cmd"))
    p.add_argument(
        "--port",
        help=t("help_sms_port"),
    )
    p.add_argument("--baud", type=int, help=t("help_sms_baud"))
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
        t(
            "cli_sms_bridge",
            sender=sender.name,
            ahead=settings.notify_ahead,
            cap=settings.daily_cap,
        ),
        highlight=False,
    )
    if not settings.enabled:
        out.print(t("cli_sms_disabled"), style="yellow", markup=False)
    if isinstance(sender, ModemSender) and not Path(sender.modem.port).exists():
        out.print(t("cli_port_missing", port=sender.modem.port), style="yellow", markup=False)
    bridge.run()
    return 0

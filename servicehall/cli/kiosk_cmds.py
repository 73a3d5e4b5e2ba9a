"""``servicehall kiosk``: start the entrance touchscreen kiosk."""

from __future__ import annotations

import argparse

from servicehall.cli.common import config_of, settings_of
from servicehall.i18n import t

NAMES = ("kiosk",)
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("kiosk", help=t("help_kiosk"))
    p.add_argument(
        "--ignore-hours",
        action="store_true",
        help=t("help_kiosk_any_hour"),
    )
    p.add_argument(
        "--preview",
        action="store_true",
        help=t("help_kiosk_preview"),
    )
    p.set_defaults(func=cmd_kiosk)


def cmd_kiosk(args: argparse.Namespace) -> int:
    from servicehall.kiosk import KioskApp
    from servicehall.kiosk.supervisor import supervise

    def make_app() -> KioskApp:
        """A fresh kiosk on the config file as it is now (staff may have reloaded a new one)."""
        config = config_of(args)
        if args.preview:
            printer = config.printer.model_copy(update={"connection": "preview"})
            config = config.model_copy(update={"printer": printer})
        return KioskApp(
            config,
            db=args.db,
            enforce_hours=not (args.ignore_hours or settings_of(args).ignore_hours),
            config_path=args.config or settings_of(args).config,
            language=args.lang,
        )

    return supervise(make_app)

"""Display commands: ``servicehall display`` (the hall TV) and ``servicehall say`` (voice check)."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

from servicehall.cli.common import WINDOW, config_of, console, fail
from servicehall.datadir import data_dir
from servicehall.errors import ServiceHallError
from servicehall.i18n import t

NAMES = ("display", "say")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("display", help=t("help_display"))
    p.add_argument("--no-voice", action="store_true", help=t("help_display_mute"))
    p.set_defaults(func=cmd_display)

    p = sub.add_parser("say", help=t("help_say"))
    p.add_argument("label", nargs="?", default="A012", help=t("help_say_ticket"))
    p.add_argument("window", nargs="?", type=WINDOW, default=3, help=t("help_say_window"))
    p.add_argument("--wav", metavar="PATH", help=t("help_say_wav"))
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
    return HallDisplay(config, args.db, announcer=announcer).run_for_exit_code()


def cmd_say(args: argparse.Namespace) -> int:
    from servicehall.display.voice import Announcement, Announcer, render_wav

    config = config_of(args)
    window = config.window(args.window)
    item = Announcement(args.label.upper(), args.window, window.name if window else "")
    announcer = Announcer(config.voice, chime_file=data_dir() / "chime.wav")
    console().print(t("cli_say_text", text=announcer.text(item)), highlight=False)
    if args.wav:
        try:
            path = render_wav(config.voice, item, Path(args.wav))
        except (ValueError, OSError, subprocess.SubprocessError) as exc:
            return fail(t("cli_say_no_wav", reason=str(exc)), 1)
        console().print(t("cli_say_written", path=str(path)))
        return 0
    if not announcer.on:
        return fail(t("cli_say_off", reason=announcer.off_reason), 1)
    if not announcer.speak(item):
        return fail(t("cli_say_failed"), 1)
    return 0

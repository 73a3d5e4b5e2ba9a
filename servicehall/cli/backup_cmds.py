"""``servicehall backup`` and ``servicehall restore``: the database kept, and brought back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from servicehall.cli.common import add_json, bounded_int, console, fail, open_hall, print_json
from servicehall.i18n import t

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.text import Text


NAMES = ("backup", "restore")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("backup", help=t("help_backup"))
    p.add_argument("--to", metavar="DIR", help=t("help_backup_dir"))
    p.add_argument("--keep", type=bounded_int(1, 10_000), default=30, help=t("help_backup_keep"))
    add_json(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help=t("help_restore"))
    p.add_argument("file", help=t("help_restore_file"))
    p.add_argument("--yes", action="store_true", help=t("help_restore_yes"))
    p.add_argument("--check-only", action="store_true", help=t("help_restore_check"))
    add_json(p)
    p.set_defaults(func=cmd_restore)


def _working(text: str) -> Progress:
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn(text, markup=False),  # a folder name is text, never markup
        TimeElapsedColumn(),
        console=console(),
        transient=True,
    )


def cmd_backup(args: argparse.Namespace) -> int:
    from rich.text import Text

    from servicehall.backup import backup, default_dir

    hall = open_hall(args, create=False)
    folder = Path(args.to) if args.to else default_dir()
    with _working(t("cli_backing_up", folder=str(folder))) as progress:
        progress.add_task("backup", total=None)
        path = backup(hall.store, hall.code, folder, keep=args.keep)
    size = path.stat().st_size
    if args.json:
        print_json({"file": str(path), "bytes": size, "hall": hall.code})
    else:
        saved = t("cli_backup_file", path=str(path), mb=f"{size / 1e6:.1f}")
        console().print(Text.assemble((t("cli_backed_up"), "green"), saved))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from servicehall.backup import check, default_dir, restore

    hall = open_hall(args, create=False)
    path = Path(args.file)
    info = check(path, hall.code, hall.store.dialect)
    shown = info.as_dict()
    if args.check_only:
        if args.json:
            print_json({**shown, "ok": True})
        else:
            console().print(_described(info.as_dict(), t("cli_backup_checked")))
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            return fail(t("cli_restore_needs_yes"), 2)
        console().print(_described(shown, t("cli_restore_about")))
        answer = console().input(t("cli_restore_ask"))
        if answer.strip().lower() != "yes":
            return fail(t("cli_not_restored"), 3)
    with _working(t("cli_restoring")) as progress:
        progress.add_task("restore", total=None)
        restored, before = restore(hall.store, hall.code, path, safety_dir=default_dir())
    if args.json:
        print_json({**restored.as_dict(), "before": str(before), "ok": True})
    else:
        console().print(_described(restored.as_dict(), t("cli_restored")))
        console().print(t("cli_restore_saved_before", path=str(before)))
    return 0


def _described(info: dict[str, Any], verdict: str) -> Text:
    from rich.text import Text

    tickets = info["tickets"]
    parts = [t("cli_backup_halls", halls=info["halls"])]
    if tickets is not None:
        parts.append(t("cli_backup_tickets", tickets=tickets))
    if info["last_event"]:
        parts.append(t("cli_backup_last", at=str(info["last_event"])))
    said = t("cli_backup_about", file=str(info["file"]), about=t("cli_backup_sep").join(parts))
    return Text.assemble((verdict, "green"), said)

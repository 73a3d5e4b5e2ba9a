"""``servicehall backup`` and ``servicehall restore``: the database kept, and brought back."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from servicehall.cli.common import add_json, bounded_int, console, fail, open_hall, print_json

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.text import Text


NAMES = ("backup", "restore")
"""The commands this module registers."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup", help="备份数据库（运行中也可以；SQLite 在线备份，PostgreSQL 用 pg_dump）"
    )
    p.add_argument(
        "--to", metavar="DIR", help="备份到这个目录（默认数据目录下的 backups；可用 U 盘）"
    )
    p.add_argument(
        "--keep", type=bounded_int(1, 10_000), default=30, help="保留最近几份（默认 30）"
    )
    add_json(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复：先检查文件，再把当前数据另存一份，然后替换")
    p.add_argument("file", help="备份文件（servicehall backup 生成的 .db 或 .dump）")
    p.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    p.add_argument("--check-only", action="store_true", help="只检查文件，不恢复")
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
    with _working(f"正在备份到 {folder} …") as progress:
        progress.add_task("backup", total=None)
        path = backup(hall.store, hall.code, folder, keep=args.keep)
    size = path.stat().st_size
    if args.json:
        print_json({"file": str(path), "bytes": size, "hall": hall.code})
    else:
        console().print(Text.assemble(("已备份", "green"), f"：{path}（{size / 1e6:.1f} MB）"))
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
            console().print(_described(info.as_dict(), "检查通过"))
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            return fail("恢复会替换当前的数据库：确认无误后加 --yes 再运行", 2)
        console().print(_described(shown, "将要恢复"))
        answer = console().input("恢复会替换当前数据库（当前数据会先另存一份）。确定吗？输入 yes：")
        if answer.strip().lower() != "yes":
            return fail("没有恢复", 3)
    with _working("正在恢复 …") as progress:
        progress.add_task("restore", total=None)
        restored, before = restore(hall.store, hall.code, path, safety_dir=default_dir())
    if args.json:
        print_json({**restored.as_dict(), "before": str(before), "ok": True})
    else:
        console().print(_described(restored.as_dict(), "已恢复"))
        console().print(f"恢复前的数据库另存为：{before}")
    return 0


def _described(info: dict[str, Any], verdict: str) -> Text:
    from rich.text import Text

    tickets = info["tickets"]
    return Text.assemble(
        (verdict, "green"),
        f"：{info['file']}（大厅 {'、'.join(info['halls'])}"
        + (f"，{tickets} 张号票" if tickets is not None else "")
        + (f"，最后记录 {info['last_event']}" if info["last_event"] else "")
        + "）",
    )

"""Shared pieces of the command line: opening the hall, logging, output in Rich or JSON."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from logging.handlers import RotatingFileHandler
from typing import Any

from rich.console import Console
from rich.markup import escape

from servicehall.config import HallConfig, load_config
from servicehall.queue import Hall, data_dir

console = Console()
err_console = Console(stderr=True)


def setup_logging(verbose: bool = False, name: str = "servicehall") -> None:
    """Log detail for staff to a rotating file in the data directory."""
    root = logging.getLogger()
    if any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    try:
        handler: logging.Handler = RotatingFileHandler(
            data_dir() / f"{name}.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    if verbose:
        root.addHandler(logging.StreamHandler(sys.stderr))


def fail(message: str, code: int = 1) -> int:
    """Print one clear line for a person and return the exit code."""
    # escaped: messages name settings like "[sms] port", which Rich would take for markup
    err_console.print(f"[bold red]错误[/]：{escape(message)}", highlight=False, soft_wrap=True)
    return code


def config_of(args: argparse.Namespace) -> HallConfig:
    return load_config(args.config)


def open_hall(args: argparse.Namespace, **kwargs: Any) -> Hall:
    return Hall.open(config_of(args), db=args.db, **kwargs)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON（键名稳定，供脚本使用）")

"""Shared pieces of the command line: opening the hall, logging, output in Rich or JSON.

Importing this module costs next to nothing, and so does every command module's registration:
Rich, the config's pydantic models and the core (SQLAlchemy) are imported when a command first
uses them, so ``status --json`` never loads Rich and ``--help`` loads neither.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from servicehall.i18n import t

if TYPE_CHECKING:
    from rich.console import Console

    from servicehall.config import HallConfig
    from servicehall.queue import Hall
    from servicehall.settings import Settings


@cache
def console() -> Console:
    """Standard output as a Rich console. Markup is off: names, labels and messages from people
    and hall.toml are printed as they are ("[/]" is text, not a closing tag); styling is given
    with Text and style=."""
    from rich.console import Console

    return Console(markup=False, highlight=False)


@cache
def err_console() -> Console:
    """Standard error as a Rich console (markup off, as ``console``)."""
    from rich.console import Console

    return Console(stderr=True, markup=False, highlight=False)


LOG_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def setup_logging(verbose: bool = False, name: str = "servicehall") -> None:
    """Log detail for staff to a rotating file in the data directory, opened by the first
    record (``status``, ``take`` and ``call`` usually log nothing, and start without it)."""
    from servicehall.datadir import data_dir

    root = logging.getLogger()
    if any(getattr(h, "servicehall_log", False) for h in root.handlers):
        return
    root.setLevel(logging.INFO)
    root.addHandler(LogOnFirstRecord(lambda: data_dir() / f"{name}.log"))
    if verbose:
        root.addHandler(logging.StreamHandler(sys.stderr))


class LogOnFirstRecord(logging.Handler):
    """Stands in the root logger for the log file until the first record comes: then opens the
    file (``logfile.QuietFileHandler``, or standard error when it cannot be opened), puts it in
    its place and hands it the record."""

    servicehall_log = True

    def __init__(self, path: Callable[[], Path]) -> None:
        super().__init__()
        self.path = path

    def emit(self, record: logging.LogRecord) -> None:
        from servicehall.cli.logfile import QuietFileHandler

        handler: logging.Handler
        try:
            handler = QuietFileHandler(
                self.path(), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError:
            handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        root = logging.getLogger()
        root.removeHandler(self)
        root.addHandler(handler)
        handler.handle(record)


def fail(message: str, code: int = 1) -> int:
    """Print one clear line for a person and return the exit code."""
    from rich.text import Text

    err_console().print(
        Text.assemble((t("cli_error"), "bold red"), t("cli_colon"), message), soft_wrap=True
    )
    return code


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings ``cli.main`` read from the environment at start-up."""
    from servicehall.settings import Settings

    settings = getattr(args, "settings", None)
    return settings if isinstance(settings, Settings) else Settings.from_env()


def config_of(args: argparse.Namespace) -> HallConfig:
    """The hall's config; the command has now started (see ``cli.main``): collector back on."""
    from servicehall.config import load_config

    config = load_config(args.config or settings_of(args).config)
    gc.enable()
    return config


def open_hall(args: argparse.Namespace, **kwargs: Any) -> Hall:
    """The hall, with hours enforced as the settings say (a command may say otherwise)."""
    from servicehall.queue import Hall

    kwargs.setdefault("enforce_hours", settings_of(args).enforce_hours)
    return Hall.open(config_of(args), db=args.db, **kwargs)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, or a clear refusal."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(t("cli_bad_int", low=low, high=high, text=text))
        return value

    return parse


WINDOW = bounded_int(1, 999)
"""A window number (hall.toml allows 1-999)."""


class LazyChoices(Sequence[str]):
    """argparse ``choices`` read from the module that owns them only when argparse needs them
    (to check a value given, or to print help), so registering a command imports nothing.

    Give the option a ``metavar`` (argparse would otherwise list the choices while adding it)
    and ``%(choices)s`` in its help."""

    def __init__(self, load: Callable[[], Iterable[str]]) -> None:
        self._load = load

    @cache  # noqa: B019 (one per option, alive as long as the parser)
    def _values(self) -> tuple[str, ...]:
        return tuple(self._load())

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._values()[index]

    def __len__(self) -> int:
        return len(self._values())

    def __iter__(self) -> Iterator[str]:
        return iter(self._values())

    def __contains__(self, value: object) -> bool:
        return value in self._values()


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help=t("help_json"))

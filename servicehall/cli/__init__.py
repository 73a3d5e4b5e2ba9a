"""The ``servicehall`` command: one entry point, a subcommand per process and per scripting task.

Each command group lives in its own module, names its commands in ``NAMES`` and registers them
through ``register(subparsers)``; add a module to ``COMMAND_MODULES`` to add commands. A command
module imports only argparse and ``cli.common`` at its top: what a command needs (Rich, the config,
the core) it imports when it runs, so starting ``servicehall status --json`` loads neither Rich nor
any other command's dependencies, and ``main`` builds only the group of the command it was given.
The global options (``--config``, ``--db``, ``--lang``, ``-v``) are accepted before the command
and after it (``servicehall --db URL status`` and ``servicehall status --db URL`` are the same), at
every level of sub-commands.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import sys
from collections.abc import Sequence
from typing import NoReturn

from servicehall import __version__
from servicehall.cli import argwords
from servicehall.cli.common import fail, setup_logging
from servicehall.errors import ServiceHallError
from servicehall.i18n import set_language, t
from servicehall.launch import command_name
from servicehall.serve.lifeline import tie_to_parent
from servicehall.settings import Settings

COMMAND_MODULES = (
    "servicehall.cli.core_cmds",
    "servicehall.cli.report_cmds",
    "servicehall.cli.clerk_cmds",
    "servicehall.cli.print_cmds",
    "servicehall.cli.display_cmds",
    "servicehall.cli.kiosk_cmds",
    "servicehall.cli.db_cmds",
    "servicehall.cli.backup_cmds",
    "servicehall.cli.serve_cmds",
    "servicehall.cli.doctor_cmds",
    "servicehall.cli.demo_cmds",
    "servicehall.cli.sms_cmds",
    "servicehall.cli.cases_cmds",
    "servicehall.cli.agent_cmds",
)

log = logging.getLogger("servicehall")


class HallParser(argparse.ArgumentParser):
    """Bad arguments are one line for a person (and exit code 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(fail(t("cli_bad_args", prog=self.prog, message=message), 2))


def add_global_options(parser: argparse.ArgumentParser, default: object = None) -> None:
    """``--config``, ``--db``, ``--lang`` and ``-v``; a sub-command's copy has ``default``
    ``SUPPRESS``, so it sets the value only when given there."""
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=default,
        help=t("help_config"),
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help=t("help_db"),
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=default,
        help=t("help_lang"),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=False if default is None else default,
        help=t("help_verbose"),
    )


def _accept_global_options_after(parser: argparse.ArgumentParser) -> None:
    """Give every sub-command (and theirs, all the way down) the global options."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in {id(p): p for p in action.choices.values()}.values():
                add_global_options(command, default=argparse.SUPPRESS)
                _accept_global_options_after(command)


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    argwords.install()  # argparse's own words (usage:, options, its errors) from the catalogue
    parser = HallParser(
        prog="servicehall",
        description=t("help_servicehall"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"servicehall {__version__}",
        help=t("argparse_version"),
    )
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    _accept_global_options_after(parser)
    return parser


def language_given(argv: Sequence[str]) -> str | None:
    """The language ``--lang`` names on a command line (its last one, as argparse takes it),
    read before the parser is built so that the parser's help is in that language."""
    given = None
    words = iter(argv)
    for word in words:
        if word == "--lang":
            given = next(words, None)
        elif word.startswith("--lang="):
            given = word.removeprefix("--lang=")
    return given


def modules_for(argv: Sequence[str], modules: Sequence[str] = COMMAND_MODULES) -> Sequence[str]:
    """The command group that owns the command in ``argv`` (registering all of them costs more
    than the command's own work); all groups when it names none or one no group has."""
    name = command_name(argv)
    for module in modules:
        if name in importlib.import_module(module).NAMES:
            return (module,)
    return modules


def main(argv: Sequence[str] | None = None, modules: Sequence[str] = COMMAND_MODULES) -> int:
    """Run one command; ``modules`` narrows the command groups loaded (a faster kiosk start).

    The garbage collector is off while the command starts: the hundreds of modules it imports
    make objects that are not garbage, and the collector walked them again and again (about a
    sixth of ``status --json``'s CPU time). ``cli.common.config_of`` turns it back on once the
    command has its hall's config, before any long-running work; so does the end of ``main``.
    """
    gc.disable()
    try:
        return _run(argv, modules)
    finally:
        gc.enable()


def _run(argv: Sequence[str] | None, modules: Sequence[str]) -> int:
    tie_to_parent()
    argv = sys.argv[1:] if argv is None else list(argv)
    settings = Settings.from_env()
    set_language(language_given(argv) or settings.lang)  # before the parser: its help is words
    parser = build_parser(modules_for(argv, modules))
    args = parser.parse_args(argv)
    args.settings = settings
    set_language(args.lang or settings.lang)  # as parsed (argparse also takes "--lan en")
    setup_logging(verbose=args.verbose)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except ServiceHallError as exc:
        log.info("refused: %s", exc.message, exc_info=True)
        return fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

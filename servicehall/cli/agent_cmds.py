"""``servicehall agent``: keep the command line loaded so short commands start at once
(``servicehall.cli.agent``; the console script's side is ``servicehall.launch``)."""

from __future__ import annotations

import argparse

from servicehall.cli.common import console, fail
from servicehall.i18n import t

NAMES = ("agent",)
"""The commands this module registers."""

SOCKET_PATH_MAX = 107
"""Linux's limit on a Unix socket's path (``sun_path``, 108 bytes with its final NUL)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("agent", help=t("help_agent"), description=t("help_agent_description"))
    p.set_defaults(func=cmd_agent)


def cmd_agent(args: argparse.Namespace) -> int:
    from servicehall.cli.agent import AgentRunning, serve
    from servicehall.datadir import data_dir
    from servicehall.launch import QUICK_COMMANDS, socket_path

    data_dir()  # made if it is not there yet
    path = socket_path()
    if len(str(path).encode()) > SOCKET_PATH_MAX:
        return fail(t("agent_path_too_long", path=str(path)), 2)

    def ready() -> None:
        console().print(
            t("agent_ready", path=str(path), commands=" ".join(QUICK_COMMANDS)), soft_wrap=True
        )

    try:
        return serve(path, ready)
    except AgentRunning:
        return fail(t("agent_running", path=str(path)), 1)

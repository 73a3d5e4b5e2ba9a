"""The ``servicehall`` console script: a short command goes to the resident agent when one runs.

Starting Python and importing what a command needs (SQLAlchemy, the config's models, the core)
takes most of half a second on a hall PC, while ``take``, ``call`` or ``status`` themselves take a
few hundredths. ``servicehall agent`` (``servicehall.cli.agent``) keeps those modules loaded and
runs each command in a fork of itself. This module is the other end: it imports only the standard
library and ``servicehall.datadir``, and for a command in ``QUICK_COMMANDS`` it hands the agent of
this data directory the command line, the working directory, the environment, the umask and its own
standard input, output and error (the fork writes to the terminal or pipe directly), then exits
with the command's exit code. With no agent listening — or one that answers that its code has
changed since it started — the command runs here, as it always did; nothing depends on the agent.

``command_name`` is shared with the command line's parser (it decides which command group to load).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import BinaryIO

from servicehall.datadir import home

QUICK_COMMANDS = ("take", "call", "window", "leader", "status", "cases")
"""Short commands of scripts and keypads, run by the agent when one listens. The screens, the
servers and the long jobs (backups, reports to files, demos) always run in their own process."""

SOCKET_NAME = "agent.sock"
HEADER = struct.Struct("!I")
"""A request: the length of its JSON body, then the body."""

GO = b"go\n"
"""This side's word that the fork may run the command, sent with the standard input, output and
error (without it the fork ends, running nothing)."""
READY_S = 5.0
"""How long an agent may take to say its fork is ready before the command runs here instead."""

_GLOBAL_VALUES = ("--config", "--db", "--lang")
"""Global options followed by a value (skipped when looking for the command's name)."""


def command_name(argv: Sequence[str]) -> str | None:
    """The command a command line names: its first word that is neither an option nor a global
    option's value (None for ``--help``, ``--version`` or nothing)."""
    words = iter(argv)
    for word in words:
        if word in _GLOBAL_VALUES:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def socket_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Where this data directory's agent listens."""
    return home(environ) / SOCKET_NAME


class AgentLost(Exception):
    """The agent took the command but ended before saying how it ended."""


def through_agent(argv: Sequence[str]) -> int | None:
    """Run ``argv`` in the agent: its exit code, or None when no agent took it (nothing ran).

    The fork says it is ready and waits for this side's go, which carries the three streams: an
    agent that does not answer within ``READY_S`` (stopped, swamped) is left, and the command
    runs here; should its fork come later, it finds the connection closed and ends without
    running anything, so a ticket is never taken twice; and as the streams were never sent, a
    caller reading this command's output is not kept waiting by an agent that holds them."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(READY_S)
        sock.connect(str(socket_path()))
        umask = os.umask(0o022)
        os.umask(umask)
        request = {"argv": list(argv), "cwd": os.getcwd(), "env": dict(os.environ), "umask": umask}
        data = json.dumps(request).encode()
        sock.sendall(HEADER.pack(len(data)) + data)
        replies = sock.makefile("rb")
        first = _reply(replies)
        if first is None or "pid" not in first:
            sock.close()
            return None  # refused (its code changed) or gone before it began: nothing ran
        sock.settimeout(None)
        _forward_signals(first["pid"])
        socket.send_fds(sock, [GO], [0, 1, 2])
    except OSError:  # no agent, or none that answered in time (a timeout is an OSError)
        sock.close()
        return None
    with sock:
        last = _reply(replies)
        if last is None or "exit" not in last:
            raise AgentLost
        return last["exit"]


def _reply(replies: BinaryIO) -> dict[str, int] | None:
    """The agent's next line: ``{"pid": …}`` when the command starts, ``{"exit": …}`` when it
    ends, ``{"refused": …}`` instead of the first (None: the connection ended)."""
    line = replies.readline()
    if not line:
        return None
    try:
        reply = json.loads(line)
    except ValueError:
        return None
    if not isinstance(reply, dict):
        return None
    return {key: value for key, value in reply.items() if isinstance(value, int)}


def _forward_signals(pid: int) -> None:
    """Ctrl-C reaches this process (the terminal's); the command runs in the agent's fork."""

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, forward)


def main() -> int:
    argv = sys.argv[1:]
    if command_name(argv) in QUICK_COMMANDS:
        try:
            code = through_agent(argv)
        except KeyboardInterrupt:  # before the fork began: nothing ran
            return 130
        except AgentLost:
            from servicehall.cli import language_given
            from servicehall.cli.common import fail
            from servicehall.i18n import set_language, t
            from servicehall.settings import Settings

            set_language(language_given(argv) or Settings.from_env().lang)
            return fail(t("agent_lost"), 1)
        if code is not None:
            return code
    from servicehall.cli import main as run_here

    return run_here(argv)

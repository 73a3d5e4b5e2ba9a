"""Notice that a screen app's terminal hung up: its window closed, its tmux session was killed.

Linux sends SIGHUP only to the terminal's session leader. A screen app started under another
process — ``make run``, a shell script, a launcher that ignores SIGHUP — is never told: its
terminal reads as ended forever, and Textual's input thread, which reads it in a loop, then
spins on a whole core with nobody left to see the screen. The kernel still knows: ``poll``
reports POLLHUP on a terminal that hung up. ``HallApp`` asks twice a second and ends the app.
An app that is the session leader (the xterm's child) gets the SIGHUP itself; ``catch_sighup``
turns it into the same orderly end, logged, where it used to die without a word in the log.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import sys
from collections.abc import Callable

HUNG_UP_EXIT = 129
"""The exit code of an app whose terminal hung up: 128 + SIGHUP, as a shell reports a process
ended by the hang-up itself."""

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def terminal_fd() -> int | None:
    """The terminal the app reads its keys from (Textual reads the process's first standard
    input), or None when that is no terminal (a pipe, a browser tab's server, a test)."""
    stream = sys.__stdin__
    if stream is None:
        return None
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return None
    return fd if os.isatty(fd) else None


def terminal_gone(fd: int) -> bool:
    """Whether the terminal on ``fd`` is gone (answers at once)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return any(events & _GONE for _fd, events in poller.poll(0))


def catch_sighup(callback: Callable[[], None]) -> Callable[[], None] | None:
    """Call ``callback`` on the running event loop when SIGHUP comes; returns how to stop
    catching it, or None where it cannot be caught (not the main thread, no SIGHUP)."""
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None:
        return None
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(hangup, callback)
    except (ValueError, RuntimeError, NotImplementedError):
        return None

    def release() -> None:
        loop.remove_signal_handler(hangup)

    return release

"""Notice that a screen app's terminal hung up: its window closed, its tmux session was killed.

Linux sends SIGHUP only to the terminal's session leader. A screen app started under another
process — ``make run``, a shell script, a launcher that ignores SIGHUP — is never told: its
terminal reads as ended forever, and Textual's input thread, which reads it in a loop, then
spins on a whole core with nobody left to see the screen. The kernel still knows: ``poll``
reports POLLHUP on a terminal that hung up. ``HallApp`` asks twice a second and ends the app.
An app that is the session leader (the xterm's child) gets the SIGHUP itself; ``catch_sighup``
turns it into the same orderly end, logged, where it used to die without a word in the log.

The kernel sends that leader a SIGCONT with the SIGHUP. Textual takes SIGCONT for the end of a
Ctrl+Z and starts its terminal output again: on a terminal that hung up, a second output thread
that dies on its first write, whose queue then fills (30 writes) and holds the app's end forever.
A clerk console was found so, 37 minutes after its xterm had closed. ``guard_sigcont`` passes
SIGCONT on to Textual only while the terminal is there. The one output thread can die the same
way on its first write after the hang-up, if 30 writes come before the app's end reaches it; so
``end_anyway_after`` also ends the process, logged, if the orderly end has not within a grace.
"""

from __future__ import annotations

import asyncio
import logging
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType

log = logging.getLogger(__name__)

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


def guard_sigcont(fd: int) -> Callable[[], None] | None:
    """From now on SIGCONT reaches the handler in place (Textual's) only while the terminal on
    ``fd`` is there; returns how to put that handler back, or None where there is no SIGCONT
    or no Python handler for it."""
    cont = getattr(signal, "SIGCONT", None)
    if cont is None:
        return None
    previous = signal.getsignal(cont)
    if not callable(previous):
        return None
    handler: Callable[[int, FrameType | None], object] = previous  # narrowed for the closure

    def on_continue(signum: int, frame: FrameType | None) -> None:
        if not terminal_gone(fd):
            handler(signum, frame)

    try:
        signal.signal(cont, on_continue)
    except ValueError:  # not the main thread
        return None

    def release() -> None:
        signal.signal(cont, previous)

    return release


def end_anyway_after(seconds: float) -> None:
    """Start a watchman that ends the process with ``HUNG_UP_EXIT`` if it still runs
    ``seconds`` from now (an app's orderly end after a hang-up takes well under a second)."""

    def watch() -> None:
        time.sleep(seconds)
        log.error("the app had not ended %.0f s after its terminal hung up; ending it", seconds)
        for handler in logging.getLogger().handlers:
            handler.flush()
        os._exit(HUNG_UP_EXIT)

    threading.Thread(target=watch, name="hang-up watchman", daemon=True).start()

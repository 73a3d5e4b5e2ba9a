"""End a served app when the server that started it is gone.

textual-serve starts one app process per browser tab. If the server is killed outside systemd
(whose cgroup would take the children along), a tab's app would live on with nobody to talk to.
The server marks its children with ``SERVICEHALL_SERVED=1``; such a child asks Linux to send it
SIGTERM when its parent dies (``PR_SET_PDEATHSIG``), and checks once that the parent is still there.
"""

from __future__ import annotations

import os
import signal
import sys

ENV = "SERVICEHALL_SERVED"
_PR_SET_PDEATHSIG = 1


def mark_children() -> None:
    """Called in the server: every app process it starts from now on carries the mark."""
    os.environ[ENV] = "1"


def served() -> bool:
    """Whether this process is a browser tab's app, started by ``servicehall serve``."""
    return os.environ.get(ENV) == "1"


def tie_to_parent() -> None:
    """Called at the start of a served app: exit with the server."""
    if not served() or not sys.platform.startswith("linux"):
        return
    import ctypes  # only a served app needs it (a command starts without it)

    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent or parent == 1:  # the server died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)

"""``servicehall agent``: the command line's modules kept loaded, each short command run in a fork.

A hall's scripts and keypads run ``servicehall take``, ``call`` and ``status`` many times a day;
each new process spends most of its half second importing SQLAlchemy, the config's models and the
core. The agent imports them once, listens on a Unix socket in the data directory (mode 0600, and
only this user's processes are answered), and for each request of the console script
(``servicehall.launch``) forks: the fork takes the caller's standard input, output and error,
working directory, umask, environment and command line, runs the command as ``servicehall.cli.main``
would in a process of its own, and reports its exit code. The agent itself opens no database and
reads no config: every command reads them afresh in its fork, so a changed hall.toml or a restored
database is seen at once.

When any module it loaded has changed on disk (an upgrade), the agent refuses the next request (the
caller then runs the command itself) and exits; its unit starts it again with the new code.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import json
import logging
import os
import re
import shlex
import signal
import socket
import struct
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from servicehall.launch import GO, HEADER

log = logging.getLogger(__name__)

PRELOAD = (
    "servicehall.cli.core_cmds",
    "servicehall.cli.cases_cmds",
    "servicehall.cli.print_cmds",
    "servicehall.queue",
    "servicehall.queue.estimate",
    "servicehall.queue.waitreader",
    "servicehall.config",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "rich.console",
    "rich.table",
    "importlib.resources.readers",
)
"""What the quick commands import when they run (``servicehall.launch.QUICK_COMMANDS``)."""
PRELOAD_IF_INSTALLED = ("sqlalchemy.dialects.postgresql.psycopg",)
"""PostgreSQL's driver, for a hall whose database is PostgreSQL."""
PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")
MAX_REQUEST = 1 << 20
"""A request longer than this is not a command line and an environment."""


@dataclass(frozen=True)
class Request:
    argv: list[str]
    cwd: str
    env: dict[str, str]
    umask: int


class AgentRunning(Exception):
    """Another agent already listens on this data directory's socket."""


def preload() -> None:
    for name in PRELOAD:
        importlib.import_module(name)
    for name in PRELOAD_IF_INSTALLED:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def code_files() -> dict[str, int]:
    """Every loaded module's file and its modification time (ns; -1 when it is gone)."""
    return {path: _mtime(path) for path in _module_files()}


def _module_files() -> Iterator[str]:
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if isinstance(path, str):
            yield path


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return -1


def code_changed(files: dict[str, int]) -> bool:
    return any(_mtime(path) != mtime for path, mtime in files.items())


def listen(path: Path) -> socket.socket:
    """Bind the socket (0600), taking over a stale file a dead agent left behind."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with probe:
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink(missing_ok=True)
        else:
            raise AgentRunning
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_mask = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old_mask)
    listener.listen(16)
    return listener


def serve(path: Path, ready: Callable[[], None] = lambda: None) -> int:
    """Answer requests until stopped (SIGTERM or SIGINT: exit 0) or the code changes."""
    preload()
    files = code_files()
    listener = listen(path)
    identity = os.stat(path).st_ino
    previous = signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the forks are reaped by the kernel
    gc.collect()
    gc.freeze()  # the forks share these pages instead of copying them as the collector walks
    ready()
    try:
        while True:
            conn, _ = listener.accept()
            with conn:
                request = receive(conn)
                if request is None:
                    continue
                if code_changed(files):
                    _send(conn, refused="code changed")
                    log.info("agent: code changed on disk, exiting")
                    return 0
                try:
                    pid = os.fork()
                except OSError:  # no process to be had: the caller runs the command itself
                    continue
                if pid == 0:
                    run_in_fork(listener, conn, request)
                log.info("agent: fork %d runs %s", pid, without_passwords(request.argv))
    except KeyboardInterrupt:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        listener.close()
        with contextlib.suppress(OSError):
            if os.stat(path).st_ino == identity:
                path.unlink()


def without_passwords(argv: list[str]) -> str:
    """The command line for the log, a database URL's password (``--db``) shown as ***."""
    return PASSWORD_IN_URL.sub(r"\1***@", shlex.join(argv))


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def receive(conn: socket.socket) -> Request | None:
    """The caller's request, or None (another user, a malformed or incomplete request)."""
    conn.settimeout(5)
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        if struct.unpack("3i", creds)[1] != os.getuid():
            return None
        (length,) = HEADER.unpack(_read(conn, HEADER.size))
        if length > MAX_REQUEST:
            return None
        data = json.loads(_read(conn, length))
        request = Request(
            argv=[str(word) for word in data["argv"]],
            cwd=str(data["cwd"]),
            env={str(key): str(value) for key, value in data["env"].items()},
            umask=int(data["umask"]) & 0o777,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, struct.error):
        return None
    conn.settimeout(None)
    return request


def streams_with_go(conn: socket.socket) -> list[int] | None:
    """The caller's standard input, output and error, sent with its go; None when the caller
    left instead (it gave up waiting and runs the command itself)."""
    fds: list[int] = []
    try:
        word, fds, _flags, _addr = socket.recv_fds(conn, len(GO), 3)
    except OSError:
        return None
    if word == GO and len(fds) == 3:
        return fds
    _close(fds)
    return None


def _read(conn: socket.socket, length: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < length:
        chunk = conn.recv(length - len(chunks))
        if not chunk:
            raise ValueError("request cut short")
        chunks += chunk
    return bytes(chunks)


def run_in_fork(listener: socket.socket, conn: socket.socket, request: Request) -> NoReturn:
    """In the fork: become the caller's command, run it, report its exit code, and end."""
    code = 1
    try:
        listener.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            _send(conn, pid=os.getpid())
        except OSError:
            os._exit(0)  # the caller has gone (it gave up waiting): nothing ran
        fds = streams_with_go(conn)
        if fds is None:
            os._exit(0)  # nothing ran
        _take_streams(fds, request.env)
        os.chdir(request.cwd)
        os.umask(request.umask)
        os.environ.clear()
        os.environ.update(request.env)
        time.tzset()
        _forget_agent_state()
        sys.argv = ["servicehall", *request.argv]
        from servicehall.cli import main

        code = main(request.argv)
    except SystemExit as exc:
        code = _exit_code(exc)
    except KeyboardInterrupt:
        code = 130
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        with contextlib.suppress(OSError):
            _send(conn, exit=code)
        os._exit(code)


def _take_streams(fds: list[int], env: dict[str, str]) -> None:
    """The caller's descriptors become 0, 1 and 2, with new text streams over them (line
    buffered on a terminal, as Python's own)."""
    encoding = env.get("PYTHONIOENCODING", "").split(":")[0] or "utf-8"
    for target, fd in enumerate(fds):
        if fd != target:
            os.dup2(fd, target)
            os.close(fd)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding=encoding)
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding=encoding, line_buffering=os.isatty(1)
    )
    sys.stderr = io.TextIOWrapper(
        io.FileIO(2, "w", closefd=False),
        encoding=encoding,
        errors="backslashreplace",
        line_buffering=True,
    )


def _forget_agent_state() -> None:
    """The agent's own logging handlers and consoles (made for the agent's standard error) are
    not the command's: it sets up its own."""
    from servicehall.cli.common import console, err_console

    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console.cache_clear()
    err_console.cache_clear()


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _send(conn: socket.socket, **reply: int | str) -> None:
    conn.sendall(json.dumps(reply).encode() + b"\n")


def _close(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)

"""Worker processes for the tests, forked from an interpreter that has already imported them.

A new Python process spends most of a second of CPU importing servicehall, SQLAlchemy and psycopg
before it does anything. ``context()`` is the multiprocessing "forkserver" context: the first
process started from it starts one server per test process, which imports ``PRELOAD`` once; every
worker after that is a fork of the server, with those modules in place and nothing connected
(each worker opens its own database connections). ``stop_server`` ends it with the test
process (conftest's ``pytest_sessionfinish``) and waits for it, so its CPU and its workers' is
counted with the test process's children (``time make test`` sees it) and it outlives no run.

``Workers`` starts functions in such processes for one test, passes each the sending end of a
pipe for what it reports, and kills any still running when the test ends. A worker is started
with the test's environment, as a command would be; if its function raises, the traceback comes
back through the pipe and ``Worker.receive`` fails the test with it.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.forkserver
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from typing import Any

PRELOAD = [
    "servicehall.config",
    "servicehall.queue",
    "sqlalchemy.dialects.postgresql",
    "psycopg",
    "support.queue_worker",
    "support.schema_worker",
]
"""What the workers import; a name that does not import is skipped (multiprocessing's rule)."""

RECEIVE_S = 120.0
"""How long a test waits for a worker's next message (2000 issues on a loaded machine)."""


@functools.cache
def context() -> ForkServerContext:
    """The forkserver context, its server to import ``PRELOAD`` when it starts."""
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(PRELOAD)
    return forkserver


def stop_server() -> None:
    """Stop this test process's server, if it started one, and wait for it to end. A worker
    still running at this point is killed first: it holds the server's lifeline open."""
    for child in multiprocessing.active_children():
        child.kill()
        child.join()
    # private, the one way multiprocessing has (its own tests use it); does nothing unstarted
    multiprocessing.forkserver._forkserver._stop()  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Failure:
    """A worker's function raised: its traceback."""

    traceback: str


def _run(
    environ: dict[str, str], out: Connection, target: Callable[..., None], args: tuple[Any, ...]
) -> None:
    """In the worker: take the test's environment, run ``target(out, *args)``, report a raise."""
    os.environ.clear()
    os.environ.update(environ)
    try:
        target(out, *args)
    except BaseException:
        out.send(Failure(traceback.format_exc()))
        raise


@dataclass(frozen=True)
class Worker:
    """A started worker process and the receiving end of its pipe."""

    process: BaseProcess
    messages: Connection

    def receive(self, timeout: float = RECEIVE_S) -> Any:
        """The worker's next message; fails if it raised, ended or kept silent ``timeout`` s."""
        if not self.messages.poll(timeout):
            raise AssertionError(f"worker {self.process.pid} sent nothing in {timeout:.0f} s")
        try:
            message = self.messages.recv()
        except EOFError:
            self.process.join(timeout)
            raise AssertionError(
                f"worker {self.process.pid} ended (exit code {self.process.exitcode}) "
                "without sending"
            ) from None
        if isinstance(message, Failure):
            raise AssertionError(f"worker {self.process.pid} raised:\n{message.traceback}")
        return message

    def join(self, timeout: float = RECEIVE_S) -> int | None:
        """Wait for the process to end; its exit code (None if it is still running)."""
        self.process.join(timeout)
        return self.process.exitcode


class Workers:
    """The worker processes one test started."""

    def __init__(self) -> None:
        self.started: list[Worker] = []

    def start(self, target: Callable[..., None], *args: Any) -> Worker:
        """Run ``target(out, *args)`` in a new worker; ``out`` sends to ``Worker.receive``."""
        messages, out = context().Pipe(duplex=False)
        process = context().Process(
            target=_run, args=(dict(os.environ), out, target, args), daemon=True
        )
        process.start()
        out.close()  # the worker holds the only sending end: its end is the pipe's end
        worker = Worker(process, messages)
        self.started.append(worker)
        return worker

    def stop(self) -> None:
        """Kill the workers still running and wait for every one."""
        for worker in self.started:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self.started:
            worker.process.join()
            worker.process.close()
            worker.messages.close()

"""One writer at a time on an SQLite file, queued by the OS instead of SQLite's busy handler.

SQLite's busy handler sleeps 1, 2, 5, 10, 15 … ms between retries, so under contention writers
spend most of their time asleep. An exclusive ``flock`` on a sidecar ``<db>.lock`` file (plus a
thread lock, since flock does not separate threads sharing one descriptor) hands the file to the
next writer the moment the last one commits: a free lock is taken at once, and a writer that has
to wait blocks in the kernel, which wakes it on release (polling with sleeps left the lock idle
40 % of the time with four kiosks on two cores). The OS drops the lock when a process dies, even
by SIGKILL. Where ``fcntl`` is missing (Windows), SQLite's own locking still keeps writes correct.

A blocking ``flock`` has no time-out, so the wait runs on a helper thread (one per lock, started
at the first wait) and the writer gives up after the busy time-out: a hung writer elsewhere must
not freeze a kiosk. A wait given up on keeps this process's thread lock until its ``flock``
returns and is undone, so no other thread here can be handed a lock that is about to be dropped.
"""

from __future__ import annotations

import enum
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)


class WriteLockTimeout(Exception):
    """Another writer held the lock longer than the busy time-out."""


class WriteLock:
    def __init__(self, database: str, timeout_s: float) -> None:
        self.path = f"{database}.lock"
        self.timeout_s = timeout_s
        self._thread_lock = threading.Lock()
        self._fd: int | None = None
        self._waiter: _KernelWaiter | None = None

    def _descriptor(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        return self._fd

    def __enter__(self) -> WriteLock:
        self._acquire(self.timeout_s)
        return self

    @contextmanager
    def waiting(self, timeout_s: float) -> Iterator[WriteLock]:
        """The lock, waited for up to ``timeout_s`` instead of the usual time-out."""
        self._acquire(timeout_s)
        try:
            yield self
        finally:
            self.__exit__(None, None, None)

    def _acquire(self, timeout_s: float) -> None:
        if not self._thread_lock.acquire(timeout=timeout_s):
            raise WriteLockTimeout(self.path)
        if fcntl is None:
            return
        try:
            fd = self._descriptor()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if self._waiter is None:
                    self._waiter = _KernelWaiter(fd, self._thread_lock)
        except BaseException:
            self._thread_lock.release()
            raise
        outcome = self._waiter.take(timeout_s)
        if outcome is _Outcome.TAKEN:
            return
        if outcome is _Outcome.FAILED:
            self._thread_lock.release()
        # when ABANDONED, the waiter releases the thread lock once its flock returns
        raise WriteLockTimeout(self.path)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if fcntl is not None and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def close(self) -> None:
        if self._waiter is not None:
            self._waiter.stop()
            self._waiter = None
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class _Outcome(enum.Enum):
    TAKEN = "taken"
    FAILED = "failed"
    ABANDONED = "abandoned"


class _KernelWaiter:
    """A helper thread that blocks in ``flock`` for the writers of this process, one at a time.

    It works on a duplicate of the descriptor (the same open file, so the same lock): closing the
    writer's descriptor meanwhile cannot make it unlock some other file.
    """

    def __init__(self, fd: int, thread_lock: threading.Lock) -> None:
        self._fd = os.dup(fd)
        self._thread_lock = thread_lock
        self._changed = threading.Condition()
        self._wanted = False
        self._stopping = False
        self._outcome: _Outcome | None = None
        threading.Thread(target=self._serve, name="servicehall-write-lock", daemon=True).start()

    def take(self, timeout_s: float) -> _Outcome:
        """Take the lock within ``timeout_s``, or abandon the wait (the caller holds the thread
        lock, so there is one wait at a time)."""
        with self._changed:
            self._outcome = None
            self._wanted = True
            self._changed.notify_all()
            try:
                self._changed.wait_for(lambda: self._outcome is not None, timeout_s)
            finally:  # also when interrupted: the thread then undoes its flock
                if self._outcome is None:
                    self._outcome = _Outcome.ABANDONED
            return self._outcome

    def stop(self) -> None:
        with self._changed:
            self._stopping = True
            self._changed.notify_all()

    def _serve(self) -> None:
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._wanted or self._stopping)
                    if self._stopping and not self._wanted:
                        return
                    self._wanted = False
                self._take_once()
        finally:
            os.close(self._fd)

    def _take_once(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            taken = True
        except OSError:
            log.exception("waiting for the write lock failed")
            taken = False
        with self._changed:
            if self._outcome is _Outcome.ABANDONED:
                if taken:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                self._thread_lock.release()
            else:
                self._outcome = _Outcome.TAKEN if taken else _Outcome.FAILED
                self._changed.notify_all()

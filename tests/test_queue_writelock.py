"""The SQLite writers' file lock: handed on when released, given up on after the busy time-out
(a writer never hangs)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from servicehall.queue import Hall, StoreError
from servicehall.queue.writelock import WriteLock, WriteLockTimeout

from support.waiting import DEADLINE_S, finishes

pytest.importorskip("fcntl")

HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def test_a_waiting_writer_gets_the_lock_when_it_is_released(tmp_path: Path) -> None:
    holder = WriteLock(str(tmp_path / "hall.db"), timeout_s=5)
    waiter = WriteLock(str(tmp_path / "hall.db"), timeout_s=5)
    taken = threading.Event()

    def wait_then_take() -> None:
        with waiter:
            taken.set()

    with holder:
        thread = threading.Thread(target=wait_then_take)
        thread.start()
        assert not taken.wait(0.3)  # blocked while the lock is held
    assert taken.wait(DEADLINE_S)
    thread.join()
    holder.close()
    waiter.close()


def test_a_writer_gives_up_after_the_time_out_and_recovers(tmp_path: Path) -> None:
    holder = WriteLock(str(tmp_path / "hall.db"), timeout_s=5)
    impatient = WriteLock(str(tmp_path / "hall.db"), timeout_s=0.2)
    with holder:
        with pytest.raises(WriteLockTimeout):  # gives up by itself, the holder never lets go
            finishes(impatient.__enter__, what="the impatient writer")
        with pytest.raises(WriteLockTimeout):  # still held: a second try fails the same way
            impatient.__enter__()
    with impatient:  # once released, the abandoned wait lets go and the writer gets in
        pass
    holder.close()
    impatient.close()


def test_a_hung_writer_elsewhere_makes_writes_fail_clearly_not_hang(
    config, db_url: str, clock, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from servicehall.queue import store as store_module

    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    hall = Hall.open(config, db=db_url, clock=clock)
    lock_file = db_url.removeprefix("sqlite:///") + ".lock"
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD, lock_file],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "held"
        with pytest.raises(StoreError) as error:
            finishes(lambda: hall.issue("A", matter="dibao"), what="the write")
        assert "数据库繁忙" in error.value.message
    finally:
        other.communicate("\n", timeout=10)
    assert hall.issue("A", matter="dibao").label == "A001"  # nothing was half-written
    hall.close()

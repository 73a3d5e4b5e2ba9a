"""A damaged, changed, full or missing store gets one clear line and the right exit code, never a
traceback; nothing already stored is lost.

The commands run in-process (``support.cli``); a damaged database's ``take`` and the full log
disk's commands run as processes of their own, so that what the shell sees up to the process's
exit (a log file flushed at exit, atexit handlers) is checked too."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, func, select, text

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError, UnknownInput
from servicehall.queue.statements import COUNTERS, EVENTS, TICKETS

from support.cli import CliResult, CliRun

ROOT = Path(__file__).parent.parent


def _cli(cli: CliRun, db: str, *args: str) -> CliResult:
    """``servicehall --db DB ARGS`` in this process, at any hour."""
    return cli("--db", db, *args, env={"SERVICEHALL_IGNORE_HOURS": "1"})


def _process(tmp_path: Path, db: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The same as a process of its own, as the user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "servicehall", "--db", db, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "SERVICEHALL_IGNORE_HOURS": "1", **env},
        timeout=60,
    )


def _one_line(result: CliResult | subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


@pytest.mark.slow
def test_random_bytes_instead_of_a_database(tmp_path: Path, cli: CliRun) -> None:
    db_file = tmp_path / "hall.db"
    db_file.write_bytes(os.urandom(64 * 1024))
    db = f"sqlite:///{db_file}"
    for args in (("init",), ("status",)):
        _one_line(_cli(cli, db, *args), 5, "已损坏", "restore")
    # as the shell sees it, to the process's exit: one line, never a traceback
    _one_line(_process(tmp_path, db, "take", "A"), 5, "已损坏", "restore")


def test_two_overwritten_pages(
    tmp_path: Path, cli: CliRun, config: HallConfig, clock: FixedClock
) -> None:
    db_file = tmp_path / "hall.db"
    hall = Hall.open(config, db=f"sqlite:///{db_file}", clock=clock)
    for _ in range(300):
        hall.issue("A", matter="dibao")
    root = hall.store.read(
        lambda conn: conn.exec_driver_sql(
            "SELECT rootpage FROM sqlite_master WHERE name = 'tickets'"
        ).scalar_one()
    )
    hall.store.read(lambda conn: conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").all())
    hall.close()
    with db_file.open("r+b") as f:  # the tickets table's root page and the one after it
        for page in (root, root + 1):
            f.seek((page - 1) * 4096)
            f.write(os.urandom(4096))
    for args in (("take", "A"), ("call", "next", "--window", "1")):
        _one_line(_cli(cli, f"sqlite:///{db_file}", *args), 5, "已损坏", "restore")


def test_a_renamed_column_is_reported_by_init_and_take(tmp_path: Path, cli: CliRun) -> None:
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    assert _cli(cli, db, "init").returncode == 0
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE tickets RENAME COLUMN matter TO matter_old"))
    engine.dispose()
    _one_line(_cli(cli, db, "init"), 5, "tickets", "matter")
    _one_line(_cli(cli, db, "take", "A"), 5, "tickets", "matter")


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite://", "sqlite:///:memory:"])
def test_a_database_url_without_a_file(cli: CliRun, url: str) -> None:
    _one_line(_cli(cli, url, "status"), 2, "sqlite:///")
    with pytest.raises(UnknownInput):
        Hall.open(None, db=url)


def test_a_full_database_refuses_cleanly_and_keeps_everything(
    tmp_path: Path, config: HallConfig, clock: FixedClock
) -> None:
    """SQLite's own size limit gives the very error (SQLITE_FULL) a full disk gives."""
    hall = Hall.open(config, db=f"sqlite:///{tmp_path / 'hall.db'}", clock=clock)
    pages = hall.store.read(lambda c: c.exec_driver_sql("PRAGMA page_count").scalar_one())

    @event.listens_for(hall.store.engine, "connect")
    def _limit(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 4}")

    hall.store.engine.dispose()
    issued = 0
    with pytest.raises(StoreError) as full:
        for _ in range(5000):
            hall.issue("A", matter="dibao")
            issued += 1
    assert full.value.key == "store_full"
    assert "磁盘已满" in full.value.message
    event.remove(hall.store.engine, "connect", _limit)
    hall.store.engine.dispose()

    def counts(conn):  # type: ignore[no-untyped-def]
        return (
            conn.execute(select(func.count()).select_from(TICKETS)).scalar_one(),
            conn.execute(select(func.max(COUNTERS.c.last_number))).scalar_one(),
            conn.execute(select(func.count()).where(EVENTS.c.kind == "issue")).scalar_one(),
        )

    assert hall.store.read(counts) == (issued, issued, issued)
    assert hall.issue("A", matter="dibao").number == issued + 1
    hall.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs: a real file system that fills up (needs root, as in CI)."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_says_so(cli: CliRun, small_disk: Path, config: HallConfig) -> None:
    db = f"sqlite:///{small_disk / 'hall.db'}"
    hall = Hall.open(config, db=db, enforce_hours=False)
    free = os.statvfs(small_disk)
    # leave room for a few dozen tickets, whatever size the schema has grown to
    (small_disk / "filler").write_bytes(b"\0" * (free.f_bavail * free.f_frsize - 64_000))
    with pytest.raises(StoreError) as full:
        for _ in range(3000):
            hall.issue("A", matter="dibao")
    hall.close()
    assert full.value.key == "store_full"
    _one_line(_cli(cli, db, "take", "A"), 5, "磁盘已满")


@pytest.mark.slow
def test_a_full_log_disk_costs_one_line(tmp_path: Path) -> None:
    """Processes of their own: the log file's last flush comes at the process's exit."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "servicehall.log").symlink_to("/dev/full")
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    result = _process(tmp_path, db, "init", SERVICEHALL_HOME=str(home))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 1
    taken = _process(tmp_path, db, "take", "Z", SERVICEHALL_HOME=str(home))
    assert taken.returncode == 2
    assert len(taken.stderr.strip().splitlines()) <= 2
    assert "Logging error" not in taken.stderr

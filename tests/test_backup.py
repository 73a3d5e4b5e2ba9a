"""`servicehall backup` and `servicehall restore` with the real SQLite backup API and the real
pg_dump / pg_restore: online and consistent copies, and a restore that checks the file (integrity,
schema, hall) before it replaces anything.

The commands run in-process (``support.cli``), the hall's own connection open beside them. Two
run as processes of their own: one of the online backups, taken while this process writes (the
kiosks are other processes), and a refused restore, as the shell sees it to the exit."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from servicehall.backup import BackupError, backups_of, check
from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall

from support.cli import CliResult, CliRun

ROOT = Path(__file__).parent.parent

Run = Callable[..., CliResult]


@pytest.fixture
def run(cli: CliRun, tmp_path: Path) -> Run:
    """``run(db, *args)``: ``servicehall --db DB ARGS`` in this process, its data directory
    ``tmp_path/home``, at any hour."""

    def _run(db: str, *args: str) -> CliResult:
        env = {"SERVICEHALL_IGNORE_HOURS": "1", "SERVICEHALL_HOME": str(tmp_path / "home")}
        return cli("--db", db, *args, env=env)

    return _run


def _process(tmp_path: Path, db: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command as a process of its own, as the user's shell runs it."""
    return subprocess.run(
        [sys.executable, "-m", "servicehall", "--db", db, *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SERVICEHALL_IGNORE_HOURS": "1",
            "SERVICEHALL_HOME": str(tmp_path / "home"),
        },
        timeout=300,
    )


def _counts(path: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (
            conn.execute("SELECT count(*) FROM tickets").fetchone()[0],
            conn.execute("SELECT coalesce(sum(last_number), 0) FROM day_counters").fetchone()[0],
            conn.execute("SELECT count(*) FROM events WHERE kind = 'issue'").fetchone()[0],
        )
    finally:
        conn.close()


@pytest.mark.slow
def test_an_online_backup_is_consistent_while_kiosks_write(
    tmp_path: Path, run: Run, config: HallConfig, clock: FixedClock
) -> None:
    db_file = tmp_path / "hall.db"
    hall = Hall.open(config, db=f"sqlite:///{db_file}", clock=clock)
    stop = threading.Event()
    issued: list[int] = []

    def kiosk() -> None:
        while not stop.is_set():
            issued.append(hall.issue("A", matter="dibao").number)

    writer = threading.Thread(target=kiosk)
    writer.start()
    try:
        while len(issued) < 50:
            stop.wait(0.05)
        db, args = f"sqlite:///{db_file}", ("backup", "--keep", "2")
        # the last of the three (one of the two kept) from another process, as a kiosk writes
        made = [run(db, *args), run(db, *args), _process(tmp_path, db, *args)]
    finally:
        stop.set()
        writer.join()
    for result in made:
        assert result.returncode == 0, result.stderr
    copies = backups_of(tmp_path / "home" / "backups", "qingshi")
    assert len(copies) == 2  # the oldest of three was dropped
    for copy in copies:
        tickets, counted, events = _counts(copy)
        assert 0 < tickets == counted == events  # one moment, never half an issue
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.close()
    hall.close()


def test_restore_brings_back_the_backup_and_keeps_what_was_there(
    tmp_path: Path, run: Run, config: HallConfig, clock: FixedClock
) -> None:
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    hall = Hall.open(config, db=db, clock=clock)
    for _ in range(3):
        hall.issue("A", matter="dibao")
    result = run(db, "backup", "--to", str(tmp_path / "usb"), "--json")
    assert result.returncode == 0, result.stderr
    copy = Path(__import__("json").loads(result.stdout)["file"])
    for _ in range(4):
        hall.issue("A", matter="dibao")

    refused = run(db, "restore", str(copy))  # no terminal to confirm on
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert hall.status().waiting("A") == 7

    done = run(db, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert hall.status().waiting("A") == 3  # the open hall sees the restored data
    assert hall.issue("A", matter="dibao").number == 4
    before = backups_of(tmp_path / "home" / "backups", "qingshi")
    assert len(before) == 1 and _counts(before[0])[0] == 7  # what was there, kept
    hall.close()


@pytest.mark.slow
def test_restore_refuses_a_wrong_file_and_changes_nothing(
    tmp_path: Path, run: Run, config: HallConfig, clock: FixedClock
) -> None:
    db = f"sqlite:///{tmp_path / 'hall.db'}"
    hall = Hall.open(config, db=db, clock=clock)
    hall.issue("A", matter="dibao")
    other = config.model_copy(
        update={"hall": config.hall.model_copy(update={"code": "baisha", "name": "白沙镇"})}
    )
    other_db = tmp_path / "baisha.db"
    Hall.open(other, db=f"sqlite:///{other_db}", clock=clock).close()
    garbage = tmp_path / "servicehall-qingshi-20260101-000000.db"
    garbage.write_bytes(os.urandom(40_000))
    renamed = tmp_path / "renamed.db"
    conn = sqlite3.connect(renamed)
    sqlite3.connect(tmp_path / "hall.db").backup(conn)
    conn.execute("ALTER TABLE tickets RENAME COLUMN matter TO matter_old")
    conn.commit()
    conn.close()
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")

    for bad, words in (
        (other_db, ("baisha", "qingshi")),
        (garbage, ("不是完好",)),
        (renamed, ("matter",)),
        (dump, ("PostgreSQL",)),
        (tmp_path / "missing.db", ("找不到",)),
    ):
        result = run(db, "restore", str(bad), "--yes")
        assert result.returncode == 7, (bad, result.stderr)
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        for word in words:
            assert word in result.stderr, (bad, result.stderr)
    # as the shell sees it, to the process's exit: one line, never a traceback
    shell = _process(tmp_path, db, "restore", str(garbage), "--yes")
    assert shell.returncode == 7, shell.stderr
    assert "Traceback" not in shell.stderr
    assert len(shell.stderr.strip().splitlines()) == 1
    assert "不是完好" in shell.stderr, shell.stderr
    assert hall.status().waiting("A") == 1
    assert not (tmp_path / "home" / "backups").exists()  # nothing was even set aside
    hall.close()


def test_a_damaged_database_is_restored_and_set_aside(
    tmp_path: Path, run: Run, config: HallConfig, clock: FixedClock
) -> None:
    db_file = tmp_path / "hall.db"
    db = f"sqlite:///{db_file}"
    hall = Hall.open(config, db=db, clock=clock)
    hall.issue("A", matter="dibao")
    assert run(db, "backup").returncode == 0
    hall.close()
    copy = backups_of(tmp_path / "home" / "backups", "qingshi")[0]
    db_file.write_bytes(os.urandom(80_000))
    assert run(db, "status").returncode == 5
    done = run(db, "restore", str(copy), "--yes")
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "home" / "backups").glob("damaged-hall.db-*"))
    status = run(db, "status", "--json")
    assert status.returncode == 0, status.stderr


@pytest.fixture
def pg_tools() -> None:
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("needs pg_dump and pg_restore (postgresql-client)")


@pytest.mark.slow  # pg_dump and pg_restore are processes of their own
def test_postgresql_backup_and_restore_with_pg_dump(
    pg_tools: None, pg_db_url: str, tmp_path: Path, run: Run, config: HallConfig, clock: FixedClock
) -> None:
    hall = Hall.open(config, db=pg_db_url, clock=clock)
    for _ in range(3):
        hall.issue("B", matter="yibao")
    hall.close()
    made = run(pg_db_url, "backup", "--json")
    assert made.returncode == 0, made.stderr
    dump = Path(__import__("json").loads(made.stdout)["file"])
    assert dump.suffix == ".dump"
    info = check(dump, "qingshi", "postgresql")
    assert info.halls == ("qingshi",)
    with pytest.raises(BackupError):
        check(dump, "baisha", "postgresql")

    hall = Hall.open(config, db=pg_db_url, clock=clock)
    for _ in range(2):
        hall.issue("B", matter="yibao")
    hall.close()
    done = run(pg_db_url, "restore", str(dump), "--yes")
    assert done.returncode == 0, done.stderr
    engine = create_engine(pg_db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM tickets")).scalar_one() == 3
    engine.dispose()
    hall = Hall.open(config, db=pg_db_url, clock=clock)
    assert hall.issue("B", matter="yibao").number == 4  # the counters came back too
    hall.close()
    assert len(list((tmp_path / "home" / "backups").glob("*.dump"))) == 2  # + the one before

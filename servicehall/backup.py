"""Backups of the hall's database and restoring one, for the day a disk dies.

- SQLite: SQLite's online backup API copies the live file in one step, a consistent snapshot
  while kiosks and windows keep writing; the copy is checked (``PRAGMA integrity_check``) before
  it is kept. PostgreSQL: ``pg_dump --format=custom``, read back in full with ``pg_restore``.
- Files are ``servicehall-<hall>-<YYYYmmdd-HHMMSS>.db`` (or ``.dump``), written under a temporary
  name and renamed when complete; the newest ``keep`` of the hall are kept.
- ``restore`` checks the file first — integrity, every table and column this version needs, and
  that it holds this hall — and only then saves the current database as a backup and replaces
  it: SQLite through the backup API into the live file (other processes see the restored data;
  writers wait on the write lock) — or, when the live file is damaged, by moving the checked copy
  into its place (a damaged file is kept aside as it was); PostgreSQL with ``pg_restore --clean
  --single-transaction`` (all or nothing; it waits at most ``LOCK_WAIT_S`` for programs still
  connected).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from servicehall.errors import ServiceHallError
from servicehall.queue import Store, data_dir
from servicehall.queue.errors import StoreError
from servicehall.queue.schema import SQLITE_COLUMNS, check_columns
from servicehall.queue.writelock import WriteLock, WriteLockTimeout

PATTERN = re.compile(
    r"^servicehall-(?P<hall>[a-z0-9_-]+)-(?P<at>\d{8}-\d{6})(?P<n>-\d+)?\.(db|dump)$"
)
LOCK_WAIT_S = 15
RESTORE_LOCK_S = 60.0


class BackupError(ServiceHallError):
    """A backup that could not be made, or a file that must not be restored."""

    exit_code = 7


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file holds, once checked."""

    path: Path
    halls: tuple[str, ...]
    tickets: int | None
    last_event: dt.datetime | None

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "halls": list(self.halls),
            "tickets": self.tickets,
            "last_event": self.last_event.isoformat() if self.last_event else None,
            "bytes": self.path.stat().st_size,
        }


def default_dir() -> Path:
    """``$SERVICEHALL_BACKUP_DIR``, else ``backups`` in the data directory."""
    configured = os.environ.get("SERVICEHALL_BACKUP_DIR")
    return Path(configured) if configured else data_dir() / "backups"


def backups_of(folder: Path, hall: str) -> list[Path]:
    """The hall's backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if (m := PATTERN.match(p.name)) and m["hall"] == hall]
    return sorted(found, key=_order, reverse=True)


def _order(path: Path) -> tuple[str, int]:
    match = PATTERN.match(path.name)
    assert match is not None
    return match["at"], int((match["n"] or "-0")[1:])


def made_at(path: Path) -> dt.datetime | None:
    match = PATTERN.match(path.name)
    return dt.datetime.strptime(match["at"], "%Y%m%d-%H%M%S") if match else None


def backup(store: Store, hall: str, folder: Path, *, keep: int = 30) -> Path:
    """Write a checked backup of the whole database into ``folder``; returns its path."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(
            key="bk_no_folder", params={"folder": str(folder), "reason": exc.strerror}
        ) from exc
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    suffix = ".dump" if store.dialect == "postgresql" else ".db"
    target = folder / f"servicehall-{hall}-{stamp}{suffix}"
    for n in range(2, 1000):  # two backups within one second keep both
        if not target.exists():
            break
        target = folder / f"servicehall-{hall}-{stamp}-{n}{suffix}"
    partial = target.with_name(f".{target.name}.partial")
    try:
        if store.dialect == "postgresql":
            _pg_dump(store, partial)
            _pg_readable(partial)
        else:
            _sqlite_copy(_sqlite_file(store), partial)
            _sqlite_intact(partial)
        partial.replace(target)
    except OSError as exc:
        raise BackupError(
            key="bk_cannot_write", params={"folder": str(folder), "reason": exc.strerror}
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    for old in backups_of(folder, hall)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
    return target


def check(path: Path, hall: str, dialect: str) -> BackupInfo:
    """Everything ``restore`` needs to know before it replaces anything; refuses otherwise."""
    if not path.is_file():
        raise BackupError(key="bk_not_found", params={"path": str(path)})
    if dialect == "postgresql":
        if path.suffix != ".dump":
            raise BackupError(key="bk_not_pg", params={"name": path.name})
        info = _pg_info(path)
    else:
        if path.suffix == ".dump":
            raise BackupError(key="bk_pg_to_sqlite", params={"name": path.name})
        info = _sqlite_info(path)
    if hall not in info.halls:
        if not info.halls:
            raise BackupError(key="bk_no_halls", params={"name": path.name, "hall": hall})
        params = {"name": path.name, "halls": list(info.halls), "hall": hall}
        raise BackupError(key="bk_other_hall", params=params)
    return info


def restore(store: Store, hall: str, path: Path, *, safety_dir: Path) -> tuple[BackupInfo, Path]:
    """Check ``path``, back up the current database to ``safety_dir``, then restore ``path``.

    Returns what was restored and where the database as it was before is kept."""
    info = check(path, hall, store.dialect)
    if store.dialect == "postgresql":
        before = backup(store, hall, safety_dir, keep=10_000)
        _pg_restore(store, path)
        return info, before
    target = _sqlite_file(store)
    store.dispose()
    if _sqlite_healthy(target):
        before = backup(store, hall, safety_dir, keep=10_000)
        _sqlite_restore(path, target)
    else:
        before = _set_aside(target, safety_dir)
        _sqlite_replace(path, target)
    return info, before


# ---------------------------------------------------------------------- SQLite


def _sqlite_file(store: Store) -> Path:
    return Path(store.engine.url.database or "").expanduser()


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise BackupError(key="bk_db_missing", params={"path": str(source)})
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # one step: a consistent snapshot while others write (WAL)
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            key="bk_db_unreadable", params={"path": str(source), "reason": str(exc)}
        ) from exc
    finally:
        dst.close()
        src.close()


def _sqlite_intact(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            key="bk_not_intact", params={"name": path.name, "reason": str(exc)}
        ) from exc
    finally:
        conn.close()
    if result != [("ok",)]:
        raise BackupError(
            key="bk_integrity", params={"name": path.name, "reason": str(result[0][0])}
        )


def _sqlite_info(path: Path) -> BackupInfo:
    _sqlite_intact(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        _schema(conn.execute(SQLITE_COLUMNS).fetchall(), path)
        halls = tuple(
            sorted(
                row[0]
                for row in conn.execute(
                    "SELECT hall FROM window_states UNION SELECT hall FROM events"
                )
            )
        )
        tickets = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        last = conn.execute("SELECT max(ts) FROM events").fetchone()[0]
    finally:
        conn.close()
    when = dt.datetime.fromtimestamp(int(last)).astimezone() if last else None  # this PC's time
    return BackupInfo(path, halls, tickets, when)


def _schema(columns: list[tuple[str, str]], path: Path) -> None:
    try:
        check_columns(columns)
    except StoreError as exc:
        raise BackupError(
            key="bk_bad_schema", params={"name": path.name, "reason": exc.message}
        ) from exc


def _sqlite_healthy(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def _set_aside(path: Path, folder: Path) -> Path:
    """A damaged (or missing) database, kept exactly as it was, with its WAL."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = folder / f"damaged-{path.name}-{stamp}"
    for extra in ("", "-wal"):
        source = Path(f"{path}{extra}")
        if source.is_file():
            shutil.copy2(source, f"{kept}{extra}")
    return kept


def _sqlite_replace(source: Path, target: Path) -> None:
    """Put a checked copy in the place of a damaged file (programs using it must restart)."""
    staged = target.with_name(f".{target.name}.restoring")
    shutil.copy2(source, staged)
    for extra in ("-wal", "-shm"):
        Path(f"{target}{extra}").unlink(missing_ok=True)
    staged.replace(target)


def _sqlite_restore(source: Path, target: Path) -> None:
    lock = WriteLock(str(target), RESTORE_LOCK_S)
    try:
        with lock:  # writers of this file queue behind the restore
            src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            dst = sqlite3.connect(target, timeout=RESTORE_LOCK_S)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
    except WriteLockTimeout as exc:
        raise BackupError(key="bk_busy") from exc
    except sqlite3.OperationalError as exc:
        raise BackupError(key="bk_not_restored", params={"reason": str(exc)}) from exc
    finally:
        lock.close()


# ---------------------------------------------------------------------- PostgreSQL


def _pg_env(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq address without the password, and the environment that carries it."""
    env = {**os.environ, "PGOPTIONS": f"-c lock_timeout={LOCK_WAIT_S}s"}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    address = url.set(drivername="postgresql", password=None, query={})
    return address.render_as_string(hide_password=False), env


def _run(argv: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which(argv[0]) is None:
        raise BackupError(key="bk_no_tool", params={"tool": argv[0]})
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=3600)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or ["?"])[-1][:200]
        raise BackupError(key="bk_tool_failed", params={"tool": argv[0], "detail": detail})
    return result


def _pg_dump(store: Store, target: Path) -> None:
    address, env = _pg_env(store.engine.url)
    _run(["pg_dump", "--format=custom", f"--file={target}", f"--dbname={address}"], env)


def _pg_readable(path: Path) -> None:
    _run(["pg_restore", "--file=/dev/null", str(path)])  # reads every block of the archive


def _pg_info(path: Path) -> BackupInfo:
    _pg_readable(path)
    schema = _run(["pg_restore", "--schema-only", "--file=-", str(path)]).stdout
    columns = [
        (table, column)
        for table, body in re.findall(r"CREATE TABLE \S*?\.?(\w+) \((.*?)\n\);", schema, re.S)
        for column in re.findall(r"^\s+\"?(\w+)\"? ", body, re.M)
    ]
    _schema(columns, path)
    data = _run(["pg_restore", "--data-only", "--table=window_states", "--file=-", str(path)])
    rows = data.stdout.split("FROM stdin;\n", 1)[-1].split("\n\\.", 1)[0]
    halls = tuple(sorted({line.split("\t", 1)[0] for line in rows.splitlines() if "\t" in line}))
    return BackupInfo(path, halls, None, made_at(path))


def _pg_restore(store: Store, path: Path) -> None:
    address, env = _pg_env(store.engine.url)
    store.dispose()  # this process's own connections must not hold locks on the tables
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={address}",
            str(path),
        ],
        env,
    )

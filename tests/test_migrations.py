"""Schema migrations (Alembic) on both databases: a new database, one made by release 685613f and
one made by main before Alembic (068a6de) are brought to this version's tables, keep every row
and the queue's order, and the second of two processes starting at once finds the work done.

The old databases are dumps that release's own code wrote (``tests/fixtures``, made by
``make_old_databases.py``); what they hold is read from them with plain SQL, not with the code
under test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicehall.config import HallConfig
from servicehall.queue import FixedClock, Hall, StoreError, pg_security
from servicehall.queue.clerks import verify_clerk
from servicehall.queue.migrations import HEAD, LOCATION
from servicehall.queue.schema import upgrade
from servicehall.queue.store import BUSY_TIMEOUT_MS, Store
from servicehall.queue.tables import metadata, tables_for
from servicehall.queue.writelock import WriteLock

from support import postgres, processes, schema_worker
from support.cli import CliRun

FIXTURES = Path(__file__).parent / "fixtures"
RELEASES = ("685613f", "068a6de")
LATER_ON_MONDAY = dt.datetime(2026, 11, 23, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
COUNTED = ("tickets", "events", "day_counters", "clerk_accounts", "leader_overrides")


# ---------------------------------------------------------------- databases to upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, of either kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'hall.db'}"
        return
    request.getfixturevalue("postgres_url")  # skips when there is no server
    url = _side_database("new")
    yield url
    postgres.drop(url)


def _side_database(name: str) -> str:
    """A fresh PostgreSQL database beside this process's test database."""
    url = make_url(postgres.PG_URL)
    side = url.set(database=f"{url.database}_{name}").render_as_string(hide_password=False)
    postgres.fresh_database(side)
    return side


def load_old(release: str, url: str) -> None:
    """Load the dump a release's code made into an empty database."""
    dump = (FIXTURES / f"db-{release}.{make_url(url).get_backend_name()}.sql").read_text()
    if url.startswith("sqlite"):
        conn = sqlite3.connect(make_url(url).database or "")
        conn.executescript(dump)
        conn.close()
        return
    with psycopg.connect(_libpq(url), autocommit=True) as conn:
        conn.execute(dump.encode())  # no parameters: the script runs as written


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def facts(url: str) -> dict[str, Any]:
    """What a database holds, by plain SQL: row counts, and service A's queue in call order."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found: dict[str, Any] = {
            table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in COUNTED
        }
        found["queue_a"] = list(
            conn.execute(
                text(
                    "SELECT label FROM tickets WHERE status = 'waiting' AND service = 'A' "
                    "ORDER BY priority DESC, queue_pos, id"
                )
            ).scalars()
        )
        found["serving_1"] = conn.execute(
            text(
                "SELECT t.label FROM window_states w JOIN tickets t ON t.id = w.current_ticket_id "
                "WHERE w.number = 1 AND t.status = 'called'"
            )
        ).scalar()
    engine.dispose()
    return found


def differences(url: str) -> list[Any]:
    """How the database's tables differ from ``tables.py`` (Alembic's autogenerate compare)."""
    engine = create_engine(url)
    dialect = engine.dialect.name
    wanted = {table.name for table in tables_for(dialect)}

    def include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        return type_ != "table" or name in wanted

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include})
        found = compare_metadata(context, metadata)
    engine.dispose()
    return list(found)


def revision(url: str) -> str | None:
    engine = create_engine(url)
    with engine.connect() as conn:
        found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    return found


# ---------------------------------------------------------------- the revisions themselves


def test_head_names_the_newest_revision_and_history_is_one_line() -> None:
    script = ScriptDirectory(str(LOCATION))
    assert script.get_heads() == [HEAD], "a new revision must move migrations.HEAD"
    chain = [s.revision for s in script.walk_revisions()]
    assert chain == sorted(chain, reverse=True) and chain[-1] == "0001"


def test_a_new_database_gets_exactly_the_declared_tables(empty_url: str) -> None:
    store = Store(empty_url)
    result = upgrade(store)
    store.dispose()
    assert (result.before, result.after) == (None, HEAD)
    assert result.secured == empty_url.startswith("postgresql")
    assert differences(empty_url) == []
    assert revision(empty_url) == HEAD


# ---------------------------------------------------------------- old databases


@pytest.fixture(params=[(r, b) for r in RELEASES for b in ("sqlite", "postgresql")], ids=str)
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``(release, url)``: a database made by an earlier release, of either kind."""
    release, backend = request.param
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
        load_old(release, url)
        yield release, url
        return
    request.getfixturevalue("postgres_url")
    url = _side_database("old")
    load_old(release, url)
    yield release, url
    postgres.drop(url)


def test_db_upgrade_brings_an_old_database_to_this_version_keeping_everything(
    old_url: tuple[str, str], config: HallConfig, cli: CliRun
) -> None:
    release, url = old_url
    before = facts(url)
    assert before["queue_a"] and before["serving_1"]  # the dump has a queue to keep

    result = cli("--db", url, "db", "upgrade", "--json").json()
    assert result["from"] is None and result["to"] == HEAD
    assert result["security_installed"] == url.startswith("postgresql")
    assert differences(url) == []
    assert facts(url) == before  # every row kept, the queue in its order

    again = cli("--db", url, "db", "upgrade", "--json").json()
    assert again["from"] == HEAD and not again["security_installed"]

    hall = Hall.open(config, db=url, clock=FixedClock(LATER_ON_MONDAY))
    try:
        later = hall.issue("A", matter="dibao")
        assert later.ahead == len(before["queue_a"])  # behind everyone who was waiting
        called = [hall.call_next(1) for _ in range(len(before["queue_a"]) + 1)]
        assert [t.label for t in called if t] == [*before["queue_a"], later.label]
        assert hall.ticket(before["serving_1"]).status == "finished"  # by the first call
        assert verify_clerk(hall.store, hall.code, "mz01", "1234") is not None
        assert hall.leader() is not None and hall.leader().name == "赵敏"  # type: ignore[union-attr]
    finally:
        hall.close()


def test_init_upgrades_an_old_database_too(old_url: tuple[str, str], cli: CliRun) -> None:
    _release, url = old_url
    assert cli("--db", url, "init").returncode == 0
    assert revision(url) == HEAD
    assert differences(url) == []


def test_a_role_bound_by_main_keeps_working_once_the_owner_upgrades(
    postgres_url: str, config: HallConfig, cli: CliRun
) -> None:
    """Before the owner upgrades, a kiosk's role gets one line saying what to run; after it, the
    grant made by main (no re-grant) lets it issue again."""
    url = _side_database("bound")
    load_old("068a6de", url)
    name = postgres.role_name("kiosk")
    grant = (FIXTURES / "grant-068a6de-kiosk.sql").read_text().replace("{role}", name)
    owner = create_engine(url)
    with owner.begin() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD 'kiosk-pw'"))
        pg_security.run_statements(conn, [grant])
    kiosk_url = make_url(url).set(username=name, password="kiosk-pw")
    kiosk = kiosk_url.render_as_string(hide_password=False)
    clock = FixedClock(LATER_ON_MONDAY)
    try:
        with pytest.raises(StoreError) as refused:
            Hall.open(config, db=kiosk, clock=clock)
        assert refused.value.key == "store_needs_upgrade"
        assert "servicehall db upgrade" in refused.value.message

        assert cli("--db", url, "db", "upgrade").returncode == 0
        hall = Hall.open(config, db=kiosk, clock=clock)
        try:
            assert hall.issue("B").label == "B003"
        finally:
            hall.close()
    finally:
        owner.dispose()
        postgres.drop(url)
        admin = create_engine(postgres.PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()


def test_a_database_of_a_newer_version_is_left_as_it_is(
    db_url: str, config: HallConfig, cli: CliRun
) -> None:
    """A newer version upgraded it (and this one was put back): not migrated, still used."""
    Hall.open(config, db=db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    result = cli("--db", db_url, "db", "upgrade", "--json").json()
    assert result["newer"] and result["from"] == result["to"] == "9999"
    any_hour = {"SERVICEHALL_IGNORE_HOURS": "1"}  # the test passes at any hour of the day
    assert cli("--db", db_url, "take", "A", "--json", env=any_hour).json()["ticket"] == "A001"
    assert revision(db_url) == "9999"


# ---------------------------------------------------------------- two processes at once


@pytest.mark.slow
def test_two_processes_starting_at_once_migrate_once(empty_url: str) -> None:
    context = processes.context()  # forks of a server that imported the schema worker
    barrier, results = context.Barrier(3), context.Queue()
    workers = [
        context.Process(target=schema_worker.upgrade_at, args=(empty_url, barrier, results))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    found = sorted((results.get(timeout=5) for _ in workers), key=str)
    assert found == [HEAD, HEAD, None]  # one migrated; the others found it done
    assert differences(empty_url) == []


def test_an_upgrade_waits_for_another_process_longer_than_a_write_would(tmp_path: Path) -> None:
    """A process starting while another migrates a big database (or a slow PC migrates a small
    one) waits for it, instead of failing as busy after a write's time-out."""
    database = tmp_path / "hall.db"
    other = WriteLock(str(database), timeout_s=5)  # another process's schema upgrade, held open
    other.__enter__()
    held_s = BUSY_TIMEOUT_MS / 1000 + 1
    letting_go = threading.Timer(held_s, other.__exit__, (None, None, None))
    letting_go.start()
    store = Store(f"sqlite:///{database}")
    try:
        done = upgrade(store)
    finally:
        letting_go.join()
        other.close()
        store.dispose()
    assert (done.before, done.after) == (None, HEAD)


# ---------------------------------------------------------------- shipped in the package


@pytest.mark.slow
def test_the_built_package_migrates_without_the_alembic_command(tmp_path: Path) -> None:
    """The wheel carries the revisions; ``init`` from it, with no ``alembic`` on PATH, makes
    a database at HEAD."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "servicehall", source / "servicehall", ignore=_CACHES)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    installed = tmp_path / "installed"
    with zipfile.ZipFile(next((tmp_path / "dist").glob("servicehall-*.whl"))) as wheel:
        wheel.extractall(installed)
    assert (installed / "servicehall/queue/migrations/script.py.mako").is_file()
    path = "/usr/bin:/bin"
    assert shutil.which("alembic", path=path) is None
    url = f"sqlite:///{tmp_path / 'hall.db'}"
    done = subprocess.run(
        [sys.executable, "-c", _FROM_WHEEL, "--db", url, "init", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**os.environ, "PATH": path, "PYTHONPATH": str(installed)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["hall"] == "qingshi"
    assert revision(url) == HEAD


ROOT = Path(__file__).parents[1]
_CACHES = shutil.ignore_patterns("__pycache__", "*.egg-info")
_FROM_WHEEL = """
import runpy, sys
# the unpacked wheel on PYTHONPATH, not this checkout's editable install
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__]
import servicehall
assert "installed" in servicehall.__file__, servicehall.__file__
runpy.run_module("servicehall", run_name="__main__", alter_sys=True)
"""

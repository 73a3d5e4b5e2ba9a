"""The database's schema brought to this version: Alembic migrations, PostgreSQL's security, and
the check that every column this version uses is there.

Every process calls :func:`prepare` when it opens the hall. A database at ``HEAD`` (with, on
PostgreSQL, this version's security) costs one read transaction: Alembic is not even imported.
Otherwise :func:`upgrade` runs in one write transaction that first takes the schema lock — on
SQLite the store's write lock (the OS file lock and ``BEGIN IMMEDIATE``), on PostgreSQL an
advisory lock — and then looks again, so two processes starting at once on a new database do
not both migrate: the second waits for the first (``SCHEMA_WAIT_S`` on SQLite) and finds the work
done. A failure rolls everything back.

A database made before Alembic (no ``alembic_version``) runs the same revisions as a new one:
the first four create only what is missing. A database at a revision this version does not
know was upgraded by a newer version: it is left as it is (neither migrated nor its security
replaced) and used if it has every column this version needs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from servicehall.queue.errors import StoreError
from servicehall.queue.migrations import HEAD, LOCATION
from servicehall.queue.store import Store
from servicehall.queue.tables import hall_tables

log = logging.getLogger(__name__)

SQLITE_COLUMNS = (
    "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
    "WHERE m.type = 'table'"
)
_PG_COLUMNS = (
    "SELECT c.relname, a.attname FROM pg_attribute a "
    "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
    "AND a.attnum > 0 AND NOT a.attisdropped"
)
_PG_LOCK = "SELECT pg_advisory_xact_lock(hashtext('servicehall_schema'))"
SCHEMA_WAIT_S = 600.0
"""How long a process waits on SQLite for another's schema upgrade. A migration can take much
longer than a write (a table rebuilt on a big database, a slow disk, a busy PC), and a process
starting meanwhile waits for it to end — as PostgreSQL's advisory lock makes it wait — instead of
failing as busy after a write's five seconds."""


@dataclass(frozen=True)
class SchemaState:
    """What a database has: its revision (None before Alembic or when empty), whether this
    version's PostgreSQL security is installed (True on SQLite), its ``(table, column)`` pairs."""

    revision: str | None
    secured: bool
    columns: tuple[tuple[str, str], ...]

    @property
    def current(self) -> bool:
        return self.revision == HEAD and self.secured


@dataclass(frozen=True)
class Upgrade:
    """What :func:`upgrade` found and left: revisions before and after, whether it installed
    PostgreSQL's security, and whether the database is newer than this version."""

    before: str | None
    after: str | None
    secured: bool
    newer: bool = False

    def as_dict(self) -> dict[str, str | bool | None]:
        return {
            "from": self.before,
            "to": self.after,
            "head": HEAD,
            "security_installed": self.secured,
            "newer": self.newer,
        }


def prepare(store: Store) -> None:
    """Make the database ready for this version (see the module's docstring)."""
    state = store.read(read_state)
    if not state.current:
        upgrade(store)
        state = store.read(read_state)
    check_columns(state.columns)
    if store.dialect == "sqlite":
        # keeps the query planner's statistics fresh as history grows (cheap when not)
        with store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")


def upgrade(store: Store) -> Upgrade:
    """Migrate to ``HEAD`` and install PostgreSQL's security, under the schema lock."""
    try:
        return store.write(_upgrade, wait_s=SCHEMA_WAIT_S)
    except StoreError as exc:
        if exc.key == "store_denied":  # a restricted role may not change the schema
            raise StoreError("store_needs_upgrade", head=HEAD) from exc
        raise


def _upgrade(conn: Connection) -> Upgrade:
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        conn.exec_driver_sql(_PG_LOCK)
    before = _revision(conn)
    if before not in (None, HEAD) and before not in known_revisions():
        log.warning(
            "database schema %s is newer than this version's %s: left as it is", before, HEAD
        )
        return Upgrade(before, before, secured=False, newer=True)
    migrated = before != HEAD
    if migrated:
        log.info("migrating the database from %s to %s", before or "nothing", HEAD)
        _migrate(conn)
    # after a migration always: a table it created needs its row security and read policy
    secured = False
    if postgres:
        from servicehall.queue import pg_security  # PostgreSQL's alone

        secured = migrated or not pg_security.installed(conn)
        if secured:
            pg_security.install(conn)
    return Upgrade(before, _revision(conn), secured)


def _migrate(conn: Connection) -> None:
    """Alembic's upgrade to head on this connection, inside its transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(LOCATION))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def known_revisions() -> set[str]:
    """Every revision shipped with this version."""
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory(str(LOCATION)).walk_revisions()}


def read_state(conn: Connection) -> SchemaState:
    """The database's revision, security and columns, in the caller's read transaction."""
    postgres = conn.dialect.name == "postgresql"
    rows = conn.exec_driver_sql(_PG_COLUMNS if postgres else SQLITE_COLUMNS).all()
    columns = tuple((str(table), str(column)) for table, column in rows)
    secured = True
    if postgres:
        from servicehall.queue import pg_security

        secured = pg_security.installed(conn)
    return SchemaState(_revision(conn), secured, columns)


def _revision(conn: Connection) -> str | None:
    if conn.dialect.name == "postgresql":
        found = conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar()
    else:
        found = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).scalar()
    if found is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def check_columns(live_columns: Iterable[Sequence[str]]) -> None:
    """Refuse a database (or a backup) whose ``(table, column)`` pairs lack one this version
    uses in every hall table; columns it does not know are fine (a newer version may have
    added them)."""
    live: dict[str, set[str]] = {}
    for table_name, column in live_columns:
        live.setdefault(table_name, set()).add(column)
    for table in hall_tables():
        missing = [c.name for c in table.columns if c.name not in live.get(table.name, ())]
        if missing:
            raise StoreError("store_schema", table=table.name, columns="、".join(missing))

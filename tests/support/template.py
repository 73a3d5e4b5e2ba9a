"""An empty SQLite hall database at this version's schema, made once per test process and copied
in by the fixtures that open a new hall.

Alembic's migrations from nothing cost about 40 ms of CPU; several hundred tests open a new hall
before their first line, so each copies the migrated file instead (SQLite's backup API: a whole,
consistent database, WAL mode and all). What a test then sees is what the migrations made: the
template is made by them, and ``tests/test_migrations.py`` runs them on new databases of its own.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from servicehall.queue.schema import prepare
from servicehall.queue.store import Store


@functools.cache
def template() -> Path:
    """This process's template, made on first use (removed when the process ends)."""
    directory = Path(tempfile.mkdtemp(prefix="servicehall-template-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "template.db"
    store = Store(f"sqlite:///{path}")
    prepare(store)
    store.dispose()
    return path


def copy_template(db_url: str) -> None:
    """Put the migrated template at an SQLite URL's file if there is none yet; any other URL
    (PostgreSQL's test database is migrated once per process already) is left alone."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    target = Path(url.database)
    if target.exists():
        return
    with closing(sqlite3.connect(template())) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)

"""Alembic's environment: the revisions run on the connection ``servicehall.queue.schema`` hands
over, inside its transaction and under its lock; for a developer's ``alembic`` command (e.g.
``revision --autogenerate``), on ``$SERVICEHALL_DB`` in one write transaction of the store.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection

from servicehall.queue.store import Store
from servicehall.queue.tables import metadata, tables_for


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """PostgreSQL-only tables are not expected on SQLite."""
    if type_ != "table" or reflected:
        return True
    return name in {t.name for t in tables_for(context.get_context().dialect.name)}


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_include,
        render_as_batch=True,  # SQLite alters a table by copying it: autogenerate writes that
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    store = Store()
    try:
        store.write(_run)
    finally:
        store.dispose()

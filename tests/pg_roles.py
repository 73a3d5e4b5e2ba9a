"""A PostgreSQL login role with one of the project's least-privilege grants, for a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicehall.queue.roles import grant_statements


@contextmanager
def role_url(db_url: str, kind: str) -> Iterator[str]:
    """The database URL as role ``sh_test_<kind>`` granted ``kind`` (the schema must exist);
    the role is dropped afterwards."""
    name = f"sh_test_{kind}"
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {name}"))
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{kind}-pw'"))
        for statement in grant_statements(name, kind):
            conn.execute(text(statement))
    try:
        yield (
            make_url(db_url)
            .set(username=name, password=f"{kind}-pw")
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()

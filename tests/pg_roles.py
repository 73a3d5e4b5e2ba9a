"""A PostgreSQL login role with one of the project's least-privilege grants, for a test.

Roles are cluster-wide and other checkouts run this suite on the same server at the same time:
every name carries this process's id and a counter.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from servicehall.queue.pg_security import run_statements
from servicehall.queue.roles import grant_statements

_serial = itertools.count(1)


def unique_role(kind: str) -> str:
    return f"sh_test_{kind}_{os.getpid()}_{next(_serial)}"


@contextmanager
def role_url(db_url: str, kind: str, hall: str = "qingshi") -> Iterator[str]:
    """The database URL as a fresh role granted ``kind`` for ``hall`` (the schema must exist);
    the role is dropped afterwards."""
    name = unique_role(kind)
    admin = create_engine(db_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE ROLE {name} LOGIN PASSWORD '{kind}-pw'"))
        run_statements(conn, grant_statements(name, kind, hall))
    try:
        yield (
            make_url(db_url)
            .set(username=name, password=f"{kind}-pw")
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :name"
                ),
                {"name": name},
            )
            conn.execute(text("DELETE FROM hall_roles WHERE role = :name"), {"name": name})
            conn.execute(text(f"DROP OWNED BY {name}"))
            conn.execute(text(f"DROP ROLE {name}"))
        admin.dispose()

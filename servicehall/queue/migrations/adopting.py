"""What the first revisions share: they were written when Alembic came in, for databases made
before it (no ``alembic_version``), so each creates only what is missing and leaves what an
earlier release made. ``0007`` (办件) uses it too, so a database whose ``alembic_version``
was lost is brought back whole.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


def has_table(name: str) -> bool:
    return sa.inspect(op.get_bind()).has_table(name)


def create_table(name: str, *elements: sa.schema.SchemaItem) -> bool:
    """Create the table unless it is there; True when it was created."""
    if has_table(name):
        return False
    op.create_table(name, *elements)
    return True


def _indexes(table: str) -> set[str]:
    return {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table) if i["name"]}


def ensure_indexes(table: str, indexes: dict[str, tuple[str, ...]]) -> None:
    """Add the indexes an older database lacks (one listing of the table's indexes)."""
    present = _indexes(table)
    for name, columns in indexes.items():
        if name not in present:
            op.create_index(name, table, list(columns))


def drop_indexes(table: str, names: tuple[str, ...]) -> None:
    """Drop retired indexes that an older database still has."""
    for name in _indexes(table).intersection(names):
        op.drop_index(name, table_name=table)

"""The day's arrival sequence (``day_sequences``): a ticket's place in the queue comes from it,
never from the wall clock.

A database from before it had queue positions that were times of day: each day that still has
tickets in the queue is numbered once in its old order, so tickets issued after the upgrade
(mid-day too) go behind those already waiting.
"""

import sqlalchemy as sa
from alembic import op

from servicehall.queue.migrations.adopting import create_table

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

QUEUE_SHIFT = 20  # a queue position is the arrival number shifted left this many bits
OPEN = ("waiting", "no_show", "called")


def upgrade() -> None:
    created = create_table(
        "day_sequences",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("last_seq", sa.BigInteger, nullable=False),
    )
    if created:
        _number_open_days(op.get_bind())


def _number_open_days(conn: sa.Connection) -> None:
    t = sa.table(
        "tickets",
        sa.column("id"),
        sa.column("hall"),
        sa.column("day"),
        sa.column("status"),
        sa.column("queue_pos"),
    )
    s = sa.table("day_sequences", sa.column("hall"), sa.column("day"), sa.column("last_seq"))
    open_days = conn.execute(
        sa.select(t.c.hall, t.c.day).where(t.c.status.in_(OPEN)).distinct()
    ).all()
    for hall, day in open_days:
        ids = conn.execute(
            sa.select(t.c.id)
            .where(t.c.hall == hall, t.c.day == day)
            .order_by(t.c.queue_pos, t.c.id)
        ).scalars()
        positions = [
            {"b_id": ticket_id, "queue_pos": seq << QUEUE_SHIFT}
            for seq, ticket_id in enumerate(ids, start=1)
        ]
        conn.execute(sa.update(t).where(t.c.id == sa.bindparam("b_id")), positions)
        conn.execute(sa.insert(s).values(hall=hall, day=day, last_seq=len(positions)))


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

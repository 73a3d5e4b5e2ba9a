"""The hall's tables as release 685613f had them: tickets, day counters, window state, the event
log, leader changes, the reports' summaries of closed days, clerk accounts.

Created when missing (a new database), and an older database is brought to them: missing indexes
added, the retired ``ix_tickets_queue`` dropped.
"""

import sqlalchemy as sa

from servicehall.queue.migrations.adopting import create_table, drop_indexes, ensure_indexes

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    create_table(
        "tickets",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("service", sa.String(1), nullable=False),
        sa.Column("origin_service", sa.String(1), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("matter", sa.String(32)),
        sa.Column("priority", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("queue_pos", sa.BigInteger, nullable=False),
        sa.Column("issued_ts", sa.Float, nullable=False),
        sa.Column("called_ts", sa.Float),
        sa.Column("last_called_ts", sa.Float),
        sa.Column("finished_ts", sa.Float),
        sa.Column("window", sa.Integer),
        sa.Column("clerk", sa.String(32)),
        sa.Column("recall_count", sa.Integer, nullable=False),
        sa.Column("skip_count", sa.Integer, nullable=False),
        sa.Column("transferred_from", sa.String(1)),
        sa.Column("print_state", sa.String(12), nullable=False),
        sa.Column("rating", sa.String(12)),
        sa.UniqueConstraint("hall", "day", "origin_service", "number", name="uq_ticket_number"),
    )
    drop_indexes("tickets", ("ix_tickets_queue",))
    ensure_indexes(
        "tickets",
        {
            "ix_tickets_waiting": ("hall", "status", "day", "service", "priority", "queue_pos"),
            "ix_tickets_day": ("hall", "day", "origin_service"),
        },
    )
    create_table(
        "day_counters",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("service", sa.String(1), primary_key=True),
        sa.Column("last_number", sa.Integer, nullable=False),
    )
    create_table(
        "window_states",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("clerk", sa.String(32)),
        sa.Column("current_ticket_id", sa.BigInteger),
        sa.Column("changed_ts", sa.Float, nullable=False),
    )
    create_table(
        "events",
        sa.Column("id", BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ticket_id", sa.BigInteger),
        sa.Column("label", sa.String(8)),
        sa.Column("service", sa.String(1)),
        sa.Column("window", sa.Integer),
        sa.Column("clerk", sa.String(32)),
        sa.Column("detail", sa.Text),
    )
    ensure_indexes(
        "events",
        {
            "ix_events_hall_id": ("hall", "id"),
            "ix_events_ticket": ("ticket_id",),
            "ix_events_day_kind": ("hall", "day", "kind"),
        },
    )
    create_table(
        "leader_overrides",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("title", sa.String(32), nullable=False),
        sa.Column("set_ts", sa.Float, nullable=False),
    )
    create_table(
        "report_days",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("basis", sa.String(64), nullable=False),
        sa.Column("event_id", sa.BigInteger, nullable=False),
        sa.Column("sums", sa.Text, nullable=False),
        sa.Column("times", sa.LargeBinary, nullable=False),
    )
    create_table(
        "clerk_accounts",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("clerk_id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("pin_hash", sa.String(160), nullable=False),
        sa.Column("changed_ts", sa.Float, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

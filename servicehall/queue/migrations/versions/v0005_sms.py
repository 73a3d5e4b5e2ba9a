"""短信提醒: the numbers registered for a ticket's reminders, the outbox that sends each message
at most once, and the SMS bridge's state (``servicehall.queue.outbox``).

Databases made just before Alembic came in may have these tables already (the SMS bridge
landed first): like 0001–0004, this revision creates only what is missing.
"""

import sqlalchemy as sa
from alembic import op

from servicehall.queue.migrations.adopting import create_table

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    if create_table(
        "sms_contacts",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("ticket_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("phone", sa.String(11), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("stage", sa.String(8), nullable=False),
        sa.Column("created_ts", sa.Float, nullable=False),
    ):
        op.create_index("ix_sms_contacts_day", "sms_contacts", ["hall", "day", "stage"])
    if create_table(
        "sms_outbox",
        sa.Column("id", _BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ticket_id", sa.BigInteger),
        sa.Column("phone", sa.String(11)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("parts_done", sa.Integer, nullable=False),
        sa.Column("created_ts", sa.Float, nullable=False),
        sa.Column("next_try_ts", sa.Float, nullable=False),
        sa.Column("sending_ts", sa.Float),
        sa.Column("sent_ts", sa.Float),
        sa.Column("error", sa.String(200)),
        sa.UniqueConstraint("hall", "key", name="uq_sms_outbox_key"),
    ):
        op.create_index("ix_sms_outbox_due", "sms_outbox", ["hall", "state", "next_try_ts"])
        op.create_index("ix_sms_outbox_phone", "sms_outbox", ["hall", "day", "phone"])
    create_table(
        "sms_gateways",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("sender", sa.String(120), nullable=False),
        sa.Column("running", sa.Boolean, nullable=False),
        sa.Column("ready", sa.Boolean, nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("seen_ts", sa.Float, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

"""回访: the follow-up call after a case ended, recorded once (``case_callbacks``).

Numbers now stay with a closed case until its 回访 is recorded (or ``[cases] keep_phone_days``
after it closed); cases closed before this revision had theirs deleted at collection already.
"""

import sqlalchemy as sa
from alembic import op

from servicehall.queue.migrations.adopting import create_table

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    if create_table(
        "case_callbacks",
        sa.Column("id", _BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("case_id", sa.BigInteger, nullable=False),
        sa.Column("result", sa.String(12), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("window", sa.Integer, nullable=False),
        sa.Column("clerk", sa.String(32), nullable=False),
        sa.UniqueConstraint("case_id", name="uq_case_callback"),
    ):
        op.create_index("ix_case_callbacks_day", "case_callbacks", ["hall", "day"])


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

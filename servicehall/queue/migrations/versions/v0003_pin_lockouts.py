"""PIN lock-outs kept in the database (``pin_lockouts``), so a restart or a new browser tab does
not get a fresh set of guesses."""

import sqlalchemy as sa

from servicehall.queue.migrations.adopting import create_table

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_table(
        "pin_lockouts",
        sa.Column("hall", sa.String(32), primary_key=True),
        sa.Column("subject", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.Float, nullable=False),
        sa.Column("changed_ts", sa.Float, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

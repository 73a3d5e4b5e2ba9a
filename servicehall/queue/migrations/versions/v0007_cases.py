"""办件: cases that outlive the visit (``cases``) and their recorded steps (``case_steps``).

Like 0001–0005 it creates only what is missing: the tests' "database from before Alembic" (an
``alembic_version`` dropped from a current database) still holds these tables.
"""

import sqlalchemy as sa
from alembic import op

from servicehall.queue.migrations.adopting import create_table

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    if create_table(
        "cases",
        sa.Column("id", _BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("token", sa.String(32), nullable=False),
        sa.Column("ticket_id", sa.BigInteger),
        sa.Column("ticket_label", sa.String(8)),
        sa.Column("service", sa.String(1), nullable=False),
        sa.Column("matter", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("last4", sa.String(4), nullable=False),
        sa.Column("phone", sa.String(11)),
        sa.Column("texted", sa.Boolean, nullable=False),
        sa.Column("agent", sa.Boolean, nullable=False),
        sa.Column("agent_staff", sa.String(32)),
        sa.Column("window", sa.Integer, nullable=False),
        sa.Column("clerk", sa.String(32), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("promised_day", sa.Date, nullable=False),
        sa.Column("opened_ts", sa.Float, nullable=False),
        sa.Column("finished_ts", sa.Float),
        sa.Column("finished_day", sa.Date),
        sa.Column("finished_by", sa.String(32)),
        sa.Column("closed_ts", sa.Float),
        sa.Column("supplemented", sa.Boolean, nullable=False),
        sa.UniqueConstraint("hall", "number", name="uq_case_number"),
        sa.UniqueConstraint("hall", "day", "seq", name="uq_case_seq"),
        sa.UniqueConstraint("token", name="uq_case_token"),
    ):
        op.create_index("ix_cases_open", "cases", ["hall", "state", "window", "promised_day"])
        op.create_index("ix_cases_person", "cases", ["hall", "name", "last4"])
        op.create_index("ix_cases_finished", "cases", ["hall", "finished_day"])
    if create_table(
        "case_steps",
        sa.Column("id", _BIG_ID, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("case_id", sa.BigInteger, nullable=False),
        sa.Column("step", sa.String(12), nullable=False),
        sa.Column("ts", sa.Float, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("window", sa.Integer),
        sa.Column("clerk", sa.String(32), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("to_window", sa.Integer),
    ):
        op.create_index("ix_case_steps_case", "case_steps", ["case_id", "id"])


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

"""PostgreSQL only: ``hall_roles`` (which login role belongs to which hall and kind), and the
schema's revision readable by every role, so a restricted role can see that it is current.

The row security, the issuing function and the ticket guard that use ``hall_roles`` are not
revisions: ``servicehall.queue.pg_security`` re-installs them whenever their text changes.
"""

import sqlalchemy as sa
from alembic import op

from servicehall.queue.migrations.adopting import create_table

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    create_table(
        "hall_roles",
        sa.Column("role", sa.Text, primary_key=True),
        sa.Column("hall", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.CheckConstraint("kind IN ('kiosk', 'window', 'display')", name="hall_roles_kind_check"),
    )
    op.execute("GRANT SELECT ON alembic_version TO PUBLIC")


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

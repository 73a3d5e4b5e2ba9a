"""赶圩不误号, the phone page: each ticket gets an unguessable ``page_token`` (its page's address,
printed in the ticket's QR code; never the number or the id), and PostgreSQL's ``hall_roles``
accepts the ``phone`` kind (the phone server's least-privilege role).

Tickets issued before this revision have no token and no page.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = ("kiosk", "window", "display", "sms", "phone")


def upgrade() -> None:
    # a database rebuilt from before Alembic by this version's tables has them already
    tickets = sa.inspect(op.get_bind())
    if "page_token" not in {c["name"] for c in tickets.get_columns("tickets")}:
        with op.batch_alter_table("tickets") as batch:
            batch.add_column(sa.Column("page_token", sa.String(20)))
    if "ix_tickets_page_token" not in {i["name"] for i in tickets.get_indexes("tickets")}:
        op.create_index("ix_tickets_page_token", "tickets", ["page_token"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE hall_roles DROP CONSTRAINT IF EXISTS hall_roles_kind_check")
        op.execute(
            "ALTER TABLE hall_roles ADD CONSTRAINT hall_roles_kind_check CHECK (kind IN ("
            + ", ".join(f"'{kind}'" for kind in KINDS)
            + "))"
        )


def downgrade() -> None:
    raise NotImplementedError("servicehall migrates forward only: restore a backup to go back")

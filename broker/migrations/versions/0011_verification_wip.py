"""whether a verification result was published for a pact verified as work in progress (`w` in the
metadata of the URL it was published at); such a success does not take the pact out of WIP

Revision ID: 0011_verification_wip
Revises: 0010_pacticipant_repository
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_verification_wip"
down_revision = "0010_pacticipant_repository"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("verifications") as table:
        table.add_column(sa.Column("wip", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("verifications") as table:
        table.drop_column("wip")

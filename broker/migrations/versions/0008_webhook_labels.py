"""webhooks for the pacticipants with a label (`consumer: {label}` / `provider: {label}`)

Revision ID: 0008_webhook_labels
Revises: 0007_contract_comparisons
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_webhook_labels"
down_revision = "0007_contract_comparisons"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhooks") as table:
        table.add_column(sa.Column("consumer_label", sa.String(length=255), nullable=True))
        table.add_column(sa.Column("provider_label", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("webhooks") as table:
        table.drop_column("provider_label")
        table.drop_column("consumer_label")

"""the pact (publication) and verification result each delivery belongs to, for
`.../version/{v}/triggered-webhooks` and `.../verification-results/{n}/triggered-webhooks`; deleted
with them, as the Pact Broker deletes them

Revision ID: 0009_triggered_webhook_sources
Revises: 0008_webhook_labels
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_triggered_webhook_sources"
down_revision = "0008_webhook_labels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("triggered_webhooks") as table:
        table.add_column(sa.Column("pact_publication_id", sa.Integer(), nullable=True))
        table.add_column(sa.Column("verification_id", sa.Integer(), nullable=True))
        table.create_foreign_key(
            "fk_triggered_webhooks_pact_publication",
            "pact_publications",
            ["pact_publication_id"],
            ["id"],
            ondelete="CASCADE",
        )
        table.create_foreign_key(
            "fk_triggered_webhooks_verification",
            "verifications",
            ["verification_id"],
            ["id"],
            ondelete="CASCADE",
        )
        table.create_index("ix_triggered_webhooks_pact_publication_id", ["pact_publication_id"])
        table.create_index("ix_triggered_webhooks_verification_id", ["verification_id"])


def downgrade() -> None:
    with op.batch_alter_table("triggered_webhooks") as table:
        table.drop_index("ix_triggered_webhooks_verification_id")
        table.drop_index("ix_triggered_webhooks_pact_publication_id")
        table.drop_constraint("fk_triggered_webhooks_verification", type_="foreignkey")
        table.drop_constraint("fk_triggered_webhooks_pact_publication", type_="foreignkey")
        table.drop_column("verification_id")
        table.drop_column("pact_publication_id")

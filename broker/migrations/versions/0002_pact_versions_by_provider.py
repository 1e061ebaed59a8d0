"""index pact versions by provider (the consumers of a provider, for can-i-deploy)

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_pact_versions_provider", "pact_versions", ["provider_id", "consumer_id"])


def downgrade() -> None:
    op.drop_index("ix_pact_versions_provider", table_name="pact_versions")

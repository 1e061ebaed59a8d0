"""contract comparisons (bi-directional): a pact version compared with a provider contract, once

Revision ID: 0007_contract_comparisons
Revises: 0006_labels
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_contract_comparisons"
down_revision = "0006_labels"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contract_comparisons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_version_id", sa.Integer(), nullable=False),
        sa.Column("provider_contract_id", sa.Integer(), nullable=False),
        sa.Column("provider_version_id", sa.Integer(), nullable=False),
        sa.Column("compatible", sa.Boolean(), nullable=False),
        sa.Column("checked", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pact_version_id"], ["pact_versions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_contract_id"], ["provider_contracts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pact_version_id", "provider_contract_id", name="uq_contract_comparisons"),
    )
    op.create_index(
        "ix_contract_comparisons_provider_version",
        "contract_comparisons",
        ["provider_version_id", "pact_version_id"],
    )


def downgrade() -> None:
    op.drop_index("ix_contract_comparisons_provider_version", table_name="contract_comparisons")
    op.drop_table("contract_comparisons")

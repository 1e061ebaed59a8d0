"""labels of pacticipants (`PUT /pacticipants/{p}/labels/{label}`), one row per pacticipant and name

Revision ID: 0006_labels
Revises: 0005_replicas
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_labels"
down_revision = "0005_replicas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pacticipant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pacticipant_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pacticipant_id", "name", name="uq_labels_pacticipant_name"),
    )
    op.create_index("ix_labels_name", "labels", ["name"])


def downgrade() -> None:
    op.drop_index("ix_labels_name", table_name="labels")
    op.drop_table("labels")

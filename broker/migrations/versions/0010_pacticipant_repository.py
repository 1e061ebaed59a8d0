"""a pacticipant's repository name and namespace (`repositoryName`, `repositoryNamespace`)

Revision ID: 0010_pacticipant_repository
Revises: 0009_triggered_webhook_sources
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_pacticipant_repository"
down_revision = "0009_triggered_webhook_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pacticipants") as table:
        table.add_column(sa.Column("repository_name", sa.Text(), nullable=True))
        table.add_column(sa.Column("repository_namespace", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pacticipants") as table:
        table.drop_column("repository_namespace")
        table.drop_column("repository_name")

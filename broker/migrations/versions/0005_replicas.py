"""several brokers on one database: one current deployment per target, deliveries kept in the database

- `ux_deployed_versions_current`: a partial unique index, at most one deployment of a pacticipant is
  current per environment and target (application instance). Duplicates left by concurrent
  record-deployments before it existed are closed first, the newest kept current.
- triggered_webhooks gain what a delivery needs to be sent by any broker process, also after a
  restart: the template parameters (`params`), when the next attempt is due (`next_attempt_at`) and
  until when a process has claimed it (`claimed_until`). Deliveries still pending from before cannot
  be sent (their parameters were never stored) and are recorded as failed.

Revision ID: 0005_replicas
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_replicas"
down_revision = "0004"
branch_labels = None
depends_on = None

_CURRENT = sa.text("undeployed_at IS NULL")


def upgrade() -> None:
    op.execute(
        """
        UPDATE deployed_versions SET undeployed_at = created_at
        WHERE undeployed_at IS NULL AND EXISTS (
            SELECT 1 FROM deployed_versions newer
            WHERE newer.undeployed_at IS NULL
              AND newer.pacticipant_id = deployed_versions.pacticipant_id
              AND newer.environment_id = deployed_versions.environment_id
              AND coalesce(newer.target, '') = coalesce(deployed_versions.target, '')
              AND newer.id > deployed_versions.id
        )
        """
    )
    op.create_index(
        "ux_deployed_versions_current",
        "deployed_versions",
        ["pacticipant_id", "environment_id", sa.text("coalesce(target, '')")],
        unique=True,
        postgresql_where=_CURRENT,
        sqlite_where=_CURRENT,
    )

    with op.batch_alter_table("triggered_webhooks") as table:
        table.add_column(sa.Column("params", sa.JSON(), nullable=True))
        table.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE triggered_webhooks SET status = 'failure' WHERE status IN ('not_run', 'retrying')")
    op.create_index("ix_triggered_webhooks_due", "triggered_webhooks", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_triggered_webhooks_due", table_name="triggered_webhooks")
    with op.batch_alter_table("triggered_webhooks") as table:
        table.drop_column("claimed_until")
        table.drop_column("next_attempt_at")
        table.drop_column("params")
    op.drop_index("ux_deployed_versions_current", table_name="deployed_versions")

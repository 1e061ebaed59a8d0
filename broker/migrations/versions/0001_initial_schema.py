"""initial schema

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "environments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=True),
        sa.Column("production", sa.Boolean(), nullable=False),
        sa.Column("contacts", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
        sa.UniqueConstraint("uuid"),
    )
    op.create_table(
        "pacticipants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=True),
        sa.Column("main_branch", sa.String(length=255), nullable=True),
        sa.Column("repository_url", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "branches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pacticipant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pacticipant_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pacticipant_id", "name", name="uq_branches_pacticipant_name"),
    )
    op.create_table(
        "pact_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consumer_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("sha", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consumer_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consumer_id", "provider_id", "sha", name="uq_pact_versions_sha"),
    )
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pacticipant_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=255), nullable=False),
        sa.Column("build_url", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pacticipant_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pacticipant_id", "number", name="uq_versions_pacticipant_number"),
    )
    op.create_table(
        "branch_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("branch_id", "version_id", name="uq_branch_versions"),
    )
    with op.batch_alter_table("branch_versions", schema=None) as batch_op:
        batch_op.create_index("ix_branch_versions_version", ["version_id"], unique=False)

    op.create_table(
        "deployed_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("pacticipant_id", sa.Integer(), nullable=False),
        sa.Column("environment_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=255), nullable=True),
        sa.Column("undeployed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["environment_id"], ["environments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pacticipant_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
    )
    with op.batch_alter_table("deployed_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deployed_versions_environment", ["environment_id", "undeployed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_deployed_versions_version_id"), ["version_id"], unique=False)

    op.create_table(
        "pact_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consumer_version_id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("pact_version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consumer_version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pact_version_id"], ["pact_versions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consumer_version_id", "provider_id", name="uq_pact_publications"),
    )
    with op.batch_alter_table("pact_publications", schema=None) as batch_op:
        batch_op.create_index("ix_pact_publications_pact_version", ["pact_version_id"], unique=False)
        batch_op.create_index(
            "ix_pact_publications_provider", ["provider_id", "consumer_version_id"], unique=False
        )

    op.create_table(
        "released_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("pacticipant_id", sa.Integer(), nullable=False),
        sa.Column("environment_id", sa.Integer(), nullable=False),
        sa.Column("support_ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["environment_id"], ["environments.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pacticipant_id"], ["pacticipants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uuid"),
        sa.UniqueConstraint("version_id", "environment_id", name="uq_released_versions"),
    )
    with op.batch_alter_table("released_versions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_released_versions_environment", ["environment_id", "support_ended_at"], unique=False
        )

    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("version_id", "name", name="uq_tags_version_name"),
    )
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.create_index("ix_tags_name", ["name"], unique=False)

    op.create_table(
        "verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pact_version_id", sa.Integer(), nullable=False),
        sa.Column("provider_version_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("success", sa.Boolean(), nullable=False),
        sa.Column("test_results", sa.JSON(), nullable=True),
        sa.Column("verified_by", sa.JSON(), nullable=True),
        sa.Column("build_url", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["pact_version_id"], ["pact_versions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["provider_version_id"], ["versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("pact_version_id", "number", name="uq_verifications_number"),
    )
    with op.batch_alter_table("verifications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_verifications_provider_version", ["provider_version_id", "pact_version_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("verifications", schema=None) as batch_op:
        batch_op.drop_index("ix_verifications_provider_version")

    op.drop_table("verifications")
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.drop_index("ix_tags_name")

    op.drop_table("tags")
    with op.batch_alter_table("released_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_released_versions_environment")

    op.drop_table("released_versions")
    with op.batch_alter_table("pact_publications", schema=None) as batch_op:
        batch_op.drop_index("ix_pact_publications_provider")
        batch_op.drop_index("ix_pact_publications_pact_version")

    op.drop_table("pact_publications")
    with op.batch_alter_table("deployed_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deployed_versions_version_id"))
        batch_op.drop_index("ix_deployed_versions_environment")

    op.drop_table("deployed_versions")
    with op.batch_alter_table("branch_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_branch_versions_version")

    op.drop_table("branch_versions")
    op.drop_table("versions")
    op.drop_table("pact_versions")
    op.drop_table("branches")
    op.drop_table("pacticipants")
    op.drop_table("environments")

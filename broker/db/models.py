"""The broker's tables. Pact content is stored once per distinct content SHA (a pact version) and
published by consumer versions; verifications belong to the pact version, so one verification
covers every consumer version that published the same content."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    column,
    false,
    func,
    select,
    table,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column, relationship

from ..display_names import display_name


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class _Shown:
    """A row with a `name` and an optional `display_name` (pacticipants, environments)."""

    @property
    def shown_name(self) -> str:
        """The display name, or the one the Pact Broker generates from the name when none was given."""
        return self.display_name or display_name(self.name)


class Pacticipant(_Shown, Base):
    __tablename__ = "pacticipants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(255))
    main_branch: Mapped[str | None] = mapped_column(String(255))
    repository_url: Mapped[str | None] = mapped_column(Text)
    repository_name: Mapped[str | None] = mapped_column(Text)
    repository_namespace: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    # loaded only where a pacticipant is represented; deleted with it by the database (ON DELETE CASCADE)
    labels: Mapped[list[Label]] = relationship(order_by="Label.name", viewonly=True)


class Label(Base):
    """A name a pacticipant is labelled with (`ios`, `team-x`), unique per pacticipant."""

    __tablename__ = "labels"
    __table_args__ = (
        UniqueConstraint("pacticipant_id", "name", name="uq_labels_pacticipant_name"),
        Index("ix_labels_name", "name"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pacticipant_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    pacticipant: Mapped[Pacticipant] = relationship(lazy="joined", innerjoin=True)


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("pacticipant_id", "number", name="uq_versions_pacticipant_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pacticipant_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(255))
    build_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    pacticipant: Mapped[Pacticipant] = relationship(lazy="joined", innerjoin=True)
    tags: Mapped[list[Tag]] = relationship(
        back_populates="version", order_by="Tag.id", cascade="all, delete-orphan"
    )
    branch_versions: Mapped[list[BranchVersion]] = relationship(
        back_populates="version", order_by="BranchVersion.id", cascade="all, delete-orphan"
    )
    # the pacts this version published (loaded only where a version is represented)
    pact_publications: Mapped[list[PactPublication]] = relationship(viewonly=True)


class Branch(Base):
    __tablename__ = "branches"
    __table_args__ = (UniqueConstraint("pacticipant_id", "name", name="uq_branches_pacticipant_name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pacticipant_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    pacticipant: Mapped[Pacticipant] = relationship()


_NEWER = table("branch_versions", column("branch_id"), column("version_id")).alias("newer")


class BranchVersion(Base):
    __tablename__ = "branch_versions"
    __table_args__ = (
        UniqueConstraint("branch_id", "version_id", name="uq_branch_versions"),
        Index("ix_branch_versions_version", "version_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    branch: Mapped[Branch] = relationship(lazy="joined", innerjoin=True)
    version: Mapped[Version] = relationship(back_populates="branch_versions")
    # whether the version is the newest on its branch (the Pact Broker's `latest`): one look at the end
    # of the branch's entries in the unique index, however long the branch
    latest: Mapped[bool] = column_property(
        version_id
        == select(func.max(_NEWER.c.version_id)).where(_NEWER.c.branch_id == branch_id).scalar_subquery()
    )


class Tag(Base):
    __tablename__ = "tags"
    __table_args__ = (
        UniqueConstraint("version_id", "name", name="uq_tags_version_name"),
        Index("ix_tags_name", "name"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[Version] = relationship(back_populates="tags")


_PUBLISHED = table("pact_publications", column("pact_version_id"), column("consumer_version_id")).alias(
    "published"
)
_PUBLISHED_BY = table("versions", column("id"), column("number")).alias("published_by")


class PactVersion(Base):
    """One distinct pact content between a consumer and a provider, named by its content SHA."""

    __tablename__ = "pact_versions"
    __table_args__ = (
        UniqueConstraint("consumer_id", "provider_id", "sha", name="uq_pact_versions_sha"),
        Index("ix_pact_versions_provider", "provider_id", "consumer_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consumer_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    sha: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text, deferred=True)  # loaded only where a pact is served
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    consumer: Mapped[Pacticipant] = relationship(foreign_keys=[consumer_id], lazy="joined", innerjoin=True)
    provider: Mapped[Pacticipant] = relationship(foreign_keys=[provider_id], lazy="joined", innerjoin=True)
    # the newest consumer version published with this content, which its verification results name it by;
    # deferred: read only where a result is represented
    newest_number: Mapped[str | None] = column_property(
        select(_PUBLISHED_BY.c.number)
        .join(_PUBLISHED, _PUBLISHED.c.consumer_version_id == _PUBLISHED_BY.c.id)
        .where(_PUBLISHED.c.pact_version_id == id)
        .order_by(_PUBLISHED_BY.c.id.desc())
        .limit(1)
        .scalar_subquery(),
        deferred=True,
    )


class PactPublication(Base):
    """A consumer version's pact with one provider (the latest content published for that pair)."""

    __tablename__ = "pact_publications"
    __table_args__ = (
        UniqueConstraint("consumer_version_id", "provider_id", name="uq_pact_publications"),
        Index("ix_pact_publications_provider", "provider_id", "consumer_version_id"),
        Index("ix_pact_publications_pact_version", "pact_version_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    consumer_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    pact_version_id: Mapped[int] = mapped_column(ForeignKey("pact_versions.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    consumer_version: Mapped[Version] = relationship(lazy="joined", innerjoin=True)
    provider: Mapped[Pacticipant] = relationship(lazy="joined", innerjoin=True)
    pact_version: Mapped[PactVersion] = relationship(lazy="joined", innerjoin=True)


class Verification(Base):
    __tablename__ = "verifications"
    __table_args__ = (
        UniqueConstraint("pact_version_id", "number", name="uq_verifications_number"),
        Index("ix_verifications_provider_version", "provider_version_id", "pact_version_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_version_id: Mapped[int] = mapped_column(ForeignKey("pact_versions.id", ondelete="CASCADE"))
    provider_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    success: Mapped[bool] = mapped_column(Boolean)
    test_results: Mapped[object | None] = mapped_column(JSON)
    verified_by: Mapped[object | None] = mapped_column(JSON)
    build_url: Mapped[str | None] = mapped_column(Text)
    # published for the pact as work in progress: a success does not take it out of WIP
    wip: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    pact_version: Mapped[PactVersion] = relationship(lazy="joined", innerjoin=True)
    provider_version: Mapped[Version] = relationship(lazy="joined", innerjoin=True)


class Environment(_Shown, Base):
    __tablename__ = "environments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(255))
    production: Mapped[bool] = mapped_column(Boolean, default=False)
    contacts: Mapped[object | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DeployedVersion(Base):
    """A version deployed to an environment (and target, the application instance); current until
    undeployed. At most one is current per pacticipant, environment and target: the partial unique
    index `ux_deployed_versions_current` (migration 0005_replicas) holds that under concurrency."""

    __tablename__ = "deployed_versions"
    __table_args__ = (Index("ix_deployed_versions_environment", "environment_id", "undeployed_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    pacticipant_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    environment_id: Mapped[int] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    target: Mapped[str | None] = mapped_column(String(255))
    undeployed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[Version] = relationship(lazy="joined", innerjoin=True)
    environment: Mapped[Environment] = relationship(lazy="joined", innerjoin=True)


class ReleasedVersion(Base):
    __tablename__ = "released_versions"
    __table_args__ = (
        UniqueConstraint("version_id", "environment_id", name="uq_released_versions"),
        Index("ix_released_versions_environment", "environment_id", "support_ended_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    pacticipant_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    environment_id: Mapped[int] = mapped_column(ForeignKey("environments.id", ondelete="CASCADE"))
    support_ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    version: Mapped[Version] = relationship(lazy="joined", innerjoin=True)
    environment: Mapped[Environment] = relationship(lazy="joined", innerjoin=True)


class ProviderContract(Base):
    """A provider's own contract (an OpenAPI document) for one of its versions, with the result of its
    self-verification (e.g. `accord fuzz`): PactFlow's bi-directional "provider contract"."""

    __tablename__ = "provider_contracts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"), index=True)
    specification: Mapped[str] = mapped_column(String(32))
    content_type: Mapped[str] = mapped_column(String(255))
    content: Mapped[str] = mapped_column(Text)
    self_verification: Mapped[object | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ContractComparison(Base):
    """A pact version compared with a provider contract (bi-directional contract testing), once per pair:
    whether it is compatible, how many interactions were compared and the findings (`accord compat`'s
    JSON report). `provider_version_id` is the contract's version, kept here for the matrix."""

    __tablename__ = "contract_comparisons"
    __table_args__ = (
        UniqueConstraint("pact_version_id", "provider_contract_id", name="uq_contract_comparisons"),
        Index("ix_contract_comparisons_provider_version", "provider_version_id", "pact_version_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_version_id: Mapped[int] = mapped_column(ForeignKey("pact_versions.id", ondelete="CASCADE"))
    provider_contract_id: Mapped[int] = mapped_column(ForeignKey("provider_contracts.id", ondelete="CASCADE"))
    provider_version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    compatible: Mapped[bool] = mapped_column(Boolean)
    checked: Mapped[int] = mapped_column(Integer)
    report: Mapped[dict] = mapped_column(JSON)  # {"success", "errors", "warnings"} as `accord compat` prints
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Webhook(Base):
    """An HTTP request the broker sends when one of its events happens (a pact published, a
    verification published), for one consumer, one provider, a pair or everyone; a side may instead
    be every pacticipant with a label (`consumer_label`, `provider_label`)."""

    __tablename__ = "webhooks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    consumer_id: Mapped[int | None] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    consumer_label: Mapped[str | None] = mapped_column(String(255))
    provider_label: Mapped[str | None] = mapped_column(String(255))
    events: Mapped[list] = mapped_column(JSON)  # event names
    request: Mapped[dict] = mapped_column(JSON)  # method, url, headers, body, username, password
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    consumer: Mapped[Pacticipant | None] = relationship(foreign_keys=[consumer_id], lazy="joined")
    provider: Mapped[Pacticipant | None] = relationship(foreign_keys=[provider_id], lazy="joined")


class TriggeredWebhook(Base):
    """One delivery of a webhook for one event: its status, attempts and log (kept when the webhook
    is deleted, as the Pact Broker keeps them). A pending one (not_run, retrying) is sent by whichever
    broker process claims it once `next_attempt_at` is due; `claimed_until` keeps the others off it."""

    __tablename__ = "triggered_webhooks"
    __table_args__ = (
        Index("ix_triggered_webhooks_pair", "provider_id", "consumer_id"),
        Index("ix_triggered_webhooks_due", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(64), unique=True)
    webhook_uuid: Mapped[str] = mapped_column(String(64), index=True)
    webhook_name: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(String(64))
    consumer_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    provider_id: Mapped[int] = mapped_column(ForeignKey("pacticipants.id", ondelete="CASCADE"))
    # the pact and (for a verification's events) the verification result it belongs to
    pact_publication_id: Mapped[int | None] = mapped_column(
        ForeignKey("pact_publications.id", ondelete="CASCADE"), index=True
    )
    verification_id: Mapped[int | None] = mapped_column(
        ForeignKey("verifications.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))  # not_run, retrying, success, failure
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    attempts_allowed: Mapped[int] = mapped_column(Integer)
    logs: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict | None] = mapped_column(JSON)  # the event's template parameters
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    pact_publication: Mapped[PactPublication | None] = relationship(lazy="raise")
    # the webhook as it is now (None once deleted: its deliveries are kept)
    webhook: Mapped[Webhook | None] = relationship(
        primaryjoin="foreign(TriggeredWebhook.webhook_uuid) == Webhook.uuid", viewonly=True, lazy="raise"
    )

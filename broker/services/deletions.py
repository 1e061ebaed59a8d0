"""Deleting what the Pact Broker lets a client delete: pacticipants, versions, pacts (one, by tag, by
branch, all of a pair), verification results, integrations and branch versions. Each is one statement
or a few in one transaction; the database's foreign keys (ON DELETE CASCADE) take what hangs off the
deleted rows, so nothing is half-deleted and a concurrent writer sees before or after, never between."""

from __future__ import annotations

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import (
    Branch,
    BranchVersion,
    Pacticipant,
    PactPublication,
    PactVersion,
    Tag,
    Verification,
    Version,
    Webhook,
)
from ..errors import NotFound
from .pacticipants import require_pacticipant, require_version
from .transactions import write

__all__ = ["DeletionService"]


def _pair(session: Session, provider: str, consumer: str) -> tuple[Pacticipant, Pacticipant]:
    return require_pacticipant(session, provider), require_pacticipant(session, consumer)


def _delete_publications(
    session: Session, provider: Pacticipant, consumer: Pacticipant, *, tag: str | None, branch: str | None
) -> int:
    versions = select(Version.id).where(Version.pacticipant_id == consumer.id)
    if tag is not None:
        versions = versions.where(Version.id.in_(select(Tag.version_id).where(Tag.name == tag)))
    if branch is not None:
        on_branch = select(BranchVersion.version_id).join(Branch, Branch.id == BranchVersion.branch_id)
        versions = versions.where(
            Version.id.in_(on_branch.where(Branch.pacticipant_id == consumer.id, Branch.name == branch))
        )
    statement = delete(PactPublication).where(
        PactPublication.provider_id == provider.id, PactPublication.consumer_version_id.in_(versions)
    )
    return session.execute(statement).rowcount or 0


class DeletionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def pacticipant(self, name: str) -> None:
        """The pacticipant and everything of it: versions, branches, pacts, verifications, webhooks."""

        def work(session: Session) -> None:
            session.execute(
                delete(Pacticipant).where(Pacticipant.id == require_pacticipant(session, name).id)
            )

        write(self.db, work)

    def version(self, name: str, number: str) -> None:
        """The version with its tags, branch memberships, pacts, verifications and deployments."""

        def work(session: Session) -> None:
            session.execute(delete(Version).where(Version.id == require_version(session, name, number).id))

        write(self.db, work)

    def pact(self, provider: str, consumer: str, number: str) -> None:
        def work(session: Session) -> None:
            version = require_version(session, consumer, number)
            provider_row = require_pacticipant(session, provider)
            deleted = session.execute(
                delete(PactPublication).where(
                    PactPublication.consumer_version_id == version.id,
                    PactPublication.provider_id == provider_row.id,
                )
            ).rowcount
            if not deleted:
                raise NotFound(f"No pact between {consumer} version {number} and {provider} found")

        write(self.db, work)

    def pacts(
        self, provider: str, consumer: str, *, tag: str | None = None, branch: str | None = None
    ) -> int:
        """The pair's pacts (from consumer versions with the tag / on the branch); how many there were."""

        def work(session: Session) -> int:
            provider_row, consumer_row = _pair(session, provider, consumer)
            return _delete_publications(session, provider_row, consumer_row, tag=tag, branch=branch)

        return write(self.db, work)

    def verification(self, provider: str, consumer: str, sha: str, number: int) -> None:
        def work(session: Session) -> None:
            provider_row, consumer_row = _pair(session, provider, consumer)
            pact_version = select(PactVersion.id).where(
                PactVersion.consumer_id == consumer_row.id,
                PactVersion.provider_id == provider_row.id,
                PactVersion.sha == sha,
            )
            deleted = session.execute(
                delete(Verification).where(
                    Verification.pact_version_id.in_(pact_version), Verification.number == number
                )
            ).rowcount
            if not deleted:
                raise NotFound(f"No verification result {number} for the pact with content SHA {sha} found")

        write(self.db, work)

    def integration(self, provider: str, consumer: str) -> None:
        """The pair's pacts, their verification results and webhooks; then the versions left with
        neither a pact nor a verification, and either pacticipant left with nothing at all."""

        def work(session: Session) -> None:
            provider_row, consumer_row = _pair(session, provider, consumer)
            pair = (PactVersion.consumer_id == consumer_row.id) & (PactVersion.provider_id == provider_row.id)
            if not session.scalar(select(exists().where(pair))):
                raise NotFound(f"No integration between {consumer} and {provider} found")
            session.execute(delete(PactVersion).where(pair))
            session.execute(
                delete(Webhook).where(
                    Webhook.consumer_id == consumer_row.id, Webhook.provider_id == provider_row.id
                )
            )
            ids = {consumer_row.id, provider_row.id}
            session.execute(
                delete(Version).where(
                    Version.pacticipant_id.in_(ids),
                    ~Version.id.in_(select(PactPublication.consumer_version_id)),
                    ~Version.id.in_(select(Verification.provider_version_id)),
                )
            )
            for pacticipant_id in ids:
                _delete_if_orphan(session, pacticipant_id)

        write(self.db, work)

    def integrations(self) -> None:
        """Every pact, verification result and webhook, and the pacticipants (as the Pact Broker's
        `DELETE /integrations`, which empties the broker's integration data)."""

        def work(session: Session) -> None:
            session.execute(delete(Webhook))
            session.execute(delete(Pacticipant))

        write(self.db, work)

    def branch_version(self, name: str, branch: str, number: str) -> None:
        """Take the version off the branch (the version and the branch stay)."""

        def work(session: Session) -> None:
            version = require_version(session, name, number)
            on_branch = select(Branch.id).where(
                Branch.pacticipant_id == version.pacticipant_id, Branch.name == branch
            )
            deleted = session.execute(
                delete(BranchVersion).where(
                    BranchVersion.version_id == version.id, BranchVersion.branch_id.in_(on_branch)
                )
            ).rowcount
            if not deleted:
                raise NotFound(f"Version {number} of {name} is not on branch {branch}")

        write(self.db, work)


def _delete_if_orphan(session: Session, pacticipant_id: int) -> None:
    session.execute(
        delete(Pacticipant).where(
            Pacticipant.id == pacticipant_id,
            ~exists().where(Version.pacticipant_id == pacticipant_id),
            ~exists().where(
                or_(PactVersion.consumer_id == pacticipant_id, PactVersion.provider_id == pacticipant_id)
            ),
            ~exists().where(
                or_(Webhook.consumer_id == pacticipant_id, Webhook.provider_id == pacticipant_id)
            ),
        )
    )

"""Queries over verification results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from ..db.models import Branch, BranchVersion, PactVersion, Verification

__all__ = [
    "any_for_pair",
    "by_number",
    "by_provider_versions",
    "count_for_pact_version",
    "for_pact_versions",
    "insert",
    "latest_by_pact_versions",
    "latest_for_pact_version",
    "newest_for_pact_version",
    "next_number",
]


def next_number(session: Session, pact_version_id: int) -> int:
    current = session.scalar(
        select(func.max(Verification.number)).where(Verification.pact_version_id == pact_version_id)
    )
    return (current or 0) + 1


def insert(session: Session, row: Verification) -> Verification:
    session.add(row)
    session.flush()
    return row


def by_number(session: Session, pact_version_id: int, number: int) -> Verification | None:
    return session.scalar(
        select(Verification).where(
            Verification.pact_version_id == pact_version_id, Verification.number == number
        )
    )


def latest_for_pact_version(
    session: Session, pact_version_id: int, *, branch: str | None = None
) -> Verification | None:
    """The pact content's newest verification (`branch`: by a provider version on that branch)."""
    query = select(Verification).where(Verification.pact_version_id == pact_version_id)
    if branch is not None:
        query = query.where(
            Verification.provider_version_id.in_(
                select(BranchVersion.version_id)
                .join(Branch, Branch.id == BranchVersion.branch_id)
                .where(Branch.name == branch)
            )
        )
    return session.scalar(query.order_by(Verification.id.desc()).limit(1))


def for_pact_versions(
    session: Session,
    pact_version_ids: Iterable[int],
    provider_version_ids: Iterable[int] | None = None,
    *,
    success: bool | None = None,
    lean: bool = False,
) -> Sequence[Verification]:
    """Verifications of these pact contents (optionally by these provider versions), oldest first."""
    query = select(Verification).where(Verification.pact_version_id.in_(list(pact_version_ids)))
    if lean:  # the matrix needs only the ids and the outcome
        query = query.options(lazyload(Verification.pact_version), lazyload(Verification.provider_version))
    if provider_version_ids is not None:
        query = query.where(Verification.provider_version_id.in_(list(provider_version_ids)))
    if success is not None:
        query = query.where(Verification.success == success)
    return session.scalars(query.order_by(Verification.id)).all()


def newest_for_pact_version(session: Session, pact_version_id: int, limit: int) -> Sequence[Verification]:
    """The pact content's `limit` newest verifications, newest first."""
    query = select(Verification).where(Verification.pact_version_id == pact_version_id)
    return session.scalars(query.order_by(Verification.id.desc()).limit(limit)).all()


def by_provider_versions(session: Session, provider_version_ids: Iterable[int]) -> Sequence[Verification]:
    """The verifications these provider versions published, oldest first."""
    query = select(Verification).where(Verification.provider_version_id.in_(list(provider_version_ids)))
    return session.scalars(query.order_by(Verification.id)).all()


def count_for_pact_version(session: Session, pact_version_id: int) -> int:
    query = select(func.count()).where(Verification.pact_version_id == pact_version_id)
    return session.scalar(query) or 0


def latest_by_pact_versions(session: Session, pact_version_ids: Iterable[int]) -> dict[int, Verification]:
    """The newest verification of each of these pact contents that has one, by pact version id."""
    ids = list(pact_version_ids)
    if not ids:
        return {}
    newest = select(func.max(Verification.id)).where(Verification.pact_version_id.in_(ids))
    query = select(Verification).where(Verification.id.in_(newest.group_by(Verification.pact_version_id)))
    return {row.pact_version_id: row for row in session.scalars(query)}


def any_for_pair(session: Session, consumer_id: int, provider_id: int) -> bool:
    """Whether the provider has published a verification result of any of the consumer's pacts."""
    query = (
        select(Verification.id)
        .join(PactVersion, PactVersion.id == Verification.pact_version_id)
        .where(PactVersion.consumer_id == consumer_id, PactVersion.provider_id == provider_id)
        .limit(1)
    )
    return session.scalar(query) is not None

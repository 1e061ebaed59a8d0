"""Queries over verification results."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, lazyload

from ..db.models import Verification

__all__ = ["by_number", "for_pact_versions", "insert", "latest_for_pact_version", "next_number"]


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


def latest_for_pact_version(session: Session, pact_version_id: int) -> Verification | None:
    return session.scalar(
        select(Verification)
        .where(Verification.pact_version_id == pact_version_id)
        .order_by(Verification.id.desc())
        .limit(1)
    )


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

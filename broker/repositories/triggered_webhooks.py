"""Queries over triggered webhooks (the deliveries of webhooks), and the claim of due ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from ..db.models import TriggeredWebhook

__all__ = ["PENDING", "by_uuid", "claim_due", "for_pair", "for_publication", "for_verification", "next_due"]

PENDING = ("not_run", "retrying")  # statuses of a delivery that still has an attempt to make


def by_uuid(session: Session, uuid: str) -> TriggeredWebhook | None:
    return session.scalar(select(TriggeredWebhook).where(TriggeredWebhook.uuid == uuid))


def _newest_first(session: Session, *where, limit: int = 100) -> Sequence[TriggeredWebhook]:
    query = (
        select(TriggeredWebhook)
        .where(*where)
        .options(selectinload(TriggeredWebhook.webhook), selectinload(TriggeredWebhook.pact_publication))
        .order_by(TriggeredWebhook.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()


def for_pair(session: Session, provider_id: int, consumer_id: int) -> Sequence[TriggeredWebhook]:
    """The pair's newest deliveries first."""
    return _newest_first(
        session, TriggeredWebhook.provider_id == provider_id, TriggeredWebhook.consumer_id == consumer_id
    )


def for_publication(session: Session, publication_id: int) -> Sequence[TriggeredWebhook]:
    """The deliveries of a pact's events, and of its verifications' events, newest first."""
    return _newest_first(session, TriggeredWebhook.pact_publication_id == publication_id)


def for_verification(session: Session, verification_id: int) -> Sequence[TriggeredWebhook]:
    return _newest_first(session, TriggeredWebhook.verification_id == verification_id)


def claim_due(session: Session, now: datetime, until: datetime, limit: int) -> Sequence[TriggeredWebhook]:
    """Up to `limit` pending deliveries due by `now` that no one holds (or whose holder's claim has
    lapsed), claimed until `until`. Rows another transaction is claiming are skipped, not waited for
    (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite has one writer at a time)."""
    query = (
        select(TriggeredWebhook)
        .where(
            TriggeredWebhook.status.in_(PENDING),
            TriggeredWebhook.next_attempt_at <= now,
            or_(TriggeredWebhook.claimed_until.is_(None), TriggeredWebhook.claimed_until < now),
        )
        .order_by(TriggeredWebhook.next_attempt_at, TriggeredWebhook.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = session.scalars(query).all()
    for row in rows:
        row.claimed_until = until
    session.flush()
    return rows


def next_due(session: Session, now: datetime) -> datetime | None:
    """When the next pending delivery no one holds (by `now`) is due."""
    due = session.scalar(
        select(func.min(TriggeredWebhook.next_attempt_at)).where(
            TriggeredWebhook.status.in_(PENDING),
            or_(TriggeredWebhook.claimed_until.is_(None), TriggeredWebhook.claimed_until < now),
        )
    )
    return due.replace(tzinfo=UTC) if due is not None and due.tzinfo is None else due  # SQLite: naive UTC

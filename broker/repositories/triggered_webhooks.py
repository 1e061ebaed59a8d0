"""Queries over triggered webhooks (the deliveries of webhooks)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import TriggeredWebhook

__all__ = ["by_uuid", "for_pair"]


def by_uuid(session: Session, uuid: str) -> TriggeredWebhook | None:
    return session.scalar(select(TriggeredWebhook).where(TriggeredWebhook.uuid == uuid))


def for_pair(
    session: Session, provider_id: int, consumer_id: int, limit: int = 100
) -> Sequence[TriggeredWebhook]:
    """The pair's newest deliveries first."""
    query = (
        select(TriggeredWebhook)
        .where(TriggeredWebhook.provider_id == provider_id, TriggeredWebhook.consumer_id == consumer_id)
        .order_by(TriggeredWebhook.id.desc())
        .limit(limit)
    )
    return session.scalars(query).all()

"""Queries over webhooks."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db.models import Webhook

__all__ = ["all_webhooks", "by_uuid", "listening"]


def all_webhooks(session: Session) -> Sequence[Webhook]:
    return session.scalars(select(Webhook).order_by(Webhook.id)).unique().all()


def by_uuid(session: Session, uuid: str) -> Webhook | None:
    return session.scalar(select(Webhook).where(Webhook.uuid == uuid))


def listening(session: Session, consumer_id: int, provider_id: int) -> Sequence[Webhook]:
    """The enabled webhooks for this consumer and provider (or for any consumer or provider)."""
    query = select(Webhook).where(
        Webhook.enabled.is_(True),
        or_(Webhook.consumer_id.is_(None), Webhook.consumer_id == consumer_id),
        or_(Webhook.provider_id.is_(None), Webhook.provider_id == provider_id),
    )
    return session.scalars(query.order_by(Webhook.id)).unique().all()

"""Queries over webhooks."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db.models import Label, Webhook

__all__ = ["all_webhooks", "by_uuid", "listening"]


def all_webhooks(session: Session) -> Sequence[Webhook]:
    return session.scalars(select(Webhook).order_by(Webhook.id)).unique().all()


def by_uuid(session: Session, uuid: str) -> Webhook | None:
    return session.scalar(select(Webhook).where(Webhook.uuid == uuid))


def _side(pacticipant_id, label, chosen_id: int):
    """A webhook's side takes in this pacticipant: it names it, one of its labels, or nobody (any)."""
    labels = select(Label.name).where(Label.pacticipant_id == chosen_id)
    return or_(
        pacticipant_id == chosen_id,
        label.in_(labels),
        pacticipant_id.is_(None) & label.is_(None),
    )


def listening(session: Session, consumer_id: int, provider_id: int) -> Sequence[Webhook]:
    """The enabled webhooks for this consumer and provider (named, by one of their labels, or any)."""
    query = select(Webhook).where(
        Webhook.enabled.is_(True),
        _side(Webhook.consumer_id, Webhook.consumer_label, consumer_id),
        _side(Webhook.provider_id, Webhook.provider_label, provider_id),
    )
    return session.scalars(query.order_by(Webhook.id)).unique().all()

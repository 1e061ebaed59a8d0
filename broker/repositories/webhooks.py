"""Queries over webhooks."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, bindparam, or_, select
from sqlalchemy.orm import Session

from ..db.models import Label, Webhook

__all__ = ["all_webhooks", "by_uuid", "events_listened_to", "listening"]


def all_webhooks(session: Session) -> Sequence[Webhook]:
    return session.scalars(select(Webhook).order_by(Webhook.id)).unique().all()


def by_uuid(session: Session, uuid: str) -> Webhook | None:
    return session.scalar(select(Webhook).where(Webhook.uuid == uuid))


def _side(pacticipant_id, label, chosen):
    """A webhook's side takes in this pacticipant: it names it, one of its labels, or nobody (any)."""
    labels = select(Label.name).where(Label.pacticipant_id == chosen)
    return or_(
        pacticipant_id == chosen,
        label.in_(labels),
        pacticipant_id.is_(None) & label.is_(None),
    )


# built once: every publication and verification asks, and building them cost more than running them
_FOR_PAIR = (
    Webhook.enabled.is_(True),
    _side(Webhook.consumer_id, Webhook.consumer_label, bindparam("consumer_id", type_=Integer)),
    _side(Webhook.provider_id, Webhook.provider_label, bindparam("provider_id", type_=Integer)),
)
_LISTENING = select(Webhook).where(*_FOR_PAIR).order_by(Webhook.id)
_EVENTS = select(Webhook.events).where(*_FOR_PAIR)


def listening(session: Session, consumer_id: int, provider_id: int) -> Sequence[Webhook]:
    """The enabled webhooks for this consumer and provider (named, by one of their labels, or any)."""
    params = {"consumer_id": consumer_id, "provider_id": provider_id}
    return session.scalars(_LISTENING, params).unique().all()


def events_listened_to(session: Session, consumer_id: int, provider_id: int) -> set[str]:
    """The events the enabled webhooks of this consumer and provider wait for (only that column)."""
    params = {"consumer_id": consumer_id, "provider_id": provider_id}
    return {event for events in session.scalars(_EVENTS, params) for event in events}

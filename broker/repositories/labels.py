"""Queries over pacticipants' labels."""

from __future__ import annotations

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload

from ..db.models import Label, Pacticipant
from . import rows

__all__ = ["by_name", "ensure", "names", "pacticipants_with", "remove"]


def by_name(session: Session, pacticipant_id: int, name: str) -> Label | None:
    return session.scalar(select(Label).where(Label.pacticipant_id == pacticipant_id, Label.name == name))


def ensure(session: Session, pacticipant_id: int, name: str) -> tuple[Label, bool]:
    """The label, created if missing (also when created at the same moment elsewhere), and whether this
    call created it."""
    created = rows.insert_missing(
        session, Label, ("pacticipant_id", "name"), pacticipant_id=pacticipant_id, name=name
    )
    return by_name(session, pacticipant_id, name), created  # type: ignore[return-value]


def remove(session: Session, pacticipant_id: int, name: str) -> bool:
    """Delete the label; False when the pacticipant did not have it."""
    statement = delete(Label).where(Label.pacticipant_id == pacticipant_id, Label.name == name)
    return bool(session.execute(statement.returning(Label.id)).first())


def names() -> Select:
    """Every distinct label name, in order."""
    return select(Label.name).distinct().order_by(Label.name)


def pacticipants_with(name: str) -> Select:
    """The pacticipants labelled `name`, by name, with their labels."""
    labelled = select(Label.pacticipant_id).where(Label.name == name)
    return (
        select(Pacticipant)
        .where(Pacticipant.id.in_(labelled))
        .order_by(Pacticipant.name)
        .options(selectinload(Pacticipant.labels))
    )

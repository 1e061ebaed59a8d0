"""Counts over the whole broker (`GET /metrics`): aggregate queries only, whatever the size."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..db.models import Base, PactVersion, Tag, Version

__all__ = [
    "contents",
    "count",
    "distinct_count",
    "distinct_tags_by_pacticipant",
    "distribution",
    "first_and_last",
    "total",
]


def count(session: Session, model: type[Base], *where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def distinct_count(session: Session, *columns: InstrumentedAttribute) -> int:
    """How many distinct combinations of these columns there are."""
    rows = select(*columns).distinct().subquery()
    return session.scalar(select(func.count()).select_from(rows)) or 0


def distinct_tags_by_pacticipant(session: Session) -> int:
    """How many (tag name, pacticipant) pairs there are."""
    pairs = select(Tag.name, Version.pacticipant_id).join(Version, Version.id == Tag.version_id).distinct()
    return session.scalar(select(func.count()).select_from(pairs.subquery())) or 0


def total(session: Session, column: InstrumentedAttribute) -> int:
    return session.scalar(select(func.coalesce(func.sum(column), 0))) or 0


def first_and_last(session: Session, model: type[Base]) -> tuple[datetime | None, datetime | None]:
    """When the first and the last row (by id) were created."""
    ids = session.execute(select(func.min(model.id), func.max(model.id))).one()
    return tuple(
        session.scalar(select(model.created_at).where(model.id == row_id)) if row_id is not None else None
        for row_id in ids
    )


def distribution(session: Session, *group: InstrumentedAttribute) -> dict[int, int]:
    """How many groups (rows grouped by `group`) have 1 row, 2 rows...: {rows in a group: groups}."""
    sizes = select(func.count().label("size")).select_from(group[0].class_).group_by(*group).subquery()
    query = select(sizes.c.size, func.count()).group_by(sizes.c.size).order_by(sizes.c.size)
    return {size: groups for size, groups in session.execute(query)}


def contents(session: Session, pact_version_ids: Sequence[int]) -> Sequence[str]:
    return session.scalars(
        select(PactVersion.content).where(PactVersion.id.in_(list(pact_version_ids)))
    ).all()

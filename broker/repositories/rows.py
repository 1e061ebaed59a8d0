"""Writes that several brokers may make at the same moment, made safe by the database itself.

- `insert_missing` / `insert_id`: INSERT ... ON CONFLICT DO NOTHING on the row's unique key. On PostgreSQL a
  concurrent transaction inserting the same key makes this one wait for it to end, so no caller ever
  sees a unique violation for a row that two requests both create (pacticipants, versions, tags ...).
- `lock`: SELECT ... FOR NO KEY UPDATE on a parent row, so that writers which read and then change what
  hangs off it (a version's pact, an environment's deployments, a pact version's verification numbers)
  queue one behind the other; each then reads what the previous one committed (READ COMMITTED takes a
  new snapshot per statement). It does not block inserts that merely reference the row. SQLite has one
  writer at a time (`BEGIN IMMEDIATE`), so there the lock clause is left out.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

__all__ = ["insert_id", "insert_missing", "lock"]


def insert_id(session: Session, model: type, keys: Sequence[str], **values: Any) -> int | None:
    """Insert the row unless a row with the same `keys` (a unique constraint) exists; its id when this
    call inserted it, else None."""
    return session.execute(_insert(session.get_bind().dialect.name, model, tuple(keys)), values).scalar()


@functools.cache
def _insert(dialect_name: str, model: type, keys: tuple[str, ...]) -> Insert:
    """The statement, built once (the values are its parameters)."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    table = model.__table__  # type: ignore[attr-defined]
    statement = dialect.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    # RETURNING gives a row only when one was inserted (rowcount is not reliable across drivers)
    return statement.returning(table.c.id)


def insert_missing(session: Session, model: type, keys: Sequence[str], **values: Any) -> bool:
    """Insert the row unless a row with the same `keys` (a unique constraint) exists; True when this
    call inserted it."""
    return insert_id(session, model, keys, **values) is not None


def lock(session: Session, model: type, row_id: int) -> None:
    """Hold the row until the transaction ends (writers of the same row wait here)."""
    session.execute(select(model.id).where(model.id == row_id).with_for_update(key_share=True))  # type: ignore[attr-defined]

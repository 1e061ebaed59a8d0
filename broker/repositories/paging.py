"""One page of a query's rows, and how many rows there are in all (the Pact Broker's `page` object)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

__all__ = ["Page", "Paged", "paged"]


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    size: int


@dataclass(frozen=True)
class Paged:
    rows: Sequence[Any]
    page: Page | None = None  # None: every row, unpaginated
    total: int = 0


def paged(session: Session, query: Select, page: Page | None, *, tuples: bool = False) -> Paged:
    """The query's rows (it must be ordered), only those of `page` when one is asked for; `tuples` for a
    query of several entities or columns."""

    def fetch(q: Select) -> list[Any]:
        return [tuple(r) for r in session.execute(q)] if tuples else list(session.scalars(q))

    if page is None:
        rows = fetch(query)
        return Paged(rows, None, len(rows))
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return Paged(fetch(query.offset((page.number - 1) * page.size).limit(page.size)), page, total)

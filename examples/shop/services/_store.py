"""Each service's own database: SQLite by default, PostgreSQL (or any SQLAlchemy URL) by
`SHOP_DATABASE_URL`. Tables are created on first use."""

from __future__ import annotations

import os
from functools import cache

from sqlalchemy import Engine, MetaData, create_engine, event


@cache
def engine(metadata: MetaData) -> Engine:
    """The engine of `SHOP_DATABASE_URL`, with `metadata`'s tables created."""
    url = os.environ.get("SHOP_DATABASE_URL", "sqlite:///shop.sqlite3")
    created = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if url.startswith("sqlite"):
        # One writer at a time, waiting rather than failing: the API and the saga share the file.
        event.listen(created, "connect", lambda connection, _: connection.execute("PRAGMA journal_mode=WAL"))
    metadata.create_all(created)
    return created

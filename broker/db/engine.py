"""The database: engine, sessions and start-up migrations.

SQLite gets WAL mode, a busy timeout and `BEGIN IMMEDIATE` for write transactions and migrations, so
concurrent writers (and brokers starting at once) queue instead of failing. On PostgreSQL, migrations
run under an advisory lock so that several broker processes can start against one database at the
same time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "default_database_url"]

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_MIGRATION_LOCK = 7_310_412_001  # pg_advisory_lock key for schema migrations


def default_database_url() -> str:
    """ACCORD_BROKER_DATABASE_URL, or a SQLite file in the working directory."""
    return os.environ.get("ACCORD_BROKER_DATABASE_URL") or "sqlite:///accord-broker.sqlite3"


def _normalise(url: str) -> str:
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Database:
    """One engine plus a reader and a writer session factory."""

    def __init__(self, url: str | None = None) -> None:
        self.url = _normalise(url or default_database_url())
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite:
            self.engine: Engine = create_engine(
                self.url, connect_args={"timeout": 60, "check_same_thread": False}
            )
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_size=10, max_overflow=20, pool_pre_ping=True)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self._writer = sessionmaker(writer, expire_on_commit=False)
        self._write_lock = threading.Lock() if self.is_sqlite else nullcontext()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error.
        SQLite has one writer at a time: this process's writers queue on a lock rather than
        polling SQLite's busy timeout (other processes still wait on the timeout)."""
        with self._write_lock, self._writer() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe when several processes start at once)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        # SQLite: take the write lock up front (a deferred transaction that reads and then writes while
        # another process migrates fails at once with "database is locked" instead of waiting)
        engine = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        with engine.connect() as connection:
            if not self.is_sqlite:
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
            try:
                config.attributes["connection"] = connection
                # "heads": every line of migrations, should two be added side by side
                command.upgrade(config, "heads")
                connection.commit()
            finally:
                if not self.is_sqlite:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                    connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # WAL: durable at checkpoints, never corrupt
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql(
            f"BEGIN {connection.get_execution_options().get('sqlite_begin', 'DEFERRED')}"
        )

"""A write transaction that keeps losing its race is answered as the API's errors are, never as a bare
500: a unique key still taken after every retry is a conflict (409), a database still locked or away
is unavailable (503); each attempt runs the whole transaction again."""

from __future__ import annotations

import sqlite3

import pytest
from accord.broker.db import Database
from accord.broker.errors import Conflict, Unavailable
from accord.broker.services.transactions import ATTEMPTS, write
from sqlalchemy.exc import IntegrityError, OperationalError


@pytest.mark.parametrize(
    ("error", "answer"),
    [
        (OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked")), Unavailable),
        (IntegrityError("INSERT ...", {}, sqlite3.IntegrityError("UNIQUE constraint failed")), Conflict),
    ],
)
def test_a_write_that_keeps_losing_is_retried_then_refused_as_a_problem(sqlite_url, error, answer) -> None:
    db = Database(sqlite_url)
    db.migrate()
    attempts = []

    def work(session) -> None:
        attempts.append(session)
        raise error

    try:
        with pytest.raises(answer) as refused:
            write(db, work)
    finally:
        db.dispose()
    assert len(attempts) == ATTEMPTS and len({id(s) for s in attempts}) == ATTEMPTS  # a new transaction each
    assert refused.value.status in (409, 503) and "retry it" in refused.value.detail

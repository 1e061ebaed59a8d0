"""One write transaction per call, retried when a concurrent writer won a uniqueness race."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..errors import BrokerError, Conflict, Unavailable

__all__ = ["write"]

ATTEMPTS = 8
T = TypeVar("T")


def write(db: Database, work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction. A lost race (unique violation, deadlock, lock timeout) rolls the
    whole transaction back and runs it again, so it then sees the winner's rows."""
    for attempt in range(ATTEMPTS):
        try:
            with db.writing() as session:
                return work(session)
        except BrokerError:
            raise
        except (IntegrityError, OperationalError) as exc:
            if attempt == ATTEMPTS - 1:
                if isinstance(exc, IntegrityError):
                    raise Conflict(
                        "the request conflicts with data written at the same time; retry it"
                    ) from None
                raise Unavailable(
                    f"the database could not take the write ({type(exc.orig).__name__}); retry it"
                ) from exc
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")

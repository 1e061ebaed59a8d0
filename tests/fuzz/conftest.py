"""Providers and our broker served over real HTTP by uvicorn in a thread, for the fuzz and verify tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.servers import ThreadServer

FIXTURES = Path(__file__).parent / "fixtures"


@contextmanager
def serving(app: Any) -> Iterator[str]:
    with ThreadServer(app, lifespan="off") as server:
        yield server.url


@pytest.fixture
def serve() -> Iterator[Callable[[Any], str]]:
    """serve(app) -> base URL; every server started is stopped after the test."""
    with ExitStack() as stack:
        yield lambda app: stack.enter_context(serving(app))


@pytest.fixture
def broker(serve, tmp_path) -> Iterator[str]:
    """Our Pact broker on a fresh SQLite database, over real HTTP; yields its base URL."""
    from accord.broker.api import create_app
    from accord.broker.settings import Settings

    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'broker.sqlite3'}"))
    yield serve(app)
    app.state.services.db.dispose()

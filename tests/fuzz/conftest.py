"""Providers and our broker served over real HTTP by uvicorn in a thread, for the fuzz and verify tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn

FIXTURES = Path(__file__).parent / "fixtures"


@contextmanager
def serving(app: Any) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


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

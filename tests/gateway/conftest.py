"""Fixtures for the gateway tests: a real upstream and gateways served over real HTTP."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from accord.gateway import Gateway, load_config

from tests.gateway import upstream as upstream_app
from tests.gateway.servers import write_config
from tests.servers import ThreadServer

ORDERS = Path(__file__).resolve().parents[2] / "examples" / "contracts" / "orders.yaml"
WIDGETS = Path(__file__).resolve().parent / "fixtures" / "widgets.yaml"


@pytest.fixture(scope="module")
def upstream() -> Iterator[ThreadServer]:
    with ThreadServer(upstream_app.app) as server:
        yield server


def api(upstream_url: str, contract: Path = ORDERS, **overrides) -> dict:
    """One API serving a contract (orders.yaml by default) as version 1 from `upstream_url`."""
    version = {"contract": str(contract), "upstream": upstream_url, **overrides.pop("version", {})}
    return {"name": contract.stem, "versions": {"1": version}, **overrides}


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[Callable[..., ThreadServer]]:
    """gateway(config_dict) -> a running Gateway (uvicorn in a thread) for that configuration."""
    with ExitStack() as stack:

        def start(config: dict) -> ThreadServer:
            loaded = load_config(write_config(tmp_path, config))
            return stack.enter_context(ThreadServer(Gateway(loaded)))

        yield start

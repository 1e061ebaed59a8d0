"""The public surface of accord.generators.mock is what its __init__ says."""

from __future__ import annotations

from accord.generators import mock
from accord.generators.mock import events


def test_exported_names() -> None:
    assert sorted(mock.__all__) == [
        "MockApp",
        "MockOptions",
        "MockState",
        "contract_warnings",
        "mock_server",
        "serve",
        "webhooks_of",
    ]
    for module in (mock, events):
        assert all(hasattr(module, name) for name in module.__all__)

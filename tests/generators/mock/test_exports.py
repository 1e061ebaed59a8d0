"""The public surface of generators.mock is what its __init__ says."""

from __future__ import annotations

import generators.mock
import generators.mock.events


def test_exported_names() -> None:
    assert sorted(generators.mock.__all__) == [
        "MockApp",
        "MockOptions",
        "MockState",
        "contract_warnings",
        "mock_server",
        "serve",
    ]
    for module in (generators.mock, generators.mock.events):
        assert all(hasattr(module, name) for name in module.__all__)

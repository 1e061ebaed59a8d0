"""The public surface of accord.generators.mock and of its events package is what their __init__s say."""

from __future__ import annotations

from accord.generators import mock
from accord.generators.mock import events


def test_exported_names() -> None:
    assert sorted(mock.__all__) == [
        "CompiledMock",
        "Generator",
        "MockApp",
        "MockOptions",
        "contract_warnings",
        "mock_server",
        "serve",
        "webhooks_of",
    ]
    assert sorted(events.__all__) == [
        "ChannelPlan",
        "EventMock",
        "EventOptions",
        "EventsApp",
        "Hub",
        "MessageBrokerError",
        "Outgoing",
        "Violation",
        "broker_url",
        "check_events",
        "plan_events",
        "serve_events",
    ]
    for module in (mock, events):
        assert all(hasattr(module, name) for name in module.__all__)

"""generators.mock.events: the AsyncAPI side of `accord mock`.

`EventMock` publishes example (or generated) messages for every operation the application sends, at a
rate, to the contract's NATS, MQTT or AMQP server and to an in-process WebSocket endpoint;
`check_events` subscribes to the same channels and validates what others publish.
"""

from ._brokers import MessageBrokerError
from ._hub import EventsApp, Hub
from ._plan import ChannelPlan, Outgoing, plan_events
from ._run import EventMock, EventOptions, Violation, broker_url, check_events
from ._serve import serve_events

__all__ = [
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

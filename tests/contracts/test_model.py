"""The normalised model is the same shape for every spec version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from accord.contracts import load_contract

from tests.cli import accord


def test_openapi_3_operations(examples: Path) -> None:
    c = load_contract(examples / "orders.yaml")
    assert (c.kind, c.format, c.api_version) == ("openapi", "oas3", "1.2.0")
    get = c.operation("get", "/orders/{orderId}")
    assert get.operation_id == "getOrder"
    assert [(p.name, p.location, p.required) for p in get.parameters] == [("orderId", "path", True)]
    cancel = c.operation("DELETE", "/orders/{orderId}")
    assert cancel.deprecated and cancel.sunset is not None
    assert (cancel.sunset.raw, cancel.sunset.value) == ("2027-06-30", date(2027, 6, 30))
    assert cancel.sunset.pointer == "/paths/~1orders~1{orderId}/delete/x-sunset"
    post = c.operation("post", "/orders")
    assert post.request_body.required
    assert post.request_body.content["application/json"].examples["one-widget"]["customerId"] == "c-42"
    listing = c.operation("get", "/orders")
    assert [p.name for p in listing.parameters] == ["status", "limit"]
    assert (
        listing.responses["200"].content["application/json"].examples["two-orders"][1]["status"] == "shipped"
    )
    assert c.security == [{"bearerAuth": []}] and c.security_schemes["bearerAuth"].scheme == "bearer"


def test_openapi_2_is_normalised_like_3(examples: Path) -> None:
    c = load_contract(examples / "inventory.json")
    assert (c.format, c.servers[0].url) == ("oas2", "https://inventory.shop.test/v1")
    put = c.operation("put", "/stock/{sku}")
    assert put.request_body.content["application/json"].schema == {"$ref": "#/definitions/Stock"}
    get = c.operation("get", "/stock/{sku}")
    assert get.parameters[0].schema == {"type": "string"}
    assert get.responses["200"].content["application/json"].examples["default"]["available"] == 12
    assert c.security_schemes["basic"].type == "http"


def test_openapi_31(examples: Path) -> None:
    c = load_contract(examples / "payments.yaml")
    assert c.format == "oas3.1"
    assert c.security_schemes["apiKey"].parameter_name == "X-API-Key"


def test_asyncapi_3_channels_and_operations(examples: Path) -> None:
    c = load_contract(examples / "order-events.yaml")
    assert (c.kind, c.format) == ("asyncapi", "asyncapi3")
    assert c.channels["orderShipped"].address == "orders.{orderId}.shipped"
    op = next(o for o in c.async_operations if o.key == "publishOrderPlaced")
    assert (op.action, op.channel, [m.name for m in op.messages]) == ("send", "orderPlaced", ["OrderPlaced"])
    assert op.messages[0].examples[0]["payload"]["customerId"] == "c-42"
    assert {s.protocol for s in c.servers} == {"nats", "mqtt", "amqp"}


ASYNCAPI_2 = """
asyncapi: 2.6.0
info: {title: Legacy events, version: 1.0.0}
channels:
  orders/placed:
    subscribe:
      operationId: onOrderPlaced
      message:
        name: OrderPlaced
        payload: {type: object, properties: {id: {type: string}}}
  orders/cancel:
    publish:
      operationId: cancelOrder
      message:
        oneOf:
          - {name: Cancel, payload: {type: object}}
          - {name: CancelAll, payload: {type: object}}
"""


def test_asyncapi_2_publish_subscribe_map_onto_receive_send(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(ASYNCAPI_2)
    c = load_contract(path)
    actions = {o.key: (o.action, o.channel, [m.name for m in o.messages]) for o in c.async_operations}
    assert actions == {
        "onOrderPlaced": ("send", "orders/placed", ["OrderPlaced"]),
        "cancelOrder": ("receive", "orders/cancel", ["Cancel", "CancelAll"]),
    }


@pytest.mark.parametrize("name", ["orders.yaml", "payments.yaml", "inventory.json", "order-events.yaml"])
def test_inspect_json(examples: Path, name: str) -> None:
    import json

    result = accord("inspect", "--format", "json", examples / name)
    assert result.code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["operations_count"] >= 2

"""The HTTP runtime on OpenAPI 3.2: QUERY and additional methods routed, the whole query string read by
its media type, streamed bodies checked item by item against `itemSchema`."""

from __future__ import annotations

from pathlib import Path

import pytest
from accord.contracts import frame_item, load_contract
from accord.contracts.http import HttpRuntime

CONTRACT = Path(__file__).resolve().parents[3] / "examples" / "openapi-3.2" / "orders.yaml"
ORDER = {"id": "o-1", "status": "open", "total": 1.5}


@pytest.fixture(scope="module")
def runtime() -> HttpRuntime:
    return HttpRuntime(load_contract(CONTRACT))


def test_query_and_additional_methods_are_routed(runtime: HttpRuntime) -> None:
    assert runtime.route("QUERY", "/orders").operation.operation.operation_id == "searchOrders"
    assert runtime.route("COPY", "/orders/o-1").operation.operation.operation_id == "copyOrder"
    refused = runtime.route("MOVE", "/orders/o-1")
    assert refused.status == 405 and refused.allowed == ("COPY", "GET")


def test_the_whole_query_string_is_one_parameter(runtime: HttpRuntime) -> None:
    listing = runtime.route("GET", "/orders").operation
    check = listing.check_request({}, "status=open&limit=7", {})
    assert check.ok and check.parameters == {"querystring": {"filter": {"status": "open", "limit": 7}}}
    wrong = listing.check_request({}, "status=lost&extra=1", {})
    assert {(i.location, i.pointer) for i in wrong.issues} == {
        ("querystring", "/filter/status"),
        ("querystring", "/filter"),  # additionalProperties: false
    }


@pytest.mark.parametrize(
    ("path", "media_type", "items", "bad", "where"),
    [
        ("/orders/events", "text/event-stream", [{"event": "created", "data": "{}"}], {"event": "lost", "data": "x"}, "/1/event"),
        ("/orders/export", "application/jsonl", [ORDER], {**ORDER, "total": -1}, "/1/total"),
    ],
)  # fmt: skip
def test_a_streamed_response_is_checked_item_by_item(runtime, path, media_type, items, bad, where) -> None:
    operation = runtime.route("GET", path).operation
    framing = "sse" if media_type == "text/event-stream" else "lines"
    headers = {"content-type": media_type}
    good = b"".join(frame_item(item, framing) for item in items * 3)
    assert operation.check_response(200, headers, good) == []
    broken = frame_item(items[0], framing) + frame_item(bad, framing)
    assert [issue.pointer for issue in operation.check_response(200, headers, broken)] == [where]


def test_a_line_that_is_not_json_is_named(runtime: HttpRuntime) -> None:
    operation = runtime.route("GET", "/orders/export").operation
    issues = operation.check_response(200, {"content-type": "application/jsonl"}, b'{"id": "o-1"}\n{oops\n')
    assert len(issues) == 1 and "item 1 is not valid JSON" in issues[0].message

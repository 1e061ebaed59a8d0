"""Response checks (status, media type, body, headers) and deprecation headers."""

from __future__ import annotations

import orjson

CONTRACT = """
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /orders/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          headers:
            X-Rate-Limit: {required: true, schema: {type: integer, minimum: 0}}
          content:
            application/json:
              schema:
                type: object
                required: [id, secret]
                properties:
                  id: {type: string}
                  secret: {type: string, writeOnly: true}
                  note: {type: string, nullable: true}
        4XX:
          description: problem
          content: {application/problem+json: {schema: {type: object, required: [title]}}}
    delete:
      deprecated: true
      x-deprecated-at: "2026-01-01T00:00:00Z"
      x-sunset: 2027-06-30
      x-sunset-link: https://example.test/sunset
      externalDocs: {url: https://example.test/migrate}
      responses: {"204": {description: gone}}
    patch:
      deprecated: true
      responses: {"204": {description: gone}}
"""


def operation(runtime, method="GET"):
    return runtime.route(method, "/orders/1").operation


def test_valid_response(runtime_for) -> None:
    op = operation(runtime_for(CONTRACT))
    headers = {"content-type": "application/json", "x-rate-limit": "5"}
    # writeOnly properties are not required in responses; nullable allows null
    assert op.check_response(200, headers, orjson.dumps({"id": "1", "note": None})) == []
    assert op.check_response(200, headers, {"id": "1"}, parsed=True) == []


def test_each_kind_of_response_failure(runtime_for) -> None:
    op = operation(runtime_for(CONTRACT))
    assert [i.location for i in op.check_response(500, {}, b"")] == ["status"]
    wrong_type = op.check_response(200, {"content-type": "text/html", "x-rate-limit": "1"}, b"<p>")
    assert [(i.location, i.pointer) for i in wrong_type] == [("header", "/content-type")]
    bad = op.check_response(200, {"content-type": "application/json", "x-rate-limit": "-1"}, b'{"id": 5}')
    assert [(i.location, i.pointer) for i in bad] == [("header", "/x-rate-limit"), ("body", "/id")]
    missing = op.check_response(200, {"content-type": "application/json"}, b'{"id": "5"}')
    assert [(i.location, i.pointer) for i in missing] == [("header", "/x-rate-limit")]
    ranged = op.check_response(404, {"content-type": "application/problem+json"}, b"{}")
    assert [(i.location, i.pointer) for i in ranged] == [("body", "")]


def test_deprecation_sunset_and_link_headers(runtime_for) -> None:
    runtime = runtime_for(CONTRACT)
    assert dict(operation(runtime, "DELETE").lifecycle_headers) == {
        "Deprecation": "@1767225600",
        "Sunset": "Wed, 30 Jun 2027 00:00:00 GMT",
        "Link": '<https://example.test/migrate>; rel="deprecation", <https://example.test/sunset>; rel="sunset"',
    }
    assert operation(runtime, "PATCH").lifecycle_headers == [("Deprecation", "@0")]
    assert operation(runtime).lifecycle_headers == []


def test_dates_that_are_not_rfc_3339_give_no_header_and_a_located_warning(runtime_for) -> None:
    text = CONTRACT.replace('x-deprecated-at: "2026-01-01T00:00:00Z"', "x-deprecated-at: 2026-01-01 00:00:00")
    runtime = runtime_for(text.replace("x-sunset: 2027-06-30", "x-sunset: 20270630"))
    assert dict(operation(runtime, "DELETE").lifecycle_headers) == {
        "Deprecation": "@0",
        "Link": '<https://example.test/migrate>; rel="deprecation"',
    }
    sunset, at = runtime.lifecycle_warnings
    assert at.endswith(
        "contract.yaml:27:24: x-deprecated-at '2026-01-01 00:00:00' is not an RFC 3339 date (2030-01-01) "
        "or date-time (2030-01-01T10:00:00Z); ignored (no date in Deprecation)"
    )
    assert sunset.endswith(
        "contract.yaml:28:17: x-sunset 20270630 is not an RFC 3339 date (2030-01-01) "
        "or date-time (2030-01-01T10:00:00Z); ignored (no Sunset header)"
    )

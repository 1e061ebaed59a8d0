"""`accord mock` on imperfect contracts (as a subprocess, over real HTTP): located warnings printed
once, every servable operation served, examples as written, refused requests told what was wrong,
the request log, CORS by origin."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx

from tests.cli import accord

from .conftest import FIXTURES
from .running import running_mock

IMPERFECT = FIXTURES / "imperfect.yaml"
MEETING = {"id": 1, "topic": "Standup"}


def test_a_contract_with_several_schema_errors_serves_its_valid_operations(free_port: int) -> None:
    with running_mock(IMPERFECT, free_port) as mock:
        listed = httpx.get(mock.url + "/meetings")
        names = httpx.get(mock.url + "/names", params={"q": "Zoë"})
        tags = httpx.get(mock.url + "/tags", params={"q": "anything at all"})  # its schema cannot be compiled
        created = httpx.post(mock.url + "/meetings", json=MEETING)
        mock.wait_for("example 'default' of GET /meetings")
    assert listed.status_code == 200 and names.status_code == 200 and tags.status_code == 200
    assert names.json() == ["Zoë", "Ana"] and isinstance(tags.json(), list)
    assert created.status_code == 201 and isinstance(created.json()["id"], int)
    warnings = [line for line in mock.lines if line.startswith("accord mock: warning: ")]
    expected = [
        'imperfect.yaml:1:1 (/): "info" is a required property',
        'imperfect.yaml:14:9 (/paths/~1meetings/get/responses/200): "description" is a required property',
        "imperfect.yaml:89:43 (/paths/~1tags/get/parameters/0/schema/pattern): ",
        "imperfect.yaml:21:15 (/paths/~1meetings/get/responses/200/content/application~1json/example): "
        "example 'default' of GET /meetings 200 application/json does not match its schema",
    ]
    for text in expected:  # each problem once, located (file:line:column and pointer)
        assert sum(text in line for line in warnings) == 1, (text, warnings)
    # the patterns are reported once, by the specification check: not again when their schemas are used
    assert not any("schema not validated" in line for line in warnings)


def test_strict_refuses_it_for_ci(free_port: int) -> None:
    result = accord("mock", IMPERFECT, "--strict", "--port", free_port, timeout=60)
    assert result.code == 2
    assert result.stderr.strip().splitlines() == [
        f'accord: {IMPERFECT}:1:1: "info" is a required property '
        f"(4 error(s); see accord validate {IMPERFECT})"
    ]


def test_examples_are_served_as_written_with_their_violations(free_port: int) -> None:
    with running_mock(IMPERFECT, free_port) as mock:
        response = httpx.get(mock.url + "/meetings")
    assert response.json() == [{"id": 7, "topic": "Weekly", "start": "not-a-date"}]
    assert json.loads(response.headers["sl-violations"]) == [
        {
            "location": ["response", "body", "0", "start"],
            "severity": "Error",
            "code": "format",
            "message": '"not-a-date" is not a "date-time"',
        }
    ]
    assert any(line.startswith("GET /meetings 200 ") and "1 violation(s)" in line for line in mock.lines)


def test_strict_examples_give_way_to_generated_data(tmp_path: Path) -> None:
    from accord.generators.mock import mock_server

    contract = tmp_path / "c.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /amount:\n    get:\n      responses:\n"
        "        '200':\n          description: ok\n          content:\n            application/json:\n"
        "              schema: {type: object, required: [amount], properties: {amount: {type: number}}}\n"
        "              example: {amount: '067.77'}\n"
    )
    with mock_server(contract) as url:
        assert httpx.get(url + "/amount").json() == {"amount": "067.77"}
    with mock_server(contract, strict=True) as url:
        assert isinstance(httpx.get(url + "/amount").json()["amount"], int | float)
        named = httpx.get(url + "/amount", headers={"Prefer": "example=default"})
        assert named.json() == {"amount": "067.77"} and "sl-violations" in named.headers
    with mock_server(contract, request_log=0) as url:  # the request log can be turned off
        assert httpx.get(url + "/__accord/requests").status_code == 404


def test_a_refused_request_is_told_what_was_wrong_with_the_declared_status(free_port: int) -> None:
    with running_mock(IMPERFECT, free_port) as mock:
        refused = httpx.post(mock.url + "/meetings", json={"id": "seven"})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    body = refused.json()
    assert "never served" not in refused.text  # not the contract's example
    assert {(e["location"], e["pointer"]) for e in body["errors"]} == {("body", ""), ("body", "/id")}
    assert (
        json.loads(refused.headers["sl-violations"])
        == body["validation"]
        == [
            {
                "location": ["request", "body"],
                "severity": "Error",
                "code": "required",
                "message": '"topic" is a required property',
            },
            {
                "location": ["request", "body", "id"],
                "severity": "Error",
                "code": "type",
                "message": '"seven" is not of type "integer"',
            },
        ]
    )
    assert any(line.startswith("POST /meetings 422 ") and "2 violation(s)" in line for line in mock.lines)


def test_the_request_log_lists_what_was_received_and_answered(free_port: int) -> None:
    with running_mock(IMPERFECT, free_port, "--request-log", "2") as mock:
        httpx.get(mock.url + "/names?q=a&q=b", headers={"X-Trace": "t1"})
        httpx.post(mock.url + "/meetings", json={"id": "seven"})
        log = httpx.get(mock.url + "/__accord/requests").json()
        assert [(e["method"], e["path"], e["status"]) for e in log] == [
            ("GET", "/names", 200),
            ("POST", "/meetings", 422),
        ]
        first, second = log
        assert first["query"] == {"q": ["a", "b"]} and first["headers"]["x-trace"] == "t1"
        assert first["body"] is None and first["violations"] == [] and first["operation"] == "GET /names"
        assert json.loads(first["response"]["body"]) == ["Zoë", "Ana"]
        assert json.loads(second["body"]) == {"id": "seven"}
        assert [v["code"] for v in second["violations"]] == ["required", "type"]
        assert first["time"].endswith("Z")
        httpx.get(mock.url + "/tags")  # bounded: the oldest entry goes
        assert [e["path"] for e in httpx.get(mock.url + "/__accord/requests").json()] == [
            "/meetings",
            "/tags",
        ]
        assert httpx.delete(mock.url + "/__accord/requests").status_code == 204
        assert httpx.get(mock.url + "/__accord/requests").json() == []
        assert httpx.put(mock.url + "/__accord/requests").headers["allow"] == "GET, HEAD, DELETE"


def test_cors_echoes_the_origin_when_credentials_are_allowed(free_port: int) -> None:
    origin = {"Origin": "http://app.test"}
    with running_mock(IMPERFECT, free_port) as mock:
        plain = httpx.get(mock.url + "/names", headers=origin)
        preflight = httpx.options(
            mock.url + "/meetings",
            headers={**origin, "Access-Control-Request-Method": "POST"},
        )
        no_origin = httpx.get(mock.url + "/names")
    for response in (plain, preflight):
        assert response.headers["access-control-allow-origin"] == "http://app.test"
        assert response.headers["access-control-allow-credentials"] == "true"
        assert "Origin" in response.headers["vary"]
    assert no_origin.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in no_origin.headers


def test_cors_origins_can_be_restricted(free_port: int) -> None:
    with running_mock(
        IMPERFECT, free_port, "--cors-origin", "http://app.test", "--no-cors-credentials"
    ) as mock:
        allowed = httpx.get(mock.url + "/names", headers={"Origin": "http://app.test"})
        other = httpx.get(mock.url + "/names", headers={"Origin": "http://evil.test"})
    assert allowed.headers["access-control-allow-origin"] == "http://app.test"
    assert "access-control-allow-credentials" not in allowed.headers
    assert "access-control-allow-origin" not in other.headers


def test_generated_data_is_realistic_seeded_and_valid(free_port: int) -> None:
    from accord.contracts import load_contract
    from accord.contracts.http import HttpRuntime

    people = FIXTURES / "people.yaml"
    bodies = []
    for seed in ("7", "7", "8"):
        with running_mock(people, free_port, "--seed", seed) as mock:
            response = httpx.get(mock.url + "/people")
            bodies.append(response.json())
    same, again, other = bodies
    assert same == again and same != other  # reproducible from --seed
    assert re.fullmatch(r"[^@\s]+@example\.(com|org|net)", same["email"])
    assert re.fullmatch(r"[A-Z]{3}", same["currency"]) and re.fullmatch(r"[A-Z]{2}", same["code"])
    assert same["firstName"][0].isupper() and " " in same["description"]
    assert same["website"].startswith(("http://", "https://"))
    operation = HttpRuntime(load_contract(people)).operations[0]
    for body in bodies:
        assert operation.check_response(200, {"content-type": "application/json"}, body, parsed=True) == []

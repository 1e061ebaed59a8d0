"""The HTTP mock over real HTTP: examples, generated bodies, Prefer, validation, security, CORS."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from accord.contracts import contract_validator, load_contract
from accord.generators.mock import mock_server

KEY = {"X-API-Key": "k"}


def schema_of(contract_path: Path, method: str, path: str, status: str, media: str = "application/json"):
    contract = load_contract(contract_path)
    schema = contract.operation(method, path).responses[status].content[media].schema
    return contract_validator(contract, schema, "response")


def test_examples_are_served_unwrapped(pets_url: str) -> None:
    # `examples` entries that are $refs to Example objects are served as their value
    response = httpx.post(
        pets_url + "/pets", json={"name": "Zed", "kind": "cat"}, headers={"Prefer": "example=tom"}
    )
    assert response.status_code == 201
    assert response.json() == {"id": 2, "name": "Tom", "kind": "cat", "lives": 9}
    assert response.headers["content-type"] == "application/json"


def test_servers_base_path_and_plain_path_both_route(pets_url: str) -> None:
    assert httpx.get(pets_url + "/api/pets/3").status_code == 200
    assert httpx.get(pets_url + "/pets/3").status_code == 200


def test_generated_body_is_valid_and_deterministic_per_seed(pets: Path) -> None:
    validator = schema_of(pets, "get", "/owners/me", "200")
    with mock_server(pets, seed=7) as a, mock_server(pets, seed=7) as b, mock_server(pets, seed=8) as c:
        first, again, other = (httpx.get(u + "/owners/me", headers=KEY).json() for u in (a, b, c))
    assert first == again and first != other
    for body in (first, other):
        assert validator.is_valid(body), validator.errors(body)
        assert len(body["code"]) == 8 and body["code"][3] == "-"
        assert 0 < body["score"] <= 1 and len(set(body["tags"])) == len(body["tags"]) >= 2


def test_oneof_with_discriminator_is_valid(pets: Path, pets_url: str) -> None:
    validator = schema_of(pets, "get", "/pets", "200")
    body = httpx.get(pets_url + "/pets").json()
    assert body and validator.is_valid(body), validator.errors(body)
    for pet in body:
        assert pet["kind"] in ("cat", "dog") and ("lives" in pet) == (pet["kind"] == "cat")


def test_prefer_code_example_and_dynamic(pets_url: str) -> None:
    missing = httpx.get(pets_url + "/pets/3", headers={"Prefer": "code=404"})
    assert (missing.status_code, missing.json()) == (404, {"message": "no such pet"})
    twin = httpx.get(pets_url + "/pets/3?__code=404")
    assert twin.status_code == 404
    static = {httpx.get(pets_url + "/pets/3").text for _ in range(3)}
    assert len(static) == 1
    dynamic = {httpx.get(pets_url + "/pets/3", headers={"Prefer": "dynamic=true"}).text for _ in range(5)}
    assert len(dynamic) > 1


def test_unknown_preferences_are_ignored_with_a_warning(pets_url: str) -> None:
    response = httpx.get(pets_url + "/pets/3", headers={"Prefer": "colour=blue"})
    assert response.status_code == 200
    warnings = response.headers.get_list("warning")
    assert any("colour=blue" in w for w in warnings)


def test_an_example_asked_for_by_name_that_is_not_there_is_404_as_in_prism(pets_url: str) -> None:
    response = httpx.get(pets_url + "/pets/3", headers={"Prefer": "example=nope"})
    assert response.status_code == 404
    assert "no example named 'nope'" in response.json()["detail"]


def test_an_explicit_code_is_served_even_for_a_refused_request(pets_url: str) -> None:
    """Prism's harness (manually-select-examples AC-4): asking for the 400 with a broken body gets the
    contract's 400, with what the request broke in sl-violations."""
    response = httpx.post(pets_url + "/pets?__code=400", json={"name": "", "kind": "cow"})
    assert (response.status_code, response.json()) == (400, {"message": "invalid pet"})
    assert {v["code"] for v in json.loads(response.headers["sl-violations"])} == {"minLength", "enum"}


def test_a_body_the_operation_does_not_take_is_415(pets_url: str) -> None:
    response = httpx.request(
        "GET", pets_url + "/pets/3", content=b"{}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 415 and "takes no request body" in response.json()["detail"]


def test_a_status_the_operation_does_not_declare_is_404_as_in_prism(pets_url: str) -> None:
    response = httpx.get(pets_url + "/pets/3", headers={"Prefer": "code=418"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "418 is not declared for GET /pets/{petId}" in response.json()["detail"]


def test_a_range_or_default_response_serves_the_status_asked_for(tmp_path: Path) -> None:
    contract = tmp_path / "ranges.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /todos:\n    get:\n      responses:\n"
        + "".join(
            f"        {key}:\n          description: d\n          content:\n"
            f"            text/plain: {{example: {text}}}\n"
            for key, text in (
                ("'503'", "unavailable"),
                ("5XX", "range"),
                ("4XX", "client"),
                ("default", "other"),
            )
        )
    )
    with mock_server(contract) as url:
        first = httpx.get(url + "/todos")  # no 2XX: `default`, sent as 200
        assert (first.status_code, first.text) == (200, "other")
        for code, status, text in (("502", 502, "range"), ("503", 503, "unavailable"), ("301", 301, "other")):
            response = httpx.get(url + f"/todos?__code={code}", follow_redirects=False)
            assert (response.status_code, response.text) == (status, text)


def test_request_example_selects_response_example(pets_url: str) -> None:
    rex = httpx.post(pets_url + "/pets", json={"name": "Rex", "kind": "dog"})
    assert rex.json() == {"id": 1, "name": "Rex", "kind": "dog", "bark": "loud"}
    tom = httpx.post(pets_url + "/pets", json={"name": "Tom", "kind": "cat"})
    assert tom.json()["name"] == "Tom"


def test_invalid_request_gets_the_declared_400_saying_what_was_wrong(pets_url: str) -> None:
    """The operation declares 400 (with an example): the status is the contract's, the body says what
    this request broke (not the contract's example), and sl-violations carries the same in Prism's shape."""
    own = httpx.post(pets_url + "/pets", json={"name": "", "kind": "cow"})
    assert own.status_code == 400 and own.headers["content-type"] == "application/problem+json"
    body = own.json()
    assert {(e["location"], e["pointer"]) for e in body["errors"]} == {("body", "/name"), ("body", "/kind")}
    assert {(tuple(v["location"]), v["code"]) for v in body["validation"]} == {
        (("request", "body", "name"), "minLength"),
        (("request", "body", "kind"), "enum"),
    }
    assert json.loads(own.headers["sl-violations"]) == body["validation"]
    problem = httpx.get(pets_url + "/pets?limit=0&kind=cow")
    assert problem.status_code == 422
    assert problem.headers["content-type"] == "application/problem+json"
    errors = problem.json()["errors"]
    assert {(e["location"], e["pointer"]) for e in errors} == {("query", "/limit"), ("query", "/kind")}
    path = httpx.get(pets_url + "/pets/zero").json()["errors"]
    assert [(e["location"], e["pointer"]) for e in path] == [("path", "/petId")]


def test_multipart_and_form_bodies_are_validated(pets_url: str) -> None:
    ok = httpx.put(pets_url + "/pets/1/photo", files={"file": ("a.png", b"\x89PNG")}, data={"caption": "hi"})
    assert ok.status_code == 204
    bad = httpx.put(
        pets_url + "/pets/1/photo", files={"file": ("a.png", b"\x89PNG")}, data={"caption": "far too long"}
    )
    assert [(e["location"], e["pointer"]) for e in bad.json()["errors"]] == [("body", "/caption")]
    form = httpx.post(pets_url + "/search", data={"q": "x", "page": "two"})
    assert {e["pointer"] for e in form.json()["errors"]} == {"/q", "/page"}
    assert httpx.post(pets_url + "/search", data={"q": "xy", "page": "2"}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/nowhere", {}, 404),
        ("PUT", "/pets", {}, 405),
        ("GET", "/pets/1", {"Accept": "text/csv"}, 406),
        ("POST", "/search", {"Content-Type": "text/plain"}, 415),
    ],
)
def test_problem_responses(pets_url: str, method: str, path: str, headers: dict, status: int) -> None:
    response = httpx.request(
        method, pets_url + path, headers=headers, content=b"x" if method == "POST" else None
    )
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status
    if status == 405:
        assert response.headers["allow"] == "GET, POST"


def test_content_negotiation_picks_the_accepted_type(pets_url: str) -> None:
    response = httpx.get(pets_url + "/pets/1", headers={"Accept": "application/xml;q=0.9, text/html;q=0.1"})
    assert response.headers["content-type"] == "application/xml"


def test_missing_credentials_are_401(pets_url: str) -> None:
    refused = httpx.get(pets_url + "/owners/me")
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("ApiKey")
    assert httpx.get(pets_url + "/owners/me", headers=KEY).status_code == 200


def test_cors_preflight_and_headers(pets_url: str) -> None:
    preflight = httpx.options(
        pets_url + "/pets/1",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "content-type, x-api-key",
        },
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-allow-origin"] == "http://localhost:3000"
    assert "PATCH" in preflight.headers["access-control-allow-methods"]
    assert preflight.headers["access-control-allow-headers"] == "content-type, x-api-key"
    assert httpx.get(pets_url + "/pets/1").headers["access-control-allow-origin"] == "*"


def test_deprecated_operation_headers(pets_url: str) -> None:
    response = httpx.delete(pets_url + "/pets/1")
    assert response.status_code == 204
    assert response.headers["deprecation"] == "@1767225600"
    assert response.headers["sunset"] == "Fri, 01 Jan 2027 00:00:00 GMT"
    assert "deprecation" not in httpx.get(pets_url + "/pets/1").headers


def test_head_is_answered_without_a_body(pets_url: str) -> None:
    response = httpx.head(pets_url + "/pets/1")
    assert response.status_code == 200 and response.content == b""


def test_contract_401_response_is_used_and_states_its_status(examples: Path) -> None:
    with mock_server(examples / "orders.yaml") as url:
        refused = httpx.get(url + "/orders")
    assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["status"] == 401


def test_documented_framing_headers_are_not_copied_to_a_plain_body(tmp_path: Path) -> None:
    # notion.com documents the headers its real server sent, Content-Encoding: gzip among them
    contract = tmp_path / "captured.yaml"
    contract.write_text(
        "openapi: 3.0.3\ninfo: {title: Captured, version: '1'}\npaths:\n  /users/{id}:\n    get:\n"
        "      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
        "      responses:\n        '200':\n          description: ok\n          headers:\n"
        "            Content-Encoding: {schema: {type: string, example: gzip}}\n"
        "            Transfer-Encoding: {schema: {type: string, example: chunked}}\n"
        "            Connection: {schema: {type: string, example: keep-alive}}\n"
        "            CF-RAY: {schema: {type: string, example: 6e2be42d784c97c3-SJC}}\n"
        "          content: {application/json: {schema: {type: object}, example: {name: Ada}}}\n"
    )
    with mock_server(contract) as url:
        response = httpx.get(url + "/users/u1")  # httpx decodes what Content-Encoding announces
    assert response.json() == {"name": "Ada"}
    assert "content-encoding" not in response.headers and response.headers["cf-ray"] == "6e2be42d784c97c3-SJC"

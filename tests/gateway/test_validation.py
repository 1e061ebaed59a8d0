"""Contract enforcement over real HTTP: enforce (problem+json with pointers), report, response report."""

from __future__ import annotations

import logging

import httpx

from tests.gateway.conftest import WIDGETS, api
from tests.gateway.test_proxy import saw


def validating(upstream_url: str, requests: str = "enforce", responses: str = "off") -> dict:
    validation = {"requests": requests, "responses": responses}
    return {"apis": [api(upstream_url, WIDGETS, version={"validation": validation})]}


def test_enforce_refuses_bad_parameters_with_pointers(upstream, gateway):
    gw = gateway(validating(upstream.url))
    response = httpx.get(gw.url + "/widgets?limit=500")
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["location"] == "query"
    assert problem["errors"][0]["pointer"] == "/limit"
    assert "x-upstream-saw" not in response.headers
    assert httpx.get(gw.url + "/widgets?limit=5").status_code == 200


def test_enforce_refuses_a_body_against_its_schema_with_422(upstream, gateway):
    gw = gateway(validating(upstream.url))
    response = httpx.post(gw.url + "/widgets", json={"name": "w", "size": 0})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "body", "pointer": "/size", "message": response.json()["errors"][0]["message"]}
    ]
    missing = httpx.post(gw.url + "/widgets", json={"size": 3})
    assert missing.status_code == 422
    ok = httpx.post(gw.url + "/widgets", json={"name": "w", "size": 2})
    assert ok.status_code == 200
    assert saw(ok)["body_bytes"] == len(b'{"name":"w","size":2}')


def test_enforce_checks_credentials_are_present(upstream, gateway):
    gw = gateway(validating(upstream.url))
    response = httpx.get(gw.url + "/secure")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].lower().startswith("bearer")
    assert httpx.get(gw.url + "/secure", headers={"Authorization": "Bearer t"}).status_code == 200


def test_malformed_json_never_reaches_the_upstream(upstream, gateway):
    for mode in ("enforce", "report"):
        gw = gateway(validating(upstream.url, mode))
        response = httpx.post(
            gw.url + "/widgets", content=b'{"name": ', headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400, mode
        assert "x-upstream-saw" not in response.headers
        assert httpx.get(gw.url + "/-/health").status_code == 200


def test_report_passes_through_logs_and_names_the_count(upstream, gateway, caplog):
    gw = gateway(validating(upstream.url, "report"))
    with caplog.at_level(logging.WARNING, logger="accord.gateway"):
        response = httpx.post(gw.url + "/widgets", json={"size": 0})
    assert response.status_code == 200
    assert saw(response)["body_bytes"] > 0
    assert response.headers["accord-request-violations"] == "2"
    assert any("does not match the contract" in r.getMessage() for r in caplog.records)
    assert "accord-request-violations" not in httpx.post(gw.url + "/widgets", json={"name": "n"}).headers


def test_response_report_logs_mismatches(upstream, gateway, caplog):
    gw = gateway(validating(upstream.url, "off", "report"))
    with caplog.at_level(logging.WARNING, logger="accord.gateway"):
        response = httpx.get(gw.url + "/widgets")  # the upstream answers an object, the contract says array
    assert response.status_code == 200
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("response ") and "listWidgets" in m for m in messages)
    metrics = httpx.get(gw.url + "/-/metrics").text
    assert (
        'accord_gateway_contract_violations_total{api="widgets",direction="response",route="listWidgets"'
        in metrics
    )

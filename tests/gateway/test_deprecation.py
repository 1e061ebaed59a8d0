"""Deprecation from the contract: Deprecation, Sunset and Link headers, 410 after sunset, deprecated parameters."""

from __future__ import annotations

from datetime import date

import httpx

from tests.gateway.conftest import WIDGETS, api

DOCS = {"deprecation_link": "https://docs.test/deprecations", "sunset_link": "https://docs.test/sunset"}


def test_deprecated_operation_headers(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, version={"deprecation": DOCS})]})
    response = httpx.delete(gw.url + "/widgets/7")
    assert response.status_code == 204
    assert response.headers["deprecation"] == "@1767225600"  # 2026-01-01T00:00:00Z
    assert response.headers["sunset"] == "Sun, 30 Jun 2030 00:00:00 GMT"
    assert response.headers["link"] == (
        '<https://docs.test/deprecations>; rel="deprecation", <https://docs.test/sunset>; rel="sunset"'
    )
    current = httpx.get(gw.url + "/widgets")
    assert "deprecation" not in current.headers and "sunset" not in current.headers


def test_deprecation_date_from_the_config(upstream, gateway):
    deprecation = {"deprecated_at": {"getWidget": "2026-03-01"}}
    gw = gateway({"apis": [api(upstream.url, WIDGETS, version={"deprecation": deprecation})]})
    response = httpx.get(gw.url + "/widgets/7")
    assert response.headers["deprecation"] == "@1772323200"  # 2026-03-01
    assert "link" not in response.headers


def test_deprecation_date_from_the_config_as_a_bare_yaml_date(upstream, gateway):
    deprecation = {"deprecated_at": {"getWidget": date(2026, 3, 1)}}  # written unquoted: 2026-03-01
    gw = gateway({"apis": [api(upstream.url, WIDGETS, version={"deprecation": deprecation})]})
    assert httpx.get(gw.url + "/widgets/7").headers["deprecation"] == "@1772323200"


def test_after_sunset_the_operation_is_gone(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS)]})
    response = httpx.get(gw.url + "/legacy")
    assert response.status_code == 410
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 410
    assert response.headers["sunset"] == "Wed, 01 Jan 2020 00:00:00 GMT"
    assert "x-upstream-saw" not in response.headers


def test_after_sunset_pass_keeps_serving_with_headers(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, version={"deprecation": {"after_sunset": "pass"}})]})
    response = httpx.get(gw.url + "/legacy")
    assert response.status_code == 200
    assert response.headers["sunset"] == "Wed, 01 Jan 2020 00:00:00 GMT"
    assert response.headers["deprecation"] == "@1546300800"


def test_deprecated_parameters_are_reported(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS)]})
    used = httpx.get(gw.url + "/widgets?sort=name&limit=5", headers={"X-Old-Client": "1"})
    assert used.status_code == 200
    assert used.headers["accord-deprecated-parameters"] == '"query:sort", "header:x-old-client"'
    assert "accord-deprecated-parameters" not in httpx.get(gw.url + "/widgets?limit=5").headers


def test_the_contracts_word_replaces_the_upstreams(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url, WIDGETS, version={"deprecation": DOCS})]})
    response = httpx.delete(gw.url + "/widgets/7?stale-deprecation=1")
    assert response.headers.get_list("deprecation") == ["@1767225600"]
    links = ", ".join(response.headers.get_list("link"))
    assert '<https://upstream.test/help>; rel="help"' in links
    assert '<https://docs.test/deprecations>; rel="deprecation"' in links

"""Choosing the API and its version: path prefix, header, media type parameter, default, unknown."""

from __future__ import annotations

import httpx
import pytest

from tests.gateway.conftest import ORDERS
from tests.gateway.test_proxy import saw


@pytest.fixture
def versioned(upstream, gateway):
    def version(base: str) -> dict:
        return {"contract": str(ORDERS), "upstream": upstream.url + base}

    return gateway(
        {
            "apis": [
                {
                    "name": "orders",
                    "versioning": {"by": ["path", "header", "media-type"], "default": "1"},
                    "versions": {"1": version("/one"), "2": version("/two")},
                },
                {"name": "shop", "prefix": "/shop", "versions": {"3": version("/three")}},
            ]
        }
    )


@pytest.mark.parametrize(
    ("path", "headers", "seen"),
    [
        ("/v2/orders", {}, "/two/orders"),
        ("/v1/orders/42", {}, "/one/orders/42"),
        ("/orders", {"Accept-Version": "2"}, "/two/orders"),
        ("/orders", {"Accept": "application/json; version=2"}, "/two/orders"),
        ("/orders", {"Content-Type": 'application/json; charset=utf-8; version="2"'}, "/two/orders"),
        ("/orders", {}, "/one/orders"),
        ("/shop/orders", {}, "/three/orders"),
        ("/shop/v3/orders", {}, "/three/orders"),
    ],
)
def test_version_is_chosen(versioned, path, headers, seen):
    response = httpx.get(versioned.url + path, headers=headers)
    assert response.status_code == 200
    assert saw(response)["path"] == seen


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/v9/orders", {}),
        ("/orders", {"Accept-Version": "9"}),
        ("/orders", {"Accept": "application/json;version=9"}),
    ],
)
def test_unknown_version_is_404_naming_the_known_ones(versioned, path, headers):
    response = httpx.get(versioned.url + path, headers=headers)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["known_versions"] == ["1", "2"]
    assert "'9'" in problem["detail"] and "1, 2" in problem["detail"]


def test_without_a_default_a_version_must_be_named(upstream, gateway):
    version = {"contract": str(ORDERS), "upstream": upstream.url}
    gw = gateway({"apis": [{"name": "orders", "versions": {"1": version, "2": version}}]})
    response = httpx.get(gw.url + "/orders")
    assert response.status_code == 404
    assert response.json()["known_versions"] == ["1", "2"]
    assert httpx.get(gw.url + "/v2/orders").status_code == 200


def test_several_upstreams_take_turns(upstream, gateway):
    version = {"contract": str(ORDERS), "upstream": [upstream.url + "/a", upstream.url + "/b"]}
    gw = gateway({"apis": [{"name": "orders", "versions": {"1": version}}]})
    paths = [saw(httpx.get(gw.url + "/orders"))["path"] for _ in range(4)]
    assert paths == ["/a/orders", "/b/orders", "/a/orders", "/b/orders"]

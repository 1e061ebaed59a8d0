"""The reverse proxy over real HTTP: streaming, headers, forwarding, request ids and upstream failures."""

from __future__ import annotations

import hashlib
import json

import httpx

from tests.gateway.conftest import api
from tests.servers import free_port


def saw(response: httpx.Response) -> dict:
    return json.loads(response.headers["x-upstream-saw"])


def test_request_and_response_pass_through(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    response = httpx.get(gw.url + "/orders?status=placed&limit=5")
    assert response.status_code == 200
    assert response.json()[0]["customerId"] == "c-42"
    seen = saw(response)
    assert seen["path"] == "/orders"
    assert seen["query"] == "status=placed&limit=5"
    assert seen["headers"]["host"] == [upstream.url.removeprefix("http://")]
    assert seen["headers"]["x-forwarded-host"] == [gw.url.removeprefix("http://")]


def test_request_id_is_created_or_propagated(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    created = httpx.get(gw.url + "/orders")
    request_id = created.headers["x-request-id"]
    assert len(request_id) == 32
    assert saw(created)["headers"]["x-request-id"] == [request_id]
    given = httpx.get(gw.url + "/orders", headers={"X-Request-Id": "trace-123"})
    assert given.headers["x-request-id"] == "trace-123"
    assert saw(given)["headers"]["x-request-id"] == ["trace-123"]


def test_hop_by_hop_headers_are_removed_both_ways(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    response = httpx.get(
        gw.url + "/orders?hop=1",
        headers={
            "Connection": "keep-alive, X-Client-Hop",
            "X-Client-Hop": "1",
            "TE": "trailers",
            "X-Kept": "yes",
        },
    )
    seen = saw(response)["headers"]
    assert "x-client-hop" not in seen and "te" not in seen
    assert seen["x-kept"] == ["yes"]
    assert "x-private-hop" not in response.headers
    assert "keep-alive" not in response.headers


def test_forwarding_headers_are_replaced_from_untrusted_clients(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    seen = saw(
        httpx.get(gw.url + "/orders", headers={"X-Forwarded-For": "6.6.6.6", "Forwarded": "for=6.6.6.6"})
    )
    headers = seen["headers"]
    assert headers["x-forwarded-for"] == ["127.0.0.1"]
    assert headers["x-forwarded-proto"] == ["http"]
    assert headers["forwarded"][0].startswith("for=127.0.0.1;proto=http")
    assert "6.6.6.6" not in json.dumps(headers)


def test_forwarding_headers_are_extended_from_trusted_proxies(upstream, gateway):
    gw = gateway({"trusted_proxies": ["127.0.0.0/8"], "apis": [api(upstream.url)]})
    seen = saw(
        httpx.get(
            gw.url + "/orders",
            headers={
                "X-Forwarded-For": "203.0.113.9",
                "Forwarded": "for=203.0.113.9",
                "X-Forwarded-Proto": "https",
            },
        )
    )
    headers = seen["headers"]
    assert headers["x-forwarded-for"] == ["203.0.113.9, 127.0.0.1"]
    assert headers["x-forwarded-proto"] == ["https"]
    assert headers["forwarded"][0].startswith("for=203.0.113.9, for=127.0.0.1")


def test_bodies_stream_both_ways(upstream, gateway):
    gw = gateway({"max_body_bytes": 8_000_000, "apis": [api(upstream.url)]})
    payload = b"x" * 3_000_000

    def chunks():
        for start in range(0, len(payload), 65536):
            yield payload[start : start + 65536]

    for content in (chunks(), payload):  # chunked, then with Content-Length
        seen = saw(httpx.post(gw.url + "/echo", content=content))
        assert seen["body_bytes"] == len(payload)
        assert seen["body_sha256"] == hashlib.sha256(payload).hexdigest()
        assert seen["headers"]["host"] == [upstream.url.removeprefix("http://")]
    with httpx.stream("GET", gw.url + "/stream?chunks=4") as response:
        pieces = list(response.iter_lines())
    assert pieces == ["chunk 0", "chunk 1", "chunk 2", "chunk 3"]


def test_body_over_the_limit_is_413(upstream, gateway):
    gw = gateway({"max_body_bytes": 1000, "apis": [api(upstream.url)]})
    declared = httpx.post(gw.url + "/echo", content=b"y" * 1001)
    assert declared.status_code == 413
    assert declared.headers["content-type"] == "application/problem+json"
    assert declared.json()["status"] == 413
    streamed = httpx.post(gw.url + "/echo", content=iter([b"y" * 600, b"y" * 600]))
    assert streamed.status_code == 413


def test_slow_upstream_is_504(upstream, gateway):
    gw = gateway({"upstream_timeout": 0.3, "apis": [api(upstream.url)]})
    response = httpx.get(gw.url + "/orders?delay=2", timeout=10)
    assert response.status_code == 504
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Gateway Timeout"


def test_closed_port_is_502(gateway):
    gw = gateway({"apis": [api(f"http://127.0.0.1:{free_port()}")]})
    response = httpx.get(gw.url + "/orders")
    assert response.status_code == 502
    assert response.json() == {
        "type": "about:blank",
        "title": "Bad Gateway",
        "status": 502,
        "detail": "The upstream service could not be reached.",
    }
    assert "x-request-id" in response.headers


def test_oversized_headers_never_reach_the_upstream(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    response = httpx.get(gw.url + "/orders", headers={f"X-Big-{i}": "z" * 1000 for i in range(20)})
    assert response.status_code == 431
    assert "x-upstream-saw" not in response.headers
    assert httpx.get(gw.url + "/orders").status_code == 200
    roomy = gateway({"max_header_bytes": 65536, "apis": [api(upstream.url)]})
    assert (
        httpx.get(roomy.url + "/orders", headers={f"X-Big-{i}": "z" * 1000 for i in range(20)}).status_code
        == 200
    )


def test_the_gateway_keeps_no_cookies_between_clients(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    first = httpx.get(gw.url + "/orders?cookie=1")
    assert first.headers["set-cookie"] == "session=upstream-secret; Path=/"
    assert "cookie" not in saw(httpx.get(gw.url + "/orders"))["headers"]


def test_the_upstream_transport_can_be_replaced(tmp_path):
    """Unit level: any httpx transport plugs in (here httpx.MockTransport), driven through ASGI."""
    import asyncio

    from accord.gateway import Gateway, load_config

    from tests.gateway.servers import write_config

    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"mock": True})

    config = load_config(write_config(tmp_path, {"apis": [api("http://upstream.test/base")]}))
    app = Gateway(config, transport=httpx.MockTransport(handler))

    async def call() -> httpx.Response:
        await app.start()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://gw") as client:
            return await client.get("/orders?limit=2")

    response = asyncio.run(call())
    assert response.json() == {"mock": True}
    assert seen == ["http://upstream.test/base/orders?limit=2"]


def test_malformed_requests_never_crash_the_gateway(upstream, gateway):
    import socket

    gw = gateway({"apis": [api(upstream.url, unknown_operations="strict")]})
    with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as raw:
        raw.sendall(b"NOT HTTP AT ALL\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 400")
    with socket.create_connection(("127.0.0.1", gw.port), timeout=5) as raw:
        raw.sendall(b"GET /orders/%zz%%/x HTTP/1.1\r\nHost: gw\r\n\r\n")
        assert raw.recv(100).startswith(b"HTTP/1.1 404")
    assert httpx.get(gw.url + "/orders").status_code == 200


def test_interim_answers_are_skipped_and_a_body_may_end_with_the_connection(gateway):
    from tests.gateway.servers import RawUpstream

    answer = (
        b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
        b"until the end"
    )
    with RawUpstream(answer) as raw:
        gw = gateway({"apis": [api(raw.url)]})
        for _ in range(2):
            response = httpx.get(gw.url + "/orders")
            assert response.status_code == 200
            assert response.text == "until the end"


def test_head_requests(upstream, gateway):
    gw = gateway({"apis": [api(upstream.url)]})
    for _ in range(3):
        response = httpx.head(gw.url + "/orders")
        assert response.status_code == 200
        assert response.content == b""
        assert httpx.get(gw.url + "/orders").json()[0]["customerId"] == "c-42"


def test_a_client_leaving_a_stream_closes_the_upstream_stream(upstream, gateway):
    import time

    from tests.gateway import upstream as upstream_app

    gw = gateway({"apis": [api(upstream.url)]})
    upstream_app.DISCONNECTED.clear()
    with httpx.stream("GET", gw.url + "/stream?chunks=1000") as response:  # ten seconds of chunks
        assert next(response.iter_lines()) == "chunk 0"
    deadline = time.monotonic() + 5
    while not upstream_app.DISCONNECTED and time.monotonic() < deadline:
        time.sleep(0.05)
    assert upstream_app.DISCONNECTED == ["/stream"]


def test_connections_the_upstream_closed_are_not_reused(gateway):
    from tests.gateway.servers import RawUpstream

    # keep-alive in words, but the server closes every connection after one answer
    with RawUpstream(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") as raw:
        gw = gateway({"apis": [api(raw.url)]})
        assert [httpx.get(gw.url + "/orders").text for _ in range(5)] == ["ok"] * 5

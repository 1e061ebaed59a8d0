"""A real upstream service for the gateway tests (served by uvicorn over real HTTP).

Every answer carries `x-upstream-saw`: a JSON object of what arrived (method, path, query, headers,
body size and digest), so tests can see exactly what the gateway passed on.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from urllib.parse import parse_qs

DISCONNECTED: list[str] = []  # paths of streams whose client (the gateway) went away
HITS: list[str] = []  # every request that reached the upstream: "METHOD /path"

ORDER = {
    "id": "3f2c1a9e-5b7d-4c8e-9f10-2a3b4c5d6e7f",
    "customerId": "c-42",
    "status": "placed",
    "lines": [{"sku": "WID-1", "quantity": 2}],
    "total": {"amount": "19.98", "currency": "EUR"},
    "placedAt": "2026-11-01T10:00:00Z",
}


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    HITS.append(f"{scope['method']} {scope['path']}")
    digest, size = hashlib.sha256(), 0
    while True:
        message = await receive()
        chunk = message.get("body", b"")
        digest.update(chunk)
        size += len(chunk)
        if not message.get("more_body"):
            break
    query = parse_qs(scope["query_string"].decode())
    headers: dict[str, list[str]] = {}
    for name, value in scope["headers"]:
        headers.setdefault(name.decode(), []).append(value.decode("latin-1"))
    saw = {
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode(),
        "headers": headers,
        "body_bytes": size,
        "body_sha256": digest.hexdigest(),
    }
    out = [(b"content-type", b"application/json"), (b"x-upstream-saw", json.dumps(saw).encode())]
    if "delay" in query:
        await asyncio.sleep(float(query["delay"][0]))
    if "hop" in query:  # hop-by-hop fields an upstream must not leak through a proxy
        out += [
            (b"connection", b"x-private-hop"),
            (b"x-private-hop", b"secret"),
            (b"keep-alive", b"timeout=5"),
        ]
    if "stale-deprecation" in query:  # what an upstream may say about itself; the gateway's word wins
        out += [(b"deprecation", b"@0"), (b"link", b'<https://upstream.test/help>; rel="help"')]
    if "cookie" in query:
        out.append((b"set-cookie", b"session=upstream-secret; Path=/"))
    status = int(query["answer"][0]) if "answer" in query else 200
    if scope["path"] == "/stream":

        async def notice_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            DISCONNECTED.append(scope["path"])

        watcher = asyncio.create_task(notice_disconnect())
        await send({"type": "http.response.start", "status": 200, "headers": out})
        for index in range(int(query.get("chunks", ["5"])[0])):
            await send({"type": "http.response.body", "body": f"chunk {index}\n".encode(), "more_body": True})
            await asyncio.sleep(0.01)
        await send({"type": "http.response.body", "body": b""})
        watcher.cancel()
        return
    if scope["method"] == "DELETE":
        body = b""
        status = 204
    elif scope["path"] == "/orders" and scope["method"] == "GET":
        body = json.dumps([{"id": "not-a-uuid"}] if "bad" in query else [ORDER]).encode()
    elif scope["path"] == "/orders" and scope["method"] == "POST":
        body, status = json.dumps(ORDER).encode(), 201
    elif scope["path"].startswith("/orders/"):
        body = json.dumps(ORDER).encode()
    else:
        body = json.dumps(saw).encode()
    await send({"type": "http.response.start", "status": status, "headers": out})
    await send({"type": "http.response.body", "body": body})

"""A small provider for the fuzz tests, honouring fixtures/inventory.yaml except for two planted faults:

- `GET /items?limit=0` divides by zero: a 500 (a server error).
- `GET /items/{itemId}` returns `id` as a string where the contract says integer (a schema violation).
"""

from __future__ import annotations

import json

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

ITEMS = [{"id": 1, "name": "widget", "quantity": 3}]


def bad_request(detail: str) -> JSONResponse:
    return JSONResponse({"title": "Bad Request", "status": 400, "detail": detail}, status_code=400)


async def list_items(request: Request) -> Response:
    raw = request.query_params.get("limit", "10")
    try:
        limit = int(raw)
    except ValueError:
        return bad_request("limit must be an integer")
    if limit < 0 or limit > 100:
        return bad_request("limit out of range")
    pages = len(ITEMS) // limit  # planted bug: limit=0 raises ZeroDivisionError -> 500
    return JSONResponse(ITEMS[: limit * max(pages, 1)])


async def create_item(request: Request) -> Response:
    try:
        body = json.loads(await request.body())
    except ValueError:
        return bad_request("body must be JSON")
    if not isinstance(body, dict) or set(body) - {"name", "quantity"}:
        return bad_request("unexpected body")
    name, quantity = body.get("name"), body.get("quantity", 0)
    if not isinstance(name, str) or not 1 <= len(name) <= 50:
        return bad_request("name must be 1-50 characters")
    if type(quantity) is not int or quantity < 0:
        return bad_request("quantity must be a non-negative integer")
    return JSONResponse({"id": len(ITEMS) + 1, "name": name, "quantity": quantity}, status_code=201)


async def get_item(request: Request) -> Response:
    raw = request.path_params["itemId"]
    try:
        item_id = int(raw)
    except ValueError:
        return bad_request("itemId must be an integer")
    if item_id < 1:
        return bad_request("itemId must be positive")
    return JSONResponse({"id": str(item_id), "name": "widget", "quantity": 3})  # planted: id as a string


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


app = Starlette(
    routes=[
        Route("/items", list_items, methods=["GET"]),
        Route("/items", create_item, methods=["POST"]),
        Route("/items/{itemId}", get_item, methods=["GET"]),
        Route("/health", health, methods=["GET"]),
    ]
)


async def guarded_health(request: Request) -> Response:
    if request.headers.get("authorization") != "Bearer s3cret":
        return JSONResponse({"title": "Unauthorized", "status": 401}, status_code=401)  # not in the contract
    return JSONResponse({"status": "ok"})


secured_app = Starlette(routes=[Route("/health", guarded_health, methods=["GET"])])


def wsgi_app(environ, start_response):
    """A plain WSGI provider of GET /health only."""
    if environ["PATH_INFO"] != "/health":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b'{"status": "ok"}']

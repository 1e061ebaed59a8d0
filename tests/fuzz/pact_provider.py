"""The inventory provider as the pact verification tests see it: items live in a JSON store file (the
stand-in for a shared database), set up by a provider-state endpoint or by `setup_state`, a callable
for `--state-handler`."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _apply_state(store: Path, state: str, action: str, params: dict[str, Any] | None) -> None:
    items = json.loads(store.read_text()) if store.exists() else {}
    if state.startswith("item ") and state.endswith(" exists"):
        item_id = str((params or {}).get("id", state.split()[1]))
        if action == "setup":
            items[item_id] = {"id": int(item_id), "name": "widget", "quantity": 3}
        else:
            items.pop(item_id, None)
    store.write_text(json.dumps(items))


def setup_state(state: str, action: str, parameters: dict[str, Any] | None) -> None:
    """`--state-handler tests.fuzz.pact_provider:setup_state`: the store path comes from the environment."""
    _apply_state(Path(os.environ["INVENTORY_STORE"]), state, action, parameters)


def make_app(store: Path, *, broken: bool = False) -> Starlette:
    """`broken`: item ids come back as strings, which no consumer expecting integers accepts."""

    async def get_item(request: Request) -> Response:
        items = json.loads(store.read_text()) if store.exists() else {}
        item = items.get(request.path_params["itemId"])
        if item is None:
            return JSONResponse({"title": "Not Found", "status": 404}, status_code=404)
        return JSONResponse({**item, "id": str(item["id"])} if broken else item)

    async def provider_states(request: Request) -> Response:
        body = await request.json()
        _apply_state(store, body["state"], body.get("action", "setup"), body.get("params"))
        return JSONResponse({})

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/items/{itemId}", get_item, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
            Route("/_pact/provider-states", provider_states, methods=["POST"]),
        ]
    )

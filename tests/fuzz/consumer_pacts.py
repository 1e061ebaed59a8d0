"""Pacts written the way a consumer team writes them: a pact-python consumer test driving its client."""

from __future__ import annotations

from pathlib import Path

import httpx
from pact import Pact, match


class InventoryClient:
    """The consumer's own client code, exercised against pact's mock provider."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def item(self, item_id: int) -> dict:
        response = httpx.get(f"{self.base_url}/items/{item_id}")
        response.raise_for_status()
        return response.json()

    def healthy(self) -> bool:
        return httpx.get(f"{self.base_url}/health").json()["status"] == "ok"


def write_inventory_pact(
    directory: Path, consumer: str = "inventory-web", provider: str = "inventory"
) -> Path:
    pact = Pact(consumer, provider).with_specification("V4")
    (
        pact.upon_receiving("a request for item 42")
        .given("item 42 exists", id=42)
        .with_request("GET", "/items/42")
        .will_respond_with(200)
        .with_body(
            {"id": match.int(42), "name": match.str("widget"), "quantity": match.int(3)},
            content_type="application/json",
        )
    )
    (
        pact.upon_receiving("a health check")
        .with_request("GET", "/health")
        .will_respond_with(200)
        .with_body({"status": "ok"}, content_type="application/json")
    )
    with pact.serve() as mock:
        client = InventoryClient(str(mock.url))
        assert client.item(42)["id"] == 42
        assert client.healthy()
    pact.write_file(directory, overwrite=True)
    return directory / f"{consumer}-{provider}.json"

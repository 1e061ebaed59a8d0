"""Provider states for verifying the orders service against its consumers' pacts:
`accord verify ... --state-handler services.provider_states:orders`. It writes to the same
database as the service under test (SHOP_DATABASE_URL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert

from services._store import engine
from services.orders import metadata
from services.orders import orders as orders_table


def orders(state: str, action: str, parameters: dict[str, Any]) -> None:
    """Set up (or tear down) the states the web shop's pact names."""
    if not state:  # an interaction without a state
        return
    if state != "an order exists":
        raise ValueError(f"unknown provider state {state!r}")
    with engine(metadata).begin() as connection:
        connection.execute(delete(orders_table).where(orders_table.c.id == parameters["id"]))
        if action == "setup":
            connection.execute(
                insert(orders_table).values(
                    id=parameters["id"],
                    customer_id="c-42",
                    items=[{"sku": "widget", "quantity": 2}],
                    total="19.98",
                    status="confirmed",
                    created_at="2026-11-01T10:00:00Z",
                )
            )

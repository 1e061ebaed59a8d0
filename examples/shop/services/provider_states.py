"""Provider states for verifying the shop's services against their consumers' pacts:
`accord verify ... --state-handler services.provider_states:orders` (or `:inventory`). Each writes
to the database of the service under test (SHOP_DATABASE_URL)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert

from services import orders as orders_service
from services import reservations
from services._store import engine


def orders(state: str, action: str, parameters: dict[str, Any]) -> None:
    """The web shop's states: "an order exists"."""
    if not state:  # an interaction without a state
        return
    if state != "an order exists":
        raise ValueError(f"unknown provider state {state!r}")
    table = orders_service.orders
    with engine(orders_service.metadata).begin() as connection:
        connection.execute(delete(table).where(table.c.id == parameters["id"]))
        if action == "setup":
            connection.execute(
                insert(table).values(
                    id=parameters["id"],
                    customer_id="c-42",
                    items=[{"sku": "widget", "quantity": 2}],
                    total="19.98",
                    status="confirmed",
                    created_at="2026-11-01T10:00:00Z",
                )
            )


def inventory(state: str, action: str, parameters: dict[str, Any]) -> None:
    """The saga's states: "stock is reserved for an order"."""
    if not state:
        return
    if state != "stock is reserved for an order":
        raise ValueError(f"unknown provider state {state!r}")
    table = reservations.reservations
    with reservations.stocked().begin() as connection:
        connection.execute(delete(table).where(table.c.order_id == parameters["id"]))
        if action == "setup":
            lines = [{"sku": "widget", "quantity": 2}]
            connection.execute(
                insert(table).values(order_id=parameters["id"], items=lines, status="reserved")
            )


def payments(state: str, action: str, parameters: dict[str, Any]) -> None:
    """The saga's pact with payments names no state; any other is a mistake in a pact."""
    if state:
        raise ValueError(f"unknown provider state {state!r}")

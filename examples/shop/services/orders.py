"""The orders service's handlers (`orders_api.main` imports `Orders`): orders kept in the service's
database, `OrderPlaced` published when one is placed. The saga (`services.saga`) moves an order from
pending to confirmed, or to cancelled when its stock or payment fails."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from orders_api import HTTPResult, models
from orders_api.services import OrdersService
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, insert, select, update

from services._bus import bus
from services._store import engine

PRICES = {"widget": Decimal("9.99"), "gadget": Decimal("24.50"), "gizmo": Decimal("4.25")}

metadata = MetaData()
orders = Table(
    "orders",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(36), unique=True, nullable=False),
    Column("customer_id", String, nullable=False),
    Column("items", JSON, nullable=False),
    Column("total", String, nullable=False),
    Column("status", String, nullable=False),
    Column("created_at", String, nullable=False),
)


def problem(status: int, title: str, detail: str) -> HTTPResult[models.Problem]:
    return HTTPResult(status, models.Problem(title=title, status=status, detail=detail))


def as_order(row: Any) -> models.Order:
    return models.Order.model_validate(
        {
            "id": row.id,
            "customerId": row.customer_id,
            "items": row.items,
            "total": {"amount": row.total, "currency": "EUR"},
            "status": row.status,
            "createdAt": row.created_at,
        }
    )


def set_status(order_id: str, status: str, *, unless: str | None = None) -> bool:
    """Move an order to `status` (not from `unless`); True when a row changed. One UPDATE, so the
    API and the saga never overwrite each other's change."""
    statement = update(orders).where(orders.c.id == order_id).values(status=status)
    if unless is not None:
        statement = statement.where(orders.c.status != unless)
    with engine(metadata).begin() as connection:
        return connection.execute(statement).rowcount == 1


class Orders(OrdersService[str]):
    """Place, read, list and cancel orders."""

    def place_order(self, *, principal: str, body: models.NewOrder):
        lines = body.model_dump(mode="json")["items"]
        unknown = sorted({line["sku"] for line in lines} - PRICES.keys())
        if unknown:
            return problem(422, "Unknown product", f"no product {', '.join(unknown)}")
        total = f"{sum(PRICES[line['sku']] * line['quantity'] for line in lines):.2f}"
        order_id = str(uuid.uuid4())
        created = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with engine(metadata).begin() as connection:
            connection.execute(
                insert(orders).values(
                    id=order_id,
                    customer_id=body.customerId,
                    items=lines,
                    total=total,
                    status="pending",
                    created_at=created,
                )
            )
            row = connection.execute(select(orders).where(orders.c.id == order_id)).one()
        bus().publish(
            "order_placed",
            {
                "orderId": order_id,
                "customerId": body.customerId,
                "items": lines,
                "total": total,
                "card": body.card,
            },
        )
        return HTTPResult(201, as_order(row), headers={"Location": f"/orders/{order_id}"})

    def list_orders(self, *, principal: str, limit: int, cursor: str | None):
        query = select(orders).order_by(orders.c.seq.desc()).limit(limit + 1)
        if cursor is not None:
            try:
                before = json.loads(base64.urlsafe_b64decode(cursor))["before"]
            except (ValueError, KeyError, TypeError):
                return problem(400, "Bad cursor", "the cursor is not one this API gave")
            query = query.where(orders.c.seq < int(before))
        with engine(metadata).connect() as connection:
            rows = connection.execute(query).all()
        page, more = rows[:limit], len(rows) > limit
        following = (
            base64.urlsafe_b64encode(json.dumps({"before": page[-1].seq}).encode()).decode() if more else None
        )
        return models.OrderPage(items=[as_order(row) for row in page], next=following)

    def get_order(self, *, principal: str, orderId: uuid.UUID):
        with engine(metadata).connect() as connection:
            row = connection.execute(select(orders).where(orders.c.id == str(orderId))).one_or_none()
        return as_order(row) if row is not None else problem(404, "No such order", f"no order {orderId}")

    def cancel_order(self, *, principal: str, orderId: uuid.UUID):
        with engine(metadata).connect() as connection:
            row = connection.execute(select(orders.c.id).where(orders.c.id == str(orderId))).one_or_none()
        if row is None:
            return problem(404, "No such order", f"no order {orderId}")
        if not set_status(str(orderId), "cancelled", unless="cancelled"):
            return problem(409, "Already cancelled", f"order {orderId} is cancelled already")
        return self.get_order(principal=principal, orderId=orderId)

    def delete_order(self, *, principal: str, orderId: uuid.UUID):
        """The deprecated form of cancel_order (the gateway adds Deprecation and Sunset headers)."""
        return self.cancel_order(principal=principal, orderId=orderId)

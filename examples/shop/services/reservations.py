"""The inventory service's handlers (`inventory_api.main` imports `Reservations`). Stock is taken
by conditional UPDATEs in one transaction (all lines or none); one reservation per order, kept by
the primary key, so a repeated reserve or release changes nothing and publishes nothing."""

from __future__ import annotations

import uuid
from typing import Any

from inventory_api import HTTPResult, models
from inventory_api.services import ReservationsService
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from services._bus import bus
from services._store import engine

OPENING_STOCK = {"widget": 100, "gadget": 5, "gizmo": 0}

metadata = MetaData()
stock = Table(
    "stock", metadata, Column("sku", String, primary_key=True), Column("available", Integer, nullable=False)
)
reservations = Table(
    "reservations",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("items", JSON, nullable=False),
    Column("status", String, nullable=False),
)


class OutOfStock(Exception):
    """A line of the order cannot be served from stock."""


def stocked() -> Any:
    """The engine, with the opening stock on a new database."""
    database = engine(metadata)
    with database.begin() as connection:
        if connection.execute(select(stock.c.sku).limit(1)).first() is None:
            connection.execute(insert(stock), [{"sku": s, "available": n} for s, n in OPENING_STOCK.items()])
    return database


def as_reservation(row: Any) -> models.Reservation:
    return models.Reservation(orderId=row.order_id, items=row.items, status=row.status)


def problem(status: int, title: str, detail: str) -> HTTPResult[models.Problem]:
    return HTTPResult(status, models.Problem(title=title, status=status, detail=detail))


class Reservations(ReservationsService):
    """Reserve, release and read stock."""

    def reserve(self, *, body: models.ReservationRequest):
        order_id, lines = str(body.orderId), body.model_dump(mode="json")["items"]
        try:
            with stocked().begin() as connection:
                connection.execute(
                    insert(reservations).values(order_id=order_id, items=lines, status="reserved")
                )
                for line in lines:
                    taken = connection.execute(
                        update(stock)
                        .where(stock.c.sku == line["sku"], stock.c.available >= line["quantity"])
                        .values(available=stock.c.available - line["quantity"])
                    )
                    if taken.rowcount != 1:
                        raise OutOfStock(line["sku"])
        except OutOfStock as short:
            return problem(409, "Out of stock", f"not enough {short} for order {order_id}")
        except IntegrityError:  # reserved already: answer that reservation, publish nothing
            return HTTPResult(201, self._reservation(order_id))
        bus().publish("stock_reserved", {"orderId": order_id, "items": lines})
        return HTTPResult(201, self._reservation(order_id))

    def release(self, *, orderId: uuid.UUID):
        order_id = str(orderId)
        with stocked().begin() as connection:
            released = connection.execute(
                update(reservations)
                .where(reservations.c.order_id == order_id, reservations.c.status == "reserved")
                .values(status="released")
            )
            row = connection.execute(
                select(reservations).where(reservations.c.order_id == order_id)
            ).one_or_none()
            if released.rowcount == 1:
                for line in row.items:
                    connection.execute(
                        update(stock)
                        .where(stock.c.sku == line["sku"])
                        .values(available=stock.c.available + line["quantity"])
                    )
        if row is None:
            return problem(404, "No reservation", f"no reservation for order {order_id}")
        if released.rowcount == 1:
            bus().publish("stock_released", {"orderId": order_id, "items": row.items})
        return as_reservation(row)

    def get_stock(self, *, sku: str):
        with stocked().connect() as connection:
            row = connection.execute(select(stock).where(stock.c.sku == sku)).one_or_none()
        if row is None:
            return problem(404, "No such product", f"no product {sku}")
        return {"sku": row.sku, "available": row.available}

    def _reservation(self, order_id: str) -> models.Reservation:
        with stocked().connect() as connection:
            return as_reservation(
                connection.execute(select(reservations).where(reservations.c.order_id == order_id)).one()
            )

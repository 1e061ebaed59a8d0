"""The order saga, an orchestrator: `python -m services.saga`.

    OrderPlaced      -> reserve the order's stock (inventory)
    StockReserved    -> charge the card (payments)
    PaymentCompleted -> confirm the order
    PaymentFailed    -> compensate in reverse: release the stock, then cancel the order
    (stock refused)  -> cancel the order; nothing to compensate

It reacts to the events of the generated `shop_events` channels and calls the providers through
their generated clients. Every step is idempotent (inventory keeps one reservation per order,
payments one payment per order, order states change by conditional UPDATE), so a redelivered event
causes no second effect and no second event; handled event ids are recorded and a repeat is skipped.
Environment: SHOP_DATABASE_URL (the orders database), SHOP_NATS_URL, SHOP_EVENT_PREFIX,
SHOP_INVENTORY_URL, SHOP_PAYMENTS_URL."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable
from typing import Any

from faststream import FastStream
from faststream.nats import NatsMessage
from inventory_client import ApiError
from inventory_client import AsyncClient as Inventory
from payments_client import AsyncClient as Payments
from pydantic import TypeAdapter
from shop_events import Channels, broker, models
from sqlalchemy import Column, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError

from services import orders
from services._store import engine

log = logging.getLogger("shop.saga")

metadata = MetaData()
sagas = Table(
    "sagas",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("card", String, nullable=False),
    Column("total", String, nullable=False),
)
handled = Table("handled_events", metadata, Column("event_id", String(36), primary_key=True))


def seen(event_id: str) -> bool:
    with engine(metadata).connect() as connection:
        return connection.execute(select(handled).where(handled.c.event_id == event_id)).first() is not None


def record(event_id: str) -> None:
    try:
        with engine(metadata).begin() as connection:
            connection.execute(insert(handled).values(event_id=event_id))
    except IntegrityError:  # a concurrent redelivery finished first
        pass


def once(model: Any, step: Callable[[Any], Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    """Run `step` on an event's payload (as `model`) unless its eventId was handled; record the id
    when the step succeeded, so a step that failed runs again on redelivery."""

    adapter = TypeAdapter(model)

    async def handle(payload: dict[str, Any], message: NatsMessage) -> None:
        event_id = message.headers.get("eventId", "")
        if seen(event_id):
            log.info("%s %s redelivered: skipped", step.__name__, event_id)
            return
        await step(adapter.validate_python(payload))
        record(event_id)

    handle.__name__ = step.__name__
    return handle


class Saga:
    """The saga's steps, one per event; each calls the providers through their generated clients."""

    def __init__(self, inventory: Inventory, payments: Payments) -> None:
        self.inventory, self.payments = inventory, payments

    def remember(self, order_id: str, card: str, total: str) -> None:
        """Keep what the later steps need (once per order)."""
        try:
            with engine(metadata).begin() as connection:
                connection.execute(insert(sagas).values(order_id=order_id, card=card, total=total))
        except IntegrityError:
            pass

    async def order_placed(self, event: models.OrderPlacedPayload) -> None:
        order_id = str(event.orderId)
        self.remember(order_id, event.card, event.total)
        try:
            await self.inventory.reserve(
                body={"orderId": order_id, "items": [line.model_dump(mode="json") for line in event.items]}
            )
        except ApiError as refused:
            if refused.response.status_code != 409:
                raise
            orders.set_status(order_id, "cancelled", unless="cancelled")
            log.info("order %s: out of stock, cancelled", order_id)

    async def stock_reserved(self, event: models.StockReservedPayload) -> None:
        with engine(metadata).connect() as connection:
            saga = connection.execute(
                select(sagas).where(sagas.c.order_id == str(event.orderId))
            ).one_or_none()
        if saga is None:  # stock reserved for an order this saga does not run
            return
        await self.payments.charge(
            body={"orderId": saga.order_id, "amount": saga.total, "currency": "EUR", "card": saga.card}
        )

    async def payment_completed(self, event: models.PaymentCompletedPayload) -> None:
        orders.set_status(str(event.orderId), "confirmed", unless="cancelled")
        log.info("order %s confirmed", event.orderId)

    async def payment_failed(self, event: models.PaymentFailedPayload) -> None:
        order_id = str(event.orderId)
        await self.inventory.release(order_id)  # compensate the last completed step first
        orders.set_status(order_id, "cancelled", unless="cancelled")
        log.info("order %s: payment failed (%s), stock released, order cancelled", order_id, event.reason)


def subscribe(channels: Channels, saga: Saga) -> None:
    """Subscribe the saga's steps to `channels` (one queue group: several saga processes share the work)."""
    channels.subscribe_order_placed(queue="order-saga")(once(models.OrderPlacedPayload, saga.order_placed))
    channels.subscribe_stock_reserved(queue="order-saga")(
        once(models.StockReservedPayload, saga.stock_reserved)
    )
    channels.subscribe_payment_completed(queue="order-saga")(
        once(models.PaymentCompletedPayload, saga.payment_completed)
    )
    channels.subscribe_payment_failed(queue="order-saga")(
        once(models.PaymentFailedPayload, saga.payment_failed)
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="saga: %(message)s")
    channels = Channels(
        broker(os.environ.get("SHOP_NATS_URL", "nats://127.0.0.1:4222")),
        prefix=os.environ.get("SHOP_EVENT_PREFIX", ""),
    )
    inventory = Inventory(os.environ.get("SHOP_INVENTORY_URL", "http://127.0.0.1:8103"))
    payments = Payments(os.environ.get("SHOP_PAYMENTS_URL", "http://127.0.0.1:8102"))
    subscribe(channels, Saga(inventory, payments))
    asyncio.run(FastStream(channels.broker).run())


if __name__ == "__main__":
    main()

"""The payments service's handlers (`payments_api.main` imports `Payments`). One payment per
order, kept by a unique constraint: a repeated charge (a redelivered event) answers the payment
already made and publishes nothing. Cards ending in 0002 are declined, as test cards are."""

from __future__ import annotations

import uuid
from typing import Any

from payments_api import HTTPResult, models
from payments_api.services import PaymentsService
from sqlalchemy import Column, MetaData, String, Table, select, update
from sqlalchemy.exc import IntegrityError

from services._bus import bus
from services._store import engine

DECLINED_SUFFIX = "0002"

metadata = MetaData()
payments = Table(
    "payments",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("order_id", String(36), unique=True, nullable=False),
    Column("amount", String, nullable=False),
    Column("status", String, nullable=False),
    Column("reason", String),
)


def as_payment(row: Any) -> models.Payment:
    return models.Payment(
        id=row.id, orderId=row.order_id, amount=row.amount, status=row.status, reason=row.reason
    )


class Payments(PaymentsService):
    """Charge and refund."""

    def charge(self, *, body: models.Charge):
        declined = body.card.endswith(DECLINED_SUFFIX)
        row = {
            "id": str(uuid.uuid4()),
            "order_id": str(body.orderId),
            "amount": body.amount,
            "status": "failed" if declined else "completed",
            "reason": "card declined" if declined else None,
        }
        try:
            with engine(metadata).begin() as connection:
                connection.execute(payments.insert().values(**row))
        except IntegrityError:  # this order was charged already: answer that payment, publish nothing
            with engine(metadata).connect() as connection:
                existing = connection.execute(
                    select(payments).where(payments.c.order_id == row["order_id"])
                ).one()
            return HTTPResult(201, as_payment(existing))
        if declined:
            bus().publish("payment_failed", {"orderId": row["order_id"], "reason": row["reason"]})
        else:
            bus().publish(
                "payment_completed",
                {"orderId": row["order_id"], "paymentId": row["id"], "amount": row["amount"]},
            )
        with engine(metadata).connect() as connection:
            return HTTPResult(
                201, as_payment(connection.execute(select(payments).where(payments.c.id == row["id"])).one())
            )

    def refund(self, *, paymentId: uuid.UUID):
        with engine(metadata).begin() as connection:
            connection.execute(
                update(payments)
                .where(payments.c.id == str(paymentId), payments.c.status == "completed")
                .values(status="refunded")
            )
            row = connection.execute(select(payments).where(payments.c.id == str(paymentId))).one_or_none()
        if row is None:
            return HTTPResult(
                404, models.Problem(title="No such payment", status=404, detail=f"no payment {paymentId}")
            )
        return as_payment(row)

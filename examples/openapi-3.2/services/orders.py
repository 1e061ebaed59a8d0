"""One order, and COPY (an `additionalOperations` method)."""

from __future__ import annotations

from orders_api import HTTPResult, models
from orders_api.services import OrdersService

from .data import ORDERS


def _order(order_id: str) -> dict | None:
    return next((order for order in ORDERS if order["id"] == order_id), None)


class Orders(OrdersService[object]):
    def get_order(self, *, principal: object, orderId: str) -> models.Order | HTTPResult[models.Problem]:
        order = _order(orderId)
        if order is None:
            return HTTPResult(
                404, models.Problem(title="Not Found", status=404, detail=f"no order {orderId}")
            )
        return models.Order.model_validate(order)

    def copy_order(self, *, orderId: str) -> HTTPResult[models.Order]:
        order = _order(orderId) or ORDERS[0]
        return HTTPResult(201, models.Order.model_validate({**order, "id": f"{order['id']}-copy"}))

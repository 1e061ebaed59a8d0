"""Searching orders: GET with the filter as the whole query string, and HTTP QUERY with it in the body."""

from __future__ import annotations

from orders_api import models
from orders_api.services import SearchService

from .data import matching


def _found(filter: models.OrderFilter | None) -> models.OrderList:
    status = filter.status.value if filter is not None and filter.status is not None else None
    limit = filter.limit if filter is not None else None
    return models.OrderList.model_validate({"orders": matching(status, limit)})


class Search(SearchService):
    def list_orders(self, *, filter: models.OrderFilter | None) -> models.OrderList:
        return _found(filter)

    def search_orders(self, *, body: models.OrderFilter) -> models.OrderList:
        return _found(body)

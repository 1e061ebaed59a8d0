"""The orders the example handlers serve: a fixed list, enough to search and stream."""

from __future__ import annotations

ORDERS = [
    {"id": "o-1", "status": "open", "total": 12.5},
    {"id": "o-2", "status": "shipped", "total": 40.0},
    {"id": "o-3", "status": "open", "total": 7.25},
    {"id": "o-4", "status": "cancelled", "total": 99.0},
]


def matching(status: str | None, limit: int | None) -> list[dict]:
    """The orders with a status (any when None), at most `limit` of them."""
    found = [order for order in ORDERS if status is None or order["status"] == status]
    return found[: limit or len(found)]

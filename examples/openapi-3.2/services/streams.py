"""Streams: order events as Server-Sent Events, every order as JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator

from fastapi.responses import StreamingResponse
from orders_api.services import StreamsService

from .data import ORDERS

_EVENTS = {"open": "created", "shipped": "shipped", "cancelled": "cancelled"}


def _events() -> Iterator[str]:
    for number, order in enumerate(ORDERS, 1):
        yield f"event: {_EVENTS[order['status']]}\nid: {number}\ndata: {json.dumps(order)}\n\n"


def _lines() -> Iterator[str]:
    for order in ORDERS:
        yield json.dumps(order) + "\n"


class Streams(StreamsService):
    def stream_order_events(self) -> StreamingResponse:
        return StreamingResponse(_events(), media_type="text/event-stream")

    def export_orders(self) -> StreamingResponse:
        return StreamingResponse(_lines(), media_type="application/jsonl")

"""Print the shop's events as they pass: `python -m services.tap` (the demo shows the saga this way).
One line per event: its channel, eventId and payload, flushed at once."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import nats

SUBJECTS = (
    "orders.placed",
    "inventory.reserved",
    "inventory.released",
    "payments.completed",
    "payments.failed",
)


async def tap() -> None:
    prefix = os.environ.get("SHOP_EVENT_PREFIX", "")
    connection = await nats.connect(os.environ.get("SHOP_NATS_URL", "nats://127.0.0.1:4222"))

    async def show(message) -> None:
        headers = message.headers or {}
        print(
            message.subject.removeprefix(prefix),
            headers.get("eventId", "-"),
            json.dumps(json.loads(message.data)),
            flush=True,
        )

    for subject in SUBJECTS:
        await connection.subscribe(prefix + subject, cb=show)
    print("tap: listening", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(tap())
    except KeyboardInterrupt:
        sys.exit(0)

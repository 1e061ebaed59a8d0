"""Webhooks (an empty collection: the broker does not call webhooks)."""

from __future__ import annotations

from typing import Any

from .. import links

__all__ = ["webhooks"]


def webhooks(base: str) -> dict[str, Any]:
    return {"_embedded": {"webhooks": []}, "_links": {"self": links.link(links.webhooks(base), "Webhooks")}}

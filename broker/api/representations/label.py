"""Labels: one label of a pacticipant, the label list, and a label as embedded in a pacticipant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Label
from .. import links
from .common import iso

__all__ = ["embedded", "label", "names"]


def embedded(base: str, pacticipant: str, row: Label) -> dict[str, Any]:
    href = links.label(base, pacticipant, row.name)
    return {"name": row.name, "_links": {"self": links.link(href, "Label", row.name)}}


def label(base: str, row: Label) -> dict[str, Any]:
    pacticipant = row.pacticipant.name
    return {
        "name": row.name,
        "createdAt": iso(row.created_at),
        "_links": {
            "self": links.link(links.label(base, pacticipant, row.name), "Label", row.name),
            "pacticipant": links.link(links.pacticipant(base, pacticipant), "Pacticipant", pacticipant),
        },
    }


def names(base: str, rows: Sequence[str]) -> dict[str, Any]:
    """The distinct label names (as the Pact Broker lists them: names only, without links)."""
    return {
        "_embedded": {"labels": [{"name": name} for name in rows]},
        "_links": {"self": links.link(links.labels(base), "Labels")},
    }

"""Integrations (consumer/provider pairs with a pact)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Pacticipant
from .. import links

__all__ = ["dot", "integrations"]


def integration(base: str, consumer: str, provider: str) -> dict[str, Any]:
    return {
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "_links": {
            "pb:matrix": links.link(
                links.matrix_for(base, provider, consumer),
                f"Matrix of pacts/verification results for {consumer} and {provider}",
            ),
            "pb:delete_integration": links.link(
                links.integration(base, provider, consumer),
                f"Delete the integration between {consumer} and {provider}",
            ),
        },
    }


def integrations(
    base: str, self_href: str, rows: Sequence[tuple[Pacticipant, Pacticipant]]
) -> dict[str, Any]:
    return {
        "_embedded": {"integrations": [integration(base, c.name, p.name) for c, p in rows]},
        "_links": {"self": links.link(self_href, "All integrations")},
    }


def dot(rows: Sequence[tuple[Pacticipant, Pacticipant]]) -> str:
    """The integrations as a Graphviz graph, consumer -> provider, as the Pact Broker draws it
    (a space in a name becomes `_`)."""
    edges = "\n".join(f"  {c.name.replace(' ', '_')} -> {p.name.replace(' ', '_')}" for c, p in rows)
    header = (
        "digraph { ranksep=3; ratio=auto; overlap=false; node [  shape = plaintext, fontname = Helvetica ];"
    )
    return f"{header}\n{edges}\n}}\n"

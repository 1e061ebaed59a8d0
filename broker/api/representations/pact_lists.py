"""Lists of pacts by branch (`pact broker get-pacts`) and the provider states they use
(`pact broker provider-states list`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from ...db.models import PactPublication
from .. import links
from .pact import pact_summary, title

__all__ = ["after_deletion", "branch_pacts", "pact_versions", "provider_states"]


def branch_pacts(
    base: str, self_href: str, provider: str, consumer: str | None, rows: Sequence[PactPublication]
) -> dict[str, Any]:
    """The pacts, as a `pb:pacts` link per pact (what the CLI lists and downloads) and embedded."""
    out: dict[str, Any] = {
        "_embedded": {"pacts": [pact_summary(base, r) for r in rows]},
        "_links": {
            "self": links.link(self_href, f"Pacts for the provider {provider}"),
            "pb:provider": links.link(links.pacticipant(base, provider), "Provider", provider),
            "pb:pacts": [
                links.link(
                    links.pact(
                        base, provider, r.consumer_version.pacticipant.name, r.consumer_version.number
                    ),
                    title(r),
                    r.consumer_version.pacticipant.name,
                )
                for r in rows
            ],
        },
    }
    if consumer:
        out["_links"]["pb:consumer"] = links.link(links.pacticipant(base, consumer), "Consumer", consumer)
    return out


def pact_versions(
    base: str, self_href: str, provider: str, consumer: str, rows: Sequence[PactPublication]
) -> dict[str, Any]:
    """Every pact of the pair (or those of a tag), newest first, as `pact-versions` links and embedded."""
    return {
        "_embedded": {"pacts": [pact_summary(base, r) for r in rows]},
        "_links": {
            "self": links.link(self_href, f"All versions of the pact between {consumer} and {provider}"),
            "consumer": links.link(links.pacticipant(base, consumer), "Consumer", consumer),
            "provider": links.link(links.pacticipant(base, provider), "Provider", provider),
            "pact-versions": [
                links.link(links.pact(base, provider, consumer, r.consumer_version.number), "Pact", title(r))
                for r in rows
            ],
        },
    }


def after_deletion(base: str, latest: PactPublication | None) -> dict[str, Any]:
    """What a pact deletion answers: the index, and the pair's latest pact when one is left."""
    body: dict[str, Any] = {"_links": {"index": {"href": links.index(base)}}}
    if latest is not None:
        provider, consumer = latest.provider.name, latest.consumer_version.pacticipant.name
        body["_links"]["pb:latest-pact-version"] = links.link(
            links.latest_pact(base, provider, consumer), "Latest pact"
        )
    return body


def _states(document: dict[str, Any]) -> list[tuple[str, Any]]:
    states: list[tuple[str, Any]] = []
    for interaction in [*(document.get("interactions") or []), *(document.get("messages") or [])]:
        if not isinstance(interaction, dict):
            continue
        if isinstance(interaction.get("providerState"), str):  # pact specification 2
            states.append((interaction["providerState"], None))
        for state in interaction.get("providerStates") or []:  # 3 and 4
            if isinstance(state, dict) and isinstance(state.get("name"), str):
                states.append((state["name"], state.get("params") or None))
    return states


def provider_states(rows: Sequence[PactPublication]) -> dict[str, Any]:
    """Each distinct provider state (name and parameters) with the consumers whose pacts use it."""
    found: dict[bytes, dict[str, Any]] = {}
    for row in rows:
        consumer = row.consumer_version.pacticipant.name
        for name, params in _states(orjson.loads(row.pact_version.content)):
            key = orjson.dumps([name, params], option=orjson.OPT_SORT_KEYS)
            state = found.setdefault(
                key, {"name": name, **({"params": params} if params else {}), "consumers": []}
            )
            if consumer not in state["consumers"]:
                state["consumers"].append(consumer)
    states = sorted(
        found.values(), key=lambda s: (s["name"], orjson.dumps(s.get("params"), option=orjson.OPT_SORT_KEYS))
    )
    for state in states:
        state["consumers"].sort()
    return {"providerStates": states}

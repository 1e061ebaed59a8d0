"""Lists of pacts by branch (`pact broker get-pacts`) and the provider states they use
(`pact broker provider-states list`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from ...db.models import PactPublication
from .. import links
from .common import iso
from .pact import title

__all__ = ["after_deletion", "pact_versions", "provider_pacts", "provider_states"]


def provider_pacts(
    base: str, self_href: str, title_text: str, provider: str, rows: Sequence[PactPublication]
) -> dict[str, Any]:
    """A provider's pacts across its consumers (all, latest, by tag or by consumer branch): one
    `pb:pacts` link per pact, named by its consumer (what the `pact` CLI lists and downloads), and the
    deprecated `provider` and `pacts` relations the Pact Broker still serves."""

    def pact_link(row: PactPublication, prefix: str = "") -> dict[str, Any]:
        consumer = row.consumer_version.pacticipant.name
        href = links.pact(base, provider, consumer, row.consumer_version.number)
        return links.link(href, prefix + title(row), consumer)

    return {
        "_links": {
            "self": links.link(self_href, title_text),
            "pb:provider": links.link(links.pacticipant(base, provider), None, provider),
            "pb:pacts": [pact_link(r) for r in rows],
            "provider": links.link(
                links.pacticipant(base, provider),
                provider,
                "DEPRECATED - please use the pb:provider relation",
            ),
            "pacts": [pact_link(r, "DEPRECATED - please use the pb:pacts relation. ") for r in rows],
        }
    }


def _pact_version(base: str, row: PactPublication) -> dict[str, Any]:
    """One pact of a pair's list: when it was published and its consumer version."""
    consumer, number = row.consumer_version.pacticipant.name, row.consumer_version.number
    return {
        "createdAt": iso(row.created_at),
        "_embedded": {
            "consumerVersion": {
                "number": number,
                "_links": {"self": links.link(links.version(base, consumer, number), "Version", number)},
            }
        },
        "_links": {"self": links.link(links.pact(base, row.provider.name, consumer, number), title(row))},
    }


def _version_and_date(row: PactPublication) -> str:
    return f"Version {row.consumer_version.number} - {row.created_at:%d/%m/%Y}"


def pact_versions(
    base: str,
    self_href: str,
    provider: str,
    consumer: str,
    rows: Sequence[PactPublication],
    *,
    tag: str | None = None,
) -> dict[str, Any]:
    """Pacts of the pair (all, a branch's, or with `tag` a tag's), embedded and as `pact-versions`
    links; the tag's list names its relations `pb:` as the Pact Broker does."""
    ns, self_title = ("pb:", f" with tag {tag}") if tag is not None else ("", "")
    each = "Pact version" if tag is not None else "Pact"
    return {
        "_embedded": {"pacts": [_pact_version(base, r) for r in rows]},
        "_links": {
            "self": links.link(
                self_href, f"All versions of the pact between {consumer} and {provider}{self_title}"
            ),
            f"{ns}consumer": links.link(links.pacticipant(base, consumer), "Consumer", consumer),
            f"{ns}provider": links.link(links.pacticipant(base, provider), "Provider", provider),
            f"{ns}pact-versions": [
                links.link(
                    links.pact(base, provider, consumer, r.consumer_version.number),
                    each,
                    _version_and_date(r),
                )
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

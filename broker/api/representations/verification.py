"""Verification results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Verification
from .. import links
from .common import iso

__all__ = ["consumer_version_summary", "verification"]


def verification(base: str, row: Verification, *, newest_tags: set[str] | None = None) -> dict[str, Any]:
    """The result; with `newest_tags` (the tags its provider version is the newest with), in the Pact
    Broker's extended media type: the provider version's tags embedded, each saying if it is latest."""
    pv = row.pact_version
    provider, consumer = pv.provider.name, pv.consumer.name
    version = row.provider_version
    if pv.newest_number is None:  # its pacts deleted, the content kept
        pact_name, pact_href = (
            f"Pact between {consumer} and {provider}",
            links.pact_version(base, provider, consumer, pv.sha),
        )
    else:  # as the Pact Broker names it: by the newest consumer version with this content
        pact_name = f"Pact between {consumer} ({pv.newest_number}) and {provider}"
        pact_href = links.pact_version_with_metadata(
            base, provider, consumer, pv.sha, {"cvn": pv.newest_number}
        )
    body: dict[str, Any] = {
        "providerName": provider,
        "providerApplicationVersion": version.number,
        "success": row.success,
        "verificationDate": iso(row.created_at),
        "_links": {
            "self": links.link(
                links.verification(base, provider, consumer, pv.sha, row.number),
                "Verification result",
                f"Verification result {row.number} for {pact_name}",
            ),
            "pb:pact-version": links.link(pact_href, "Pact", pact_name),
            "pb:provider-version": links.link(
                links.version(base, provider, version.number), "Provider version", version.number
            ),
            "pb:triggered-webhooks": links.link(
                links.verification_triggered_webhooks(base, provider, consumer, pv.sha, row.number),
                "Webhooks triggered by the publication of this verification result",
            ),
        },
    }
    optional = {"buildUrl": row.build_url, "testResults": row.test_results, "verifiedBy": row.verified_by}
    body.update((key, value) for key, value in optional.items() if value is not None)  # as the Pact Broker
    if newest_tags is not None:
        body["_embedded"] = {
            "tags": [
                {
                    "name": t.name,
                    "latest": t.name in newest_tags,
                    "_links": {
                        "self": links.link(links.tag(base, provider, version.number, t.name), "Tag", t.name)
                    },
                }
                for t in version.tags
            ]
        }
    return body


def consumer_version_summary(
    base: str, self_href: str, consumer: str, number: str, rows: Sequence[Verification], providers: list[str]
) -> dict[str, Any]:
    """The newest result of each of a consumer version's pacts, and which providers passed, failed or
    have not verified it."""
    verified = [r.pact_version.provider.name for r in rows]
    successful = [r.pact_version.provider.name for r in rows if r.success]
    return {
        "success": len(successful) == len(providers),
        "providerSummary": {
            "successful": successful,
            "failed": [r.pact_version.provider.name for r in rows if not r.success],
            "unknown": [p for p in providers if p not in verified],
        },
        "_embedded": {"verificationResults": [verification(base, r) for r in rows]},
        "_links": {
            "self": links.link(
                self_href, f"Latest verification results for consumer {consumer} version {number}"
            )
        },
    }

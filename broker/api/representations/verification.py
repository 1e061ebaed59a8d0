"""Verification results."""

from __future__ import annotations

from typing import Any

from ...db.models import Verification
from .. import links
from .common import iso

__all__ = ["verification"]


def verification(base: str, row: Verification) -> dict[str, Any]:
    pv = row.pact_version
    provider, consumer = pv.provider.name, pv.consumer.name
    version = row.provider_version
    return {
        "providerName": provider,
        "providerApplicationVersion": version.number,
        "success": row.success,
        "verificationDate": iso(row.created_at),
        "buildUrl": row.build_url,
        "testResults": row.test_results,
        "verifiedBy": row.verified_by,
        "_links": {
            "self": links.link(
                links.verification(base, provider, consumer, pv.sha, row.number), "Verification result"
            ),
            "pb:pact-version": links.link(
                links.pact_version(base, provider, consumer, pv.sha), "Pact content version"
            ),
            "pb:provider-version": links.link(
                links.version(base, provider, version.number), "Provider version", version.number
            ),
            "pb:triggered-webhooks": links.link(
                links.verification_triggered_webhooks(base, provider, consumer, pv.sha, row.number),
                "Webhooks triggered by the publication of this verification result",
            ),
        },
    }

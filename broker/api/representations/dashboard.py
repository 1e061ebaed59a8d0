"""The dashboard as the Pact Broker's API shows it: JSON items, newest activity first, or a text table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...services.dashboard import DashboardItem
from .. import links
from .common import iso

__all__ = ["dashboard", "dashboard_text"]


def _tags(base: str, pacticipant: str, number: str, names: Sequence[str]) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "latest": True,
            "_links": {"self": links.link(links.tag(base, pacticipant, number, name))},
        }
        for name in sorted(names)
    ]


def _item(base: str, item: DashboardItem) -> dict[str, Any]:
    publication, verification = item.publication, item.verification
    consumer, provider = publication.consumer_version.pacticipant.name, publication.provider.name
    number = publication.consumer_version.number
    provider_version = None
    verified = None
    verified_tags: list[dict[str, Any]] = []
    if verification is not None:
        provider_number = verification.provider_version.number
        provider_version = {
            "number": provider_number,
            "branch": item.provider_branches[-1] if item.provider_branches else None,
            "headBranchNames": item.provider_branches,
        }
        verified = {
            "success": verification.success,
            "verifiedAt": iso(verification.created_at),
            "_links": {"self": links.link(links.pact_latest_verification(base, provider, consumer, number))},
        }
        verified_tags = _tags(base, provider, provider_number, item.provider_tags)
    return {
        "consumer": {
            "name": consumer,
            "version": {
                "number": number,
                "branch": item.consumer_branches[-1] if item.consumer_branches else None,
                "headBranchNames": item.consumer_branches,
                "_links": {"self": links.link(links.version(base, consumer, number))},
            },
            "_links": {"self": links.link(links.pacticipant(base, consumer))},
        },
        "provider": {
            "name": provider,
            "version": provider_version,
            "_links": {"self": links.link(links.pacticipant(base, provider))},
        },
        "pact": {
            "createdAt": iso(publication.created_at),
            "_links": {"self": links.link(links.pact(base, provider, consumer, number))},
        },
        "pactTags": _tags(base, consumer, number, item.tags),
        "latestVerificationResult": verified,
        "latestVerificationResultTags": verified_tags,
        "verificationStatus": item.status,
        "webhookStatus": "none",  # the Pact Broker's API dashboard does not look webhooks up either
        "latestWebhookExecution": None,
        "_links": {
            "pb:webhook-status": links.link(
                links.pact_webhooks_status(base, provider, consumer),
                f"Status of webhooks for {consumer}/{provider} pact",
            )
        },
    }


def dashboard(base: str, items: Sequence[DashboardItem]) -> dict[str, Any]:
    newest_first = sorted(items, key=lambda i: i.last_activity, reverse=True)
    return {"items": [_item(base, item) for item in newest_first]}


_COLUMNS = ("consumer_name", "c_version", "c_tags", "provider_name", "p_version", "p_tags", "success")


def dashboard_text(items: Sequence[DashboardItem]) -> str:
    """A table as the Pact Broker prints it for `Accept: text/plain` (table_print's layout)."""
    rows = [
        (
            item.publication.consumer_version.pacticipant.name,
            item.publication.consumer_version.number,
            ", ".join(item.tags),
            item.publication.provider.name,
            item.verification.provider_version.number if item.verification else "",
            ", ".join(sorted(item.provider_tags)),
            item.status,
        )
        for item in items
    ]
    header = tuple(c.upper() for c in _COLUMNS)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(_COLUMNS))]
    lines = [
        " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]
    lines.insert(1, "-|-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines) + "\n"

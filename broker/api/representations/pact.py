"""Pact documents, the latest pacts, and the result of publishing contracts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from ...db.models import PactPublication, PactVersion, Verification
from ...services.publication import PublishResult
from .. import links
from .common import iso
from .publication_notices import pact_notices

__all__ = ["latest_pacts", "pact_document", "pact_summary", "publish_result", "title"]


def title(publication: PactPublication) -> str:
    cv = publication.consumer_version
    return _title(cv.pacticipant.name, cv.number, publication.provider.name)


def _title(consumer: str, number: str, provider: str) -> str:
    return f"Pact between {consumer} ({number}) and {provider}"


def pact_document(
    base: str,
    pact_version: PactVersion,
    publication: PactPublication,
    latest_verification: Verification | None = None,
    metadata: str = "",
) -> dict[str, Any]:
    """The stored pact with the broker's links added, as the verifiers read it; `metadata` is the
    segment saying what selected it, kept in the link results are published at."""
    consumer, provider = pact_version.consumer.name, pact_version.provider.name
    number = publication.consumer_version.number
    document = orjson.loads(pact_version.content)
    document["createdAt"] = iso(publication.created_at)
    document["_links"] = {
        "self": links.link(links.pact(base, provider, consumer, number), title(publication)),
        "pb:consumer": links.link(links.pacticipant(base, consumer), "Consumer", consumer),
        "pb:consumer-version": links.link(links.version(base, consumer, number), "Consumer version", number),
        "pb:provider": links.link(links.pacticipant(base, provider), "Provider", provider),
        "pb:pact-version": links.link(
            links.pact_version(base, provider, consumer, pact_version.sha),
            "Pact content version",
            pact_version.sha,
        ),
        "pb:publish-verification-results": links.link(
            links.verification_results(base, provider, consumer, pact_version.sha, metadata),
            "Publish verification results",
        ),
        "pb:latest-pact-version": links.link(
            links.latest_pact(base, provider, consumer), "Latest version of this pact"
        ),
        "pb:comparisons": links.link(
            links.comparisons_of_pact(base, provider, consumer, pact_version.sha),
            "How this pact compares with the provider's contracts (bi-directional)",
        ),
        "pb:triggered-webhooks": links.link(
            links.pact_triggered_webhooks(base, provider, consumer, number),
            "Webhooks triggered by the publication of this pact",
        ),
        "curies": links.curies(base, "pact"),
    }
    if latest_verification is not None:
        document["_links"]["pb:latest-verification-results"] = links.link(
            links.verification(base, provider, consumer, pact_version.sha, latest_verification.number),
            "Latest verification result",
        )
    return document


def pact_summary(base: str, publication: PactPublication) -> dict[str, Any]:
    cv = publication.consumer_version
    consumer, provider = cv.pacticipant.name, publication.provider.name
    return {
        "createdAt": iso(publication.created_at),
        "_embedded": {
            "consumer": {
                "name": consumer,
                "_embedded": {"version": {"number": cv.number}},
                "_links": {"self": links.link(links.pacticipant(base, consumer))},
            },
            "provider": {"name": provider, "_links": {"self": links.link(links.pacticipant(base, provider))}},
        },
        "_links": {
            "self": [
                links.link(links.pact(base, provider, consumer, cv.number), title(publication)),
                links.link(
                    links.pact_version(base, provider, consumer, publication.pact_version.sha),
                    "Pact content version",
                ),
            ]
        },
    }


def latest_pacts(base: str, rows: Sequence[PactPublication]) -> dict[str, Any]:
    return {
        "pacts": [pact_summary(base, r) for r in rows],
        "_links": {"self": links.link(links.latest_pacts(base), "Latest pact versions")},
    }


def publish_result(base: str, result: PublishResult) -> dict[str, Any]:
    name, number = result.consumer, result.number
    notices = result.notices + [
        notice for p in result.contracts for notice in pact_notices(base, name, number, p, result.triggered)
    ]
    return {
        "notices": notices,
        "logs": [
            {"level": n["type"], "message": n["text"], "deprecationWarning": "Replaced by notices"}
            for n in notices
        ],
        "_embedded": {
            "pacticipant": {"name": name, "_links": {"self": links.link(links.pacticipant(base, name))}},
            "version": {
                "number": number,
                "_links": {"self": links.link(links.version(base, name, number), "Version", number)},
            },
        },
        "_links": {
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
            "pb:pacticipant-version": links.link(
                links.version(base, name, number), "Pacticipant version", number
            ),
            "pb:pacticipant-version-tags": [
                links.link(links.tag(base, name, number, tag), "Tag", tag) for tag in result.tags
            ],
            "pb:contracts": [
                links.link(
                    links.pact(base, p.provider, name, number), "Pact", _title(name, number, p.provider)
                )
                for p in result.contracts
            ],
        },
    }

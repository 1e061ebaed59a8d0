"""Pact documents, the latest pacts, and the result of publishing contracts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson

from ...db.models import PactPublication, PactVersion
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
    metadata: str = "",
    consumer_versions: Sequence[str] = (),
) -> dict[str, Any]:
    """The stored pact with the Pact Broker's links added, as the verifiers read it (and accord's
    `pb:comparisons`); `metadata` is the segment saying what selected it, kept in the link results are
    published at, and `consumer_versions` the versions it names (`pb:consumer-versions`)."""
    consumer, provider = pact_version.consumer.name, pact_version.provider.name
    number, sha = publication.consumer_version.number, pact_version.sha
    latest = links.latest_pact(base, provider, consumer)
    document = orjson.loads(pact_version.content)
    document["createdAt"] = iso(publication.created_at)
    document["_links"] = {
        "self": links.link(links.pact(base, provider, consumer, number), "Pact", title(publication)),
        "pb:consumer": links.link(links.pacticipant(base, consumer), "Consumer", consumer),
        "pb:consumer-version": links.link(links.version(base, consumer, number), "Consumer version", number),
        "pb:provider": links.link(links.pacticipant(base, provider), "Provider", provider),
        "pb:pact-version": links.link(
            links.pact_version(base, provider, consumer, sha), "Pact content version permalink", sha
        ),
        "pb:latest-pact-version": links.link(latest, "Latest version of this pact"),
        "pb:all-pact-versions": links.link(
            links.pact_versions(base, provider, consumer), "All versions of this pact"
        ),
        "pb:latest-untagged-pact-version": links.link(
            links.latest_untagged_pact(base, provider, consumer), "Latest untagged version of this pact"
        ),
        "pb:latest-tagged-pact-version": links.link(
            links.latest_pact(base, provider, consumer, "{tag}"),
            "Latest tagged version of this pact",
            templated=True,
        ),
        "pb:previous-distinct": links.link(
            links.previous_distinct(base, provider, consumer, number),
            "Previous distinct version of this pact",
        ),
        "pb:diff-previous-distinct": links.link(
            links.diff_previous_distinct(base, provider, consumer, number),
            "Diff with previous distinct version of this pact",
        ),
        "pb:diff": links.link(
            links.pact_version_diff(base, provider, consumer, sha, "{pactVersion}"),
            "Diff with another specified version of this pact",
            templated=True,
        ),
        "pb:pact-webhooks": links.link(
            links.scoped_webhooks(base, provider, consumer),
            f"Webhooks for the pact between {consumer} and {provider}",
        ),
        "pb:consumer-webhooks": links.link(
            links.scoped_webhooks(base, consumer=consumer), f"Webhooks for all pacts with consumer {consumer}"
        ),
        "pb:tag-prod-version": links.link(
            links.tag(base, consumer, number, "prod"),
            "PUT to this resource to tag this consumer version as 'production'",
        ),
        "pb:tag-version": links.link(
            links.tag(base, consumer, number, "{tag}"), "PUT to this resource to tag this consumer version"
        ),
        "pb:publish-verification-results": links.link(
            links.verification_results(base, provider, consumer, sha, metadata),
            "Publish verification results",
        ),
        "pb:latest-verification-results": links.link(
            links.pact_version_latest_verification(base, provider, consumer, sha)
        ),
        "pb:triggered-webhooks": links.link(
            links.pact_triggered_webhooks(base, provider, consumer, number),
            "Webhooks triggered by the publication of this pact",
        ),
        "pb:matrix-for-consumer-version": links.link(
            links.matrix_for_version(base, consumer, number),
            "View matrix rows for the consumer version to which this pact belongs",
        ),
        "pb:comparisons": links.link(
            links.comparisons_of_pact(base, provider, consumer, sha),
            "How this pact compares with the provider's contracts (bi-directional)",
        ),
        "curies": links.curies(base, "pact"),
    }
    if consumer_versions:
        document["_links"]["pb:consumer-versions"] = [
            links.link(links.version(base, consumer, v), "Consumer version", v) for v in consumer_versions
        ]
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

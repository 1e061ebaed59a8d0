"""Pacts for verification, in the shape the Rust verifier reads (single `_links` objects, a shortDescription)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...services.for_verification import VerifiablePact, VerificationQuery
from .. import links

__all__ = ["verifiable_pacts"]


def _notices(base: str, pact: VerifiablePact, url: str, query: VerificationQuery) -> list[dict[str, str]]:
    criteria = "\n".join(
        f"    * {s.description} ({s.publication.consumer_version.number})" for s in pact.selected
    )
    notices = [
        {
            "when": "before_verification",
            "text": f"The pact at {url} is being verified because the pact content belongs to the consumer "
            f"version matching the following criterion:\n{criteria}",
        }
    ]
    provider = pact.pact_version.provider.name
    scope = (
        f"branch {query.provider_branch}"
        if query.provider_branch
        else ("the given tags" if query.provider_tags else "any version")
    )
    if pact.pending:
        notices += [
            {
                "when": "before_verification",
                "text": f"This pact is in pending state for this version of {provider} because a successful "
                f"verification result for {scope} has not yet been published. If this verification fails, "
                "it will not cause the overall build to fail.",
            },
            {
                "when": "after_verification:success_true_published_true",
                "text": f"This pact is no longer pending for {scope} of {provider}.",
            },
            {
                "when": "after_verification:success_false_published_true",
                "text": "This pact is still in pending state because the verification failed.",
            },
        ]
    elif pact.pending is False:
        notices.append(
            {
                "when": "before_verification",
                "text": f"This pact has previously been successfully verified by {scope} of {provider}. "
                "If this verification fails, it will fail the build.",
            }
        )
    return notices


def _metadata(pact: VerifiablePact) -> dict[str, Any]:
    """What selected the pact, in its URL (`broker.api.pact_metadata`): each selector's consumer version
    (and tag, branch, latest), so that the verification results published at it set off one webhook
    event per consumer version; a WIP pact says only that."""
    if pact.wip:
        return {"w": True}
    selectors = []
    for selection in pact.selected:
        fields = {"cvn": selection.publication.consumer_version.number}  # first: it starts each selector
        if selection.selector is not None:
            fields |= {
                key: getattr(selection.selector, name)
                for key, name in (("t", "tag"), ("b", "branch"), ("l", "latest"))
                if getattr(selection.selector, name)
            }
        selectors.append(fields)
    return {"s": selectors, **({"p": pact.pending} if pact.pending is not None else {})}


def verifiable_pacts(
    base: str, provider: str, pacts: Sequence[VerifiablePact], query: VerificationQuery
) -> dict[str, Any]:
    embedded = []
    for pact in pacts:
        pv = pact.pact_version
        url = links.pact_version_with_metadata(
            base, pv.provider.name, pv.consumer.name, pv.sha, _metadata(pact)
        )
        shown = url if pact.wip else links.pact_version(base, pv.provider.name, pv.consumer.name, pv.sha)
        latest = pact.latest_publication
        properties: dict[str, Any] = {"notices": _notices(base, pact, shown, query)}
        if pact.pending is not None:
            properties["pending"] = pact.pending
        if pact.wip:
            properties["wip"] = True
        embedded.append(
            {
                "shortDescription": ", ".join(dict.fromkeys(s.description for s in pact.selected)),
                "verificationProperties": properties,
                "_links": {
                    "self": {
                        "href": url,
                        "name": f"Pact between {pv.consumer.name} ({latest.consumer_version.number}) and {pv.provider.name}",
                    }
                },
            }
        )
    return {
        "_embedded": {"pacts": embedded},
        "_links": {"self": links.link(links.for_verification(base, provider), "Pacts to be verified")},
    }

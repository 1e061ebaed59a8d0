"""Bi-directional comparisons: one pact content against one provider version's contract, the findings
as `accord compat --format json` reports them, and lists of them."""

from __future__ import annotations

from typing import Any

from .. import links
from .common import iso

__all__ = ["comparison", "comparisons"]


def comparison(base: str, view: dict[str, Any]) -> dict[str, Any]:
    provider, consumer, number, sha = (
        view["provider"],
        view["consumer"],
        view["providerVersion"],
        view["pactSha"],
    )
    return {
        **view,
        "createdAt": iso(view["createdAt"]),
        "_links": {
            "self": links.link(links.comparison(base, provider, number, consumer, sha), "Comparison"),
            "pb:pact-version": links.link(links.pact_version(base, provider, consumer, sha), "Pact", sha),
            "pb:provider-contract": links.link(
                links.provider_contract(base, provider, number), "Provider contract", number
            ),
            "pb:provider-version": links.link(links.version(base, provider, number), "Version", number),
        },
    }


def comparisons(base: str, self_href: str, views: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "_embedded": {"comparisons": [comparison(base, v) for v in views]},
        "_links": {"self": links.link(self_href, "Comparisons")},
    }

"""The index: the link relations clients discover."""

from __future__ import annotations

from typing import Any

from .. import links

__all__ = ["index"]

_TEMPLATED: dict[str, tuple[str, str]] = {
    "pb:publish-pact": (
        "/pacts/provider/{provider}/consumer/{consumer}/version/{consumerApplicationVersion}",
        "Publish a pact",
    ),
    "pb:pacticipant": ("/pacticipants/{pacticipant}", "Fetch pacticipant by name"),
    "pb:pacticipant-version": (
        "/pacticipants/{pacticipant}/versions/{version}",
        "Get, create or delete a pacticipant version",
    ),
    "pb:pacticipant-version-tag": (
        "/pacticipants/{pacticipant}/versions/{version}/tags/{tag}",
        "Get, create or delete a tag for a version",
    ),
    "pb:pacticipant-branch": (
        "/pacticipants/{pacticipant}/branches/{branch}",
        "Get or delete a pacticipant branch",
    ),
    "pb:pacticipant-branch-version": (
        "/pacticipants/{pacticipant}/branches/{branch}/versions/{version}",
        "Get or add/create a version for a branch",
    ),
    "pb:latest-version": ("/pacticipants/{pacticipant}/latest-version", "Latest pacticipant version"),
    "pb:latest-tagged-version": (
        "/pacticipants/{pacticipant}/latest-version/{tag}",
        "Latest pacticipant version with the specified tag",
    ),
    "pb:latest-provider-pacts": ("/pacts/provider/{provider}/latest", "Latest pacts by provider"),
    "pb:provider-pacts": ("/pacts/provider/{provider}", "All pact versions for the specified provider"),
    "pb:provider-pacts-for-verification": (
        "/pacts/provider/{provider}/for-verification",
        "Pact versions to be verified for the specified provider",
    ),
    "pb:environment": ("/environments/{uuid}", "Environment"),
    "pb:webhook": ("/webhooks/{uuid}", "Webhook"),
    "pb:can-i-deploy-pacticipant-version-to-environment": (
        "/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}",
        "Determine if an application version can be safely deployed to an environment",
    ),
    "pb:can-i-deploy-pacticipant-version-to-tag": (
        "/can-i-deploy?pacticipant={pacticipant}&version={version}&to={tag}",
        "Determine if an application version can be safely deployed to a tag",
    ),
}


def index(base: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "self": links.link(links.index(base), "Index"),
        "pb:publish-contracts": links.link(links.publish_contracts(base), "Publish contracts"),
        "pb:pacticipants": links.link(links.pacticipants(base), "Pacticipants"),
        "pb:latest-pact-versions": links.link(links.latest_pacts(base), "Latest pact versions"),
        "pb:environments": links.link(links.environments(base), "Environments"),
        "pb:webhooks": links.link(f"{base}/webhooks", "Webhooks"),
        "pb:matrix": links.link(links.matrix(base), "The matrix of pacts and verification results"),
    }
    for rel, (path, title) in _TEMPLATED.items():
        out[rel] = links.link(base + path, title, templated=True)
    out["curies"] = links.curies(base, "index")
    return {"_links": out}

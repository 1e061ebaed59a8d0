"""The index: the link relations clients discover."""

from __future__ import annotations

from typing import Any

from .. import links

__all__ = ["index"]


def index(base: str) -> dict[str, Any]:
    link = links.link
    p, v = "{pacticipant}", "{version}"
    out: dict[str, Any] = {
        "self": link(links.index(base), "Index"),
        "pb:publish-contracts": link(links.publish_contracts(base), "Publish contracts"),
        "pb:pacticipants": link(links.pacticipants(base), "Pacticipants"),
        "pb:latest-pact-versions": link(links.latest_pacts(base), "Latest pact versions"),
        "pb:environments": link(links.environments(base), "Environments"),
        "pb:webhooks": link(links.webhooks(base), "Webhooks"),
        "pb:matrix": link(links.matrix(base), "The matrix of pacts and verification results"),
        "pb:integrations": link(links.integrations(base), "Integrations"),
        "pb:metrics": link(links.metrics(base), "Get Pact Broker metrics"),
    }
    templated = {
        "pb:publish-pact": (
            links.pact(base, "{provider}", "{consumer}", "{consumerApplicationVersion}"),
            "Publish a pact",
        ),
        "pb:pacticipant": (links.pacticipant(base, p), "Fetch pacticipant by name"),
        "pb:pacticipant-version": (links.version(base, p, v), "Get, create or delete a pacticipant version"),
        "pb:pacticipant-version-tag": (
            links.tag(base, p, v, "{tag}"),
            "Get, create or delete a tag for a version",
        ),
        "pb:pacticipant-branch": (links.branch(base, p, "{branch}"), "Get or delete a pacticipant branch"),
        "pb:pacticipant-branch-version": (
            links.branch_version(base, p, "{branch}", v),
            "Get or add/create a version for a branch",
        ),
        "pb:latest-version": (links.latest_version(base, p), "Latest pacticipant version"),
        "pb:latest-tagged-version": (
            links.latest_version(base, p, "{tag}"),
            "Latest pacticipant version with the specified tag",
        ),
        "pb:latest-provider-pacts": (
            links.latest_provider_pacts(base, "{provider}"),
            "Latest pacts by provider",
        ),
        "pb:provider-pacts-for-verification": (
            links.for_verification(base, "{provider}"),
            "Pact versions to be verified for the specified provider",
        ),
        "pb:environment": (links.environment(base, "{uuid}"), "Environment"),
        "pf:publish-provider-contract": (
            links.publish_provider_contract(base, "{provider}"),
            "Publish a provider contract and its self-verification results",
        ),
        "pb:provider-contract": (
            links.provider_contract(base, "{provider}", "{version}"),
            "The provider contract of a provider version",
        ),
        "pb:webhook": (links.webhook(base, "{uuid}"), "Webhook"),
        "pb:can-i-deploy-pacticipant-version-to-environment": (
            links.can_i_deploy_to(base, p, v, environment="{environment}"),
            "Determine if an application version can be safely deployed to an environment",
        ),
        "pb:can-i-deploy-pacticipant-version-to-tag": (
            links.can_i_deploy_to(base, p, v, tag="{tag}"),
            "Determine if an application version can be safely deployed to a tag",
        ),
    }
    for rel, (href, title) in templated.items():
        out[rel] = link(href, title, templated=True)
    out["curies"] = links.curies(base, "index")
    return {"_links": out}

"""Every URL the broker hands out is formed here, and only here."""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import quote, urlencode

from . import pact_metadata

__all__ = [
    "branch",
    "branch_latest_version",
    "branch_version",
    "branch_versions",
    "branches",
    "can_i_deploy",
    "can_i_deploy_badge",
    "can_i_deploy_branch_badge",
    "can_i_deploy_to",
    "comparison",
    "comparisons_of_contract",
    "comparisons_of_pact",
    "curies",
    "currently_deployed",
    "currently_released",
    "deployed_version",
    "diff_previous_distinct",
    "environment",
    "environments",
    "for_verification",
    "index",
    "integration",
    "integrations",
    "label",
    "labels",
    "latest_pact",
    "latest_pacts",
    "latest_provider_pacts",
    "latest_untagged_pact",
    "latest_verifications_for_consumer_version",
    "latest_version",
    "link",
    "matrix",
    "matrix_for",
    "matrix_for_version",
    "metrics",
    "pact",
    "pact_latest_verification",
    "pact_triggered_webhooks",
    "pact_version",
    "pact_version_diff",
    "pact_version_latest_verification",
    "pact_version_with_metadata",
    "pact_versions",
    "pact_webhooks",
    "pact_webhooks_status",
    "pacticipant",
    "pacticipants",
    "pacticipants_with_label",
    "previous_distinct",
    "provider_contract",
    "provider_contracts",
    "provider_pacts",
    "publish_contracts",
    "publish_provider_contract",
    "record_deployment",
    "record_release",
    "released_version",
    "scoped_webhooks",
    "tag",
    "triggered_webhook_logs",
    "verification",
    "verification_results",
    "verification_triggered_webhooks",
    "version",
    "versions",
    "web_environments",
    "web_index",
    "web_matrix",
    "web_pact",
    "web_pacticipant",
    "webhook",
    "webhook_execute",
    "webhook_execute_unsaved",
    "webhooks",
    "with_query",
]


@lru_cache(maxsize=16384)
def _q(value: str) -> str:
    """Percent-encode a path segment; a `{name}` placeholder stays as it is (for templated links).
    Remembered: a matrix answer encodes the same names, numbers and SHAs thousands of times."""
    if value.startswith("{") and value.endswith("}") and value[1:-1].isidentifier():
        return value
    return quote(value, safe="")


def link(
    href: str, title: str | None = None, name: str | None = None, templated: bool = False
) -> dict[str, Any]:
    out: dict[str, Any] = {"href": href}
    if title:
        out["title"] = title
    if name is not None:
        out["name"] = name
    if templated:
        out["templated"] = True
    return out


def curies(base: str, context: str) -> list[dict[str, Any]]:
    return [{"name": "pb", "href": f"{base}/doc/{{rel}}?context={context}", "templated": True}]


def index(base: str) -> str:
    return f"{base}/"


def publish_contracts(base: str) -> str:
    return f"{base}/contracts/publish"


def pacticipants(base: str) -> str:
    return f"{base}/pacticipants"


def pacticipant(base: str, name: str) -> str:
    return f"{base}/pacticipants/{_q(name)}"


def label(base: str, name: str, label_name: str) -> str:
    return f"{pacticipant(base, name)}/labels/{_q(label_name)}"


def labels(base: str) -> str:
    return f"{base}/labels"


def pacticipants_with_label(base: str, label_name: str) -> str:
    return f"{pacticipants(base)}/label/{_q(label_name)}"


def versions(base: str, name: str) -> str:
    return f"{pacticipant(base, name)}/versions"


def version(base: str, name: str, number: str) -> str:
    return f"{versions(base, name)}/{_q(number)}"


def latest_version(base: str, name: str, tag: str | None = None) -> str:
    return f"{pacticipant(base, name)}/latest-version" + (f"/{_q(tag)}" if tag else "")


def latest_verifications_for_consumer_version(base: str, consumer: str, number: str) -> str:
    return f"{base}/verification-results/consumer/{_q(consumer)}/version/{_q(number)}/latest"


def can_i_deploy_badge(base: str, name: str, tag_name: str, to: str) -> str:
    """The badge of whether the latest version with the tag can go where the versions tagged `to` are."""
    return f"{latest_version(base, name, tag_name)}/can-i-deploy/to/{_q(to)}/badge"


def can_i_deploy_branch_badge(base: str, name: str, branch_name: str, environment: str) -> str:
    """The badge of whether the branch's latest version can go to the environment."""
    return f"{branch_latest_version(base, name, branch_name)}/can-i-deploy/to-environment/{_q(environment)}/badge"


def tag(base: str, name: str, number: str, tag_name: str) -> str:
    return f"{version(base, name, number)}/tags/{_q(tag_name)}"


def branches(base: str, name: str) -> str:
    return f"{pacticipant(base, name)}/branches"


def branch(base: str, name: str, branch_name: str) -> str:
    return f"{branches(base, name)}/{_q(branch_name)}"


def branch_versions(base: str, name: str, branch_name: str) -> str:
    return f"{branch(base, name, branch_name)}/versions"


def branch_version(base: str, name: str, branch_name: str, number: str) -> str:
    return f"{branch_versions(base, name, branch_name)}/{_q(number)}"


def branch_latest_version(base: str, name: str, branch_name: str) -> str:
    return f"{branch(base, name, branch_name)}/latest-version"


def _pacts_between(base: str, provider: str, consumer: str) -> str:
    """The prefix of every URL about the pacts between one consumer and one provider."""
    return f"{base}/pacts/provider/{_q(provider)}/consumer/{_q(consumer)}"


def pact(base: str, provider: str, consumer: str, number: str) -> str:
    return f"{_pacts_between(base, provider, consumer)}/version/{_q(number)}"


def pact_version(base: str, provider: str, consumer: str, sha: str) -> str:
    return f"{_pacts_between(base, provider, consumer)}/pact-version/{sha}"


def pact_version_with_metadata(base: str, provider: str, consumer: str, sha: str, metadata: dict) -> str:
    """The pact version's URL carrying what selected it (`broker.api.pact_metadata`)."""
    return f"{pact_version(base, provider, consumer, sha)}/metadata/{pact_metadata.encode(metadata)}"


def pact_versions(base: str, provider: str, consumer: str) -> str:
    return f"{_pacts_between(base, provider, consumer)}/versions"


def latest_untagged_pact(base: str, provider: str, consumer: str) -> str:
    return f"{_pacts_between(base, provider, consumer)}/latest-untagged"


def previous_distinct(base: str, provider: str, consumer: str, number: str) -> str:
    return f"{pact(base, provider, consumer, number)}/previous-distinct"


def diff_previous_distinct(base: str, provider: str, consumer: str, number: str) -> str:
    return f"{pact(base, provider, consumer, number)}/diff/previous-distinct"


def pact_version_diff(base: str, provider: str, consumer: str, sha: str, other: str) -> str:
    return f"{pact_version(base, provider, consumer, sha)}/diff/pact-version/{_q(other)}"


def pact_version_latest_verification(base: str, provider: str, consumer: str, sha: str) -> str:
    """The newest verification result of this pact content."""
    return f"{verification_results(base, provider, consumer, sha)}/latest"


def matrix_for_version(base: str, name: str, number: str) -> str:
    """The matrix rows of one pacticipant version (`latestby=cvpv`)."""
    query = urlencode([("q[][pacticipant]", name), ("q[][version]", number), ("latestby", "cvpv")])
    return f"{matrix(base)}?{query}"


def pact_latest_verification(base: str, provider: str, consumer: str, number: str) -> str:
    """The newest verification result of a consumer version's pact (whichever content it has then)."""
    return f"{pact(base, provider, consumer, number)}/verification-results/latest"


def pact_triggered_webhooks(base: str, provider: str, consumer: str, number: str) -> str:
    return f"{pact(base, provider, consumer, number)}/triggered-webhooks"


def verification_results(base: str, provider: str, consumer: str, sha: str, metadata: str = "") -> str:
    """Where a pact version's verification results are published; below the metadata segment of the
    URL the pact was read at (`broker.api.pact_metadata`), when there was one."""
    pact_url = pact_version(base, provider, consumer, sha)
    return (
        f"{pact_url}/metadata/{_q(metadata)}/verification-results"
        if metadata
        else f"{pact_url}/verification-results"
    )


def verification(base: str, provider: str, consumer: str, sha: str, number: int) -> str:
    return f"{verification_results(base, provider, consumer, sha)}/{number}"


def verification_triggered_webhooks(base: str, provider: str, consumer: str, sha: str, number: int) -> str:
    return f"{verification(base, provider, consumer, sha, number)}/triggered-webhooks"


def latest_pact(base: str, provider: str, consumer: str, tag_name: str | None = None) -> str:
    return f"{_pacts_between(base, provider, consumer)}/latest" + (f"/{_q(tag_name)}" if tag_name else "")


def provider_pacts(base: str, provider: str) -> str:
    return f"{base}/pacts/provider/{_q(provider)}"


def latest_provider_pacts(base: str, provider: str) -> str:
    return f"{provider_pacts(base, provider)}/latest"


def latest_pacts(base: str) -> str:
    return f"{base}/pacts/latest"


def for_verification(base: str, provider: str) -> str:
    return f"{base}/pacts/provider/{_q(provider)}/for-verification"


def environments(base: str) -> str:
    return f"{base}/environments"


def environment(base: str, uuid: str) -> str:
    return f"{environments(base)}/{_q(uuid)}"


def with_query(href: str, query: str) -> str:
    """The URL with a query string as the request sent it (already encoded), when there is one."""
    return f"{href}?{query}" if query else href


def currently_deployed(base: str, uuid: str, query: str = "") -> str:
    return with_query(f"{environment(base, uuid)}/deployed-versions/currently-deployed", query)


def currently_released(base: str, uuid: str, query: str = "") -> str:
    return with_query(f"{environment(base, uuid)}/released-versions/currently-supported", query)


def record_deployment(base: str, name: str, number: str, environment_uuid: str) -> str:
    return f"{version(base, name, number)}/deployed-versions/environment/{environment_uuid}"


def record_release(base: str, name: str, number: str, environment_uuid: str) -> str:
    return f"{version(base, name, number)}/released-versions/environment/{environment_uuid}"


def deployed_version(base: str, uuid: str) -> str:
    return f"{base}/deployed-versions/{uuid}"


def released_version(base: str, uuid: str) -> str:
    return f"{base}/released-versions/{uuid}"


def matrix(base: str) -> str:
    return f"{base}/matrix"


def matrix_for(base: str, provider: str, consumer: str) -> str:
    return f"{base}/matrix/provider/{_q(provider)}/consumer/{_q(consumer)}"


def integrations(base: str) -> str:
    return f"{base}/integrations"


def metrics(base: str) -> str:
    return f"{base}/metrics"


def integration(base: str, provider: str, consumer: str) -> str:
    return f"{base}/integrations/provider/{_q(provider)}/consumer/{_q(consumer)}"


def can_i_deploy(base: str) -> str:
    return f"{base}/can-i-deploy"


def can_i_deploy_to(
    base: str, pacticipant_name: str, version_number: str, *, environment: str = "", tag: str = ""
) -> str:
    """GET /can-i-deploy for a version and an environment (or a tag); placeholders stay unencoded."""
    where = f"environment={_q(environment)}" if environment else f"to={_q(tag)}"
    return f"{can_i_deploy(base)}?pacticipant={_q(pacticipant_name)}&version={_q(version_number)}&{where}"


def webhooks(base: str) -> str:
    return f"{base}/webhooks"


def webhook(base: str, uuid: str) -> str:
    return f"{webhooks(base)}/{_q(uuid)}"


def webhook_execute(base: str, uuid: str) -> str:
    return f"{webhook(base, uuid)}/execute"


def webhook_execute_unsaved(base: str) -> str:
    return f"{base}/webhooks/execute"


def triggered_webhook_logs(base: str, uuid: str) -> str:
    return f"{base}/triggered-webhooks/{_q(uuid)}/logs"


def pact_webhooks(base: str, provider: str, consumer: str) -> str:
    return f"{_pacts_between(base, provider, consumer)}/webhooks"


def pact_webhooks_status(base: str, provider: str, consumer: str) -> str:
    return f"{pact_webhooks(base, provider, consumer)}/status"


def scoped_webhooks(base: str, provider: str | None = None, consumer: str | None = None) -> str:
    """The webhooks of one provider, one consumer or one pair."""
    path = webhooks(base)
    if provider:
        path += f"/provider/{_q(provider)}"
    if consumer:
        path += f"/consumer/{_q(consumer)}"
    return path


def provider_contracts(base: str, provider: str) -> str:
    return f"{base}/provider-contracts/provider/{_q(provider)}"


def publish_provider_contract(base: str, provider: str) -> str:
    return f"{provider_contracts(base, provider)}/publish"


def provider_contract(base: str, provider: str, number: str) -> str:
    return f"{provider_contracts(base, provider)}/version/{_q(number)}"


def comparisons_of_contract(base: str, provider: str, number: str) -> str:
    return f"{provider_contract(base, provider, number)}/comparisons"


def comparison(base: str, provider: str, number: str, consumer: str, sha: str) -> str:
    return f"{comparisons_of_contract(base, provider, number)}/consumer/{_q(consumer)}/pact-version/{sha}"


def comparisons_of_pact(base: str, provider: str, consumer: str, sha: str) -> str:
    return f"{pact_version(base, provider, consumer, sha)}/comparisons"


# The web view: pages for browsers, beside the API they read.


def web_index(base: str) -> str:
    return f"{base}/ui"


def web_pacticipant(base: str, name: str, page: int | None = None) -> str:
    return f"{web_index(base)}/pacticipants/{_q(name)}" + (f"?page={page}" if page else "")


def web_pact(base: str, provider: str, consumer: str, number: str) -> str:
    return f"{web_index(base)}/pacts/provider/{_q(provider)}/consumer/{_q(consumer)}/version/{_q(number)}"


def web_matrix(base: str, **filters: str | int) -> str:
    """The matrix page, with its filter fields (those with a value) in the query string."""
    query = "&".join(f"{key}={_q(str(value))}" for key, value in filters.items() if value)
    return f"{web_index(base)}/matrix" + (f"?{query}" if query else "")


def web_environments(base: str) -> str:
    return f"{web_index(base)}/environments"

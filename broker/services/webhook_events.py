"""Which webhook events a publication or a verification result sets off, worked out inside its
transaction (where the versions' branches and tags are at hand).

- `contract_published`: every pact published, changed or not.
- `contract_content_changed`: the pact's content differs from the previous pact it is compared with.
- `contract_requiring_verification_published`: every pact published (changed or not), once per
  provider version that should verify its content and has no verification result for it, successful
  or not: the head of the provider's main branch and each provider version currently deployed or
  released; none when there is no such version. Its template names that provider version (number,
  branch, tags) and why it should verify (`providerVersionDescriptions`: "latest from main branch,
  deployed in production").
- `provider_verification_published`, then `provider_verification_succeeded` or `_failed`.

A pact's events name, as the Pact Broker's do, the content's newest verification by a version of the
provider's main branch (else its newest verification) in their provider and status parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from ..db.models import Pacticipant, PactPublication, PactVersion, Verification, Version, Webhook
from ..repositories import environments as environments_repo
from ..repositories import pacts as pacts_repo
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from ..repositories import webhooks as webhooks_repo

__all__ = ["Occurrence", "example", "published", "verified", "version_params", "wanted"]


@dataclass(frozen=True)
class Occurrence:
    """One event for one consumer/provider pair, with the template parameters known in its
    transaction (the API adds the URLs: `pactUrl`, `verificationResultUrl`)."""

    event: str
    consumer_id: int
    provider_id: int
    consumer: str
    provider: str
    sha: str
    params: Mapping[str, str] = field(default_factory=dict)
    verification: int | None = None  # the verification result's number
    consumer_tags: tuple[str, ...] = ()  # of the consumer version (in the `pactUrl`'s metadata)
    publication_id: int | None = None  # the pact (publication) the delivery belongs to
    verification_id: int | None = None  # and the verification result, for a verification's events


def version_params(role: str, version: Version | None) -> dict[str, str]:
    """`consumerVersionNumber`, `consumerVersionBranch`, `consumerVersionTags` (or provider...)."""
    if version is None:
        return {f"{role}VersionNumber": "", f"{role}VersionBranch": "", f"{role}VersionTags": ""}
    return {
        f"{role}VersionNumber": version.number,
        f"{role}VersionBranch": version.branch_versions[-1].branch.name if version.branch_versions else "",
        f"{role}VersionTags": ", ".join(t.name for t in version.tags),
    }


_STATUS = {  # the verification status as each CI/SCM integration spells it
    None: {
        "githubVerificationStatus": "pending",
        "bitbucketVerificationStatus": "INPROGRESS",
        "gitlabVerificationStatus": "running",
        "azureDevOpsVerificationStatus": "pending",
    },
    True: {
        "githubVerificationStatus": "success",
        "bitbucketVerificationStatus": "SUCCESSFUL",
        "gitlabVerificationStatus": "success",
        "azureDevOpsVerificationStatus": "succeeded",
    },
    False: {
        "githubVerificationStatus": "failure",
        "bitbucketVerificationStatus": "FAILED",
        "gitlabVerificationStatus": "failed",
        "azureDevOpsVerificationStatus": "failed",
    },
}


@dataclass(frozen=True)
class _Required:
    """A provider version that should verify a pact's content, and why (`descriptions`)."""

    version: Version
    branch: str  # the main branch when it is its head, else the version's newest branch
    descriptions: tuple[str, ...]


def _required(session: Session, pact_version: PactVersion) -> list[_Required]:
    """The provider versions that should verify the content and have no result for it: the main
    branch's head, then each deployed and released version (once each, with every reason)."""
    provider = pact_version.provider
    found: dict[int, _Required] = {}

    def need(version: Version, why: str, branch: str | None = None) -> None:
        known = found.get(version.id)
        if known is None:
            newest = version.branch_versions[-1].branch.name if version.branch_versions else ""
            found[version.id] = _Required(version, branch or newest, (why,))
        elif why not in known.descriptions:
            found[version.id] = replace(known, descriptions=(*known.descriptions, why))

    if provider.main_branch:
        head = versions_repo.latest(session, provider.id, branch=provider.main_branch)
        if head is not None:
            need(head, "latest from main branch", provider.main_branch)
    for row in environments_repo.currently_deployed(session, pacticipant_ids=[provider.id]):
        need(row.version, f"deployed in {row.environment.name}")
    for row in environments_repo.currently_released(session, pacticipant_ids=[provider.id]):
        need(row.version, f"released in {row.environment.name}")
    verified = {
        v.provider_version_id for v in verifications_repo.for_pact_versions(session, [pact_version.id], found)
    }
    return [required for key, required in found.items() if key not in verified]


def wanted(session: Session, consumer_id: int, provider_id: int) -> set[str]:
    """The events some enabled webhook of this pair waits for (most publications: none, and then
    nothing more is looked up)."""
    return webhooks_repo.events_listened_to(session, consumer_id, provider_id)


def published(
    session: Session,
    publication: PactPublication,
    *,
    changed: bool,
    wanted: set[str],
    context: Mapping[str, str] = {},
) -> list[Occurrence]:
    """The `wanted` events of one pact publication; `changed` when its content changed
    (`services.publication_events`); `context`: what the request itself gives the templates
    (`buildUrl`, and the `consumerVersionBranch` of `POST /contracts/publish`)."""
    pact_version = publication.pact_version
    latest = verifications_repo.latest_for_pact_version(session, pact_version.id)
    main_branch = pact_version.provider.main_branch
    shown = (
        main_branch
        and verifications_repo.latest_for_pact_version(session, pact_version.id, branch=main_branch)
    ) or latest

    def occurrence(
        event: str, verification: Verification | None, params: Mapping[str, str] = {}
    ) -> Occurrence:
        return _of_pact(event, publication, verification, {**context, **params})

    found = [occurrence("contract_published", shown)]
    if "contract_requiring_verification_published" in wanted:
        found += [
            occurrence(
                "contract_requiring_verification_published",
                latest,
                {
                    **version_params("provider", required.version),
                    "providerVersionBranch": required.branch,
                    "providerVersionDescriptions": ", ".join(required.descriptions),
                },
            )
            for required in _required(session, pact_version)
        ]
    if changed:
        found.append(occurrence("contract_content_changed", shown))
    return [o for o in found if o.event in wanted]


def _of_pact(
    event: str,
    publication: PactPublication,
    verification: Verification | None,
    params: Mapping[str, str] = {},
) -> Occurrence:
    """A pact's event, its provider and status parameters from `verification` unless `params` give them."""
    return _occurrence(
        event,
        publication,
        {
            **version_params("consumer", publication.consumer_version),
            **version_params("provider", verification.provider_version if verification else None),
            **_STATUS[verification.success if verification else None],
            **params,
        },
        verification,
        cause=None,
    )


def verified(
    session: Session,
    row: Verification,
    wanted: set[str],
    selected: Sequence[tuple[str, list[str] | None]] = (),
) -> list[Occurrence]:
    """The `wanted` events of one verification result, for each consumer version `selected` (its
    number, and the tags it was selected by: None keeps its own) whose pact it verified, as the pact's
    URL metadata names them; else for the pact's newest consumer version."""
    publications = pacts_repo.publications_of_pact_version(session, row.pact_version_id)
    newest = max(publications, key=lambda p: p.consumer_version_id)  # a verified pact has one
    by_number = {p.consumer_version.number: p for p in publications}
    chosen = [(by_number[number], tags) for number, tags in selected if number in by_number]
    outcome = "provider_verification_succeeded" if row.success else "provider_verification_failed"
    found = []
    for publication, tags in chosen or [(newest, None)]:
        params = {
            **version_params("consumer", publication.consumer_version),
            **version_params("provider", row.provider_version),
            **_STATUS[row.success],
            "buildUrl": row.build_url or "",
        }
        if tags is not None:
            params["consumerVersionTags"] = ", ".join(tags)
        found += [
            _occurrence(event, publication, params, row, tags, cause=row)
            for event in ("provider_verification_published", outcome)
            if event in wanted
        ]
    return found


def _occurrence(
    event: str,
    publication: PactPublication,
    params: dict[str, str],
    verification: Verification | None = None,
    tags: list[str] | None = None,
    *,
    cause: Verification | None,
) -> Occurrence:
    """`verification`: the result the templates name; `cause`: the result whose publication this event
    is (its deliveries are listed with it); `tags`: the consumer version's tags that selected the pact
    (None: all of them)."""
    pact_version = publication.pact_version
    consumer, provider = pact_version.consumer.name, pact_version.provider.name
    return Occurrence(
        event,
        pact_version.consumer_id,
        pact_version.provider_id,
        consumer,
        provider,
        pact_version.sha,
        {
            "consumerName": consumer,
            "providerName": provider,
            "consumerLabels": ", ".join(label.name for label in pact_version.consumer.labels),
            "providerLabels": ", ".join(label.name for label in pact_version.provider.labels),
            "eventName": event,
            **params,
        },
        verification.number if verification else None,
        tuple(t.name for t in publication.consumer_version.tags) if tags is None else tuple(tags),
        publication.id,
        cause.id if cause else None,
    )


def _takes_in(pacticipant_id: int | None, label: str | None, pacticipant: Pacticipant) -> bool:
    """Whether a webhook's side (a pacticipant, a label, or neither: anyone) takes in this pacticipant."""
    if label is not None:
        return label in {row.name for row in pacticipant.labels}
    return pacticipant_id in (None, pacticipant.id)


def example(session: Session, webhook: Webhook) -> Occurrence:
    """What a test execution fills the templates with: the newest pact the webhook matches, else
    placeholders (as the Pact Broker's "execute" does)."""
    newest = [
        p
        for p in pacts_repo.latest_publications(session)
        if _takes_in(webhook.consumer_id, webhook.consumer_label, p.pact_version.consumer)
        and _takes_in(webhook.provider_id, webhook.provider_label, p.pact_version.provider)
    ]
    if newest:
        publication = max(newest, key=lambda p: p.id)  # with its content's newest verification
        latest = verifications_repo.latest_for_pact_version(session, publication.pact_version_id)
        return _of_pact("test", publication, latest)
    consumer = webhook.consumer.name if webhook.consumer else "placeholder-consumer"
    provider = webhook.provider.name if webhook.provider else "placeholder-provider"
    return Occurrence(
        "test",
        0,
        0,
        consumer,
        provider,
        "",
        {
            "consumerName": consumer,
            "providerName": provider,
            "eventName": "test",
            "consumerVersionNumber": "placeholder-version",
            "consumerVersionBranch": "main",
            **_STATUS[None],
        },
    )

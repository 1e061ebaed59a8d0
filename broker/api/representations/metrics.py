"""The broker's metrics as the Pact Broker's `GET /metrics` shows them."""

from __future__ import annotations

from typing import Any

from .common import iso

__all__ = ["metrics"]


def metrics(m: dict[str, Any]) -> dict[str, Any]:
    """`m` as `MetricsService.metrics` counts. `matrix.count` is -1, as in the Pact Broker (too costly
    to count); every webhook attempt is an execution, and every branch and deployment recorded
    through the API is user-created (accord makes none itself)."""
    interactions, messages = m["latest_interactions"], m["latest_messages"]
    return {
        "interactions": {
            "latestInteractionsCount": interactions,
            "latestMessagesCount": messages,
            "latestInteractionsAndMessagesCount": interactions + messages,
        },
        "pacticipants": {
            "count": m["pacticipants"],
            "withMainBranchSetCount": m["pacticipants_with_main_branch"],
        },
        "integrations": {"count": m["integrations"]},
        "pactPublications": {
            "count": m["pact_publications"],
            "first": iso(m["first_pact_publication"]),
            "last": iso(m["last_pact_publication"]),
        },
        "pactVersions": {"count": m["pact_versions"]},
        "pactRevisionsPerConsumerVersion": {"distribution": m["revisions_per_consumer_version"]},
        "verificationResults": {
            "count": m["verifications"],
            "successCount": m["successful_verifications"],
            "failureCount": m["failed_verifications"],
            "distinctCount": m["distinct_verifications"],
            "first": iso(m["first_verification"]),
            "last": iso(m["last_verification"]),
        },
        "verificationResultsPerPactVersion": {"distribution": m["verifications_per_pact_version"]},
        "pacticipantVersions": {
            "count": m["versions"],
            "withUserCreatedBranchCount": m["versions_with_branch"],
            "withBranchCount": m["versions_with_branch"],
            "withBranchSetCount": m["versions_with_branch"],
        },
        "webhooks": {"count": m["webhooks"]},
        "tags": {
            "count": m["tags"],
            "distinctCount": m["distinct_tags"],
            "distinctWithPacticipantCount": m["distinct_tags_with_pacticipant"],
        },
        "triggeredWebhooks": {"count": m["triggered_webhooks"]},
        "webhookExecutions": {"count": m["webhook_executions"]},
        "matrix": {"count": -1},
        "environments": {"count": m["environments"]},
        "deployedVersions": {
            "count": m["deployed_versions"],
            "userCreatedCount": m["deployed_versions"],
            "currentlyDeployedCount": m["currently_deployed"],
        },
        "releasedVersions": {
            "count": m["released_versions"],
            "currentlySupportedCount": m["currently_supported"],
        },
    }

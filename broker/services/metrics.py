"""What `GET /metrics` counts: the Pact Broker's metrics over pacticipants, pacts, verifications,
webhooks, tags and deployments, read in one transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from ..db.engine import Database
from ..db.models import (
    BranchVersion,
    DeployedVersion,
    Environment,
    Pacticipant,
    PactPublication,
    PactVersion,
    ReleasedVersion,
    Tag,
    TriggeredWebhook,
    Verification,
    Version,
    Webhook,
)
from ..repositories import metrics as metrics_repo
from ..repositories import pacts as pacts_repo

__all__ = ["MetricsService"]


def _interactions(content: str) -> tuple[int, int]:
    """How many interactions and messages a pact holds (a V4 pact's asynchronous ones are messages)."""
    pact = orjson.loads(content)
    interactions = [i for i in pact.get("interactions") or () if isinstance(i, dict)]
    messages = [i for i in interactions if str(i.get("type", "")).startswith("Asynchronous")]
    return len(interactions) - len(messages), len(messages) + len(pact.get("messages") or ())


class MetricsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def metrics(self) -> dict[str, Any]:
        """The counts, by the Pact Broker's names for them (snake case); times as datetimes."""
        with self.db.reading() as session:
            count, distinct = metrics_repo.count, metrics_repo.distinct_count
            latest = pacts_repo.latest_publications(session)
            counted = [
                _interactions(c) for c in metrics_repo.contents(session, [p.pact_version_id for p in latest])
            ]
            publications: tuple[datetime | None, datetime | None] = metrics_repo.first_and_last(
                session, PactPublication
            )
            verifications = metrics_repo.first_and_last(session, Verification)
            return {
                "latest_interactions": sum(i for i, _ in counted),
                "latest_messages": sum(m for _, m in counted),
                "pacticipants": count(session, Pacticipant),
                "pacticipants_with_main_branch": count(
                    session, Pacticipant, Pacticipant.main_branch.is_not(None)
                ),
                "integrations": distinct(session, PactVersion.consumer_id, PactVersion.provider_id),
                "pact_publications": count(session, PactPublication),
                "first_pact_publication": publications[0],
                "last_pact_publication": publications[1],
                "pact_versions": count(session, PactVersion),
                "revisions_per_consumer_version": metrics_repo.distribution(
                    session, PactPublication.consumer_version_id, PactPublication.provider_id
                ),
                "verifications": count(session, Verification),
                "successful_verifications": count(session, Verification, Verification.success.is_(True)),
                "failed_verifications": count(session, Verification, Verification.success.is_(False)),
                "distinct_verifications": distinct(
                    session,
                    Verification.provider_version_id,
                    Verification.pact_version_id,
                    Verification.success,
                ),
                "first_verification": verifications[0],
                "last_verification": verifications[1],
                "verifications_per_pact_version": metrics_repo.distribution(
                    session, Verification.pact_version_id
                ),
                "versions": count(session, Version),
                "versions_with_branch": distinct(session, BranchVersion.version_id),
                "webhooks": count(session, Webhook),
                "tags": count(session, Tag),
                "distinct_tags": distinct(session, Tag.name),
                "distinct_tags_with_pacticipant": metrics_repo.distinct_tags_by_pacticipant(session),
                "triggered_webhooks": count(session, TriggeredWebhook),
                "webhook_executions": metrics_repo.total(session, TriggeredWebhook.attempts),
                "environments": count(session, Environment),
                "deployed_versions": count(session, DeployedVersion),
                "currently_deployed": count(
                    session, DeployedVersion, DeployedVersion.undeployed_at.is_(None)
                ),
                "released_versions": count(session, ReleasedVersion),
                "currently_supported": count(
                    session, ReleasedVersion, ReleasedVersion.support_ended_at.is_(None)
                ),
            }

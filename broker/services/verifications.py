"""Verification results, published against a pact content (pact version)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import PactVersion, Verification
from ..errors import NotFound
from ..repositories import pacts as pacts_repo
from ..repositories import rows
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from . import webhook_events
from .pacticipants import ensure_pacticipant, ensure_version, require_pacticipant, require_version
from .webhook_events import Occurrence
from .webhooks import TemplateUrls, WebhookService

__all__ = ["VerificationService"]


class VerificationService:
    def __init__(self, db: Database, webhooks: WebhookService) -> None:
        self.db = db
        self.webhooks = webhooks

    def publish(
        self,
        provider: str,
        consumer: str,
        sha: str,
        body: dict[str, Any],
        urls: TemplateUrls,
        selected: Sequence[tuple[str, list[str] | None]] = (),
        *,
        wip: bool = False,
    ) -> Verification:
        """The verification result stored, with the webhook deliveries it sets off: for each consumer
        version `selected` (number, and the tags it was selected by), or for the newest consumer version
        of the pact when none is. `wip` when the pact was verified as work in progress."""

        def work(session: Session) -> tuple[Verification, list[Occurrence]]:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            pact_version = pacts_repo.pact_version(session, consumer_row.id, provider_row.id, sha)
            if pact_version is None:
                raise NotFound(f"No pact between {consumer} and {provider} with content SHA {sha} found")
            rows.lock(session, PactVersion, pact_version.id)  # verification numbers are taken in turn
            provider_version = ensure_version(
                session,
                ensure_pacticipant(session, provider),
                body["providerApplicationVersion"],
                branch=body.get("providerApplicationVersionBranch"),
                tags=body.get("providerApplicationVersionTags") or [],
            )
            row = Verification(
                pact_version=pact_version,
                provider_version=provider_version,
                number=verifications_repo.next_number(session, pact_version.id),
                success=body["success"],
                test_results=body.get("testResults"),
                verified_by=body.get("verifiedBy"),
                build_url=body.get("buildUrl"),
                wip=wip,
            )
            row = verifications_repo.insert(session, row)
            _ = row.pact_version.newest_number  # the pact it is represented with
            wanted = webhook_events.wanted(session, consumer_row.id, provider_row.id)
            return row, webhook_events.verified(session, row, wanted, selected) if wanted else []

        return self.webhooks.write(work, urls)

    def get(self, provider: str, consumer: str, sha: str, number: int) -> Verification:
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            pact_version = pacts_repo.pact_version(session, consumer_row.id, provider_row.id, sha)
            row = verifications_repo.by_number(session, pact_version.id, number) if pact_version else None
            if row is None:
                raise NotFound(f"No verification {number} of the pact with content SHA {sha} found")
            _ = row.pact_version.newest_number
            return row

    def latest_result(self, pact_version_id: int) -> tuple[Verification, set[str]]:
        """The newest verification of this pact content, with its provider version's tags, and which of
        those tags that version is the newest with."""
        with self.db.reading() as session:
            row = verifications_repo.latest_for_pact_version(session, pact_version_id)
            if row is None:
                raise NotFound("No verification results have been published for this pact")
            _ = row.pact_version.newest_number
            version = row.provider_version
            newest = {
                t.name
                for t in version.tags
                if getattr(versions_repo.latest(session, version.pacticipant_id, tag=t.name), "id", None)
                == version.id
            }
            return row, newest

    def latest_for_consumer_version(self, consumer: str, number: str) -> tuple[list[Verification], list[str]]:
        """The newest verification of each of the consumer version's pacts (by provider name), and the
        providers its pacts are with."""
        with self.db.reading() as session:
            version = require_version(session, consumer, number)
            publications = pacts_repo.publications_by_consumer_versions(session, [version.id])
            latest = verifications_repo.latest_by_pact_versions(
                session, [p.pact_version_id for p in publications]
            )
            providers = sorted((p.provider.name for p in publications), key=str.lower)
            for row in latest.values():
                _ = row.pact_version.newest_number
            return sorted(latest.values(), key=lambda v: v.pact_version.provider.name.lower()), providers

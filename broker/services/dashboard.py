"""The dashboard (`GET /dashboard`): one item per head pact — the newest pact of each consumer/provider
pair, and the newest of each consumer version tag — with its newest verification result and the
branches and tags its versions are the newest of, as the Pact Broker's API dashboard lists them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..db.engine import Database
from ..db.models import PactPublication, Verification
from ..repositories import heads as heads_repo
from ..repositories import pacts as pacts_repo
from ..repositories import verifications as verifications_repo
from .pacticipants import require_pacticipant

__all__ = ["DashboardItem", "DashboardService"]


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # SQLite: naive UTC


@dataclass(frozen=True)
class DashboardItem:
    publication: PactPublication
    verification: Verification | None  # the pact's newest verification result
    tags: list[str] = field(default_factory=list)  # the consumer version tags this pact is the newest of
    consumer_branches: list[str] = field(default_factory=list)  # branches its version is the newest of
    provider_branches: list[str] = field(default_factory=list)  # likewise for the verifying version
    provider_tags: list[str] = field(default_factory=list)  # tags no newer provider version has

    @property
    def status(self) -> str:
        """`never` verified, `success` or `failed` (the Pact Broker's pseudo-branch status; its
        `stale` does not arise, the result being of this very pact)."""
        if self.verification is None:
            return "never"
        return "success" if self.verification.success else "failed"

    @property
    def last_activity(self) -> datetime:
        moments = [self.publication.created_at] + (
            [self.verification.created_at] if self.verification else []
        )
        return max(_utc(m) for m in moments)


class DashboardService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def items(self, provider: str | None = None, consumer: str | None = None) -> Sequence[DashboardItem]:
        """The items (of one integration, when named), by consumer name, newest consumer version first,
        then provider name. A fixed number of queries, whatever the number of pacts."""
        with self.db.reading() as session:
            provider_id = require_pacticipant(session, provider).id if provider else None
            consumer_id = require_pacticipant(session, consumer).id if consumer else None
            heads: dict[int, PactPublication] = {}
            tags: dict[int, list[str]] = {}
            candidates = [(None, p) for p in pacts_repo.latest_publications(session)]
            for name, publication in candidates + list(heads_repo.tagged_publications(session)):
                if provider_id not in (None, publication.provider_id) or consumer_id not in (
                    None,
                    publication.consumer_version.pacticipant_id,
                ):
                    continue
                heads.setdefault(publication.id, publication)
                if name is not None:
                    tags.setdefault(publication.id, []).append(name)
            verified = verifications_repo.latest_by_pact_versions(
                session, {p.pact_version_id for p in heads.values()}
            )
            consumer_branches = heads_repo.branch_heads(
                session, {p.consumer_version_id for p in heads.values()}
            )
            provider_versions = {v.provider_version_id for v in verified.values()}
            provider_branches = heads_repo.branch_heads(session, provider_versions)
            provider_tags = heads_repo.tag_heads(session, provider_versions)
            items = []
            for publication in heads.values():
                verification = verified.get(publication.pact_version_id)
                provider_version_id = verification.provider_version_id if verification else None
                items.append(
                    DashboardItem(
                        publication,
                        verification,
                        sorted(tags.get(publication.id, [])),
                        consumer_branches.get(publication.consumer_version_id, []),
                        provider_branches.get(provider_version_id, []),
                        provider_tags.get(provider_version_id, []),
                    )
                )
            return sorted(
                items,
                key=lambda i: (
                    i.publication.consumer_version.pacticipant.name.lower(),
                    -i.publication.consumer_version_id,
                    i.publication.provider.name.lower(),
                ),
            )

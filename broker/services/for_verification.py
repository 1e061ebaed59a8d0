"""Pacts for verification: consumer version selectors, pending and work-in-progress (WIP) pacts.

A pact is *pending* for a provider while its content has never been successfully verified by a
provider version on the provider's branch (or with one of its tags, or at all when neither is
given). WIP pacts are the latest pacts of each consumer branch and tag, published since a date, that
are pending and not already selected; they are verified too, but never fail the provider's build.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Pacticipant, PactPublication, PactVersion, Verification, Version
from ..errors import Invalid
from ..repositories import environments as environments_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from .pacticipants import require_pacticipant

__all__ = [
    "ForVerificationService",
    "Selection",
    "VerifiablePact",
    "VerificationQuery",
    "VerificationSelector",
]

BRANCH_KEYS = ("latest", "tag", "fallbackTag", "branch", "fallbackBranch", "matchingBranch", "mainBranch")
ENVIRONMENT_KEYS = ("environment", "deployed", "released", "deployedOrReleased")


class Selection(NamedTuple):
    """One reason a pact is to be verified: a consumer version's pact that a selector chose."""

    publication: PactPublication
    description: str
    selector: VerificationSelector | None = None  # None for a WIP pact


@dataclass
class VerifiablePact:
    pact_version: PactVersion
    selected: list[Selection] = field(default_factory=list)
    pending: bool | None = None
    wip: bool = False

    @property
    def latest_publication(self) -> PactPublication:
        return max((s.publication for s in self.selected), key=lambda p: p.consumer_version_id)


@dataclass(frozen=True)
class VerificationSelector:
    """A consumer version selector, validated (`broker.api.schemas.for_verification`)."""

    mainBranch: bool | None = None
    matchingBranch: bool | None = None
    deployed: bool | None = None
    released: bool | None = None
    deployedOrReleased: bool | None = None
    tag: str | None = None
    branch: str | None = None
    fallbackTag: str | None = None
    fallbackBranch: str | None = None
    consumer: str | None = None
    environment: str | None = None
    latest: bool | None = None


@dataclass(frozen=True)
class VerificationQuery:
    """What a provider asks to verify: its selectors (none: the latest pact of each consumer), its
    branch or tags (what "pending" is judged against), and whether and since when to add WIP pacts."""

    selectors: list[VerificationSelector] = field(default_factory=list)
    provider_branch: str | None = None
    provider_tags: list[str] = field(default_factory=list)
    include_pending: bool = True
    wip_since: datetime | None = None


def _require_environments(session: Session, query: VerificationQuery) -> None:
    """Each environment a selector names must exist (400, keyed by the selector, as the Pact Broker)."""
    errors = {
        f"consumerVersionSelectors[{index}]": [f"environment with name '{s.environment}' does not exist"]
        for index, s in enumerate(query.selectors)
        if s.environment and environments_repo.by_name(session, s.environment) is None
    }
    if errors:
        raise Invalid("the pacts for verification query is invalid", errors)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _describe(selector: VerificationSelector, query: VerificationQuery, fallback: str | None = None) -> str:
    consumer = f" for {selector.consumer}" if selector.consumer else ""
    if selector.mainBranch:
        return f"latest version from the main branch{consumer}"
    if selector.matchingBranch:
        return f"latest version from branch matching {query.provider_branch}{consumer}"
    if selector.branch:
        name = fallback or selector.branch
        return f"latest version from branch {name}{' (fallback)' if fallback else ''}{consumer}"
    if selector.tag:
        if selector.latest:
            name = fallback or selector.tag
            return f"latest with tag {name}{' (fallback)' if fallback else ''}{consumer}"
        return f"one of {selector.tag}{consumer}"
    where = f" to {selector.environment}" if selector.environment else ""
    if selector.deployed:
        return f"currently deployed{where}{consumer}"
    if selector.released:
        return f"currently released{where}{consumer}"
    if selector.environment:
        return f"currently in {selector.environment}{consumer}"
    return f"latest{consumer}"


class ForVerificationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def find(self, provider_name: str, query: VerificationQuery) -> list[VerifiablePact]:
        with self.db.reading() as session:
            _require_environments(session, query)
            provider = require_pacticipant(session, provider_name)
            consumers = sorted(
                pacticipants_repo.by_ids(session, pacticipants_repo.consumer_ids_of(session, provider.id)),
                key=lambda c: c.name,
            )
            selectors = query.selectors or [VerificationSelector(latest=True)]
            found: dict[int, VerifiablePact] = {}
            for selector in selectors:
                for consumer in consumers:
                    if selector.consumer and selector.consumer != consumer.name:
                        continue
                    for publication, description in self._select(
                        session, provider, consumer, selector, query
                    ):
                        entry = found.setdefault(
                            publication.pact_version_id, VerifiablePact(publication.pact_version)
                        )
                        if all(
                            s.publication.id != publication.id or s.description != description
                            for s in entry.selected
                        ):
                            entry.selected.append(Selection(publication, description, selector))
            if query.include_pending:
                for entry in found.values():
                    entry.pending = self._pending(session, entry.pact_version.id, query)
                since = query.wip_since
                # WIP needs the provider branch (or tags) to know what "pending" means for it
                if since is not None and (query.provider_branch or query.provider_tags):
                    for entry in self._wip(session, provider, consumers, since, query, set(found)):
                        found[entry.pact_version.id] = entry
            return list(found.values())

    def _select(
        self,
        session: Session,
        provider: Pacticipant,
        consumer: Pacticipant,
        selector: VerificationSelector,
        query: VerificationQuery,
    ) -> Sequence[tuple[PactPublication, str]]:
        def latest(**filters: Any) -> PactPublication | None:
            return pacts_repo.latest_publication(session, consumer.id, provider.id, **filters)

        described = _describe(selector, query)
        if selector.mainBranch:
            pub = latest(branch=consumer.main_branch) if consumer.main_branch else None
            return [(pub, described)] if pub else []
        if selector.matchingBranch:
            pub = latest(branch=query.provider_branch)
            return [(pub, described)] if pub else []
        if selector.branch:
            pub = latest(branch=selector.branch)
            if pub is None and selector.fallbackBranch:
                pub = latest(branch=selector.fallbackBranch)
                described = _describe(selector, query, selector.fallbackBranch)
            return [(pub, described)] if pub else []
        if selector.tag:
            if selector.latest:
                pub = latest(tag=selector.tag)
                if pub is None and selector.fallbackTag:
                    pub = latest(tag=selector.fallbackTag)
                    described = _describe(selector, query, selector.fallbackTag)
                return [(pub, described)] if pub else []
            tagged = pacts_repo.publications_for_provider(session, provider.id, consumer.id, tag=selector.tag)
            return [(p, described) for p in tagged]
        if any(getattr(selector, k) for k in ENVIRONMENT_KEYS):
            environment = (
                environments_repo.by_name(session, selector.environment) if selector.environment else None
            )
            env_id = environment.id if environment else None
            versions: list[Version] = []
            if selector.deployed or selector.deployedOrReleased or not selector.released:
                rows = environments_repo.currently_deployed(
                    session, environment_id=env_id, pacticipant_ids=[consumer.id]
                )
                versions += [r.version for r in rows]
            if selector.released or selector.deployedOrReleased or not selector.deployed:
                rows = environments_repo.currently_released(
                    session, environment_id=env_id, pacticipant_ids=[consumer.id]
                )
                versions += [r.version for r in rows]
            publications = pacts_repo.publications_by_consumer_versions(
                session, {v.id for v in versions}, [provider.id]
            )
            return [(p, described) for p in publications]
        pub = latest()
        return [(pub, described)] if pub else []

    def _pending(
        self, session: Session, pact_version_id: int, query: VerificationQuery, *, wip_counts: bool = True
    ) -> bool:
        """Pending until verified successfully by the provider branch (or one of the tags, or at all);
        a success on another branch from before the branch existed also counts, so a new feature
        branch of the provider does not find everything already verified on main pending again.
        Without `wip_counts`, successes published for the pact as work in progress do not count (a pact
        stays WIP until verified when selected)."""
        branch = query.provider_branch
        tags = set(query.provider_tags)
        successes = verifications_repo.for_pact_versions(session, [pact_version_id], success=True)
        if not wip_counts:
            successes = [v for v in successes if not v.wip]
        if branch:
            provider_id = successes[0].provider_version.pacticipant_id if successes else None
            row = versions_repo.branch(session, provider_id, branch) if provider_id else None
            for verification in successes:
                names = {bv.branch.name for bv in verification.provider_version.branch_versions}
                if branch in names:
                    return False
                if names and (row is None or _aware(verification.created_at) < _aware(row.created_at)):
                    return False
            return True
        if tags:
            return any(self._pending_for_tag(session, tag, successes) for tag in tags)
        return not successes

    @staticmethod
    def _pending_for_tag(session: Session, tag: str, successes: Sequence[Verification]) -> bool:
        """As for a branch: pending for the tag unless a provider version with the tag verified it, or one
        with another tag did before the tag was first used."""
        if not successes:
            return True
        first = versions_repo.first_tagged_at(session, successes[0].provider_version.pacticipant_id, tag)
        for verification in successes:
            names = {t.name for t in verification.provider_version.tags}
            if tag in names:
                return False
            if names and (first is None or _aware(verification.created_at) < _aware(first)):
                return False
        return True

    def _wip(
        self,
        session: Session,
        provider: Pacticipant,
        consumers: Sequence[Pacticipant],
        since: datetime,
        query: VerificationQuery,
        already: set[int],
    ) -> list[VerifiablePact]:
        wip: dict[int, VerifiablePact] = {}
        for consumer in consumers:
            heads: dict[tuple[str, str], PactPublication] = {}
            recent = pacts_repo.publications_for_provider(
                session, provider.id, consumer.id, created_since=since
            )
            versions_repo.load_details(session, [p.consumer_version for p in recent])
            for publication in recent:
                version = publication.consumer_version
                for key in [("branch", bv.branch.name) for bv in version.branch_versions] + [
                    ("tag", t.name) for t in version.tags
                ]:
                    heads.setdefault(key, publication)  # newest first
            for (kind, name), publication in heads.items():
                if publication.pact_version_id in already or not self._pending(
                    session, publication.pact_version_id, query, wip_counts=False
                ):
                    continue
                entry = wip.setdefault(
                    publication.pact_version_id,
                    VerifiablePact(publication.pact_version, pending=True, wip=True),
                )
                entry.selected.append(Selection(publication, f"latest from {kind} {name} (work in progress)"))
        return list(wip.values())

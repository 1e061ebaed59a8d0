"""What the web view shows, read in bounded queries: one page of rows at a time, a fixed number of
queries per page, whatever the number of versions, pacts or verifications stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import (
    DeployedVersion,
    Environment,
    Pacticipant,
    PactPublication,
    ProviderContract,
    ReleasedVersion,
    Verification,
    Version,
)
from ..errors import NotFound
from ..repositories import environments as environments_repo
from ..repositories import matrix_rows
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import provider_contracts as contracts_repo
from ..repositories import verifications as verifications_repo
from ..repositories import versions as versions_repo
from ..repositories.matrix_rows import ComparisonRef
from ..repositories.paging import Page, Paged, paged
from .bidirectional import BidirectionalResult, results_for
from .pacticipants import require_pacticipant, require_version

__all__ = [
    "EnvironmentOverview",
    "IntegrationOverview",
    "OverviewService",
    "PactOverview",
    "PacticipantOverview",
]

GRAPH_LIMIT = 300  # integrations drawn in the network graph; the table below it pages through all
BRANCH_LIMIT = 50
VERIFICATION_LIMIT = 50
COMPARISON_LIMIT = 20

Outcome = Verification | BidirectionalResult  # what verified a pact: a verification, or bi-directionally


@dataclass(frozen=True)
class IntegrationOverview:
    """A consumer/provider pair, its newest pact and that pact's newest verification (or, with none,
    its newest bi-directional result)."""

    consumer: Pacticipant
    provider: Pacticipant
    latest: PactPublication | None
    verification: Outcome | None


@dataclass(frozen=True)
class PacticipantOverview:
    pacticipant: Pacticipant
    versions: Paged  # of Version, newest first, with tags and branches loaded
    pacts_by_version: dict[int, list[PactPublication]]  # of the page's versions, as consumer
    verifications_by_version: dict[int, list[Verification]]  # published by the page's versions
    contracts_by_version: dict[int, ProviderContract]  # the newest provider contract of each
    branches: Paged  # the newest BRANCH_LIMIT, with the total
    deployed: Sequence[DeployedVersion]  # currently, in every environment
    released: Sequence[ReleasedVersion]  # currently supported
    consumers: Sequence[Pacticipant]
    providers: Sequence[Pacticipant]


@dataclass(frozen=True)
class PactOverview:
    publication: PactPublication  # with its content loaded
    verifications: Sequence[Verification]  # the newest VERIFICATION_LIMIT, newest first
    verification_total: int
    comparisons: Sequence[ComparisonRef]  # with provider contracts: the newest COMPARISON_LIMIT


@dataclass(frozen=True)
class EnvironmentOverview:
    environment: Environment
    deployed: list[DeployedVersion] = field(default_factory=list)
    released: list[ReleasedVersion] = field(default_factory=list)


def _partners(session: Session, pacticipant: Pacticipant) -> tuple[list[Pacticipant], list[Pacticipant]]:
    consumer_ids = set(pacticipants_repo.consumer_ids_of(session, pacticipant.id))
    provider_ids = set(pacticipants_repo.provider_ids_of(session, pacticipant.id))
    by_name = sorted(pacticipants_repo.by_ids(session, consumer_ids | provider_ids), key=lambda p: p.name)
    return [p for p in by_name if p.id in consumer_ids], [p for p in by_name if p.id in provider_ids]


def _outcomes(session: Session, publications: Sequence[PactPublication]) -> dict[int, Outcome]:
    """By pact version: its newest verification, or where none was published, its newest comparison with
    a provider contract (as the matrix counts it). Two queries, whatever the number of pacts."""
    found: dict[int, Outcome] = dict(
        verifications_repo.latest_by_pact_versions(session, {p.pact_version_id for p in publications})
    )
    unverified = {p.pact_version_id for p in publications} - set(found)
    providers = {p.provider_id for p in publications if p.pact_version_id in unverified}
    if unverified:
        for result in results_for(session, unverified, version_ids=(), any_version_of=providers):
            found[result.pact_version_id] = result  # oldest first: the newest stays
    return found


def _pact_overview(session: Session, publication: PactPublication) -> PactOverview:
    """The publication with its content, its consumer version's tags and branches, and what verified it."""
    _ = publication.pact_version.content
    versions_repo.load_details(session, [publication.consumer_version])
    verifications = verifications_repo.newest_for_pact_version(
        session, publication.pact_version_id, VERIFICATION_LIMIT
    )
    total = verifications_repo.count_for_pact_version(session, publication.pact_version_id)
    comparisons = matrix_rows.comparisons(
        session,
        [publication.pact_version_id],
        version_ids=(),
        any_version_of=[publication.provider_id],
        limit=COMPARISON_LIMIT,
    )
    return PactOverview(publication, verifications, total, comparisons)


class OverviewService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def network(self) -> tuple[Paged, dict[tuple[int, int], bool | None]]:
        """The first GRAPH_LIMIT (consumer, provider) pairs with a pact, with how many there are, and
        whether the newest pact of each pair passed its newest verification, or bi-directionally (None:
        neither). Three queries, whatever the number of versions."""
        with self.db.reading() as session:
            pairs = pacts_repo.integrations(session, Page(1, GRAPH_LIMIT), None)
            latest = pacts_repo.latest_publications(session)
            verified = _outcomes(session, latest)
            outcomes = {}
            for publication in latest:
                verification = verified.get(publication.pact_version_id)
                key = (publication.consumer_version.pacticipant_id, publication.provider_id)
                outcomes[key] = verification.success if verification else None
            return pairs, outcomes

    def integrations(self, page: Page) -> tuple[Paged, list[IntegrationOverview]]:
        """One page of the integrations, each with its newest pact and that pact's newest verification."""
        with self.db.reading() as session:
            pairs = pacts_repo.integrations(session, page, None)
            latest = [pacts_repo.latest_publication(session, c.id, p.id) for c, p in pairs.rows]
            verified = _outcomes(session, [p for p in latest if p is not None])
            found = [
                IntegrationOverview(c, p, pub, verified.get(pub.pact_version_id) if pub else None)
                for (c, p), pub in zip(pairs.rows, latest, strict=True)
            ]
            return pairs, found

    def pacticipant(self, name: str, page: Page) -> PacticipantOverview:
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            _ = pacticipant.labels
            versions = paged(session, versions_repo.newest_first(pacticipant.id), page)
            versions_repo.load_details(session, versions.rows)
            ids = [v.id for v in versions.rows]
            pacts: dict[int, list[PactPublication]] = defaultdict(list)
            for publication in pacts_repo.publications_by_consumer_versions(session, ids) if ids else ():
                pacts[publication.consumer_version_id].append(publication)
            verified: dict[int, list[Verification]] = defaultdict(list)
            for verification in verifications_repo.by_provider_versions(session, ids) if ids else ():
                verified[verification.provider_version_id].append(verification)
            contracts = contracts_repo.latest_by_version(session, ids)
            branches = paged(
                session, versions_repo.branches_newest_first(pacticipant.id), Page(1, BRANCH_LIMIT)
            )
            consumers, providers = _partners(session, pacticipant)
            return PacticipantOverview(
                pacticipant,
                versions,
                dict(pacts),
                dict(verified),
                contracts,
                branches,
                environments_repo.currently_deployed(session, pacticipant_ids=[pacticipant.id]),
                environments_repo.currently_released(session, pacticipant_ids=[pacticipant.id]),
                consumers,
                providers,
            )

    def partners(self, name: str) -> tuple[list[Pacticipant], list[Pacticipant]]:
        """The pacticipant's consumers and its providers, by name."""
        with self.db.reading() as session:
            return _partners(session, require_pacticipant(session, name))

    def pact(self, provider: str, consumer: str, number: str) -> PactOverview:
        with self.db.reading() as session:
            version: Version = require_version(session, consumer, number)
            publication = pacts_repo.publication(
                session, version.id, require_pacticipant(session, provider).id
            )
            if publication is None:
                raise NotFound(f"No pact between {consumer} version {number} and {provider} found")
            return _pact_overview(session, publication)

    def publication(self, publication: PactPublication) -> PactOverview:
        """The overview of a pact the pacts service found (the latest, by tag, branch or content SHA)."""
        with self.db.reading() as session:
            found = session.get(PactPublication, publication.id)
            if found is None:  # deleted since it was found
                raise NotFound(f"No pact with id {publication.id} found")
            return _pact_overview(session, found)

    def environments(self) -> list[EnvironmentOverview]:
        """Every environment with what is currently deployed and released to it."""
        with self.db.reading() as session:
            found = {e.id: EnvironmentOverview(e) for e in environments_repo.all_environments(session)}
            for deployed in environments_repo.currently_deployed(session):
                found[deployed.environment_id].deployed.append(deployed)
            for released in environments_repo.currently_released(session):
                found[released.environment_id].released.append(released)
            return list(found.values())

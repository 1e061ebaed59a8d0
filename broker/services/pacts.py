"""Reading pacts: by consumer version, by content SHA, the latest ones, those of a branch."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import PactPublication, PactVersion
from ..errors import NotFound
from ..repositories import environments as environments_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import pacts as pacts_repo
from ..repositories import versions as versions_repo
from ..repositories.paging import Page, Paged
from .pacticipants import require_pacticipant, require_version

__all__ = ["PactService"]


def _with_content(publication: PactPublication) -> PactPublication:
    """The pact content is a deferred column: load it while the session is open."""
    _ = publication.pact_version.content
    return publication


class PactService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def for_consumer_version(self, provider: str, consumer: str, number: str) -> PactPublication:
        with self.db.reading() as session:
            version = require_version(session, consumer, number)
            publication = pacts_repo.publication(
                session, version.id, require_pacticipant(session, provider).id
            )
            if publication is None:
                raise NotFound(f"No pact between {consumer} version {number} and {provider} found")
            return _with_content(publication)

    def by_sha(
        self, provider: str, consumer: str, sha: str, numbers: Sequence[str] = ()
    ) -> tuple[PactVersion, PactPublication]:
        """The pact content with this SHA, and its newest publication (for the consumer version links);
        of the consumer versions `numbers` (what selected it, from its URL's metadata) when one of them
        has this content."""
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            pact_version = pacts_repo.pact_version(session, consumer_row.id, provider_row.id, sha)
            publications = (
                pacts_repo.publications_of_pact_version(session, pact_version.id) if pact_version else ()
            )
            if pact_version is None or not publications:
                raise NotFound(f"No pact between {consumer} and {provider} with content SHA {sha} found")
            named = [p for p in publications if p.consumer_version.number in numbers]
            return pact_version, _with_content((named or publications)[-1])

    def consumer_versions(self, consumer: str, numbers: Sequence[str]) -> list[str]:
        """Which of these numbers (from a pact URL's metadata) are the consumer's versions, newest first."""
        with self.db.reading() as session:
            row = pacticipants_repo.by_name(session, consumer)
            return versions_repo.numbers_newest_first(session, row.id, numbers) if row and numbers else []

    def latest(
        self, provider: str, consumer: str, tag: str | None = None, *, branch: str | None = None
    ) -> PactPublication:
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            publication = pacts_repo.latest_publication(
                session, consumer_row.id, provider_row.id, tag=tag, branch=branch
            )
            if publication is None:
                which = f" with tag {tag}" if tag else f" from branch {branch}" if branch else ""
                raise NotFound(f"No pact between {consumer} and {provider}{which} found")
            return _with_content(publication)

    def latest_untagged(self, provider: str, consumer: str) -> PactPublication:
        """The pact of the newest consumer version that has no tag."""
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            publication = pacts_repo.latest_publication(
                session, consumer_row.id, provider_row.id, untagged=True
            )
            if publication is None:
                raise NotFound(f"No untagged pact between {consumer} and {provider} found")
            return _with_content(publication)

    def pair_pacts(self, provider: str, consumer: str, tag: str | None = None) -> Sequence[PactPublication]:
        """Every pact of the pair (from consumer versions with the tag), newest first."""
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            return pacts_repo.publications_for_provider(session, provider_row.id, consumer_row.id, tag=tag)

    def latest_or_none(self, provider: str, consumer: str) -> PactPublication | None:
        with self.db.reading() as session:
            consumer_row = pacticipants_repo.by_name(session, consumer)
            provider_row = pacticipants_repo.by_name(session, provider)
            if consumer_row is None or provider_row is None:
                return None
            return pacts_repo.latest_publication(session, consumer_row.id, provider_row.id)

    def previous_distinct(self, provider: str, consumer: str, number: str) -> PactPublication:
        """The pact of the newest older consumer version whose content differs from this version's."""
        with self.db.reading() as session:
            version = require_version(session, consumer, number)
            provider_row = require_pacticipant(session, provider)
            current = pacts_repo.publication(session, version.id, provider_row.id)
            if current is None:
                raise NotFound(f"No pact between {consumer} version {number} and {provider} found")
            older = pacts_repo.publications_for_provider(session, provider_row.id, version.pacticipant_id)
            found = next(
                (
                    p
                    for p in older
                    if p.consumer_version_id < version.id and p.pact_version_id != current.pact_version_id
                ),
                None,
            )
            if found is None:
                raise NotFound(
                    f"No previous distinct version of the pact for {consumer} version {number} found"
                )
            return _with_content(found)

    def integrations(self, page: Page | None, text: str | None = None) -> Paged:
        """The (consumer, provider) pairs with a pact, by consumer then provider name; with `text`, those
        where either name holds it."""
        with self.db.reading() as session:
            return pacts_repo.integrations(session, page, text)

    def latest_pacts(self) -> Sequence[PactPublication]:
        with self.db.reading() as session:
            return sorted(
                pacts_repo.latest_publications(session),
                key=lambda p: (p.consumer_version.pacticipant.name, p.provider.name),
            )

    def provider_pacts(
        self, provider: str, tag: str | None = None, *, latest: bool = False
    ) -> Sequence[PactPublication]:
        """The provider's pacts from every consumer (from consumer versions with `tag`); with `latest`,
        each consumer's newest. By consumer name, then oldest first, as the Pact Broker lists them."""
        with self.db.reading() as session:
            provider_row = require_pacticipant(session, provider)
            found = pacts_repo.publications_for_provider(session, provider_row.id, tag=tag)
            if latest:
                newest: dict[int, PactPublication] = {}
                for publication in found:
                    newest.setdefault(publication.consumer_version.pacticipant_id, publication)
                found = list(newest.values())
            return _in_list_order(found)

    def branch_pacts(
        self, provider: str, consumer: str | None = None, branch: str | None = None, *, latest: bool = False
    ) -> Sequence[PactPublication]:
        """The pacts with this provider from consumer versions on `branch` (by default each consumer's
        main branch), of one consumer or all, in list order; with `latest`, the newest per consumer."""
        with self.db.reading() as session:
            return _branch_pacts(session, provider, consumer, branch, latest)

    def provider_state_pacts(
        self, provider: str, branch: str | None = None, environment: str | None = None
    ) -> Sequence[PactPublication]:
        """The pacts whose provider states a provider must support: the latest from each consumer's main
        branch (or `branch`), or those of the consumer versions deployed or released in `environment`."""
        with self.db.reading() as session:
            if environment is None:
                return [_with_content(p) for p in _branch_pacts(session, provider, None, branch, True)]
            provider_row = require_pacticipant(session, provider)
            environment_row = environments_repo.by_name(session, environment)
            if environment_row is None:
                raise NotFound(f"No environment named {environment} found")
            version_ids = {
                row.version_id
                for rows in (
                    environments_repo.currently_deployed(session, environment_id=environment_row.id),
                    environments_repo.currently_released(session, environment_id=environment_row.id),
                )
                for row in rows
            }
            return [
                _with_content(p)
                for p in pacts_repo.publications_by_consumer_versions(session, version_ids, [provider_row.id])
            ]


def _branch_pacts(
    session: Session, provider: str, consumer: str | None, branch: str | None, latest: bool
) -> list[PactPublication]:
    provider_row = require_pacticipant(session, provider)
    consumers = (
        [require_pacticipant(session, consumer)]
        if consumer
        else sorted(
            pacticipants_repo.by_ids(session, pacticipants_repo.consumer_ids_of(session, provider_row.id)),
            key=lambda c: c.name,
        )
    )
    found: list[PactPublication] = []
    for consumer_row in consumers:
        name = branch or consumer_row.main_branch
        if not name:
            continue
        on_branch = [
            p
            for p in pacts_repo.publications_for_provider(session, provider_row.id, consumer_row.id)
            if any(bv.branch.name == name for bv in p.consumer_version.branch_versions)
        ]
        found.extend(on_branch[:1] if latest else on_branch)
    return _in_list_order(found)


def _in_list_order(publications: Sequence[PactPublication]) -> list[PactPublication]:
    """By consumer name, provider name (case aside), then consumer version, oldest first."""
    return sorted(
        publications,
        key=lambda p: (
            p.consumer_version.pacticipant.name.lower(),
            p.provider.name.lower(),
            p.consumer_version_id,
        ),
    )

"""Reading pacts: by consumer version, by content SHA, the latest ones."""

from __future__ import annotations

from collections.abc import Sequence

from ..db.engine import Database
from ..db.models import PactPublication, PactVersion
from ..errors import NotFound
from ..repositories import pacts as pacts_repo
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

    def by_sha(self, provider: str, consumer: str, sha: str) -> tuple[PactVersion, PactPublication]:
        """The pact content with this SHA, and its newest publication (for the consumer version links)."""
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            pact_version = pacts_repo.pact_version(session, consumer_row.id, provider_row.id, sha)
            publications = (
                pacts_repo.publications_of_pact_version(session, pact_version.id) if pact_version else ()
            )
            if pact_version is None or not publications:
                raise NotFound(f"No pact between {consumer} and {provider} with content SHA {sha} found")
            return pact_version, _with_content(publications[-1])

    def latest(self, provider: str, consumer: str, tag: str | None = None) -> PactPublication:
        with self.db.reading() as session:
            consumer_row = require_pacticipant(session, consumer)
            provider_row = require_pacticipant(session, provider)
            publication = pacts_repo.latest_publication(session, consumer_row.id, provider_row.id, tag=tag)
            if publication is None:
                raise NotFound(
                    f"No pact between {consumer} and {provider}{f' with tag {tag}' if tag else ''} found"
                )
            return _with_content(publication)

    def latest_pacts(self) -> Sequence[PactPublication]:
        with self.db.reading() as session:
            return sorted(
                pacts_repo.latest_publications(session),
                key=lambda p: (p.consumer_version.pacticipant.name, p.provider.name),
            )

    def provider_pacts(self, provider: str) -> Sequence[PactPublication]:
        """The latest pact from each consumer of this provider."""
        with self.db.reading() as session:
            provider_row = require_pacticipant(session, provider)
            latest: dict[int, PactPublication] = {}
            for publication in pacts_repo.publications_for_provider(session, provider_row.id):
                latest.setdefault(publication.consumer_version.pacticipant_id, publication)
            return list(latest.values())

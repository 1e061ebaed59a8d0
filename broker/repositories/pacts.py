"""Queries over pact contents (pact versions) and their publications by consumer versions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Row, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased, defaultload

from ..db.models import Pacticipant, PactPublication, PactVersion, Tag, Version
from . import rows
from . import versions as versions_repo
from .paging import Page, Paged, paged

__all__ = [
    "content",
    "ensure_pact_version_id",
    "insert_publication",
    "integrations",
    "latest_publication",
    "latest_publications",
    "pact_version",
    "pact_version_id",
    "previous_sha",
    "publication",
    "publication_by_id",
    "publications_by_consumer_versions",
    "publications_for_provider",
    "publications_of_pact_version",
    "published",
    "repoint_publication",
]


def pact_version(session: Session, consumer_id: int, provider_id: int, sha: str) -> PactVersion | None:
    return session.scalar(
        select(PactVersion).where(
            PactVersion.consumer_id == consumer_id,
            PactVersion.provider_id == provider_id,
            PactVersion.sha == sha,
        )
    )


# the statements every publication runs, built once
_PACT_VERSION_ID = select(PactVersion.id).where(
    PactVersion.consumer_id == bindparam("consumer_id"),
    PactVersion.provider_id == bindparam("provider_id"),
    PactVersion.sha == bindparam("sha"),
)
_PUBLISHED = (
    select(PactPublication.id, PactPublication.pact_version_id, PactVersion.sha)
    .join(PactVersion, PactVersion.id == PactPublication.pact_version_id)
    .where(
        PactPublication.consumer_version_id == bindparam("consumer_version_id"),
        PactPublication.provider_id == bindparam("provider_id"),
    )
)
_INSERT_PUBLICATION = insert(PactPublication.__table__).returning(
    PactPublication.__table__.c.id
)  # Core: no ORM bulk insert


def pact_version_id(session: Session, consumer_id: int, provider_id: int, sha: str) -> int | None:
    return session.scalar(
        _PACT_VERSION_ID, {"consumer_id": consumer_id, "provider_id": provider_id, "sha": sha}
    )


def ensure_pact_version_id(
    session: Session, consumer_id: int, provider_id: int, sha: str, content: str
) -> int:
    """The id of the pact version with this content SHA, stored if missing (once, however many publish
    it at once)."""
    keys = {"consumer_id": consumer_id, "provider_id": provider_id, "sha": sha}
    inserted = rows.insert_id(session, PactVersion, tuple(keys), **keys, content=content)
    return inserted or pact_version_id(session, consumer_id, provider_id, sha)  # type: ignore[return-value]


def content(session: Session, pact_version_id: int) -> str:
    return session.scalar(select(PactVersion.content).where(PactVersion.id == pact_version_id))  # type: ignore[return-value]


def publication(session: Session, consumer_version_id: int, provider_id: int) -> PactPublication | None:
    return session.scalar(
        select(PactPublication).where(
            PactPublication.consumer_version_id == consumer_version_id,
            PactPublication.provider_id == provider_id,
        )
    )


def published(
    session: Session, consumer_version_id: int, provider_id: int
) -> Row[tuple[int, int, str]] | None:
    """The consumer version's publication for the provider as (id, pact_version_id, sha), if any."""
    params = {"consumer_version_id": consumer_version_id, "provider_id": provider_id}
    return session.execute(_PUBLISHED, params).first()


def insert_publication(
    session: Session, consumer_version_id: int, provider_id: int, pact_version_id: int
) -> int:
    values = {
        "consumer_version_id": consumer_version_id,
        "provider_id": provider_id,
        "pact_version_id": pact_version_id,
    }
    return session.execute(_INSERT_PUBLICATION, values).scalar_one()


def repoint_publication(session: Session, publication_id: int, pact_version_id: int) -> None:
    """The publication now has this content (the version's pact was changed or merged)."""
    session.execute(
        update(PactPublication)
        .where(PactPublication.id == publication_id)
        .values(pact_version_id=pact_version_id)
    )


def publication_by_id(
    session: Session, publication_id: int, *, with_content: bool = False
) -> PactPublication:
    """The publication; `with_content`: its pact version's content loaded too (read again when the
    publication was loaded without it)."""
    if not with_content:
        return session.get(PactPublication, publication_id)  # type: ignore[return-value]
    options = [defaultload(PactPublication.pact_version).undefer(PactVersion.content)]
    return session.get(PactPublication, publication_id, options=options, populate_existing=True)  # type: ignore[return-value]


def publications_by_consumer_versions(
    session: Session, consumer_version_ids: Iterable[int], provider_ids: Iterable[int] | None = None
) -> Sequence[PactPublication]:
    query = select(PactPublication).where(PactPublication.consumer_version_id.in_(list(consumer_version_ids)))
    if provider_ids is not None:
        query = query.where(PactPublication.provider_id.in_(list(provider_ids)))
    return session.scalars(query.order_by(PactPublication.consumer_version_id)).all()


def publications_of_pact_version(session: Session, pact_version_id: int) -> Sequence[PactPublication]:
    query = select(PactPublication).where(PactPublication.pact_version_id == pact_version_id)
    return session.scalars(query.order_by(PactPublication.consumer_version_id)).all()


def publications_for_provider(
    session: Session,
    provider_id: int,
    consumer_id: int | None = None,
    *,
    tag: str | None = None,
    created_since: datetime | None = None,
) -> Sequence[PactPublication]:
    """Newest first; optionally only one consumer's, with a consumer version tag, or published since."""
    query = select(PactPublication).join(Version, Version.id == PactPublication.consumer_version_id)
    query = query.where(PactPublication.provider_id == provider_id)
    if consumer_id is not None:
        query = query.where(Version.pacticipant_id == consumer_id)
    if tag is not None:
        query = query.where(Version.id.in_(select(Tag.version_id).where(Tag.name == tag)))
    if created_since is not None:
        query = query.where(PactPublication.created_at >= created_since)
    return session.scalars(query.order_by(Version.id.desc())).all()


def latest_publication(
    session: Session,
    consumer_id: int,
    provider_id: int,
    *,
    tag: str | None = None,
    branch: str | None = None,
    created_since=None,
    untagged: bool = False,
) -> PactPublication | None:
    """The pact of the newest consumer version (with the tag / on the branch / with no tag at all) that
    has one with the provider."""
    candidates = versions_repo._filtered(consumer_id, tag=tag, branch=branch).with_only_columns(Version.id)
    if untagged:
        candidates = candidates.where(~Version.id.in_(select(Tag.version_id)))
    query = (
        select(PactPublication)
        .where(
            PactPublication.provider_id == provider_id, PactPublication.consumer_version_id.in_(candidates)
        )
        .order_by(PactPublication.consumer_version_id.desc())
        .limit(1)
    )
    if created_since is not None:
        query = query.where(PactPublication.created_at >= created_since)
    return session.scalar(query)


def previous_sha(
    session: Session,
    consumer_id: int,
    consumer_version_id: int,
    provider_id: int,
    *,
    tag: str | None = None,
    untagged: bool = False,
) -> str | None:
    """The content SHA of the pair's pact from the newest consumer version other than this one (with
    the tag, or with no tag at all)."""
    query = (
        select(PactVersion.sha)
        .join(PactPublication, PactPublication.pact_version_id == PactVersion.id)
        .join(Version, Version.id == PactPublication.consumer_version_id)
        .where(
            PactPublication.provider_id == provider_id,
            Version.pacticipant_id == consumer_id,
            Version.id != consumer_version_id,
        )
        .order_by(Version.id.desc())
        .limit(1)
    )
    if tag is not None:
        query = query.where(Version.id.in_(select(Tag.version_id).where(Tag.name == tag)))
    if untagged:
        query = query.where(~Version.id.in_(select(Tag.version_id)))
    return session.scalar(query)


def latest_publications(session: Session) -> Sequence[PactPublication]:
    """The pact of the newest consumer version for each consumer/provider pair."""
    newest = (
        select(func.max(PactPublication.consumer_version_id).label("version_id"), PactPublication.provider_id)
        .join(Version, Version.id == PactPublication.consumer_version_id)
        .group_by(Version.pacticipant_id, PactPublication.provider_id)
        .subquery()
    )
    query = select(PactPublication).join(
        newest,
        (newest.c.version_id == PactPublication.consumer_version_id)
        & (newest.c.provider_id == PactPublication.provider_id),
    )
    return session.scalars(query).all()


def integrations(session: Session, page: Page | None, text: str | None) -> Paged:
    """The (consumer, provider) pairs with a pact content, by consumer then provider name."""
    consumer, provider = aliased(Pacticipant), aliased(Pacticipant)
    pairs = select(PactVersion.consumer_id, PactVersion.provider_id).distinct().subquery()
    query = (
        select(consumer, provider)
        .join(pairs, pairs.c.consumer_id == consumer.id)
        .join(provider, provider.id == pairs.c.provider_id)
        .order_by(consumer.name, provider.name)
    )
    if text:
        query = query.where(
            or_(consumer.name.contains(text, autoescape=True), provider.name.contains(text, autoescape=True))
        )
    return paged(session, query, page, tuples=True)

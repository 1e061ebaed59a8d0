"""Which rows are the newest of their kind: the pact of each tag of each consumer/provider pair, and
the branches and tags a version is the newest of (its "heads"). Newest is the highest version id, as
the other latest-queries take it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.models import Branch, BranchVersion, PactPublication, Tag, Version

__all__ = ["branch_heads", "tag_heads", "tagged_publications"]


def tagged_publications(session: Session) -> Sequence[tuple[str, PactPublication]]:
    """For each pair and tag: the tag's name and the pact of the newest consumer version with it."""
    newest = (
        select(
            func.max(PactPublication.consumer_version_id).label("version_id"),
            PactPublication.provider_id,
            Tag.name,
        )
        .join(Version, Version.id == PactPublication.consumer_version_id)
        .join(Tag, Tag.version_id == Version.id)
        .group_by(Version.pacticipant_id, PactPublication.provider_id, Tag.name)
        .subquery()
    )
    query = select(newest.c.name, PactPublication).join(
        newest,
        (newest.c.version_id == PactPublication.consumer_version_id)
        & (newest.c.provider_id == PactPublication.provider_id),
    )
    return [(name, publication) for name, publication in session.execute(query)]


def branch_heads(session: Session, version_ids: Iterable[int]) -> dict[int, list[str]]:
    """By version: the names of the branches it is the newest version of, oldest branch first."""
    ids = list(version_ids)
    newest = (
        select(BranchVersion.branch_id, func.max(BranchVersion.version_id).label("version_id"))
        .where(
            BranchVersion.branch_id.in_(
                select(BranchVersion.branch_id).where(BranchVersion.version_id.in_(ids))
            )
        )
        .group_by(BranchVersion.branch_id)
        .subquery()
    )
    query = (
        select(newest.c.version_id, Branch.name)
        .join(Branch, Branch.id == newest.c.branch_id)
        .where(newest.c.version_id.in_(ids))
        .order_by(Branch.id)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for version_id, name in session.execute(query):
        found[version_id].append(name)
    return found


def tag_heads(session: Session, version_ids: Iterable[int]) -> dict[int, list[str]]:
    """By version: the names of its tags no newer version of its pacticipant has, oldest tag first."""
    own, other_tag, other = aliased(Version), aliased(Tag), aliased(Version)
    newer_exists = (
        select(other_tag.id)
        .join(other, other.id == other_tag.version_id)
        .where(other_tag.name == Tag.name, other.pacticipant_id == own.pacticipant_id, other.id > own.id)
        .exists()
    )
    query = (
        select(Tag.version_id, Tag.name)
        .join(own, own.id == Tag.version_id)
        .where(Tag.version_id.in_(list(version_ids)), ~newer_exists)
        .order_by(Tag.created_at, Tag.id)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for version_id, name in session.execute(query):
        found[version_id].append(name)
    return found

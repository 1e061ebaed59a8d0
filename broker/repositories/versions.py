"""Queries over pacticipant versions, their branches and tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Select, Text, bindparam, delete, func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from ..db.models import Branch, BranchVersion, Tag, Version
from . import rows

__all__ = [
    "branch",
    "branch_version",
    "branches_newest_first",
    "branches_of",
    "by_number",
    "delete_branches",
    "ensure_branch_id",
    "ensure_branch_version",
    "ensure_tag",
    "ensure_version_id",
    "first_tagged_at",
    "insert_tag",
    "keep_only_tags",
    "latest",
    "load_details",
    "newest_first",
    "numbers_newest_first",
    "tag",
    "tag_names",
    "versions_of",
]


def by_number(session: Session, pacticipant_id: int, number: str) -> Version | None:
    return session.scalar(
        select(Version).where(Version.pacticipant_id == pacticipant_id, Version.number == number)
    )


def _filtered(pacticipant_id: int, *, tag: str | None = None, branch: str | None = None):
    query = select(Version).where(Version.pacticipant_id == pacticipant_id)
    if tag is not None:
        query = query.where(Version.id.in_(select(Tag.version_id).where(Tag.name == tag)))
    if branch is not None:
        query = query.where(
            Version.id.in_(
                select(BranchVersion.version_id)
                .join(Branch, Branch.id == BranchVersion.branch_id)
                .where(Branch.pacticipant_id == pacticipant_id, Branch.name == branch)
            )
        )
    return query


def latest(
    session: Session, pacticipant_id: int, *, tag: str | None = None, branch: str | None = None
) -> Version | None:
    """The most recently created version, optionally with a tag or on a branch."""
    return session.scalar(
        _filtered(pacticipant_id, tag=tag, branch=branch).order_by(Version.id.desc()).limit(1)
    )


def versions_of(
    session: Session,
    pacticipant_id: int,
    *,
    tag: str | None = None,
    branch: str | None = None,
    limit: int = 100,
) -> Sequence[Version]:
    return session.scalars(newest_first(pacticipant_id, tag=tag, branch=branch).limit(limit)).all()


def newest_first(pacticipant_id: int, *, tag: str | None = None, branch: str | None = None) -> Select:
    """The pacticipant's versions (with the tag / on the branch), newest first."""
    return _filtered(pacticipant_id, tag=tag, branch=branch).order_by(Version.id.desc())


def ensure_version_id(
    session: Session, pacticipant_id: int, number: str, build_url: str | None, *, lock: bool = False
) -> tuple[int, bool]:
    """The version's id, created if missing (also when created at the same moment elsewhere), and
    whether this call created it; `build_url`, when given, replaces an existing version's. `lock`: hold
    the version's row until the transaction ends (a row this call inserts is held already: no other
    transaction sees it before the commit, and one inserting the same number waits for it)."""
    inserted = rows.insert_id(
        session,
        Version,
        ("pacticipant_id", "number"),
        pacticipant_id=pacticipant_id,
        number=number,
        build_url=build_url,
    )
    if inserted is not None:
        return inserted, True
    keys = {"pacticipant_id": pacticipant_id, "number": number}
    version_id: int = session.scalar(_LOCKED_VERSION_ID if lock else _VERSION_ID, keys)  # type: ignore[assignment]
    if build_url:
        session.execute(_SET_BUILD_URL, {"version_id": version_id, "build_url": build_url})
    return version_id, False


# built once: a publication to an existing version (a CI job run again) asks them
_VERSION_ID = select(Version.id).where(
    Version.pacticipant_id == bindparam("pacticipant_id"), Version.number == bindparam("number")
)
_LOCKED_VERSION_ID = _VERSION_ID.with_for_update(key_share=True)
_SET_BUILD_URL = (
    update(Version)
    .where(
        Version.id == bindparam("version_id"),
        Version.build_url.is_distinct_from(bindparam("build_url", type_=Text)),
    )
    .values(build_url=bindparam("build_url", type_=Text))
)


def branch(session: Session, pacticipant_id: int, name: str) -> Branch | None:
    query = select(Branch).options(joinedload(Branch.pacticipant))
    return session.scalar(query.where(Branch.pacticipant_id == pacticipant_id, Branch.name == name))


def branches_of(session: Session, pacticipant_id: int) -> Sequence[Branch]:
    return session.scalars(branches_newest_first(pacticipant_id).order_by(None).order_by(Branch.id)).all()


def branches_newest_first(pacticipant_id: int, text: str | None = None) -> Select:
    """The pacticipant's branches (whose name holds `text`), newest first."""
    query = (
        select(Branch).options(joinedload(Branch.pacticipant)).where(Branch.pacticipant_id == pacticipant_id)
    )
    if text:
        query = query.where(Branch.name.contains(text, autoescape=True))
    return query.order_by(Branch.id.desc())


def delete_branches(session: Session, pacticipant_id: int, keep: Iterable[str]) -> int:
    statement = delete(Branch).where(Branch.pacticipant_id == pacticipant_id, Branch.name.not_in(list(keep)))
    return session.execute(statement).rowcount or 0


_BRANCH_ID = select(Branch.id).where(  # built once: every publication with a branch asks it
    Branch.pacticipant_id == bindparam("pacticipant_id"), Branch.name == bindparam("name")
)


def ensure_branch_id(session: Session, pacticipant_id: int, name: str) -> int:
    """The branch's id, created if missing."""
    keys = {"pacticipant_id": pacticipant_id, "name": name}
    found = session.scalar(_BRANCH_ID, keys)
    if found is None:
        found = rows.insert_id(session, Branch, tuple(keys), **keys) or session.scalar(_BRANCH_ID, keys)
    return found  # type: ignore[return-value]


def branch_version(session: Session, branch_id: int, version_id: int) -> BranchVersion | None:
    """The version's place on the branch, with its branch (and pacticipant) and version loaded."""
    query = select(BranchVersion).options(
        joinedload(BranchVersion.branch).joinedload(Branch.pacticipant), joinedload(BranchVersion.version)
    )
    return session.scalar(
        query.where(BranchVersion.branch_id == branch_id, BranchVersion.version_id == version_id)
    )


def ensure_branch_version(session: Session, branch_id: int, version_id: int) -> bool:
    """Put the version on the branch; True when it was not on it yet."""
    return rows.insert_missing(
        session, BranchVersion, ("branch_id", "version_id"), branch_id=branch_id, version_id=version_id
    )


def tag(session: Session, version_id: int, name: str) -> Tag | None:
    query = select(Tag).options(joinedload(Tag.version))
    return session.scalar(query.where(Tag.version_id == version_id, Tag.name == name))


def insert_tag(session: Session, version_id: int, name: str) -> bool:
    """Tag the version unless it has the tag; True when this call tagged it."""
    return rows.insert_missing(session, Tag, ("version_id", "name"), version_id=version_id, name=name)


def ensure_tag(session: Session, version_id: int, name: str) -> tuple[Tag, bool]:
    """The version's tag, created if missing, and whether this call created it."""
    created = insert_tag(session, version_id, name)
    return tag(session, version_id, name), created  # type: ignore[return-value]


def keep_only_tags(session: Session, version_id: int, names: Iterable[str]) -> None:
    """Delete the version's tags but these."""
    session.execute(delete(Tag).where(Tag.version_id == version_id, Tag.name.not_in(list(names))))


def tag_names(session: Session, version_id: int, names: Iterable[str] | None = None) -> list[str]:
    """Which of these names (by default: any) the version is tagged with, oldest tag first."""
    query = select(Tag.name).where(Tag.version_id == version_id)
    if names is not None:
        query = query.where(Tag.name.in_(list(names)))
    return list(session.scalars(query.order_by(Tag.id)))


def load_details(session: Session, versions: Iterable[Version]) -> None:
    """Load the tags, branches and pacts of these versions in three queries (they are represented with
    them)."""
    ids = list({v.id for v in versions})
    if ids:
        query = select(Version).where(Version.id.in_(ids))
        session.scalars(
            query.options(
                selectinload(Version.tags),
                selectinload(Version.branch_versions),
                selectinload(Version.pact_publications),
            )
        ).all()


def first_tagged_at(session: Session, pacticipant_id: int, name: str) -> datetime | None:
    """When a version of the pacticipant was first given this tag."""
    query = select(func.min(Tag.created_at)).join(Version, Version.id == Tag.version_id)
    return session.scalar(query.where(Version.pacticipant_id == pacticipant_id, Tag.name == name))


def numbers_newest_first(session: Session, pacticipant_id: int, numbers: Iterable[str]) -> list[str]:
    """Which of these numbers are the pacticipant's versions, newest first."""
    query = select(Version.number).where(
        Version.pacticipant_id == pacticipant_id, Version.number.in_(list(numbers))
    )
    return list(session.scalars(query.order_by(Version.id.desc())))

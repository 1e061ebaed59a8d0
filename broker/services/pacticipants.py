"""Pacticipants, their versions, branches and tags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import Branch, BranchVersion, DeployedVersion, Pacticipant, ReleasedVersion, Tag, Version
from ..errors import NotFound
from ..repositories import environments as environments_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import rows
from ..repositories import versions as versions_repo
from ..repositories.paging import Page, Paged, paged
from .deploying import deploy
from .transactions import write

__all__ = [
    "Described",
    "PacticipantService",
    "ensure_pacticipant",
    "ensure_version",
    "put_version",
    "require_pacticipant",
    "require_version",
]

MAIN_BRANCH_CANDIDATES = ("develop", "main", "master")
_UPDATABLE = {
    "displayName": "display_name",
    "mainBranch": "main_branch",
    "repositoryUrl": "repository_url",
    "repositoryName": "repository_name",
    "repositoryNamespace": "repository_namespace",
}


def ensure_pacticipant(session: Session, name: str) -> Pacticipant:
    return pacticipants_repo.by_name(session, name) or pacticipants_repo.ensure(session, name)[0]


def put_version(
    session: Session,
    pacticipant_id: int,
    main_branch: str | None,
    number: str,
    *,
    build_url: str | None = None,
    branch: str | None = None,
    tags: Sequence[str] = (),
    lock: bool = False,
) -> tuple[int, bool]:
    """The version's id, created if missing, and whether this call created it, with this branch and
    these tags added (each created only where missing, so concurrent requests adding the same ones all
    succeed). `main_branch` is the pacticipant's (for main branch auto-detection); `lock` holds the
    version's row until the transaction ends. Plain statements, no ORM objects: publications take
    this path."""
    version_id, created = versions_repo.ensure_version_id(
        session, pacticipant_id, number, build_url, lock=lock
    )
    if branch:
        _on_branch(session, pacticipant_id, main_branch, version_id, branch)
    for name in tags:
        versions_repo.insert_tag(session, version_id, name)
    return version_id, created


def ensure_version(
    session: Session,
    pacticipant: Pacticipant,
    number: str,
    *,
    build_url: str | None = None,
    branch: str | None = None,
    tags: Sequence[str] = (),
) -> Version:
    """`put_version`, answered with the version (read again with the rows just added)."""
    version_id, _ = put_version(
        session,
        pacticipant.id,
        pacticipant.main_branch,
        number,
        build_url=build_url,
        branch=branch,
        tags=tags,
    )
    if branch:
        session.expire(pacticipant, ["main_branch"])
    version = session.get(Version, version_id)
    assert version is not None
    changed = [
        *(["build_url"] if build_url else []),
        *(["tags", "branch_versions"] if branch or tags else []),
    ]
    if changed:  # written by plain statements: read again when used
        session.expire(version, changed)
    return version


def add_branch(session: Session, version: Version, name: str) -> tuple[Branch, bool]:
    """Put the version on the branch (created if missing); the branch, and True when the version was not
    on it yet (see `_on_branch`)."""
    added = _on_branch(session, version.pacticipant_id, version.pacticipant.main_branch, version.id, name)
    session.expire(version, ["branch_versions"])
    session.expire(version.pacticipant, ["main_branch"])
    return versions_repo.branch(session, version.pacticipant_id, name), added  # type: ignore[return-value]


def _on_branch(
    session: Session, pacticipant_id: int, main_branch: str | None, version_id: int, name: str
) -> bool:
    """Put the version on the branch (created if missing); True when it was not on it yet. A pacticipant
    without a main branch gets this one when it is one of the usual main branch names (the Pact
    Broker's main branch auto-detection, on by default)."""
    added = versions_repo.ensure_branch_version(
        session, versions_repo.ensure_branch_id(session, pacticipant_id, name), version_id
    )
    if name in MAIN_BRANCH_CANDIDATES and main_branch is None:
        pacticipants_repo.set_main_branch_if_unset(session, pacticipant_id, name)
    return added


def require_pacticipant(session: Session, name: str) -> Pacticipant:
    pacticipant = pacticipants_repo.by_name(session, name)
    if pacticipant is None:
        raise NotFound(f"No pacticipant with name '{name}' found")
    return pacticipant


def require_version(session: Session, pacticipant_name: str, number: str) -> Version:
    pacticipant = require_pacticipant(session, pacticipant_name)
    version = versions_repo.by_number(session, pacticipant.id, number)
    if version is None:
        raise NotFound(f"No version {number} of {pacticipant_name} found")
    return version


@dataclass(frozen=True)
class Described:
    """A pacticipant as its resource shows it: with its labels, its latest version (if any) and the
    versions of it currently deployed."""

    pacticipant: Pacticipant
    latest: Version | None
    deployed: Sequence[DeployedVersion]


def _described(session: Session, pacticipant: Pacticipant) -> Described:
    session.refresh(pacticipant, ["labels"])
    return Described(
        pacticipant,
        versions_repo.latest(session, pacticipant.id),
        environments_repo.currently_deployed(session, pacticipant_ids=[pacticipant.id]),
    )


def _updated(session: Session, pacticipant: Pacticipant, fields: dict[str, Any]) -> Described:
    for key, attribute in _UPDATABLE.items():
        if key in fields:
            setattr(pacticipant, attribute, fields[key])
    session.flush()
    return _described(session, pacticipant)


def _detailed(session: Session, version: Version) -> Version:
    versions_repo.load_details(session, [version])
    return version


class PacticipantService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, page: Page | None = None) -> Paged:
        with self.db.reading() as session:
            query = select(Pacticipant).order_by(Pacticipant.name).options(selectinload(Pacticipant.labels))
            return paged(session, query, page)

    def get(self, name: str) -> Pacticipant:
        """The pacticipant with its labels."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            session.refresh(pacticipant, ["labels"])
            return pacticipant

    def described(self, name: str) -> Described:
        """The pacticipant with its labels, latest version and current deployments."""
        with self.db.reading() as session:
            return _described(session, require_pacticipant(session, name))

    def upsert(self, name: str, fields: dict[str, Any], *, update: bool = True) -> tuple[Described, bool]:
        """Create with the fields given, or update them (unless `update` is off: POST leaves an existing
        pacticipant as it is, as the Pact Broker does). Returns (the pacticipant described, created)."""

        def work(session: Session) -> tuple[Described, bool]:
            pacticipant, created = pacticipants_repo.ensure(session, name)
            return _updated(session, pacticipant, fields if created or update else {}), created

        return write(self.db, work)

    def replace(self, name: str, fields: dict[str, Any]) -> Described:
        """Update an existing pacticipant (404 when missing), clearing the fields not given (PUT)."""

        def work(session: Session) -> Described:
            pacticipant = require_pacticipant(session, name)
            return _updated(session, pacticipant, {key: fields.get(key) for key in _UPDATABLE})

        return write(self.db, work)

    def version(self, name: str, number: str) -> Version:
        with self.db.reading() as session:
            return _detailed(session, require_version(session, name, number))

    def versions(
        self, name: str, page: Page | None = None, *, branch: str | None = None
    ) -> tuple[Paged, Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
        """The pacticipant's versions (on the branch), newest first, with every deployment and release
        of them."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            if branch is not None and versions_repo.branch(session, pacticipant.id, branch) is None:
                raise NotFound(f"No branch {branch} of {name} found")
            result = paged(session, versions_repo.newest_first(pacticipant.id, branch=branch), page)
            versions_repo.load_details(session, result.rows)
            ids = [v.id for v in result.rows]
            return (
                result,
                environments_repo.deployments_of(session, ids),
                environments_repo.releases_of(session, ids),
            )

    def latest_version(self, name: str, tag: str | None = None, branch: str | None = None) -> Version:
        """The newest version (with the tag, on the branch)."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            version = versions_repo.latest(session, pacticipant.id, tag=tag, branch=branch)
            if version is None:
                which = f" with tag {tag}" if tag else f" on branch {branch}" if branch else ""
                raise NotFound(f"No version of {name}{which} found")
            return _detailed(session, version)

    def upsert_version(
        self, name: str, number: str, fields: dict[str, Any], *, replace: bool
    ) -> tuple[Version, bool]:
        """Create the version or update the fields given; `tags` (names) replace the version's tags.
        `replace` (PUT) also clears a build URL not given. Returns (version, created); its creation
        date never changes."""

        def work(session: Session) -> tuple[Version, bool]:
            pacticipant = ensure_pacticipant(session, name)
            version_id, created = versions_repo.ensure_version_id(session, pacticipant.id, number, None)
            version = session.get(Version, version_id)
            assert version is not None
            if replace or "buildUrl" in fields:
                version.build_url = fields.get("buildUrl")
            tags = fields.get("tags")
            if tags is not None:  # replacing: writers of the version's tags take turns on its row
                rows.lock(session, Version, version.id)
                versions_repo.keep_only_tags(session, version.id, tags)
                session.expire(version, ["tags"])
            ensure_version(session, pacticipant, number, branch=fields.get("branch"), tags=tags or ())
            return _detailed(session, version), created

        return write(self.db, work)

    def tag(self, name: str, number: str, tag: str) -> Tag:
        with self.db.reading() as session:
            version = require_version(session, name, number)
            row = versions_repo.tag(session, version.id, tag)
            if row is None:
                raise NotFound(f"No tag {tag} on version {number} of {name}")
            return row

    def add_tag(self, name: str, number: str, tag: str) -> tuple[Tag, bool]:
        """Tag a version, creating the pacticipant and version when missing (as the Pact Broker does). A
        tag named as an environment also records the version as deployed there (no target), as the
        Pact Broker does by default (`create_deployed_versions_for_tags`)."""

        def work(session: Session) -> tuple[Tag, bool]:
            version = ensure_version(session, ensure_pacticipant(session, name), number)
            row, created = versions_repo.ensure_tag(session, version.id, tag)
            environment = environments_repo.by_name(session, tag)
            if environment is not None:
                deploy(session, version, environment, None)
            return row, created

        return write(self.db, work)

    def delete_tag(self, name: str, number: str, tag: str) -> None:
        def work(session: Session) -> None:
            version = require_version(session, name, number)
            row = versions_repo.tag(session, version.id, tag)
            if row is None:
                raise NotFound(f"No tag {tag} on version {number} of {name}")
            session.delete(row)

        write(self.db, work)

    def branch_version(self, name: str, branch: str, number: str) -> BranchVersion:
        """The version's place on the branch (404 when it is not on it)."""
        with self.db.reading() as session:
            version = require_version(session, name, number)
            row = versions_repo.branch(session, version.pacticipant_id, branch)
            place = row and versions_repo.branch_version(session, row.id, version.id)
            if place is None:
                raise NotFound(f"Version {number} of {name} is not on branch {branch}")
            return place

    def add_branch_version(self, name: str, branch: str, number: str) -> tuple[BranchVersion, bool]:
        """Put the version (created when missing) on the branch; True when it was not on it yet."""

        def work(session: Session) -> tuple[BranchVersion, bool]:
            version = ensure_version(session, ensure_pacticipant(session, name), number)
            row, created = add_branch(session, version, branch)
            return versions_repo.branch_version(session, row.id, version.id), created  # type: ignore[return-value]

        return write(self.db, work)

    def branch(self, name: str, branch: str) -> Branch:
        with self.db.reading() as session:
            row = versions_repo.branch(session, require_pacticipant(session, name).id, branch)
            if row is None:
                raise NotFound(f"No branch {branch} of {name} found")
            return row

    def delete_branch(self, name: str, branch: str) -> None:
        """Forget the branch; its versions, pacts and verifications stay."""

        def work(session: Session) -> None:
            row = versions_repo.branch(session, require_pacticipant(session, name).id, branch)
            if row is None:
                raise NotFound(f"No branch {branch} of {name} found")
            session.delete(row)

        write(self.db, work)

    def environment_versions(
        self, name: str, environment_uuid: str, page: Page | None = None
    ) -> tuple[Paged, Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
        """The pacticipant's versions ever deployed or released to the environment, newest first, each
        once, with those deployments and releases."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            environment = environments_repo.by_uuid(session, environment_uuid)
            if environment is None:
                raise NotFound(f"No environment with uuid {environment_uuid} found")
            deployed, released = environments_repo.in_environment(session, environment.id, pacticipant.id)
            ids = {row.version_id for row in (*deployed, *released)}
            query = versions_repo.newest_first(pacticipant.id).where(Version.id.in_(ids))
            result = paged(session, query, page)
            versions_repo.load_details(session, result.rows)
            return result, deployed, released

    def tag_versions(
        self, name: str, tag: str, page: Page | None = None
    ) -> tuple[Paged, Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
        """The pacticipant's versions with the tag, newest first, with where each is currently deployed
        or released."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            result = paged(session, versions_repo.newest_first(pacticipant.id, tag=tag), page)
            if not result.total:
                raise NotFound(f"No version of {name} with tag {tag} found")
            versions_repo.load_details(session, result.rows)
            ids = [v.id for v in result.rows]
            deployed = [d for i in ids for d in environments_repo.currently_deployed(session, version_id=i)]
            released = [r for i in ids for r in environments_repo.currently_released(session, version_id=i)]
            return result, deployed, released

    def delete_branches(self, name: str, exclude: Sequence[str]) -> tuple[int, list[str]]:
        """Delete the pacticipant's branches but the excluded ones and its main branch (their versions
        stay). Returns how many went and the names left."""

        def work(session: Session) -> tuple[int, list[str]]:
            pacticipant = require_pacticipant(session, name)
            kept = {*exclude, *([pacticipant.main_branch] if pacticipant.main_branch else [])}
            count = versions_repo.delete_branches(session, pacticipant.id, kept)
            return count, [b.name for b in versions_repo.branches_of(session, pacticipant.id)]

        return write(self.db, work)

    def branches(self, name: str, page: Page | None = None, text: str | None = None) -> Paged:
        """The pacticipant's branches, newest first."""
        with self.db.reading() as session:
            pacticipant = require_pacticipant(session, name)
            return paged(session, versions_repo.branches_newest_first(pacticipant.id, text), page)

"""Queries over environments and what is deployed or released to them."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterable, Sequence
from types import EllipsisType

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import DeployedVersion, Environment, Pacticipant, ReleasedVersion, Version
from . import rows

__all__ = [
    "all_environments",
    "by_name",
    "by_uuid",
    "currently_deployed",
    "currently_released",
    "deployed_by_uuid",
    "deployed_in",
    "deployments_of",
    "ensure_released",
    "in_environment",
    "released_by_uuid",
    "released_version",
    "releases_of",
    "supported_in",
]


def all_environments(session: Session) -> Sequence[Environment]:
    return session.scalars(select(Environment).order_by(Environment.name)).all()


def by_name(session: Session, name: str) -> Environment | None:
    return session.scalar(select(Environment).where(Environment.name == name))


def by_uuid(session: Session, uuid: str) -> Environment | None:
    return session.scalar(select(Environment).where(Environment.uuid == uuid))


def currently_deployed(
    session: Session,
    *,
    environment_id: int | None = None,
    pacticipant_ids: Iterable[int] | None = None,
    version_id: int | None = None,
) -> Sequence[DeployedVersion]:
    query = select(DeployedVersion).where(DeployedVersion.undeployed_at.is_(None))
    if environment_id is not None:
        query = query.where(DeployedVersion.environment_id == environment_id)
    if pacticipant_ids is not None:
        query = query.where(DeployedVersion.pacticipant_id.in_(list(pacticipant_ids)))
    if version_id is not None:
        query = query.where(DeployedVersion.version_id == version_id)
    return session.scalars(query.order_by(DeployedVersion.id)).all()


def currently_released(
    session: Session,
    *,
    environment_id: int | None = None,
    pacticipant_ids: Iterable[int] | None = None,
    version_id: int | None = None,
) -> Sequence[ReleasedVersion]:
    query = select(ReleasedVersion).where(ReleasedVersion.support_ended_at.is_(None))
    if environment_id is not None:
        query = query.where(ReleasedVersion.environment_id == environment_id)
    if pacticipant_ids is not None:
        query = query.where(ReleasedVersion.pacticipant_id.in_(list(pacticipant_ids)))
    if version_id is not None:
        query = query.where(ReleasedVersion.version_id == version_id)
    return session.scalars(query.order_by(ReleasedVersion.id)).all()


def ensure_released(session: Session, version: Version, environment_id: int) -> tuple[ReleasedVersion, bool]:
    """The version's release to the environment, recorded if missing (once, however many record it at
    once), and whether this call recorded it."""
    created = rows.insert_missing(
        session,
        ReleasedVersion,
        ("version_id", "environment_id"),
        uuid=str(uuidlib.uuid4()),
        version_id=version.id,
        pacticipant_id=version.pacticipant_id,
        environment_id=environment_id,
    )
    return released_version(session, version.id, environment_id), created  # type: ignore[return-value]


def released_version(session: Session, version_id: int, environment_id: int) -> ReleasedVersion | None:
    return session.scalar(
        select(ReleasedVersion).where(
            ReleasedVersion.version_id == version_id, ReleasedVersion.environment_id == environment_id
        )
    )


def deployed_by_uuid(session: Session, uuid: str) -> DeployedVersion | None:
    return session.scalar(select(DeployedVersion).where(DeployedVersion.uuid == uuid))


def released_by_uuid(session: Session, uuid: str) -> ReleasedVersion | None:
    return session.scalar(select(ReleasedVersion).where(ReleasedVersion.uuid == uuid))


def in_environment(
    session: Session, environment_id: int, pacticipant_id: int
) -> tuple[Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
    """Every deployment and release of the pacticipant's versions to the environment, past and current."""
    deployed = select(DeployedVersion).where(
        DeployedVersion.environment_id == environment_id, DeployedVersion.pacticipant_id == pacticipant_id
    )
    released = select(ReleasedVersion).where(
        ReleasedVersion.environment_id == environment_id, ReleasedVersion.pacticipant_id == pacticipant_id
    )
    return (
        session.scalars(deployed.order_by(DeployedVersion.id)).all(),
        session.scalars(released.order_by(ReleasedVersion.id)).all(),
    )


def _named(column, name: str):
    return column.in_(select(Pacticipant.id).where(Pacticipant.name == name))


def deployed_in(
    session: Session,
    environment_id: int,
    *,
    pacticipant: str | None = None,
    target: str | EllipsisType | None = ...,
) -> Sequence[DeployedVersion]:
    """The versions currently deployed to the environment, newest first; of the pacticipant with this
    name, and to this target (None: deployed without one; `...`: to any)."""
    query = select(DeployedVersion).where(
        DeployedVersion.environment_id == environment_id, DeployedVersion.undeployed_at.is_(None)
    )
    if pacticipant is not None:
        query = query.where(_named(DeployedVersion.pacticipant_id, pacticipant))
    if target is not ...:
        query = query.where(
            DeployedVersion.target.is_(None) if target is None else DeployedVersion.target == target
        )
    return session.scalars(query.order_by(DeployedVersion.created_at.desc(), DeployedVersion.id.desc())).all()


def supported_in(
    session: Session, environment_id: int, *, pacticipant: str | None = None, number: str | None = None
) -> Sequence[ReleasedVersion]:
    """The versions released to the environment and still supported; of the pacticipant with this name,
    with this version number."""
    query = select(ReleasedVersion).where(
        ReleasedVersion.environment_id == environment_id, ReleasedVersion.support_ended_at.is_(None)
    )
    if pacticipant is not None:
        query = query.where(_named(ReleasedVersion.pacticipant_id, pacticipant))
    if number is not None:
        query = query.where(
            ReleasedVersion.version_id.in_(select(Version.id).where(Version.number == number))
        )
    return session.scalars(query.order_by(ReleasedVersion.id)).all()


def deployments_of(
    session: Session, version_ids: Iterable[int], environment_id: int | None = None
) -> Sequence[DeployedVersion]:
    """Every deployment of these versions (to the environment), current or not, newest first."""
    query = select(DeployedVersion).where(DeployedVersion.version_id.in_(list(version_ids)))
    if environment_id is not None:
        query = query.where(DeployedVersion.environment_id == environment_id)
    return session.scalars(query.order_by(DeployedVersion.created_at.desc(), DeployedVersion.id.desc())).all()


def releases_of(session: Session, version_ids: Iterable[int]) -> Sequence[ReleasedVersion]:
    """Every release of these versions, supported or not."""
    query = select(ReleasedVersion).where(ReleasedVersion.version_id.in_(list(version_ids)))
    return session.scalars(query.order_by(ReleasedVersion.id)).all()

"""Environments, and what is deployed or released to them."""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Sequence
from types import EllipsisType
from typing import Any

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import DeployedVersion, Environment, ReleasedVersion, Version, utcnow
from ..errors import Conflict, Invalid, NotFound
from ..repositories import environments as environments_repo
from .deploying import deploy
from .pacticipants import require_version
from .transactions import write

__all__ = ["EnvironmentService"]


def _name_taken(name: str) -> Invalid:
    """Another environment has the name: a validation error of `name`, as the Pact Broker's schema says."""
    message = f"name '{name}' is already used by an existing environment."
    return Invalid(message, {"name": [message]})


def _require_environment(session: Session, uuid: str) -> Environment:
    environment = environments_repo.by_uuid(session, uuid)
    if environment is None:
        raise NotFound(f"No environment with uuid {uuid} found")
    return environment


class EnvironmentService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, name: str | None = None) -> Sequence[Environment]:
        """The environments (of this name), by display name without case, as the Pact Broker lists them."""
        with self.db.reading() as session:
            rows = [e for e in environments_repo.all_environments(session) if name is None or e.name == name]
            return sorted(rows, key=lambda e: e.shown_name.lower())

    def named(self, name: str) -> Environment:
        """The environment with this name (404 when there is none)."""
        with self.db.reading() as session:
            environment = environments_repo.by_name(session, name)
            if environment is None:
                raise NotFound(f"No environment with name '{name}' found")
            return environment

    def get(self, uuid: str) -> Environment:
        with self.db.reading() as session:
            return _require_environment(session, uuid)

    def create(self, fields: dict[str, Any]) -> Environment:
        def work(session: Session) -> Environment:
            if environments_repo.by_name(session, fields["name"]) is not None:
                raise _name_taken(fields["name"])
            if fields.get("uuid") and environments_repo.by_uuid(session, fields["uuid"]) is not None:
                raise Conflict(f"An environment with uuid '{fields['uuid']}' already exists")
            environment = Environment(
                uuid=fields.get("uuid") or str(uuidlib.uuid4()),
                name=fields["name"],
                display_name=fields.get("displayName"),
                production=bool(fields.get("production", False)),
                contacts=fields.get("contacts"),
            )
            session.add(environment)
            session.flush()
            return environment

        return write(self.db, work)

    def update(self, uuid: str, fields: dict[str, Any]) -> Environment:
        def work(session: Session) -> Environment:
            environment = _require_environment(session, uuid)
            other = environments_repo.by_name(session, fields["name"])
            if other is not None and other.id != environment.id:
                raise _name_taken(fields["name"])
            environment.name = fields["name"]
            environment.display_name = fields.get("displayName")
            environment.production = bool(fields.get("production", False))
            environment.contacts = fields.get("contacts")
            session.flush()
            return environment

        return write(self.db, work)

    def delete(self, uuid: str) -> None:
        write(self.db, lambda session: session.delete(_require_environment(session, uuid)))

    def record_deployment(
        self, pacticipant: str, number: str, environment_uuid: str, target: str | None
    ) -> DeployedVersion:
        """Record that this version is now deployed; the version it replaced (same target) is undeployed."""

        def work(session: Session) -> DeployedVersion:
            version = require_version(session, pacticipant, number)
            return deploy(session, version, _require_environment(session, environment_uuid), target)

        return write(self.db, work)

    def record_release(
        self, pacticipant: str, number: str, environment_uuid: str
    ) -> tuple[ReleasedVersion, bool]:
        def work(session: Session) -> tuple[ReleasedVersion, bool]:
            version = require_version(session, pacticipant, number)
            environment = _require_environment(session, environment_uuid)
            row, created = environments_repo.ensure_released(session, version, environment.id)
            if not created:
                row.support_ended_at = None  # released again: supported again
            return row, created

        return write(self.db, work)

    def deployed_version(self, uuid: str) -> DeployedVersion:
        with self.db.reading() as session:
            row = environments_repo.deployed_by_uuid(session, uuid)
            if row is None:
                raise NotFound(f"No deployed version with uuid {uuid} found")
            return row

    def released_version(self, uuid: str) -> ReleasedVersion:
        with self.db.reading() as session:
            row = environments_repo.released_by_uuid(session, uuid)
            if row is None:
                raise NotFound(f"No released version with uuid {uuid} found")
            return row

    def set_currently_deployed(self, uuid: str, deployed: bool | None) -> DeployedVersion:
        """record-undeployment: only `currentlyDeployed: false` is meaningful; true or None is a no-op."""

        def work(session: Session) -> DeployedVersion:
            row = environments_repo.deployed_by_uuid(session, uuid)
            if row is None:
                raise NotFound(f"No deployed version with uuid {uuid} found")
            if deployed is False and row.undeployed_at is None:
                row.undeployed_at = utcnow()
            return row

        return write(self.db, work)

    def set_currently_supported(self, uuid: str, supported: bool | None) -> ReleasedVersion:
        """record-support-ended: `currentlySupported: false` ends support; true restores it; None
        (an empty patch) changes nothing."""

        def work(session: Session) -> ReleasedVersion:
            row = environments_repo.released_by_uuid(session, uuid)
            if row is None:
                raise NotFound(f"No released version with uuid {uuid} found")
            if supported is not None:
                row.support_ended_at = None if supported else (row.support_ended_at or utcnow())
            return row

        return write(self.db, work)

    def currently_deployed(
        self, environment_uuid: str, pacticipant: str | None, target: str | EllipsisType | None = ...
    ) -> tuple[Environment, Sequence[DeployedVersion]]:
        """The environment and what is deployed there now, newest first (of the pacticipant, to the
        target: None is no target, `...` any); an unknown pacticipant has nothing deployed."""
        with self.db.reading() as session:
            environment = _require_environment(session, environment_uuid)
            rows = environments_repo.deployed_in(
                session, environment.id, pacticipant=pacticipant, target=target
            )
            return environment, rows

    def currently_released(
        self, environment_uuid: str, pacticipant: str | None, number: str | None
    ) -> tuple[Environment, Sequence[ReleasedVersion]]:
        """The environment and the versions released there and still supported (of the pacticipant,
        with this number)."""
        with self.db.reading() as session:
            environment = _require_environment(session, environment_uuid)
            rows = environments_repo.supported_in(
                session, environment.id, pacticipant=pacticipant, number=number
            )
            return environment, rows

    def of_version_in(
        self, pacticipant: str, number: str, environment_uuid: str
    ) -> tuple[Version, Environment, Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
        """The version, the environment, every deployment of the version there (newest first) and its
        release there, if any."""
        with self.db.reading() as session:
            version = require_version(session, pacticipant, number)
            environment = _require_environment(session, environment_uuid)
            released = environments_repo.released_version(session, version.id, environment.id)
            return (
                version,
                environment,
                environments_repo.deployments_of(session, [version.id], environment.id),
                [released] if released else [],
            )

    def for_version(
        self, pacticipant: str, number: str
    ) -> tuple[Sequence[DeployedVersion], Sequence[ReleasedVersion]]:
        """Every deployment and release of the version, current or not."""
        with self.db.reading() as session:
            version = require_version(session, pacticipant, number)
            return (
                environments_repo.deployments_of(session, [version.id]),
                environments_repo.releases_of(session, [version.id]),
            )

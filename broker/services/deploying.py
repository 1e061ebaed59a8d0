"""Recording a deployment: the rule record-deployment and tagging a version share."""

from __future__ import annotations

import uuid as uuidlib

from sqlalchemy.orm import Session

from ..db.models import DeployedVersion, Environment, Version, utcnow
from ..repositories import environments as environments_repo
from ..repositories import rows

__all__ = ["deploy"]


def deploy(
    session: Session, version: Version, environment: Environment, target: str | None
) -> DeployedVersion:
    """Record the version as deployed to the environment (and target); the version it replaces there is
    undeployed, and a version already deployed there stays as it is. Deployments to one environment
    take turns on its row (in every broker process), and a partial unique index keeps one current
    deployment per pacticipant, environment and target."""
    rows.lock(session, Environment, environment.id)
    current = environments_repo.currently_deployed(
        session, environment_id=environment.id, pacticipant_ids=[version.pacticipant_id]
    )
    for deployed in current:
        if deployed.target == target:
            if deployed.version_id == version.id:
                return deployed
            deployed.undeployed_at = utcnow()
    row = DeployedVersion(
        uuid=str(uuidlib.uuid4()),
        version=version,
        pacticipant_id=version.pacticipant_id,
        environment=environment,
        target=target,
    )
    session.add(row)
    session.flush()
    return row

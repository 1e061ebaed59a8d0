"""Deployed and released versions (record-deployment, record-release and their undoing)."""

from __future__ import annotations

from typing import Any

from ...db.models import DeployedVersion, Environment, ReleasedVersion, Version
from .. import links
from .common import iso

__all__ = ["deployment", "environment", "release"]


def environment(base: str, row: Environment) -> dict[str, Any]:
    """An environment, on its own or embedded in a deployment or release (as the Pact Broker embeds it)."""
    out: dict[str, Any] = {
        "uuid": row.uuid,
        "name": row.name,
        "displayName": row.shown_name,
        "production": row.production,
    }
    if row.contacts is not None:  # absent when none were given, as in the Pact Broker
        out["contacts"] = row.contacts
    out.update(createdAt=iso(row.created_at), updatedAt=iso(row.updated_at))
    shown = row.shown_name
    out["_links"] = {
        "self": links.link(links.environment(base, row.uuid), "Environment", row.name),
        "pb:currently-deployed-deployed-versions": links.link(
            links.currently_deployed(base, row.uuid),
            f"Versions currently deployed to {shown} environment",
        ),
        "pb:currently-supported-released-versions": links.link(
            links.currently_released(base, row.uuid),
            f"Versions released and supported in {shown} environment",
        ),
        "pb:environments": links.link(links.environments(base), "Environments"),
    }
    return out


def _embedded(base: str, v: Version, where: Environment) -> dict[str, Any]:
    name = v.pacticipant.name
    return {
        "version": {
            "number": v.number,
            "_links": {"self": links.link(links.version(base, name, v.number), "Version", v.number)},
        },
        "pacticipant": {"name": name, "_links": {"self": links.link(links.pacticipant(base, name))}},
        "environment": environment(base, where),
    }


def deployment(base: str, row: DeployedVersion) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "currentlyDeployed": row.undeployed_at is None,
        "target": row.target,
        "applicationInstance": row.target,
        "undeployedAt": iso(row.undeployed_at),
        "createdAt": iso(row.created_at),
        "_embedded": _embedded(base, row.version, row.environment),
        "_links": {"self": links.link(links.deployed_version(base, row.uuid), "Deployed version")},
    }


def release(base: str, row: ReleasedVersion) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "currentlySupported": row.support_ended_at is None,
        "supportEndedAt": iso(row.support_ended_at),
        "createdAt": iso(row.created_at),
        "_embedded": _embedded(base, row.version, row.environment),
        "_links": {"self": links.link(links.released_version(base, row.uuid), "Released version")},
    }

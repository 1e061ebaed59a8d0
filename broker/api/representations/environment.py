"""Environments and the versions deployed or released to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import DeployedVersion, Environment, ReleasedVersion
from .. import links
from .common import iso
from .deployment import deployment, environment_summary, release

__all__ = ["currently_deployed", "currently_released", "environment", "environments"]


def environment(base: str, row: Environment) -> dict[str, Any]:
    out = environment_summary(base, row)
    if row.contacts is not None:  # absent when none were given, as in the Pact Broker
        out["contacts"] = row.contacts
    out.update(createdAt=iso(row.created_at), updatedAt=iso(row.updated_at))
    out["_links"].update(
        {
            "pb:currently-deployed-deployed-versions": links.link(
                links.currently_deployed(base, row.uuid), "Versions currently deployed to this environment"
            ),
            "pb:currently-supported-released-versions": links.link(
                links.currently_released(base, row.uuid),
                "Versions released and supported in this environment",
            ),
            "pb:environments": links.link(links.environments(base), "Environments"),
        }
    )
    return out


def environments(base: str, rows: Sequence[Environment]) -> dict[str, Any]:
    return {
        "_embedded": {"environments": [environment(base, r) for r in rows]},
        "_links": {
            "self": links.link(links.environments(base), "Environments"),
            "pb:environment": links.link(links.environment(base, "{uuid}"), "Environment", templated=True),
        },
    }


def currently_deployed(base: str, uuid: str, rows: Sequence[DeployedVersion]) -> dict[str, Any]:
    return {
        "_embedded": {"deployedVersions": [deployment(base, r) for r in rows]},
        "_links": {"self": links.link(links.currently_deployed(base, uuid), "Currently deployed versions")},
    }


def currently_released(base: str, uuid: str, rows: Sequence[ReleasedVersion]) -> dict[str, Any]:
    return {
        "_embedded": {"releasedVersions": [release(base, r) for r in rows]},
        "_links": {
            "self": links.link(links.currently_released(base, uuid), "Currently supported released versions")
        },
    }

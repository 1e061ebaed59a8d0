"""Environments and the versions deployed or released to them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import DeployedVersion, Environment, ReleasedVersion, Version
from .. import links
from .deployment import deployment, environment, release

__all__ = [
    "currently_deployed",
    "currently_released",
    "deployments_of",
    "environment",
    "environments",
    "releases_of",
]


def environments(base: str, rows: Sequence[Environment]) -> dict[str, Any]:
    return {
        "_embedded": {"environments": [environment(base, r) for r in rows]},
        "_links": {
            "self": links.link(links.environments(base), "Environments"),
            "pb:environment": links.link(links.environment(base, "{uuid}"), "Environment", templated=True),
            "pb:environments": [
                links.link(links.environment(base, r.uuid), "Environment", r.name) for r in rows
            ],
        },
    }


def currently_deployed(
    base: str, environment: Environment, rows: Sequence[DeployedVersion], query: str = ""
) -> dict[str, Any]:
    href = links.currently_deployed(base, environment.uuid, query)
    return _deployed(href, f"Currently deployed versions for {environment.shown_name}", base, rows)


def currently_released(
    base: str, environment: Environment, rows: Sequence[ReleasedVersion], query: str = ""
) -> dict[str, Any]:
    href = links.currently_released(base, environment.uuid, query)
    return _released(href, f"Currently supported versions in {environment.shown_name}", base, rows)


def deployments_of(
    base: str, version: Version, environment: Environment, rows: Sequence[DeployedVersion]
) -> dict[str, Any]:
    """A version's deployments to one environment (the list record-deployment posts to)."""
    name, number = version.pacticipant.name, version.number
    title = f"Deployed versions for {name} version {number} in environment {environment.shown_name}"
    return _deployed(links.record_deployment(base, name, number, environment.uuid), title, base, rows)


def releases_of(
    base: str, version: Version, environment: Environment, rows: Sequence[ReleasedVersion]
) -> dict[str, Any]:
    """A version's release to one environment (the list record-release posts to)."""
    pacticipant, number = version.pacticipant, version.number
    title = f"Released versions for {pacticipant.shown_name} version {number} in {environment.shown_name}"
    href = links.record_release(base, pacticipant.name, number, environment.uuid)
    return _released(href, title, base, rows)


def _listed(key: str, items: list[dict[str, Any]], href: str, title: str) -> dict[str, Any]:
    return {"_embedded": {key: items}, "_links": {"self": links.link(href, title)}}


def _deployed(href: str, title: str, base: str, rows: Sequence[DeployedVersion]) -> dict[str, Any]:
    return _listed("deployedVersions", [deployment(base, r) for r in rows], href, title)


def _released(href: str, title: str, base: str, rows: Sequence[ReleasedVersion]) -> dict[str, Any]:
    return _listed("releasedVersions", [release(base, r) for r in rows], href, title)

"""Pacticipants."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Pacticipant
from ...services.pacticipants import Described
from .. import links
from .common import iso
from .label import embedded as label_embedded
from .version import embedded_version, environment_link

__all__ = ["described", "pacticipant", "pacticipants"]


def pacticipant(base: str, row: Pacticipant) -> dict[str, Any]:
    """The pacticipant, as a list shows it."""
    name, link = row.name, links.link
    return {
        "name": name,
        "displayName": row.shown_name,
        "mainBranch": row.main_branch,
        "repositoryUrl": row.repository_url,
        "repositoryName": row.repository_name,
        "repositoryNamespace": row.repository_namespace,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "_embedded": {"labels": [label_embedded(base, name, label) for label in row.labels]},
        "_links": {
            "self": link(links.pacticipant(base, name)),
            "pb:versions": link(links.versions(base, name)),
            "pb:branches": link(links.branches(base, name)),
            "pb:version": link(
                links.version(base, name, "{version}"),
                "Get, create or delete a pacticipant version",
                templated=True,
            ),
            "pb:version-tag": link(
                links.tag(base, name, "{version}", "{tag}"),
                f"Get, create or delete a tag for a version of {name}",
                templated=True,
            ),
            "pb:branch-version": link(
                links.branch_version(base, name, "{branch}", "{version}"),
                f"Get or add/create a version for a branch of {name}",
                templated=True,
            ),
            "pb:label": link(
                links.label(base, name, "{label}"),
                f"Get, create or delete a label for {name}",
                templated=True,
            ),
            "pb:latest-version": link(links.latest_version(base, name), "Latest version"),
            "pb:can-i-deploy-badge": link(
                links.can_i_deploy_badge(base, name, "{tag}", "{environmentTag}"),
                f"Can I Deploy {name} badge",
                templated=True,
            ),
            "pb:can-i-deploy-branch-to-environment-badge": link(
                links.can_i_deploy_branch_badge(base, name, "{branch}", "{environment}"),
                f"Can I Deploy {name} from branch to environment badge",
                templated=True,
            ),
            "curies": links.curies(base, "pacticipant"),
        },
    }


def described(base: str, described: Described) -> dict[str, Any]:
    """The pacticipant as its own resource shows it: with its latest version and current deployments."""
    out = pacticipant(base, described.pacticipant)
    if described.latest is not None:
        out["_embedded"]["latestVersion"] = embedded_version(base, described.latest)
    out["_links"]["pb:deployed-environments"] = [
        environment_link(
            links.deployed_version(base, d.uuid), "deployed", d.environment, currentlyDeployed=True
        )
        for d in described.deployed
    ]
    return out


def pacticipants(base: str, rows: Sequence[Pacticipant]) -> dict[str, Any]:
    embedded = [pacticipant(base, r) for r in rows]
    return {
        "_embedded": {"pacticipants": embedded},
        "pacticipants": embedded,
        "_links": {
            "self": links.link(links.pacticipants(base), "Pacticipants"),
            "pb:pacticipants-with-label": links.link(
                links.pacticipants_with_label(base, "{label}"), "Find pacticipants by label", templated=True
            ),
            "pacticipants": [
                links.link(links.pacticipant(base, r.name), "Pacticipant", r.name) for r in rows
            ],
        },
    }

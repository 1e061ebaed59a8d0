"""Pacticipants, their versions, branches and tags."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Branch, DeployedVersion, Environment, Pacticipant, ReleasedVersion, Tag, Version
from .. import links
from .common import iso

__all__ = [
    "branch",
    "branch_versions",
    "pacticipant",
    "pacticipants",
    "tag",
    "version",
    "versions",
]


def pacticipant(base: str, row: Pacticipant) -> dict[str, Any]:
    return {
        "name": row.name,
        "displayName": row.display_name or row.name,
        "mainBranch": row.main_branch,
        "repositoryUrl": row.repository_url,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "_links": {
            "self": links.link(links.pacticipant(base, row.name), "Pacticipant", row.name),
            "pb:versions": links.link(links.versions(base, row.name), "Versions"),
            "pb:version": links.link(
                links.versions(base, row.name) + "/{version}", "Version", templated=True
            ),
            "pb:version-tag": links.link(
                links.versions(base, row.name) + "/{version}/tags/{tag}", "Version tag", templated=True
            ),
            "pb:branch-version": links.link(
                links.pacticipant(base, row.name) + "/branches/{branch}/versions/{version}",
                "Branch version",
                templated=True,
            ),
            "pb:latest-version": links.link(links.latest_version(base, row.name), "Latest version"),
            "pb:can-i-deploy-badge": links.link(
                links.can_i_deploy(base)
                + f"?pacticipant={row.name}"
                + "&version={version}&environment={environment}",
                "Can I deploy",
                templated=True,
            ),
        },
    }


def pacticipants(base: str, rows: Sequence[Pacticipant]) -> dict[str, Any]:
    embedded = [pacticipant(base, r) for r in rows]
    return {
        "_embedded": {"pacticipants": embedded},
        "pacticipants": embedded,
        "_links": {
            "self": links.link(links.pacticipants(base), "Pacticipants"),
            "pacticipants": [
                links.link(links.pacticipant(base, r.name), "Pacticipant", r.name) for r in rows
            ],
        },
    }


def tag(base: str, row: Tag) -> dict[str, Any]:
    v = row.version
    return {
        "name": row.name,
        "createdAt": iso(row.created_at),
        "_embedded": {"version": _embedded_version(base, v)},
        "_links": {
            "self": links.link(links.tag(base, v.pacticipant.name, v.number, row.name), "Tag", row.name),
            "pb:version": links.link(links.version(base, v.pacticipant.name, v.number), "Version", v.number),
            "pb:pacticipant": links.link(
                links.pacticipant(base, v.pacticipant.name), "Pacticipant", v.pacticipant.name
            ),
        },
    }


def _embedded_version(base: str, v: Version) -> dict[str, Any]:
    return {
        "number": v.number,
        "_links": {
            "self": links.link(links.version(base, v.pacticipant.name, v.number), "Version", v.number)
        },
    }


def version(
    base: str,
    v: Version,
    environments: Sequence[Environment] = (),
    deployed: Sequence[DeployedVersion] = (),
    released: Sequence[ReleasedVersion] = (),
) -> dict[str, Any]:
    name = v.pacticipant.name
    out: dict[str, Any] = {
        "number": v.number,
        "buildUrl": v.build_url,
        "createdAt": iso(v.created_at),
        "_embedded": {
            "branchVersions": [
                {
                    "name": bv.branch.name,
                    "latest": None,
                    "_links": {
                        "self": links.link(
                            links.branch_version(base, name, bv.branch.name, v.number),
                            "Branch version",
                            bv.branch.name,
                        )
                    },
                }
                for bv in v.branch_versions
            ],
            "tags": [
                {
                    "name": t.name,
                    "_links": {"self": links.link(links.tag(base, name, v.number, t.name), "Tag", t.name)},
                }
                for t in v.tags
            ],
        },
        "_links": {
            "self": links.link(links.version(base, name, v.number), "Version", v.number),
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
            "pb:tag": links.link(
                links.version(base, name, v.number) + "/tags/{tag}",
                "Get, create or delete a tag for this pacticipant version",
                templated=True,
            ),
            "pb:record-deployment": [
                links.link(
                    links.record_deployment(base, name, v.number, e.uuid),
                    f"Record deployment to {e.display_name or e.name}",
                    e.name,
                )
                for e in environments
            ],
            "pb:record-release": [
                links.link(
                    links.record_release(base, name, v.number, e.uuid),
                    f"Record release to {e.display_name or e.name}",
                    e.name,
                )
                for e in environments
            ],
            "curies": links.curies(base, "version"),
        },
    }
    if deployed or released:
        out["_embedded"]["deployedVersions"] = [deployment(base, d) for d in deployed]
        out["_embedded"]["releasedVersions"] = [release(base, r) for r in released]
    return out


def versions(base: str, name: str, rows: Sequence[Version]) -> dict[str, Any]:
    return {
        "_embedded": {"versions": [version(base, v) for v in rows]},
        "_links": {
            "self": links.link(links.versions(base, name), "Versions"),
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
        },
    }


def branch(base: str, row: Branch) -> dict[str, Any]:
    name = row.pacticipant.name
    return {
        "name": row.name,
        "createdAt": iso(row.created_at),
        "_links": {
            "self": links.link(links.branch(base, name, row.name), "Branch", row.name),
            "pb:latest-version": links.link(
                links.branch(base, name, row.name) + "/latest-version", "Latest version"
            ),
            "pb:versions": links.link(links.branch(base, name, row.name) + "/versions", "Versions"),
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
        },
    }


def branch_versions(base: str, name: str, branch_name: str, rows: Sequence[Version]) -> dict[str, Any]:
    return {
        "_embedded": {"versions": [version(base, v) for v in rows]},
        "_links": {
            "self": links.link(links.branch(base, name, branch_name) + "/versions", "Branch versions")
        },
    }


def deployment(base: str, row: DeployedVersion) -> dict[str, Any]:
    v = row.version
    return {
        "uuid": row.uuid,
        "currentlyDeployed": row.undeployed_at is None,
        "target": row.target,
        "applicationInstance": row.target,
        "undeployedAt": iso(row.undeployed_at),
        "createdAt": iso(row.created_at),
        "_embedded": {
            "version": _embedded_version(base, v),
            "pacticipant": {
                "name": v.pacticipant.name,
                "_links": {"self": links.link(links.pacticipant(base, v.pacticipant.name))},
            },
            "environment": environment_summary(base, row.environment),
        },
        "_links": {"self": links.link(links.deployed_version(base, row.uuid), "Deployed version")},
    }


def release(base: str, row: ReleasedVersion) -> dict[str, Any]:
    v = row.version
    return {
        "uuid": row.uuid,
        "currentlySupported": row.support_ended_at is None,
        "supportEndedAt": iso(row.support_ended_at),
        "createdAt": iso(row.created_at),
        "_embedded": {
            "version": _embedded_version(base, v),
            "pacticipant": {
                "name": v.pacticipant.name,
                "_links": {"self": links.link(links.pacticipant(base, v.pacticipant.name))},
            },
            "environment": environment_summary(base, row.environment),
        },
        "_links": {"self": links.link(links.released_version(base, row.uuid), "Released version")},
    }


def environment_summary(base: str, row: Environment) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "name": row.name,
        "displayName": row.display_name or row.name,
        "production": row.production,
        "_links": {"self": links.link(links.environment(base, row.uuid), "Environment", row.name)},
    }

"""Pacticipant versions, their tags and branches."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Branch, BranchVersion, DeployedVersion, Environment, ReleasedVersion, Tag, Version
from .. import links
from .common import iso
from .deployment import deployment, release
from .pact import title

__all__ = [
    "branch",
    "branch_version",
    "branches",
    "embedded_version",
    "environment_link",
    "tag",
    "version",
    "versions",
    "versions_with_environments",
]


def embedded_version(base: str, v: Version) -> dict[str, Any]:
    return {
        "number": v.number,
        "_links": {
            "self": links.link(links.version(base, v.pacticipant.name, v.number), "Version", v.number)
        },
    }


def tag(base: str, row: Tag) -> dict[str, Any]:
    v = row.version
    name = v.pacticipant.name
    return {
        "name": row.name,
        "createdAt": iso(row.created_at),
        "_embedded": {"version": embedded_version(base, v)},
        "_links": {
            "self": links.link(links.tag(base, name, v.number, row.name), "Tag", row.name),
            "version": links.link(links.version(base, name, v.number), "Version", v.number),
            "pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
            "pb:version": links.link(links.version(base, name, v.number), "Version", v.number),
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
        },
    }


def version(
    base: str,
    v: Version,
    environments: Sequence[Environment] = (),
    deployed: Sequence[DeployedVersion] = (),
    released: Sequence[ReleasedVersion] = (),
    self_href: str | None = None,
) -> dict[str, Any]:
    """A version; `self_href` is the resource's own URL where it is reached by another (the latest
    version), as the Pact Broker's self link is."""
    name, link = v.pacticipant.name, links.link
    out: dict[str, Any] = {
        "number": v.number,
        "buildUrl": v.build_url,
        "createdAt": iso(v.created_at),
        "_embedded": {
            "branchVersions": [
                {
                    "name": bv.branch.name,
                    "latest": bv.latest,
                    "_links": {
                        "self": link(
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
                    "_links": {"self": link(links.tag(base, name, v.number, t.name), "Tag", t.name)},
                }
                for t in v.tags
            ],
        },
        "_links": {
            "self": link(self_href or links.version(base, name, v.number), "Version", v.number),
            "pb:pacticipant": link(links.pacticipant(base, name), "Pacticipant", name),
            "pb:tag": link(
                links.tag(base, name, v.number, "{tag}"),
                "Get, create or delete a tag for this pacticipant version",
                templated=True,
            ),
            "pb:latest-verification-results-where-pacticipant-is-consumer": link(
                links.latest_verifications_for_consumer_version(base, name, v.number),
                "Latest verification results for consumer version",
            ),
            "pb:pact-versions": [
                link(links.pact(base, p.provider.name, name, v.number), "Pact", title(p))
                for p in sorted(v.pact_publications, key=lambda p: p.provider.name.lower())
            ],
            "pb:record-deployment": [
                link(
                    links.record_deployment(base, name, v.number, e.uuid),
                    f"Record deployment to {e.shown_name}",
                    e.name,
                )
                for e in environments
            ],
            "pb:record-release": [
                link(
                    links.record_release(base, name, v.number, e.uuid),
                    f"Record release to {e.shown_name}",
                    e.name,
                )
                for e in environments
            ],
            "pb:provider-contract": link(
                links.provider_contract(base, name, v.number),
                "The provider contract this version published, if any (bi-directional)",
            ),
            "curies": links.curies(base, "version"),
        },
    }
    if deployed or released:  # the current ones embedded, every one linked
        out["_embedded"]["deployedVersions"] = [
            deployment(base, d) for d in deployed if d.undeployed_at is None
        ]
        out["_embedded"]["releasedVersions"] = [
            release(base, r) for r in released if r.support_ended_at is None
        ]
        _link_environments(base, out, deployed, released)
    return out


def versions(
    base: str,
    name: str,
    self_href: str,
    title: str,
    rows: Sequence[Version],
    deployed: Sequence[DeployedVersion] = (),
    released: Sequence[ReleasedVersion] = (),
) -> dict[str, Any]:
    """A page of a pacticipant's versions (all, or a branch's), as the Pact Broker's versions decorator:
    each version with links to its deployments and releases."""
    body = versions_with_environments(base, self_href, rows, deployed, released)
    body["_links"]["self"] = links.link(self_href, title)
    body["_links"].update(
        {
            "pb:pacticipant": links.link(links.pacticipant(base, name), name),
            "pb:versions": [
                links.link(
                    links.version(base, name, v.number), f"Version {v.number} - {v.created_at:%d/%m/%Y}"
                )
                for v in rows
            ],
            "pacticipant": links.link(
                links.pacticipant(base, name), "Deprecated - please use pb:pacticipant"
            ),
            "versions": [
                links.link(links.version(base, name, v.number), "Deprecated - please use pb:versions")
                for v in rows
            ],
        }
    )
    return body


def environment_link(href: str, verb: str, environment: Environment, **state: Any) -> dict[str, Any]:
    """A link to a deployment or release of a version (`Version deployed to Production`)."""
    name = environment.shown_name
    return {**links.link(href, f"Version {verb} to {name}", name), **state}


def _link_environments(
    base: str, out: dict[str, Any], deployed: Sequence[DeployedVersion], released: Sequence[ReleasedVersion]
) -> None:
    """Link a version's deployments and releases (`pb:deployed-environments`, `pb:released-environments`)."""
    if deployed:
        out["_links"]["pb:deployed-environments"] = [
            environment_link(
                links.deployed_version(base, d.uuid),
                "deployed",
                d.environment,
                currentlyDeployed=d.undeployed_at is None,
                **({"applicationInstance": d.target} if d.target is not None else {}),
            )
            for d in deployed
        ]
    if released:
        out["_links"]["pb:released-environments"] = [
            environment_link(
                links.released_version(base, r.uuid),
                "released",
                r.environment,
                currentlySupported=r.support_ended_at is None,
            )
            for r in released
        ]


def versions_with_environments(
    base: str,
    self_href: str,
    rows: Sequence[Version],
    deployed: Sequence[DeployedVersion],
    released: Sequence[ReleasedVersion],
) -> dict[str, Any]:
    """Versions, each with links to its deployments and releases."""
    embedded = []
    for v in rows:
        out = version(base, v)
        _link_environments(
            base,
            out,
            [d for d in deployed if d.version_id == v.id],
            [r for r in released if r.version_id == v.id],
        )
        embedded.append(out)
    return {"_embedded": {"versions": embedded}, "_links": {"self": links.link(self_href, "Versions")}}


def branches(base: str, name: str, rows: Sequence[Branch]) -> dict[str, Any]:
    return {
        "_embedded": {"branches": [branch(base, b) for b in rows]},
        "_links": {
            "self": links.link(links.branches(base, name), f"{name} branches"),
            "pb:branches": [links.link(links.branch(base, name, b.name), None, b.name) for b in rows],
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
                links.branch_latest_version(base, name, row.name), "Latest version for branch"
            ),
            "pb:versions": links.link(links.branch_versions(base, name, row.name), "Versions"),
            "pb:pacticipant": links.link(links.pacticipant(base, name), "Pacticipant", name),
        },
    }


def branch_version(base: str, row: BranchVersion) -> dict[str, Any]:
    """A version's place on a branch."""
    name, branch_name, number = row.branch.pacticipant.name, row.branch.name, row.version.number
    return {
        "createdAt": iso(row.created_at),
        "_links": {
            "self": links.link(links.branch_version(base, name, branch_name, number), "Branch version"),
            "pb:branch": links.link(links.branch(base, name, branch_name), "Branch", branch_name),
            "pb:version": links.link(links.version(base, name, number), "Version", number),
        },
    }

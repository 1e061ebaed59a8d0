"""Pacticipants."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...db.models import Pacticipant
from .. import links
from .common import iso
from .label import embedded

__all__ = ["pacticipant", "pacticipants"]


def pacticipant(base: str, row: Pacticipant) -> dict[str, Any]:
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
        "_embedded": {"labels": [embedded(base, name, label) for label in row.labels]},
        "_links": {
            "self": link(links.pacticipant(base, name), "Pacticipant", name),
            "pb:versions": link(links.versions(base, name), "Versions"),
            "pb:branches": link(links.branches(base, name), "Branches"),
            "pb:version": link(links.version(base, name, "{version}"), "Version", templated=True),
            "pb:version-tag": link(
                links.tag(base, name, "{version}", "{tag}"), "Version tag", templated=True
            ),
            "pb:branch-version": link(
                links.branch_version(base, name, "{branch}", "{version}"), "Branch version", templated=True
            ),
            "pb:label": link(
                links.label(base, name, "{label}"),
                f"Get, create or delete a label for {name}",
                templated=True,
            ),
            "pb:latest-version": link(links.latest_version(base, name), "Latest version"),
            "pb:can-i-deploy-badge": link(
                links.can_i_deploy_to(base, name, "{version}", environment="{environment}"),
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
            "pb:pacticipants-with-label": links.link(
                links.pacticipants_with_label(base, "{label}"), "Find pacticipants by label", templated=True
            ),
            "pacticipants": [
                links.link(links.pacticipant(base, r.name), "Pacticipant", r.name) for r in rows
            ],
        },
    }

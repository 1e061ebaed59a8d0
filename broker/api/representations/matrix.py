"""The matrix (and can-i-deploy): summary, notices and the rows that decided."""

from __future__ import annotations

from typing import Any

from ...db.models import Version
from ...services.matrix import MatrixResult, Row
from .. import links
from .common import iso

__all__ = ["matrix"]


def _version(base: str, v: Version) -> dict[str, Any]:
    name = v.pacticipant.name
    return {
        "number": v.number,
        "branch": v.branch_versions[-1].branch.name if v.branch_versions else None,
        "branches": [{"name": bv.branch.name} for bv in v.branch_versions],
        "tags": [
            {"name": t.name, "_links": {"self": links.link(links.tag(base, name, v.number, t.name))}}
            for t in v.tags
        ],
        "_links": {"self": links.link(links.version(base, name, v.number))},
    }


def _row(base: str, row: Row, versions: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """One row; `versions` holds each version's representation once made (a version is in many rows)."""
    cv, pact_version = row.consumer_version, row.publication.pact_version
    consumer, provider = cv.pacticipant.name, row.provider.name
    for v in (cv, row.provider_version):
        if v is not None and v.id not in versions:
            versions[v.id] = _version(base, v)
    out: dict[str, Any] = {
        "consumer": {
            "name": consumer,
            "version": versions[cv.id],
            "_links": {"self": links.link(links.pacticipant(base, consumer))},
        },
        "provider": {
            "name": provider,
            "version": versions[row.provider_version.id] if row.provider_version else None,
            "_links": {"self": links.link(links.pacticipant(base, provider))},
        },
        "pact": {
            "createdAt": iso(row.publication.created_at),
            "_links": {"self": links.link(links.pact(base, provider, consumer, cv.number))},
        },
        "verificationResult": None,
    }
    if row.verification is not None:
        out["verificationResult"] = {
            "success": row.verification.success,
            "verifiedAt": iso(row.verification.created_at),
            "_links": {
                "self": links.link(
                    links.verification(base, provider, consumer, pact_version.sha, row.verification.number)
                )
            },
        }
    if row.ignored:
        out["ignored"] = True
    return out


def matrix(base: str, result: MatrixResult) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "deployable": result.deployable,
        "reason": "\n".join(result.reasons),
        "success": result.success,
        "failed": result.failed,
        "unknown": result.unknown,
    }
    if result.ignored:
        summary["ignored"] = result.ignored
    versions: dict[int, dict[str, Any]] = {}
    return {
        "summary": summary,
        "notices": result.notices,
        "matrix": [_row(base, r, versions) for r in result.rows],
    }

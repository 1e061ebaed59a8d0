"""The matrix (and can-i-deploy): summary, notices and the rows that decided."""

from __future__ import annotations

from typing import Any

from ...repositories.matrix_rows import VersionDetails, VersionRef
from ...services.bidirectional import BidirectionalResult
from ...services.matrix import MatrixResult, Row
from .. import links
from .common import iso

__all__ = ["matrix"]


def _version(base: str, name: str, v: VersionRef, details: VersionDetails) -> dict[str, Any]:
    return {
        "number": v.number,
        "branch": details.branches[-1] if details.branches else None,
        "branches": [{"name": branch} for branch in details.branches],
        "tags": [
            {"name": tag, "_links": {"self": links.link(links.tag(base, name, v.number, tag))}}
            for tag in details.tags
        ],
        "_links": {"self": links.link(links.version(base, name, v.number))},
    }


def _row(base: str, row: Row, result: MatrixResult, versions: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """One row; `versions` holds each version's representation once made (a version is in many rows)."""
    cv, pact = row.consumer_version, row.pact
    consumer, provider = row.consumer.name, row.provider.name
    for name, v in ((consumer, cv), (provider, row.provider_version)):
        if v is not None and v.id not in versions:
            versions[v.id] = _version(base, name, v, result.versions[v.id])
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
            "createdAt": iso(pact.created_at),
            "_links": {"self": links.link(links.pact(base, provider, consumer, cv.number))},
        },
        "verificationResult": None,
    }
    if isinstance(row.verification, BidirectionalResult):
        number = row.verification.provider_version.number
        out["verificationResult"] = {
            "success": row.verification.success,
            "verifiedAt": iso(row.verification.created_at),
            "bidirectional": {
                "compatible": row.verification.compatible,
                "selfVerificationSuccess": row.verification.self_verified,
                "verifier": row.verification.verifier,
            },
            "_links": {"self": links.link(links.comparison(base, provider, number, consumer, pact.sha))},
        }
    elif row.verification is not None:
        out["verificationResult"] = {
            "success": row.verification.success,
            "verifiedAt": iso(row.verification.created_at),
            "_links": {
                "self": links.link(
                    links.verification(base, provider, consumer, pact.sha, row.verification.number)
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
        "matrix": [_row(base, r, result, versions) for r in result.rows],
    }

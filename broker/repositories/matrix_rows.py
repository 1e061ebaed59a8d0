"""The matrix's queries: plain column tuples, not ORM objects.

A matrix of one integration touches thousands of publications and verifications; building an ORM
object (with its joined relationships) for each was most of the time of an answer. These queries
select only the columns the matrix decides and represents with, in one round trip each.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import false, func, or_, select
from sqlalchemy.orm import Session

from ..db.models import (
    Branch,
    BranchVersion,
    ContractComparison,
    PactPublication,
    PactVersion,
    ProviderContract,
    Tag,
    Verification,
    Version,
)

__all__ = [
    "ComparisonRef",
    "PactRef",
    "VerificationRef",
    "VersionDetails",
    "VersionRef",
    "comparisons",
    "publications",
    "verifications",
    "version_details",
]


class VersionRef(NamedTuple):
    id: int
    number: str
    created_at: datetime


class PactRef(NamedTuple):
    """A consumer version's pact with one provider."""

    consumer_id: int
    consumer_version: VersionRef
    provider_id: int
    pact_version_id: int
    sha: str
    created_at: datetime


class VerificationRef(NamedTuple):
    id: int
    pact_version_id: int
    provider_version: VersionRef
    number: int
    success: bool
    created_at: datetime


class ComparisonRef(NamedTuple):
    """A pact content compared with a provider version's newest contract, and that contract's
    self-verification result (as published: a mapping with `success`, or None)."""

    id: int
    pact_version_id: int
    provider_version: VersionRef
    compatible: bool
    checked: int
    report: dict
    self_verification: dict | None
    created_at: datetime


class VersionDetails(NamedTuple):
    tags: list[str]
    branches: list[str]  # oldest first


def _version_filter(
    column_ids, column_pacticipant, version_ids: Collection[int], any_version_of: Collection[int]
):
    clauses = []
    if version_ids:
        clauses.append(column_ids.in_(list(version_ids)))
    if any_version_of:
        clauses.append(column_pacticipant.in_(list(any_version_of)))
    return or_(*clauses) if clauses else false()


def publications(
    session: Session,
    provider_ids: Collection[int],
    *,
    version_ids: Collection[int],
    any_version_of: Collection[int],
    limit: int | None,
) -> list[PactRef]:
    """The pacts with these providers of these consumer versions or of any version of these
    consumers; the `limit` most recent (by consumer version)."""
    query = (
        select(
            Version.pacticipant_id,
            Version.id,
            Version.number,
            Version.created_at,
            PactPublication.provider_id,
            PactPublication.pact_version_id,
            PactVersion.sha,
            PactPublication.created_at,
        )
        .join(Version, Version.id == PactPublication.consumer_version_id)
        .join(PactVersion, PactVersion.id == PactPublication.pact_version_id)
        .where(PactPublication.provider_id.in_(list(provider_ids)))
        .where(_version_filter(Version.id, Version.pacticipant_id, version_ids, any_version_of))
        .order_by(Version.id.desc(), PactPublication.provider_id)
    )
    if limit is not None:
        query = query.limit(limit)
    found = [
        PactRef(consumer_id, VersionRef(vid, number, created), provider_id, pvid, sha, published)
        for consumer_id, vid, number, created, provider_id, pvid, sha, published in session.execute(query)
    ]
    found.reverse()  # oldest first, as the matrix lists them
    return found


def verifications(
    session: Session,
    pact_version_ids: Iterable[int],
    *,
    version_ids: Collection[int],
    any_version_of: Collection[int],
) -> list[VerificationRef]:
    """Verifications of these pact contents by these provider versions or by any version of these
    providers, oldest first."""
    query = (
        select(
            Verification.id,
            Verification.pact_version_id,
            Version.id,
            Version.number,
            Version.created_at,
            Verification.number,
            Verification.success,
            Verification.created_at,
        )
        .join(Version, Version.id == Verification.provider_version_id)
        .where(Verification.pact_version_id.in_(list(pact_version_ids)))
        .where(_version_filter(Version.id, Version.pacticipant_id, version_ids, any_version_of))
        .order_by(Verification.id)
    )
    return [
        VerificationRef(id_, pvid, VersionRef(vid, vnumber, vcreated), number, success, created)
        for id_, pvid, vid, vnumber, vcreated, number, success, created in session.execute(query)
    ]


def version_details(session: Session, version_ids: Collection[int]) -> dict[int, VersionDetails]:
    """The tags and branches of these versions (two queries)."""
    details = {vid: VersionDetails([], []) for vid in version_ids}
    if not details:
        return details
    ids = list(details)
    for vid, name in session.execute(
        select(Tag.version_id, Tag.name).where(Tag.version_id.in_(ids)).order_by(Tag.id)
    ):
        details[vid].tags.append(name)
    branches = (
        select(BranchVersion.version_id, Branch.name)
        .join(Branch, Branch.id == BranchVersion.branch_id)
        .where(BranchVersion.version_id.in_(ids))
        .order_by(BranchVersion.id)
    )
    for vid, name in session.execute(branches):
        details[vid].branches.append(name)
    return details


def comparisons(
    session: Session,
    pact_version_ids: Iterable[int],
    *,
    version_ids: Collection[int],
    any_version_of: Collection[int],
    limit: int | None = None,
) -> list[ComparisonRef]:
    """Comparisons of these pact contents with the newest contract of these provider versions or of
    any version of these providers, oldest first; with `limit`, only the `limit` newest, newest first."""
    newest = select(func.max(ProviderContract.id)).group_by(ProviderContract.version_id)
    query = (
        select(
            ContractComparison.id,
            ContractComparison.pact_version_id,
            Version.id,
            Version.number,
            Version.created_at,
            ContractComparison.compatible,
            ContractComparison.checked,
            ContractComparison.report,
            ProviderContract.self_verification,
            ContractComparison.created_at,
        )
        .join(ProviderContract, ProviderContract.id == ContractComparison.provider_contract_id)
        .join(Version, Version.id == ContractComparison.provider_version_id)
        .where(ContractComparison.pact_version_id.in_(list(pact_version_ids)))
        .where(ContractComparison.provider_contract_id.in_(newest))
        .where(_version_filter(Version.id, Version.pacticipant_id, version_ids, any_version_of))
        .order_by(ContractComparison.id)
    )
    if limit is not None:
        query = query.order_by(None).order_by(ContractComparison.id.desc()).limit(limit)
    return [
        ComparisonRef(id_, pvid, VersionRef(vid, number, vcreated), compatible, checked, report, own, created)
        for id_, pvid, vid, number, vcreated, compatible, checked, report, own, created in session.execute(
            query
        )
    ]

"""Queries over provider contracts: a provider version's newest contract is the one that counts."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from ..db.models import ProviderContract, Version

__all__ = ["latest_by_version", "latest_for_version", "latest_of_providers"]


def _newest_ids():
    return select(func.max(ProviderContract.id)).group_by(ProviderContract.version_id)


def latest_for_version(session: Session, version_id: int) -> ProviderContract | None:
    return session.scalar(
        select(ProviderContract)
        .where(ProviderContract.version_id == version_id)
        .order_by(ProviderContract.id.desc())
        .limit(1)
    )


def latest_by_version(session: Session, version_ids: Iterable[int]) -> dict[int, ProviderContract]:
    """The newest contract of each of these versions that has one, by version id."""
    ids = list(version_ids)
    if not ids:
        return {}
    query = select(ProviderContract).where(
        ProviderContract.version_id.in_(ids), ProviderContract.id.in_(_newest_ids())
    )
    return {row.version_id: row for row in session.scalars(query)}


_OF_PROVIDERS = (  # built once: asked after every publication
    select(Version.pacticipant_id, ProviderContract)
    .join(Version, Version.id == ProviderContract.version_id)
    .where(
        Version.pacticipant_id.in_(bindparam("provider_ids", expanding=True)),
        ProviderContract.id.in_(_newest_ids()),
    )
    .order_by(ProviderContract.version_id)
)


def latest_of_providers(session: Session, provider_ids: Iterable[int]) -> dict[int, list[ProviderContract]]:
    """The newest contract of every version of these providers that published one, oldest version
    first, by provider id (one query; none at all for most providers)."""
    found: dict[int, list[ProviderContract]] = {}
    for provider_id, contract in session.execute(_OF_PROVIDERS, {"provider_ids": list(provider_ids)}):
        found.setdefault(provider_id, []).append(contract)
    return found

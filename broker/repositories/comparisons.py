"""Queries over contract comparisons (a pact version against a provider contract)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from ..db.models import ContractComparison, PactVersion
from . import rows

__all__ = ["for_contracts", "insert", "of_contract", "of_pact_version", "pact_versions_of_provider", "pair"]


def insert(session: Session, **values: Any) -> bool:
    """Store a comparison unless this pair was compared already (the unique key decides, not a read)."""
    return rows.insert_missing(
        session, ContractComparison, ("pact_version_id", "provider_contract_id"), **values
    )


def pair(session: Session, pact_version_id: int, provider_contract_id: int) -> ContractComparison | None:
    return session.scalar(
        select(ContractComparison).where(
            ContractComparison.pact_version_id == pact_version_id,
            ContractComparison.provider_contract_id == provider_contract_id,
        )
    )


def for_contracts(
    session: Session, pact_version_ids: Iterable[int], provider_contract_ids: Iterable[int]
) -> Sequence[ContractComparison]:
    return session.scalars(
        select(ContractComparison).where(
            ContractComparison.pact_version_id.in_(list(pact_version_ids)),
            ContractComparison.provider_contract_id.in_(list(provider_contract_ids)),
        )
    ).all()


def of_contract(session: Session, provider_contract_id: int) -> Sequence[ContractComparison]:
    return session.scalars(
        select(ContractComparison)
        .where(ContractComparison.provider_contract_id == provider_contract_id)
        .order_by(ContractComparison.pact_version_id)
    ).all()


def of_pact_version(session: Session, pact_version_id: int) -> Sequence[ContractComparison]:
    return session.scalars(
        select(ContractComparison)
        .where(ContractComparison.pact_version_id == pact_version_id)
        .order_by(ContractComparison.provider_version_id)
    ).all()


def pact_versions_of_provider(session: Session, provider_id: int) -> Sequence[PactVersion]:
    """Every distinct pact content a consumer published for this provider, content loaded (one query)."""
    return session.scalars(
        select(PactVersion)
        .options(undefer(PactVersion.content))
        .where(PactVersion.provider_id == provider_id)
        .order_by(PactVersion.id)
    ).all()

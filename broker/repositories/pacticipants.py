"""Queries over pacticipants."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import bindparam, select, union, update
from sqlalchemy.orm import Session

from ..db.models import Pacticipant, PactPublication, PactVersion
from . import rows

__all__ = [
    "all_names",
    "by_ids",
    "by_name",
    "by_names",
    "consumer_ids_of",
    "ensure",
    "insert",
    "integrated_ids",
    "main_branches",
    "provider_ids_of",
    "set_main_branch_if_unset",
]


def by_name(session: Session, name: str) -> Pacticipant | None:
    return session.scalar(select(Pacticipant).where(Pacticipant.name == name))


def by_names(session: Session, names: Sequence[str]) -> dict[str, Pacticipant]:
    rows = session.scalars(select(Pacticipant).where(Pacticipant.name.in_(list(names))))
    return {p.name: p for p in rows}


def by_ids(session: Session, ids: Iterable[int]) -> Sequence[Pacticipant]:
    ids = list(ids)
    return session.scalars(select(Pacticipant).where(Pacticipant.id.in_(ids))).all() if ids else []


def all_names(session: Session) -> list[str]:
    return list(session.scalars(select(Pacticipant.name).order_by(Pacticipant.name)))


def set_main_branch_if_unset(session: Session, pacticipant_id: int, branch: str) -> None:
    """One conditional UPDATE, so concurrent first publications agree on the first branch seen."""
    session.execute(
        update(Pacticipant)
        .where(Pacticipant.id == pacticipant_id, Pacticipant.main_branch.is_(None))
        .values(main_branch=branch)
    )


def ensure(session: Session, name: str) -> tuple[Pacticipant, bool]:
    """The pacticipant with this name, created if missing (also when created at the same moment
    elsewhere), and whether this call created it."""
    created = insert(session, name)
    return by_name(session, name), created  # type: ignore[return-value]


def insert(session: Session, name: str) -> bool:
    """Create the pacticipant unless it exists; True when this call created it."""
    return rows.insert_missing(session, Pacticipant, ("name",), name=name)


_MAIN_BRANCHES = select(Pacticipant.name, Pacticipant.id, Pacticipant.main_branch).where(
    Pacticipant.name.in_(bindparam("names", expanding=True))
)


def main_branches(session: Session, names: Iterable[str]) -> dict[str, tuple[int, str | None]]:
    """The id and main branch of each of these pacticipants that exists, by name (one query built
    once, no ORM objects: what a publication needs of them)."""
    found = session.execute(_MAIN_BRANCHES, {"names": list(names)})
    return {name: (id_, main) for name, id_, main in found}


def integrated_ids(session: Session, pacticipant_id: int, version_ids: Iterable[int] | None) -> set[int]:
    """The providers these versions (None: any version) have pacts with, and every consumer with pacts
    for this pacticipant."""
    if version_ids is None:
        providers = select(PactVersion.provider_id).where(PactVersion.consumer_id == pacticipant_id)
    else:
        providers = select(PactPublication.provider_id).where(
            PactPublication.consumer_version_id.in_(list(version_ids))
        )
    consumers = select(PactVersion.consumer_id).where(PactVersion.provider_id == pacticipant_id)
    return set(session.scalars(union(providers, consumers))) - {pacticipant_id}


def consumer_ids_of(session: Session, provider_id: int) -> list[int]:
    """Every pacticipant that has published a pact with this provider."""
    query = select(PactVersion.consumer_id).where(PactVersion.provider_id == provider_id).distinct()
    return list(session.scalars(query))


def provider_ids_of(session: Session, consumer_id: int) -> list[int]:
    """Every pacticipant this consumer has published a pact with."""
    query = select(PactVersion.provider_id).where(PactVersion.consumer_id == consumer_id).distinct()
    return list(session.scalars(query))

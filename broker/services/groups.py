"""Groups: every integration connected to a pacticipant, directly or through others (the Pact
Broker's `/groups/{pacticipant}`, which its network diagram reads as CSV), and every integration
(`/relationships`, the same CSV for the whole broker)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.engine import Database
from ..db.models import Pacticipant, PactVersion
from .pacticipants import require_pacticipant

__all__ = ["GroupService"]


class GroupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def csv(self, name: str, max_pacticipants: int | None = None) -> str:
        """The CSV lines (`_as_csv`) of the integrations connected to `name`. The search widens one
        step at a time and stops once `max_pacticipants` are reached."""
        with self.db.reading() as session:
            start = require_pacticipant(session, name).id
            first_seen = func.min(PactVersion.id)
            pairs = [
                (consumer, provider)
                for consumer, provider, _ in session.execute(
                    select(PactVersion.consumer_id, PactVersion.provider_id, first_seen)
                    .group_by(PactVersion.consumer_id, PactVersion.provider_id)
                    .order_by(first_seen)
                )
            ]
            chosen = _connected(pairs, start, max_pacticipants)
            return _as_csv(session, chosen)

    def relationships(self) -> str:
        """Every integration with a pact as the same CSV lines, in the Pact Broker's order of its
        latest pacts: by consumer name, then provider name, without case."""
        consumer, provider = aliased(Pacticipant), aliased(Pacticipant)
        with self.db.reading() as session:
            pairs = session.execute(
                select(PactVersion.consumer_id, PactVersion.provider_id)
                .join(consumer, consumer.id == PactVersion.consumer_id)
                .join(provider, provider.id == PactVersion.provider_id)
                .group_by(PactVersion.consumer_id, PactVersion.provider_id, consumer.name, provider.name)
                .order_by(func.lower(consumer.name), func.lower(provider.name))
            ).all()
            return _as_csv(session, [(c, p) for c, p in pairs])


def _as_csv(session: Session, pairs: list[tuple[int, int]]) -> str:
    """One line per pacticipant of `pairs`, in the order first met: id, name, 1, 1, 0, its position,
    then the ids of the providers it has pacts with, padded with 0 to one width."""
    ids = {i for pair in pairs for i in pair}
    names = dict(
        session.execute(select(Pacticipant.id, Pacticipant.name).where(Pacticipant.id.in_(ids))).all()
    )
    lines: dict[int, list] = {}
    for consumer, provider in pairs:
        for pacticipant in (consumer, provider):
            lines.setdefault(pacticipant, [pacticipant, names[pacticipant], 1, 1, 0, len(lines) + 1])
        lines[consumer].append(provider)
    width = max((len(line) for line in lines.values()), default=0)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for line in lines.values():
        writer.writerow(line + [0] * (width - len(line)))
    return out.getvalue()


def _connected(pairs: list[tuple[int, int]], start: int, limit: int | None) -> list[tuple[int, int]]:
    """The pairs reachable from `start`, widening one step at a time (in the order of `pairs`)."""
    chosen: list[tuple[int, int]] = []
    connected, frontier = {start}, {start}
    while frontier:
        found = [p for p in pairs if p not in chosen and (p[0] in frontier or p[1] in frontier)]
        chosen += found
        reached = {i for pair in found for i in pair}
        frontier = reached - connected
        connected |= reached
        if limit is not None and len(connected) >= limit:
            break
    return [p for p in pairs if p in chosen]

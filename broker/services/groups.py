"""Groups: every integration connected to a pacticipant, directly or through others (the Pact
Broker's `/groups/{pacticipant}`, which its network diagram reads as CSV)."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Pacticipant, PactVersion
from .pacticipants import require_pacticipant

__all__ = ["GroupService"]


class GroupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def csv(self, name: str, max_pacticipants: int | None = None) -> str:
        """One line per pacticipant of the group, in the order first met: id, name, 1, 1, 0, its
        position, then the ids of the providers it has pacts with, padded with 0 to one width.
        The search widens one step at a time and stops once `max_pacticipants` are reached."""
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
            ids = {i for pair in chosen for i in pair}
            query = select(Pacticipant.id, Pacticipant.name).where(Pacticipant.id.in_(ids))
            names = dict(session.execute(query).all())
        lines: dict[int, list] = {}
        for consumer, provider in chosen:
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

"""Labels of pacticipants: add, read and remove one, list the names, find the pacticipants with one."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Label, Pacticipant
from ..errors import NotFound
from ..repositories import labels as labels_repo
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import rows
from ..repositories.paging import Page, Paged, paged
from .pacticipants import ensure_pacticipant
from .transactions import write

__all__ = ["LabelService"]


def _require(session: Session, pacticipant: str, name: str) -> Label:
    row = pacticipants_repo.by_name(session, pacticipant)
    label = labels_repo.by_name(session, row.id, name) if row else None
    if label is None:
        raise NotFound(f"No label {name} on pacticipant {pacticipant} found")
    return label


class LabelService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, pacticipant: str, name: str) -> Label:
        with self.db.reading() as session:
            return _require(session, pacticipant, name)

    def add(self, pacticipant: str, name: str) -> tuple[Label, bool]:
        """Label the pacticipant (created when missing, as the Pact Broker does); True when this call
        added the label. Adding and removing labels of one pacticipant queue on its row, so a removal
        cannot come between the insert and the read of the label."""

        def work(session: Session) -> tuple[Label, bool]:
            pacticipant_id = ensure_pacticipant(session, pacticipant).id
            rows.lock(session, Pacticipant, pacticipant_id)
            return labels_repo.ensure(session, pacticipant_id, name)

        return write(self.db, work)

    def remove(self, pacticipant: str, name: str) -> None:
        def work(session: Session) -> None:
            row = pacticipants_repo.by_name(session, pacticipant)
            if row is not None:
                rows.lock(session, Pacticipant, row.id)
            if row is None or not labels_repo.remove(session, row.id, name):
                raise NotFound(f"No label {name} on pacticipant {pacticipant} found")

        write(self.db, work)

    def names(self, page: Page | None = None) -> Paged:
        """Every distinct label name, in order."""
        with self.db.reading() as session:
            result = paged(session, labels_repo.names(), page, tuples=True)
            return Paged([name for (name,) in result.rows], result.page, result.total)

    def pacticipants_with(self, name: str, page: Page | None = None) -> Paged:
        with self.db.reading() as session:
            return paged(session, labels_repo.pacticipants_with(name), page)

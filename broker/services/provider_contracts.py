"""Provider contracts: a provider version's own OpenAPI document and its self-verification result."""

from __future__ import annotations

import base64
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ProviderContract, Version
from ..errors import Invalid, NotFound
from ..repositories import rows
from .pacticipants import ensure_pacticipant, ensure_version, require_version
from .transactions import write

__all__ = ["ProviderContractService"]


def _decode(value: str, field: str) -> str:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), not ASCII, or not UTF-8 (UnicodeDecodeError)
        raise Invalid("Validation errors", {field: ["must be base64-encoded UTF-8 text"]}) from None


def _view(row: ProviderContract, provider: str, number: str) -> dict[str, Any]:
    return {
        "provider": provider,
        "version": number,
        "specification": row.specification,
        "contentType": row.content_type,
        "content": row.content,
        "selfVerificationResults": row.self_verification,
        "createdAt": row.created_at,  # a datetime: the representation writes it as RFC 3339
    }


class ProviderContractService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def publish(self, provider: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Store the contract of `provider` version `pacticipantVersionNumber` (created with its branch and
        tags when missing). Returns (stored view, whether this version had no contract before)."""
        contract = body["contract"]
        content = _decode(contract["content"], "contract.content")
        results = contract.get("selfVerificationResults")
        if results is not None and results.get("content") is not None:
            results = {
                **results,
                "content": _decode(results["content"], "contract.selfVerificationResults.content"),
            }
        number = body["pacticipantVersionNumber"]

        def work(session: Session) -> tuple[dict[str, Any], bool]:
            version = ensure_version(
                session,
                ensure_pacticipant(session, provider),
                number,
                build_url=body.get("buildUrl"),
                branch=body.get("branch"),
                tags=body.get("tags") or (),
            )
            rows.lock(session, Version, version.id)  # concurrent publications agree which was first
            first = (
                session.scalar(select(ProviderContract.id).where(ProviderContract.version_id == version.id))
                is None
            )
            row = ProviderContract(
                version_id=version.id,
                specification=contract.get("specification") or "oas",
                content_type=contract.get("contentType") or "application/json",
                content=content,
                self_verification=results,
            )
            session.add(row)
            session.flush()
            return _view(row, provider, number), first

        return write(self.db, work)

    def latest(self, provider: str, number: str) -> dict[str, Any]:
        with self.db.reading() as session:
            version = require_version(session, provider, number)
            row = session.scalars(
                select(ProviderContract)
                .where(ProviderContract.version_id == version.id)
                .order_by(ProviderContract.id.desc())
                .limit(1)
            ).first()
            if row is None:
                raise NotFound(f"No provider contract for version {number} of {provider}")
            return _view(row, provider, number)

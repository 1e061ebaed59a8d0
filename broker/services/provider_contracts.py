"""Provider contracts: a provider version's own OpenAPI or AsyncAPI document and its self-verification
result. A contract is checked when published (a comparison is only made with a valid one), and then
compared with every pact of its provider (see `comparisons`)."""

from __future__ import annotations

import base64
from typing import Any

from accord.contracts import ContractError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ProviderContract, Version
from ..errors import Invalid, NotFound
from ..repositories import rows
from .comparisons import ComparisonService
from .compatibility import load_contract_text
from .pacticipants import ensure_pacticipant, ensure_version, require_version
from .transactions import write

__all__ = ["SPECIFICATIONS", "ProviderContractService"]

SPECIFICATIONS = {"oas": "openapi", "asyncapi": "asyncapi"}  # `specification` -> the document's kind


def _decode(value: str, field: str) -> str:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except ValueError:  # not base64 (binascii.Error), not ASCII, or not UTF-8 (UnicodeDecodeError)
        raise Invalid("Validation errors", {field: ["must be base64-encoded UTF-8 text"]}) from None


def _check(content: str, content_type: str, specification: str) -> None:
    """400 unless the document is a valid contract of the kind `specification` names."""
    kind = SPECIFICATIONS.get(specification)
    if kind is None:
        raise Invalid(
            f"contract.specification must be one of {', '.join(SPECIFICATIONS)}",
            {"contract.specification": [f"must be one of {', '.join(SPECIFICATIONS)}"]},
        )
    try:
        contract = load_contract_text(content, content_type)
    except ContractError as exc:
        raise Invalid(f"contract.content: {exc}", {"contract.content": [str(exc)]}) from None
    if contract.kind != kind:
        text = f"is {contract.kind}, but contract.specification is {specification}"
        raise Invalid(f"contract.content {text}", {"contract.content": [text]})


def _view(row: ProviderContract, provider: str, number: str) -> dict[str, Any]:
    return {
        "id": row.id,
        "provider": provider,
        "version": number,
        "specification": row.specification,
        "contentType": row.content_type,
        "content": row.content,
        "selfVerificationResults": row.self_verification,
        "createdAt": row.created_at,  # a datetime: the representation writes it as RFC 3339
    }


class ProviderContractService:
    def __init__(self, db: Database, comparisons: ComparisonService) -> None:
        self.db = db
        self.comparisons = comparisons

    def publish(self, provider: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Store the contract of `provider` version `pacticipantVersionNumber` (created with its branch and
        tags when missing), then compare it with every pact of the provider. Returns (stored view, whether
        this version had no contract before); the view's `comparisons` counts the pacts compared."""
        contract = body["contract"]
        content = _decode(contract["content"], "contract.content")
        specification = contract.get("specification") or "oas"
        content_type = contract.get("contentType") or "application/json"
        _check(content, content_type, specification)
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
                specification=specification,
                content_type=content_type,
                content=content,
                self_verification=results,
            )
            session.add(row)
            session.flush()
            return _view(row, provider, number), first

        view, first = write(self.db, work)
        view["comparisons"] = self.comparisons.after_contract(view["id"])
        return view, first

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

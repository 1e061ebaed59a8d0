"""Bi-directional comparisons: run when either side is published, stored once per pair, read back.

A provider contract published: every distinct pact content its consumers published for that provider
is compared with it. A pact published: its content is compared with the newest contract of every
provider version that published one. Comparisons run outside any transaction (they read only the two
texts); each result is then inserted with the pair's unique key, so concurrent publications that race
to compare the same pair store it once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from accord.contracts import ContractError
from sqlalchemy.orm import Session, undefer

from ..db.engine import Database
from ..db.models import ContractComparison, PactVersion, ProviderContract, Version, utcnow
from ..errors import NotFound
from ..repositories import comparisons as comparisons_repo
from ..repositories import pacts as pacts_repo
from ..repositories import provider_contracts as contracts_repo
from .compatibility import Outcome, compare_texts, load_contract_text
from .pacticipants import require_pacticipant, require_version
from .transactions import write

__all__ = ["ComparisonService", "comparison_view", "self_verified"]


@dataclass(frozen=True)
class _Pact:
    id: int
    name: str  # how findings cite the pact (`mockFile`)
    content: str


@dataclass(frozen=True)
class _Contract:
    id: int
    version_id: int
    content: str
    content_type: str


def self_verified(results: object) -> bool:
    """Whether the provider's own test of its contract passed, from the self-verification results it
    published (none published: not passed)."""
    return isinstance(results, dict) and results.get("success") is True


def pact_file_name(pact_version: PactVersion) -> str:
    return f"{pact_version.consumer.name}-{pact_version.provider.name}.json"


def comparison_view(
    row: ContractComparison, contract: ProviderContract, pact_version: PactVersion, provider_version: Version
) -> dict[str, Any]:
    """What the API shows of one comparison (the representation adds links and times)."""
    results = contract.self_verification if isinstance(contract.self_verification, dict) else {}
    passed = self_verified(contract.self_verification)
    return {
        "consumer": pact_version.consumer.name,
        "provider": pact_version.provider.name,
        "providerVersion": provider_version.number,
        "pactSha": pact_version.sha,
        "success": row.compatible and passed,
        "compatible": row.compatible,
        "interactionsCompared": row.checked,
        "selfVerification": {
            "success": passed,
            "verifier": results.get("verifier"),
            "verifierVersion": results.get("verifierVersion"),
        },
        "report": row.report,
        "createdAt": row.created_at,
    }


def _pact(row: PactVersion) -> _Pact:
    return _Pact(row.id, pact_file_name(row), row.content)


def _contract(row: ProviderContract) -> _Contract:
    return _Contract(row.id, row.version_id, row.content, row.content_type)


class ComparisonService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- running ------------------------------------------------------------------------------
    def after_contract(self, contract_id: int) -> int:
        """Compare a just-published provider contract with every pact of its provider; returns how
        many pairs were compared."""
        with self.db.reading() as session:
            contract = session.get(ProviderContract, contract_id)
            if contract is None:
                return 0
            version = session.get(Version, contract.version_id)
            assert version is not None
            pacts = [
                _pact(p) for p in comparisons_repo.pact_versions_of_provider(session, version.pacticipant_id)
            ]
            return self._run([(p, _contract(contract)) for p in pacts])

    def after_pacts(self, providers: Mapping[int, int]) -> int:
        """Compare just-published pact contents (pact version id: its provider's id) with the newest
        contract of every version of their provider; returns how many pairs were compared. Most
        providers have no contract: then this is one query, and no pact content is read."""
        pairs: list[tuple[_Pact, _Contract]] = []
        with self.db.reading() as session:
            contracts = contracts_repo.latest_of_providers(session, set(providers.values()))
            for pact_version_id, provider_id in providers.items():
                if provider_id not in contracts:
                    continue
                pact_version = session.get(
                    PactVersion, pact_version_id, options=[undefer(PactVersion.content)]
                )
                if pact_version is None:
                    continue
                pairs += [(_pact(pact_version), _contract(c)) for c in contracts[provider_id]]
        return self._run(pairs)

    def _run(self, pairs: list[tuple[_Pact, _Contract]]) -> int:
        """Compare each pair not compared yet, each contract loaded once, and store the results."""
        if not pairs:
            return 0
        with self.db.reading() as session:
            done = {
                (row.pact_version_id, row.provider_contract_id)
                for row in comparisons_repo.for_contracts(
                    session, {p.id for p, _ in pairs}, {c.id for _, c in pairs}
                )
            }
        loaded: dict[int, Any] = {}
        results: list[tuple[_Pact, _Contract, Outcome]] = []
        for pact, contract in pairs:
            if (pact.id, contract.id) in done:
                continue
            if contract.id not in loaded:
                try:
                    loaded[contract.id] = load_contract_text(contract.content, contract.content_type)
                except ContractError as exc:  # stored before contracts were checked on publication
                    loaded[contract.id] = exc
            found = loaded[contract.id]
            if isinstance(found, ContractError):
                problem = {"code": "contract.unreadable", "type": "error", "message": str(found)}
                outcome = Outcome(False, 0, {"success": False, "errors": [problem], "warnings": []})
            else:
                outcome = compare_texts(pact.content, pact.name, found)
            results.append((pact, contract, outcome))

        def work(session: Session) -> int:
            for pact, contract, outcome in results:
                comparisons_repo.insert(
                    session,
                    pact_version_id=pact.id,
                    provider_contract_id=contract.id,
                    provider_version_id=contract.version_id,
                    compatible=outcome.compatible,
                    checked=outcome.checked,
                    report=outcome.report,
                    created_at=utcnow(),
                )
            return len(results)

        return write(self.db, work) if results else 0

    # -- reading ------------------------------------------------------------------------------
    def of_provider_version(self, provider: str, number: str) -> list[dict[str, Any]]:
        """The comparisons of the newest contract of this provider version, one per pact content."""
        with self.db.reading() as session:
            version = require_version(session, provider, number)
            contract = contracts_repo.latest_for_version(session, version.id)
            if contract is None:
                raise NotFound(f"No provider contract for version {number} of {provider}")
            return [
                comparison_view(row, contract, session.get(PactVersion, row.pact_version_id), version)  # type: ignore[arg-type]
                for row in comparisons_repo.of_contract(session, contract.id)
            ]

    def of_pact(self, provider: str, consumer: str, sha: str) -> list[dict[str, Any]]:
        """The comparisons of one pact content with the newest contract of each provider version."""
        with self.db.reading() as session:
            pact_version = self._pact_version(session, provider, consumer, sha)
            views = []
            for row in comparisons_repo.of_pact_version(session, pact_version.id):
                contract = session.get(ProviderContract, row.provider_contract_id)
                latest = contracts_repo.latest_for_version(session, row.provider_version_id)
                if contract is None or latest is None or latest.id != contract.id:
                    continue  # a contract the version has since replaced
                version = session.get(Version, row.provider_version_id)
                views.append(comparison_view(row, contract, pact_version, version))  # type: ignore[arg-type]
            return views

    def one(self, provider: str, number: str, consumer: str, sha: str) -> dict[str, Any]:
        """The comparison of one pact content with the newest contract of one provider version."""
        with self.db.reading() as session:
            version = require_version(session, provider, number)
            pact_version = self._pact_version(session, provider, consumer, sha)
            contract = contracts_repo.latest_for_version(session, version.id)
            row = comparisons_repo.pair(session, pact_version.id, contract.id) if contract else None
            if contract is None or row is None:
                raise NotFound(
                    f"No comparison of the pact between {consumer} and {provider} with content SHA {sha} "
                    f"with the provider contract of version {number} of {provider}"
                )
            return comparison_view(row, contract, pact_version, version)

    @staticmethod
    def _pact_version(session: Session, provider: str, consumer: str, sha: str) -> PactVersion:
        found = pacts_repo.pact_version(
            session, require_pacticipant(session, consumer).id, require_pacticipant(session, provider).id, sha
        )
        if found is None:
            raise NotFound(f"No pact between {consumer} and {provider} with content SHA {sha} found")
        return found

"""Bi-directional results as the matrix counts them: a pact compatible with a provider version's
contract, whose self-verification passed, is verified by that version; incompatible, or a failed (or
missing) self-verification, is a failed verification. Each result says why, for can-i-deploy."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ..repositories import matrix_rows
from ..repositories.matrix_rows import ComparisonRef, VersionRef
from .comparisons import self_verified

__all__ = ["BidirectionalResult", "results_for"]


@dataclass(frozen=True, slots=True)
class BidirectionalResult:
    """Stands where a verification would in a matrix row (`success`, `provider_version`, `created_at`)."""

    id: int  # the comparison's
    pact_version_id: int
    provider_version: VersionRef
    compatible: bool
    self_verified: bool
    verifier: str | None
    errors: list[str]  # the codes of the comparison's errors, each once
    created_at: datetime

    @property
    def success(self) -> bool:
        return self.compatible and self.self_verified

    def why(self, pair: str) -> str:
        """One sentence for can-i-deploy: what made this pair pass or fail."""
        by = f" by {self.verifier}" if self.verifier else ""
        if self.success:
            return (
                f"The pact between {pair} is compatible with the provider contract, "
                f"and the provider's self-verification{by} passed (bi-directional)"
            )
        problems = []
        if not self.compatible:
            codes = f" ({', '.join(self.errors)})" if self.errors else ""
            problems.append(f"is not compatible with the provider contract{codes}")
        if not self.self_verified:
            problems.append(f"the provider's self-verification{by} did not pass")
        return f"The pact between {pair} " + " and ".join(problems) + " (bi-directional)"


def _result(row: ComparisonRef) -> BidirectionalResult:
    own = row.self_verification if isinstance(row.self_verification, dict) else {}
    errors = row.report.get("errors") if isinstance(row.report, dict) else None
    codes = list(dict.fromkeys(str(e.get("code")) for e in errors or [] if isinstance(e, dict)))
    if not row.checked and not codes:
        codes = ["no interaction could be compared"]
    return BidirectionalResult(
        row.id,
        row.pact_version_id,
        row.provider_version,
        row.compatible,
        self_verified(row.self_verification),
        own.get("verifier"),
        codes,
        row.created_at,
    )


def results_for(
    session: Session,
    pact_version_ids: Iterable[int],
    *,
    version_ids: Collection[int],
    any_version_of: Collection[int],
) -> list[BidirectionalResult]:
    """The result of each pact content compared with the newest contract of each of these provider
    versions (or of any version of these providers) that published one."""
    return [
        _result(row)
        for row in matrix_rows.comparisons(
            session, pact_version_ids, version_ids=version_ids, any_version_of=any_version_of
        )
    ]

"""One bi-directional comparison on stored texts: a pact's JSON against a provider contract's document,
with the very check `accord compat` runs (`accord.contracts.compat`), so both give the same findings.

The contract is written to a private temporary directory and read from there with `$ref`s confined to
that directory (a published contract cannot make the broker read its files) and no remote fetching.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from accord.contracts import Contract, ContractError, PactError, ReadLimits, load_contract
from accord.contracts.compat import compare, parse_pact, require_valid

__all__ = ["CONTRACT_FILE", "Outcome", "compare_texts", "contract_file_name", "load_contract_text"]

CONTRACT_FILE = "provider-contract"  # the stem findings cite as `specFile`


@dataclass(frozen=True)
class Outcome:
    compatible: bool  # no error, and at least one interaction compared
    checked: int
    report: dict[str, Any]  # {"success", "errors", "warnings"}: `accord compat --format json`


def contract_file_name(content_type: str) -> str:
    return f"{CONTRACT_FILE}.{'json' if 'json' in content_type.lower() else 'yaml'}"


def load_contract_text(content: str, content_type: str) -> Contract:
    """The contract in `content`, checked against its specification. ContractError (one line) when it
    is unreadable, not OpenAPI/AsyncAPI, or invalid: a comparison is only made with a valid contract."""
    with tempfile.TemporaryDirectory(prefix="accord-broker-contract-") as directory:
        path = Path(directory) / contract_file_name(content_type)
        path.write_text(content, encoding="utf-8")
        try:
            contract = load_contract(path, limits=ReadLimits(ref_root=Path(directory)))
        except ContractError as exc:  # named as findings name it, never by the temporary directory
            raise ContractError(str(exc).replace(f"{directory}{os.sep}", "")) from None
    contract.path = path.name  # findings cite the file by name, never the temporary directory
    return require_valid(contract)


def compare_texts(pact_content: str, pact_name: str, contract: Contract) -> Outcome:
    """Compare a stored pact with a loaded contract. A pact the check cannot read is incompatible, its
    problem reported as the one error (it never silently passes)."""
    try:
        pact = parse_pact(orjson.loads(pact_content), pact_name)
    except (PactError, ValueError) as exc:
        problem = {"code": "pact.unreadable", "type": "error", "message": str(exc)}
        return Outcome(False, 0, {"success": False, "errors": [problem], "warnings": []})
    report = compare(pact, contract)
    return Outcome(report.success and report.checked > 0, report.checked, report.as_json())

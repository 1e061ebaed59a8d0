"""`check_pact`: every interaction of a pact compared with a contract, into one `CompatReport`."""

from __future__ import annotations

from pathlib import Path

from .._contract import Contract, load_contract
from .._errors import ContractError
from .._validation import validate
from ..http import HttpRuntime
from ._http import check_interaction
from ._messages import check_message
from ._pact import Pact, read_pact
from ._report import CompatReport

__all__ = ["check_pact", "compare", "require_valid"]


def compare(
    pact: Pact, contract: Contract, *, additional_properties: bool = False, required_properties: bool = False
) -> CompatReport:
    """Compare a read pact with a loaded contract. HTTP interactions need an OpenAPI contract and
    messages an AsyncAPI one; interactions of the other kind are not counted as checked."""
    report = CompatReport(pact.file, contract.path)
    options = {"additional_properties": additional_properties, "required_properties": required_properties}
    if contract.kind == "openapi" and pact.http:
        runtime = HttpRuntime(contract)
        for interaction in pact.http:
            report.findings.extend(check_interaction(runtime, interaction, pact.file, **options))
            report.checked += 1
    if contract.kind == "asyncapi":
        for message in pact.messages:
            report.findings.extend(check_message(contract, message, pact.file, **options))
            report.checked += 1
    return report


def require_valid(contract: Contract) -> Contract:
    """The contract, or ContractError naming its first problem when it breaks its specification (a
    comparison is only made with a valid contract, by `accord compat` and the broker alike)."""
    issues = validate(contract)
    if issues:
        first = issues[0]
        raise ContractError(
            f"not a valid {contract.kind} {contract.version} contract: {first.message} "
            f"({len(issues)} problem(s); `accord validate` lists them)",
            contract.location(first.pointer),
        )
    return contract


def check_pact(
    pact_path: str | Path,
    contract_path: str | Path,
    *,
    additional_properties: bool = False,
    required_properties: bool = False,
) -> CompatReport:
    """Read both files and compare them. Raises PactError or ContractError on unreadable input, and
    ContractError naming the first problem when the contract breaks its specification (a gate
    compares only with a valid contract)."""
    pact = read_pact(pact_path)
    contract = require_valid(load_contract(contract_path))
    return compare(
        pact, contract, additional_properties=additional_properties, required_properties=required_properties
    )

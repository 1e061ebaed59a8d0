"""contracts.compat: a consumer's pact compared with a provider's contract, without running either.

Bi-directional contract testing: HTTP interactions (Pact V2-V4) against OpenAPI 2.0/3.0/3.1, with
swagger-mock-validator's codes and report shape; message pacts (V3 `messages`, V4 asynchronous
interactions) against AsyncAPI 2.x/3.x with accord's `message.*` codes. Entry point:
`check_pact(pact_path, contract_path) -> CompatReport`, or `compare(pact, contract)` with a pact
from `read_pact(path)` or `parse_pact(data, name)` (the broker's stored JSON), and a contract
passed through `require_valid` (the gate both apply).
Shared by `accord compat` and the broker.
"""

from ._check import check_pact, compare, require_valid
from ._messages import CHANNEL_KEYS
from ._pact import MAX_DEPTH, HttpInteraction, MessageInteraction, Pact, PactError, parse_pact, read_pact
from ._report import CODES, CompatReport, Finding, MockDetails, SpecDetails

__all__ = [
    "CHANNEL_KEYS",
    "CODES",
    "MAX_DEPTH",
    "CompatReport",
    "Finding",
    "HttpInteraction",
    "MessageInteraction",
    "MockDetails",
    "Pact",
    "PactError",
    "SpecDetails",
    "check_pact",
    "compare",
    "parse_pact",
    "read_pact",
    "require_valid",
]

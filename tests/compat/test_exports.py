"""The public surface of contracts.compat is what its __init__ says; contracts re-exports the entry."""

from __future__ import annotations

import accord.contracts.compat  # noqa: F401  (loads the submodule the test reads)

from accord import contracts


def test_exported_names() -> None:
    assert sorted(contracts.compat.__all__) == [
        "CHANNEL_KEYS",
        "CODES",
        "CompatReport",
        "Finding",
        "HttpInteraction",
        "MAX_DEPTH",
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
    assert all(hasattr(contracts.compat, name) for name in contracts.compat.__all__)
    assert contracts.check_pact is contracts.compat.check_pact
    assert {"CompatReport", "PactError", "check_pact"} <= set(contracts.__all__)

"""Pact provider verification: replay every consumer's pact against the running provider.

pact-python's `Verifier` (the Rust pact_verifier underneath) does the replaying; this package turns
accord's options (pact files or a broker with consumer version selectors, pending and WIP pacts,
provider states through a URL or a Python callable, publishing) into a Verifier and its results
into a `VerifyResult`. Importing it is cheap: pact is imported only when a verification runs.
"""

from ._options import SELECTOR_KEYS, VerifyOptions, parse_selector, parse_selectors_json
from ._runner import VerifyError, VerifyResult, run_verify

__all__ = [
    "SELECTOR_KEYS",
    "VerifyError",
    "VerifyOptions",
    "VerifyResult",
    "parse_selector",
    "parse_selectors_json",
    "run_verify",
]

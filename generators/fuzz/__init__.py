"""The fuzz runner: a provider tested against its own OpenAPI contract, schemathesis underneath.

`FuzzOptions` says what to run (checks, phases, budget, seed, filters, headers); `run_fuzz` loads the
contract through `contracts` (so multi-file contracts are bundled first), drives schemathesis'
engine against a URL or an in-process ASGI/WSGI application, and returns a `FuzzResult`: per
operation, the distinct failures, each with a curl command that reproduces it.

Importing this package is cheap: schemathesis is imported only when a run starts.
"""

from ._apps import AppLoadError, load_app
from ._options import (
    DEFAULT_CHECKS,
    DEFAULT_PHASES,
    FuzzOptions,
    OptionError,
    available_checks,
    select_operations,
)
from ._publish import PublishError, PublishTarget, publish_self_verification
from ._result import Failure, FuzzResult, OperationResult, RunError
from ._runner import ProgressEvent, run_fuzz
from ._text import operation_lines, summary_line

__all__ = [
    "DEFAULT_CHECKS",
    "DEFAULT_PHASES",
    "AppLoadError",
    "Failure",
    "FuzzOptions",
    "FuzzResult",
    "OperationResult",
    "OptionError",
    "ProgressEvent",
    "PublishError",
    "PublishTarget",
    "RunError",
    "available_checks",
    "load_app",
    "operation_lines",
    "publish_self_verification",
    "run_fuzz",
    "select_operations",
    "summary_line",
]

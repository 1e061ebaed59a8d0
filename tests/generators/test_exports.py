"""The public surface of accord.generators and of its fuzz package is what their __init__s say: what
the CLI and the pytest plugin use of the generators is exported there."""

from __future__ import annotations

import pytest
from accord.generators import fuzz

from accord import generators


def test_generators_exports() -> None:
    assert sorted(generators.__all__) == [
        "ImportSpecError",
        "Output",
        "OutputConflict",
        "Unsupported",
        "generate",
        "import_object",
        "package_name",
        "stale_files",
        "write_output",
    ]


def test_fuzz_exports() -> None:
    assert sorted(fuzz.__all__) == [
        "AppLoadError",
        "DEFAULT_CHECKS",
        "DEFAULT_PHASES",
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


@pytest.mark.parametrize("module", [generators, fuzz], ids=lambda m: m.__name__)
def test_every_exported_name_is_there(module) -> None:
    assert all(getattr(module, name) is not None for name in module.__all__)

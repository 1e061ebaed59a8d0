"""The pytest plugin (pytest11 entry point `accord`): one test per operation in a provider's suite."""

from __future__ import annotations

import shutil
import subprocess
import sys

from .conftest import FIXTURES

pytest_plugins = ["pytester"]

PROVIDER = (FIXTURES.parent / "provider_app.py").read_text()


# Each run is a subprocess, as in a provider's CI: in-process runs would import schemathesis afresh
# each time (pytester drops the modules a run imported) and mix two copies of its classes.
def _project(pytester) -> None:
    for name in ("inventory.yaml", "schemas.yaml"):
        shutil.copy(FIXTURES / name, pytester.path / name)
    pytester.makepyfile(provider=PROVIDER)


def test_command_line_collection_gives_one_test_per_operation(pytester):
    _project(pytester)
    result = pytester.runpytest_subprocess(
        "--accord-contract", "inventory.yaml", "--accord-app", "provider:app",
        "--accord-seed", "3", "--accord-max-examples", "3", "-p", "no:cacheprovider", "-v",
    )  # fmt: skip
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*inventory.yaml::GET /items FAILED*",
            "*inventory.yaml::POST /items PASSED*",
            "*inventory.yaml::GET /items/{itemId} FAILED*",
            "*inventory.yaml::GET /health PASSED*",
        ]
    )
    # the failure report is the fuzz report: the check, then the curl command that reproduces it
    result.stdout.fnmatch_lines(
        ["*not_a_server_error [[]ST101[]] Server error (HTTP 500*", "*curl -X GET*limit=0*"]
    )
    result.stdout.fnmatch_lines(["*response_schema_conformance [[]ST108[]]*"])


def test_accord_fuzz_in_a_test_module(pytester, serve):
    from .provider_app import app

    _project(pytester)
    url = serve(app)
    pytester.makepyfile(
        test_contract=f"""
        from accord.pytest_plugin import accord_fuzz

        test_in_process = accord_fuzz("inventory.yaml", app="provider:app", max_examples=3, seed=1,
                                      include=["tag:items"], exclude=["POST /items"])
        test_over_http = accord_fuzz("inventory.yaml", base_url="{url}", max_examples=3, seed=1,
                                     include=["GET /health"])
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-v")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*test_in_process?GET /items? FAILED*",
            "*test_in_process?GET /items/{itemId}? FAILED*",
            "*test_over_http?GET /health? PASSED*",
        ]
    )


def test_an_operation_no_phase_exercises_is_skipped_not_passed(pytester):
    _project(pytester)
    pytester.makepyfile(
        test_contract="""
        from accord.pytest_plugin import accord_fuzz

        test_stateful_only = accord_fuzz("inventory.yaml", app="provider:app", phases=["stateful"],
                                         include=["GET /health"], max_examples=3)
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*GET /health: not tested in the phases stateful*"])


def test_usage_errors(pytester):
    _project(pytester)
    result = pytester.runpytest("--accord-contract", "inventory.yaml", "-p", "no:cacheprovider")
    assert result.ret == 4  # usage error
    result.stderr.fnmatch_lines(["*needs exactly one of --accord-url or --accord-app*"])
    collected = pytester.runpytest(
        "--accord-contract", "inventory.yaml", "--accord-app", "provider:app", "--accord-include", "tag:items",
        "--accord-exclude", "POST /items", "--collect-only", "-q", "-p", "no:cacheprovider",
    )  # fmt: skip
    collected.stdout.fnmatch_lines(["inventory.yaml::GET /items", "inventory.yaml::GET /items/{itemId}"])
    assert "POST /items" not in collected.stdout.str() and "/health" not in collected.stdout.str()


def test_plugin_import_is_cheap():
    """It loads in every pytest run: no schemathesis, hypothesis or pact at import time."""
    code = (
        "import sys, accord.pytest_plugin;"
        "heavy = [m for m in ('schemathesis', 'hypothesis', 'pact', 'accord.generators.fuzz._runner') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

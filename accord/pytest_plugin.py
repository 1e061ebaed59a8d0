"""pytest plugin: a provider's own test suite fuzzes its contract, one test per operation.

Two ways in (both run schemathesis through `generators.fuzz`, exactly as `accord fuzz` does):

- on the command line: `pytest --accord-contract openapi.yaml --accord-url http://127.0.0.1:8000`
  (or `--accord-app myservice.main:app`) adds one test per operation;
- in a test module: `test_api = accord_fuzz("openapi.yaml", app="myservice.main:app")` (or
  `base_url=...`) defines a test parametrised over the operations.

Registered as the `accord` pytest11 entry point, so it loads in every pytest run: importing it is
cheap (schemathesis and the contract loader are imported only when a contract is fuzzed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

__all__ = ["accord_fuzz"]

# The stateful phase chains operations together, so a one-operation test leaves it out.
PER_OPERATION_PHASES = ("examples", "coverage", "fuzzing")


class FuzzFailed(Exception):
    """An operation did not honour the contract; the message is the report with curl reproductions."""


def _options(*, include: str, **overrides: Any) -> Any:
    from accord.generators.fuzz import FuzzOptions

    options = FuzzOptions(phases=PER_OPERATION_PHASES, include=(include,))
    for name, value in overrides.items():
        if value is not None:
            setattr(options, name, tuple(value) if isinstance(value, list) else value)
    return options


def _fuzz_operation(
    contract: Any, operation: str, *, base_url: str | None, app: Any, **overrides: Any
) -> None:
    from accord.generators.fuzz import operation_lines, run_fuzz

    options = _options(include=operation, **overrides)
    result = run_fuzz(contract, options, base_url=base_url, app=app)
    if not result.tested and not result.failures and not result.all_errors:
        import pytest

        pytest.skip(f"{operation}: not tested in the phases {', '.join(options.phases)}")
    if not result.passed:
        lines = [line for op in result.operations.values() for line in operation_lines(op)]
        lines += [f"{e.title}: {e.message}" for e in result.errors]
        raise FuzzFailed("\n".join([*lines, f"seed {result.seed}"]))


def _load(contract_path: str | Path) -> Any:
    from accord.contracts import load_contract

    return load_contract(contract_path)


def _load_target(app: Any) -> Any:
    if isinstance(app, str):
        from accord.generators.fuzz import load_app

        return load_app(app)[0]
    return app


def accord_fuzz(
    contract: str | Path,
    *,
    app: Any = None,
    base_url: str | None = None,
    **options: Any,
) -> Callable[..., None]:
    """A test function parametrised over the contract's operations (one pytest test each).

    `app` is an ASGI/WSGI application or "module:attribute"; `base_url` a running provider.
    `options` are FuzzOptions fields: checks, max_examples, seed, headers, include, exclude, ...
    """
    if (app is None) == (base_url is None):
        raise ValueError("accord_fuzz: give exactly one of app= or base_url=")
    from accord.generators.fuzz import select_operations

    loaded = _load(contract)
    include, exclude = tuple(options.pop("include", ())), tuple(options.pop("exclude", ()))
    keys = [op.key for op in select_operations(loaded, include, exclude)]

    @pytest.mark.parametrize("accord_operation", keys)
    def test_contract_operation(accord_operation: str) -> None:
        __tracebackhide__ = True
        try:
            _fuzz_operation(loaded, accord_operation, base_url=base_url, app=_load_target(app), **options)
            report = None
        except FuzzFailed as exc:
            report = str(exc)
        if report is not None:
            pytest.fail(report, pytrace=False)

    return test_contract_operation


# -- command-line collection -------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("accord", "fuzz an OpenAPI contract (accord)")
    group.addoption(
        "--accord-contract", metavar="FILE", help="Add one fuzz test per operation of this contract."
    )
    group.addoption("--accord-url", metavar="URL", help="Base URL of the provider under test.")
    group.addoption(
        "--accord-app", metavar="MODULE:APP", help="In-process ASGI/WSGI provider instead of a URL."
    )
    group.addoption(
        "--accord-max-examples", type=int, metavar="N", help="Generated cases per operation and phase."
    )
    group.addoption("--accord-seed", type=int, metavar="N", help="Seed for reproducible runs.")
    group.addoption("--accord-checks", metavar="LIST", help="Comma separated schemathesis checks.")
    group.addoption("--accord-header", action="append", metavar="'NAME: VALUE'", help="Extra request header.")
    group.addoption(
        "--accord-include",
        action="append",
        metavar="PATTERN",
        help="Only these operations (as accord fuzz --include).",
    )
    group.addoption(
        "--accord-exclude", action="append", metavar="PATTERN", help="Leave these operations out."
    )


def pytest_configure(config: pytest.Config) -> None:
    contract = config.getoption("accord_contract", None)
    if not contract:
        return
    if (config.getoption("accord_url") is None) == (config.getoption("accord_app") is None):
        raise pytest.UsageError("--accord-contract needs exactly one of --accord-url or --accord-app")
    path = Path(contract).resolve()
    if not path.is_file():
        raise pytest.UsageError(f"--accord-contract {contract}: no such file")
    config.stash[_CONTRACT] = path
    if str(path) not in config.args:
        config.args.append(str(path))


_CONTRACT = pytest.StashKey[Path]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if parent.config.stash.get(_CONTRACT, None) == file_path:
        return ContractFile.from_parent(parent, path=file_path)
    return None


class ContractFile(pytest.File):
    def collect(self):  # type: ignore[no-untyped-def]
        from accord.contracts import ContractError
        from accord.generators.fuzz import OptionError, select_operations

        try:
            contract = _load(self.path)
            operations = select_operations(
                contract,
                tuple(self.config.getoption("accord_include") or ()),
                tuple(self.config.getoption("accord_exclude") or ()),
            )
        except (ContractError, OptionError) as exc:
            raise self.CollectError(str(exc)) from None
        for op in operations:
            yield OperationItem.from_parent(self, name=op.key, contract=contract)


class OperationItem(pytest.Item):
    def __init__(self, *, contract: Any, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.contract = contract

    def runtest(self) -> None:
        config = self.config
        headers = {}
        for value in config.getoption("accord_header") or ():
            name, _, content = value.partition(":")
            headers[name.strip()] = content.strip()
        checks = config.getoption("accord_checks")
        _fuzz_operation(
            self.contract,
            self.name,
            base_url=config.getoption("accord_url"),
            app=_load_target(config.getoption("accord_app")),
            max_examples=config.getoption("accord_max_examples"),
            seed=config.getoption("accord_seed"),
            checks=[c.strip() for c in checks.split(",")] if checks else None,
            headers=headers or None,
        )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, FuzzFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"accord fuzz {self.name}"

"""A configuration compiled for serving: contracts loaded, rate strings parsed, operations checked.

Everything a request needs is computed here, once, at start-up or reload; a mistake is a
ConfigError naming the file and the setting.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

from contracts import Contract, ContractError, load_contract
from contracts.http import HttpRuntime

from ._config import (
    ApiConfig,
    ConfigError,
    DeprecationConfig,
    GatewayConfig,
    ValidationConfig,
    VersioningConfig,
)
from ._deprecation import OperationLifecycle, compile_lifecycle
from ._forwarding import TrustedProxies
from ._limiter import CompiledPolicy, compile_policy

__all__ = ["ApiRuntime", "Runtime", "VersionRuntime", "compile_runtime"]


@dataclass(slots=True)
class VersionRuntime:
    name: str
    contract: Contract
    upstreams: list[str]
    validation: ValidationConfig
    deprecation: DeprecationConfig
    unknown_operations: str  # strict | pass
    http: HttpRuntime  # router, parameter readers and validators, compiled once
    lifecycles: dict[int, OperationLifecycle]  # id(compiled operation) -> deprecation details
    _cycle: itertools.cycle = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._cycle = itertools.cycle(self.upstreams)

    def next_upstream(self) -> str:
        """Round-robin over the version's upstream base URLs."""
        return next(self._cycle)


@dataclass(slots=True)
class ApiRuntime:
    name: str
    prefix: str
    versioning: VersioningConfig
    versions: dict[str, VersionRuntime]
    rate_limits: tuple[CompiledPolicy, ...]


@dataclass(slots=True)
class Runtime:
    config: GatewayConfig
    apis: list[ApiRuntime]  # longest prefix first
    trusted: TrustedProxies


def _load(path: Path, where: str) -> Contract:
    if not path.is_file():
        raise ConfigError(f"{where}: contract {path} does not exist")
    try:
        contract = load_contract(path)
    except ContractError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    if contract.kind != "openapi":
        raise ConfigError(f"{where}: contract {path} is {contract.kind}, the gateway serves OpenAPI")
    return contract


def _compile_api(api: ApiConfig, config: GatewayConfig, source: str) -> ApiRuntime:
    versions = {}
    for name, version in api.versions.items():
        where = f"{source}: apis.{api.name}.versions.{name}"
        contract = _load(version.contract, where)
        ids = {op.operation_id for op in contract.operations if op.operation_id}
        for operation_id in version.deprecation.deprecated_at:
            if operation_id not in ids:
                raise ConfigError(
                    f"{where}.deprecation: unknown operation {operation_id!r} in {contract.path}"
                )
        http = HttpRuntime(contract)
        lifecycles = {}
        for compiled in http.operations:
            lifecycle = compile_lifecycle(
                compiled, contract.at(compiled.operation.pointer), version.deprecation
            )
            if lifecycle is not None:
                lifecycles[id(compiled)] = lifecycle
        versions[name] = VersionRuntime(
            name=name,
            contract=contract,
            upstreams=[url.rstrip("/") for url in version.upstreams],
            validation=version.validation,
            deprecation=version.deprecation,
            unknown_operations=version.unknown_operations or api.unknown_operations,
            http=http,
            lifecycles=lifecycles,
        )
    known = {op.operation_id for v in versions.values() for op in v.contract.operations if op.operation_id}
    policies = []
    for index, policy in enumerate(api.rate_limits):
        where = f"{source}: apis.{api.name}.rate_limits.{index}"
        for operation_id in policy.operations or ():
            if operation_id not in known:
                raise ConfigError(
                    f"{where}: unknown operation {operation_id!r} (not in any version's contract)"
                )
        policies.append(compile_policy(policy, config.rate_limits, where))
    return ApiRuntime(api.name, api.prefix, api.versioning, versions, tuple(policies))


def compile_runtime(config: GatewayConfig) -> Runtime:
    source = str(config.source or "gateway config")
    apis = [_compile_api(api, config, source) for api in config.apis]
    apis.sort(key=lambda api: len(api.prefix), reverse=True)
    return Runtime(config, apis, TrustedProxies(config.trusted_proxies))

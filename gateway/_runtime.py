"""A configuration compiled for serving: contracts loaded, rate strings parsed, operations checked.

Everything a request needs is computed here, once, at start-up or reload; a mistake is a
ConfigError naming the file and the setting.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from accord.contracts import Contract, ContractError, load_contract
from accord.contracts.http import HttpRuntime, Route

from ._config import (
    ApiConfig,
    ConfigError,
    CorsConfig,
    DeprecationConfig,
    GatewayConfig,
    ValidationConfig,
    VersioningConfig,
)
from ._deprecation import OperationLifecycle, compile_lifecycle
from ._forwarding import TrustedProxies
from ._limiter import CompiledPolicy, compile_policy
from ._schemes import JwksFactory, check_scheme_names, compile_api_security, compile_requirements
from ._security import ApiSecurity, Requirement
from ._types import Scope

__all__ = ["ApiRuntime", "Runtime", "VersionRuntime", "compile_runtime"]

log = logging.getLogger("accord.gateway")


@dataclass(slots=True)
class VersionRuntime:
    name: str
    contracts: list[Contract]
    upstreams: list[str]
    validation: ValidationConfig
    deprecation: DeprecationConfig
    unknown_operations: str  # strict | pass
    runtimes: list[HttpRuntime]  # per contract: router, parameter readers, validators; compiled once
    lifecycles: dict[int, OperationLifecycle]  # id(compiled operation) -> deprecation details
    requirements: dict[int, Requirement]  # id(compiled operation) -> its security requirement, if not open
    _cycle: itertools.cycle = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._cycle = itertools.cycle(self.upstreams)

    def next_upstream(self) -> str:
        """Round-robin over the version's upstream base URLs."""
        return next(self._cycle)

    def route(self, method: str, path: str, scope: Scope | None = None) -> Route:
        """The operation in the first contract that has it; else 405 if a contract has the path, else 404.
        `scope` gives the query string and headers to contracts whose path keys need them."""
        best: Route | None = None
        for runtime in self.runtimes:
            if runtime.routes_by_request and scope is not None:
                headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
                found = runtime.route(method, path, scope["query_string"].decode("latin-1"), headers)
            else:
                found = runtime.route(method, path)
            if found.status == 200:
                return found
            if best is None or (found.status == 405 and best.status == 404):
                best = found
        return best or Route(404)


@dataclass(slots=True)
class ApiRuntime:
    name: str
    prefix: str
    versioning: VersioningConfig
    versions: dict[str, VersionRuntime]
    rate_limits: tuple[CompiledPolicy, ...]
    security: ApiSecurity | None
    cors: CorsConfig | None

    def mounted(self, path: str) -> str | None:
        """The path below this API's prefix, or None when the path is not under it."""
        if not self.prefix:
            return path
        if path == self.prefix or path.startswith(self.prefix + "/"):
            return path[len(self.prefix) :] or "/"
        return None


@dataclass(slots=True)
class Runtime:
    config: GatewayConfig
    apis: list[ApiRuntime]  # longest prefix first
    trusted: TrustedProxies

    def api_for(self, path: str) -> tuple[ApiRuntime | None, str]:
        """The API mounted at this (raw) path, and the path below its prefix."""
        for api in self.apis:
            rest = api.mounted(path)
            if rest is not None:
                return api, rest
        return None, path


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


def _compile_api(api: ApiConfig, config: GatewayConfig, source: str, jwks: JwksFactory) -> ApiRuntime:
    loaded = {
        name: [_load(path, f"{source}: apis.{api.name}.versions.{name}") for path in version.contracts]
        for name, version in api.versions.items()
    }
    if api.security is not None:
        every = [contract for contracts in loaded.values() for contract in contracts]
        check_scheme_names(api.security, every, f"{source}: apis.{api.name}.security")
    versions = {}
    for name, version in api.versions.items():
        where = f"{source}: apis.{api.name}.versions.{name}"
        contracts = loaded[name]
        ids = {op.operation_id for c in contracts for op in c.operations if op.operation_id}
        for operation_id in version.deprecation.deprecated_at:
            if operation_id not in ids:
                names = ", ".join(c.path for c in contracts)
                raise ConfigError(f"{where}.deprecation: unknown operation {operation_id!r} in {names}")
        runtimes = [HttpRuntime(contract) for contract in contracts]
        lifecycles = {}
        for contract, runtime in zip(contracts, runtimes, strict=True):
            for warning in runtime.lifecycle_warnings:
                log.warning("%s", warning)
            for compiled in runtime.operations:
                raw = contract.at(compiled.operation.pointer)
                lifecycle = compile_lifecycle(compiled, raw, version.deprecation)
                if lifecycle is not None:
                    lifecycles[id(compiled)] = lifecycle
        requirements = (
            compile_requirements(
                contracts, runtimes, api.security, jwks, f"{source}: apis.{api.name}.security"
            )
            if api.security is not None
            else {}
        )
        versions[name] = VersionRuntime(
            name=name,
            contracts=contracts,
            upstreams=[url.rstrip("/") for url in version.upstreams],
            validation=version.validation,
            deprecation=version.deprecation,
            unknown_operations=version.unknown_operations or api.unknown_operations,
            runtimes=runtimes,
            lifecycles=lifecycles,
            requirements=requirements,
        )
    known = {
        op.operation_id
        for v in versions.values()
        for c in v.contracts
        for op in c.operations
        if op.operation_id
    }
    policies = []
    for index, policy in enumerate(api.rate_limits):
        where = f"{source}: apis.{api.name}.rate_limits.{index}"
        for operation_id in policy.operations or ():
            if operation_id not in known:
                raise ConfigError(
                    f"{where}: unknown operation {operation_id!r} (not in any version's contract)"
                )
        if policy.claim is not None and not any(
            any(r.tokens for r in v.requirements.values()) for v in versions.values()
        ):
            raise ConfigError(
                f"{where}: key {policy.key!r} counts verified tokens; configure apis.{api.name}.security "
                "with a token scheme the contract uses"
            )
        policies.append(compile_policy(policy, config.rate_limits, where))
    return ApiRuntime(
        api.name,
        api.prefix,
        api.versioning,
        versions,
        tuple(policies),
        compile_api_security(api.security),
        api.cors,
    )


def compile_runtime(config: GatewayConfig, jwks: JwksFactory) -> Runtime:
    """Compile the configuration; `jwks` gives the key cache for a JWKS URL (the gateway keeps them
    across reloads)."""
    source = str(config.source or "gateway config")
    apis = [_compile_api(api, config, source, jwks) for api in config.apis]
    apis.sort(key=lambda api: len(api.prefix), reverse=True)
    return Runtime(config, apis, TrustedProxies(config.trusted_proxies))

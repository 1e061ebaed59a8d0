"""`apis[].security` compiled against the contracts: a verifier per scheme, a requirement per operation.

Mistakes are ConfigErrors naming the setting: a configured scheme no contract defines, a token
setting for an API key scheme (or the reverse), a scheme the gateway cannot verify (http basic,
mutual TLS), an unreadable or empty keys file, and, with `enforce: true`, a scheme the contracts
use that the configuration leaves out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from accord.contracts import Contract
from accord.contracts.http import HttpRuntime

from ._config import ConfigError, SchemeConfig, SecurityConfig
from ._jwks import JwksCache
from ._security import ApiSecurity, Requirement
from ._verifiers import ApiKeyVerifier, TokenVerifier, UnconfiguredVerifier, Verifier

__all__ = ["JwksFactory", "check_scheme_names", "compile_api_security", "compile_requirements"]

log = logging.getLogger("accord.gateway")

JwksFactory = Callable[[str, SecurityConfig], JwksCache]
_TOKEN_KINDS = frozenset({"oauth2", "openidconnect"})


def _is_token_scheme(kind: str, http_scheme: str | None) -> bool:
    return kind in _TOKEN_KINDS or (kind == "http" and http_scheme == "bearer")


def _read_keys(path: Path, where: str) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{where}: keys_file {path} cannot be read ({exc.strerror or exc})") from None
    keys = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not keys:
        raise ConfigError(f"{where}: keys_file {path} holds no key (one a line)")
    return keys


def _verifier(
    contract: Contract, name: str, config: SchemeConfig, settings: SecurityConfig, where: str, jwks
):
    scheme = contract.security_schemes[name]
    kind = scheme.type.lower()
    if kind == "apikey":
        if config.keys_file is None:
            raise ConfigError(f"{where}: {name} is an API key scheme in {contract.path}; give it keys_file")
        return ApiKeyVerifier(
            name,
            scheme.location or "header",
            scheme.parameter_name or "",
            _read_keys(config.keys_file, where),
        )
    if _is_token_scheme(kind, scheme.scheme):
        if config.keys_file is not None:
            raise ConfigError(f"{where}: {name} is a token scheme in {contract.path}; give it jwks_url")
        return TokenVerifier(
            name,
            jwks(config.jwks_url, settings),
            issuer=config.issuer,
            audience=config.audience,
            algorithms=config.algorithms,
            leeway=config.leeway,
        )
    shown = f"http {scheme.scheme}" if kind == "http" else scheme.type
    raise ConfigError(
        f"{where}: {name} ({shown}) cannot be verified by the gateway (bearer tokens and API keys can)"
    )


def compile_api_security(settings: SecurityConfig | None) -> ApiSecurity | None:
    if settings is None:
        return None
    forward = tuple(
        (claim, header.lower().encode("latin-1")) for claim, header in settings.forward_claims.items()
    )
    return ApiSecurity(settings.enforce, forward)


def check_scheme_names(settings: SecurityConfig, contracts: list[Contract], where: str) -> None:
    """Every configured scheme is one some version's contract defines (a typo would verify nothing)."""
    defined = {name for contract in contracts for name in contract.security_schemes}
    for name in settings.schemes:
        if name not in defined:
            known = ", ".join(sorted(defined)) or "none"
            raise ConfigError(
                f"{where}.schemes.{name}: no contract of this API defines it (defined: {known})"
            )


def compile_requirements(
    contracts: list[Contract],
    runtimes: list[HttpRuntime],
    settings: SecurityConfig,
    jwks: JwksFactory,
    where: str,
) -> dict[int, Requirement]:
    """id(compiled operation) -> its requirement, for one version's contracts."""
    requirements: dict[int, Requirement] = {}
    for contract, runtime in zip(contracts, runtimes, strict=True):
        verifiers: dict[str, Verifier] = {}
        for compiled in runtime.operations:
            operation = compiled.operation
            stated = operation.security if operation.security is not None else contract.security
            alternatives = []
            for requirement in stated or []:
                alternative = []
                for name, scopes in requirement.items():
                    if name not in contract.security_schemes:  # `accord validate` reports it; nobody passes
                        alternative.append((UnconfiguredVerifier(name), ()))
                        continue
                    if name not in verifiers:
                        config = settings.schemes.get(name)
                        if config is not None:
                            here = f"{where}.schemes.{name}"
                            verifiers[name] = _verifier(contract, name, config, settings, here, jwks)
                        elif settings.enforce:
                            raise ConfigError(
                                f"{where}: the contract {contract.path} requires scheme {name!r} "
                                f"({operation.operation_id or operation.key}) but security.schemes does not configure it"
                            )
                        else:
                            log.warning(
                                "%s: scheme %r is not configured; requests needing it are reported",
                                where,
                                name,
                            )
                            verifiers[name] = UnconfiguredVerifier(name)
                    alternative.append((verifiers[name], tuple(scopes)))
                alternatives.append(alternative)
            requirement = Requirement(alternatives)
            if not requirement.open:
                requirements[id(compiled)] = requirement
    return requirements

"""asyncapi-operation-security / asyncapi-server-security: requirements name declared schemes and scopes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit, JsonPath
from ._asyncapi import operations, servers


def _scopes(scheme: Any) -> list[str]:
    flows = scheme.get("flows") if isinstance(scheme, dict) else None
    found: list[str] = []
    for flow in (flows or {}).values() if isinstance(flows, dict) else ():
        if isinstance(flow, dict):
            found += [s for s in (flow.get("scopes") or flow.get("availableScopes") or {}) if s not in found]
    return found


def _requirement_hits(ctx: LintContext, path: JsonPath, requirement: Any, owner: str) -> Iterable[Hit]:
    schemes = ctx.components().get("securitySchemes")
    schemes = schemes if isinstance(schemes, dict) else {}
    if ctx.format == "asyncapi3":  # 3.x: a list of scheme objects, or $refs to components.securitySchemes
        ref = requirement.get("$ref") if isinstance(requirement, dict) else None
        if isinstance(ref, str) and not ref.startswith("#/components/securitySchemes/"):
            yield path, f"{owner} must not reference an undefined security scheme."
        return
    for name, scopes in requirement.items() if isinstance(requirement, dict) else ():
        if name not in schemes:
            yield (*path, name), f"{owner} must not reference an undefined security scheme."
            continue
        if isinstance(schemes[name], dict) and schemes[name].get("type") == "oauth2":
            available = _scopes(schemes[name])
            for i, scope in enumerate(scopes if isinstance(scopes, list) else []):
                if scope not in available:
                    yield (
                        (*path, name, i),
                        f"Non-existing security scope for the specified security scheme. Available: [{', '.join(available)}]",
                    )


def _check(ctx: LintContext, holders, owner: str) -> Iterable[Hit]:
    for path, holder in holders(ctx):
        security = holder.get("security") if isinstance(holder, dict) else None
        for i, requirement in enumerate(security if isinstance(security, list) else []):
            yield from _requirement_hits(ctx, (*path, "security", i), requirement, owner)


def operation_check(ctx: LintContext) -> Iterable[Hit]:
    return _check(ctx, operations, "Operation")


def server_check(ctx: LintContext) -> Iterable[Hit]:
    return _check(ctx, servers, "Server")

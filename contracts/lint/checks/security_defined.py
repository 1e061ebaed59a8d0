"""oas2/oas3-operation-security-defined: security requirements name declared schemes and scopes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .._context import LintContext
from .._rule import Hit, JsonPath


def _requirements(ctx: LintContext) -> Iterable[tuple[JsonPath, Any]]:
    for base, holder in [((), ctx.document), *ctx.operations()]:
        security = holder.get("security")
        for i, requirement in enumerate(security if isinstance(security, list) else []):
            if isinstance(requirement, dict):
                yield (*base, "security", i), requirement


def _scopes(scheme: Any, v2: bool) -> set[str]:
    if not isinstance(scheme, dict):
        return set()
    if v2:
        return set(scheme.get("scopes") or {})
    flows = scheme.get("flows")
    return {s for f in (flows or {}).values() if isinstance(f, dict) for s in f.get("scopes") or {}}


def check(ctx: LintContext) -> Iterable[Hit]:
    v2 = ctx.format == "oas2"
    schemes = ctx.document.get("securityDefinitions") if v2 else ctx.components().get("securitySchemes")
    schemes = schemes if isinstance(schemes, dict) else {}
    where = "securityDefinitions" if v2 else "components.securitySchemes"
    for path, requirement in _requirements(ctx):
        for name, scopes in requirement.items():
            if name not in schemes:
                owner = "API" if len(path) == 2 else "Operation"
                yield (
                    (*path, name),
                    f'{owner} "security" values must match a scheme defined in the "{where}" object.',
                )
                continue
            declared = _scopes(schemes[name], v2)
            for i, scope in enumerate(scopes if isinstance(scopes, list) else []):
                if scope not in declared:
                    yield (*path, name, i), f'"{scope}" must be listed among scopes.'

"""Security: what each operation requires, and the security schemes themselves."""

from __future__ import annotations

from accord.contracts import Contract, Operation, SecurityScheme

from ._change import Collector
from ._oas32 import compare_scheme_lifecycle

__all__ = ["compare_security"]

Requirement = dict[str, list[str]]


def _effective(contract: Contract, op: Operation) -> list[Requirement]:
    return op.security if op.security is not None else (contract.security or [])


def _open(requirements: list[Requirement]) -> bool:
    """No requirement, or an empty alternative: callers may come without credentials."""
    return not requirements or any(not alternative for alternative in requirements)


def compare_security(out: Collector, pairs: list[tuple[Operation, Operation]]) -> None:
    for b, r in pairs:
        _operation(out, b, _effective(out.base, b), r, _effective(out.revision, r))
    _schemes(out, out.base.security_schemes, out.revision.security_schemes)


def _operation(
    out: Collector, b: Operation, bsec: list[Requirement], r: Operation, rsec: list[Requirement]
) -> None:
    where = {"operation": r.key, "base": b.pointer, "revision": r.pointer}
    if _open(bsec) and not _open(rsec):
        out.add("endpoint-security-required", f"now requires {_show(rsec)}", **where)
        return
    if not _open(bsec) and _open(rsec):
        out.add("endpoint-security-removed", "no longer requires authentication", **where)
        return
    base_alts = {frozenset(a): a for a in bsec if a}
    revision_alts = {frozenset(a): a for a in rsec if a}
    for names, alt in base_alts.items():
        if names not in revision_alts:
            out.add(
                "endpoint-security-alternative-removed",
                f"security requirement {_show([alt])} removed",
                **where,
            )
            continue
        for scheme, scopes in alt.items():
            now = revision_alts[names].get(scheme, [])
            for scope in dict.fromkeys(now):
                if scope not in scopes:
                    out.add(
                        "endpoint-security-scope-added",
                        f"security scheme '{scheme}' now needs scope '{scope}'",
                        **where,
                    )
            for scope in dict.fromkeys(scopes):
                if scope not in now:
                    out.add(
                        "endpoint-security-scope-removed",
                        f"security scheme '{scheme}' no longer needs scope '{scope}'",
                        **where,
                    )
    for names, alt in revision_alts.items():
        if names not in base_alts:
            out.add(
                "endpoint-security-alternative-added", f"security requirement {_show([alt])} added", **where
            )


def _show(requirements: list[Requirement]) -> str:
    return " or ".join(" and ".join(sorted(alt)) for alt in requirements if alt) or "nothing"


def _flows(scheme: SecurityScheme) -> dict[str, dict]:
    flows = scheme.raw.get("flows")
    if isinstance(flows, dict):
        return {k: v for k, v in flows.items() if isinstance(v, dict)}
    if scheme.type == "oauth2":  # OpenAPI 2.0: one flow, inline
        return {str(scheme.raw.get("flow", "oauth2")): scheme.raw}
    return {}


def _schemes(out: Collector, base: dict[str, SecurityScheme], revision: dict[str, SecurityScheme]) -> None:
    for name, b in base.items():
        r = revision.get(name)
        if r is None:
            out.add(
                "security-scheme-removed", f"security scheme '{name}' removed", base=b.pointer, revision=None
            )
            continue
        where = {"base": b.pointer, "revision": r.pointer}
        subject = f"security scheme '{name}'"
        if b.type != r.type:
            out.add(
                "security-scheme-type-changed", f"{subject} type changed from {b.type} to {r.type}", **where
            )
            continue
        if b.scheme != r.scheme:
            out.add(
                "security-scheme-http-scheme-changed",
                f"{subject} scheme changed from {b.scheme} to {r.scheme}",
                **where,
            )
        if b.location != r.location:
            out.add(
                "security-scheme-location-changed",
                f"{subject} moved from {b.location} to {r.location}",
                **where,
            )
        if b.parameter_name != r.parameter_name:
            out.add(
                "security-scheme-parameter-name-changed",
                f"{subject} name changed from {b.parameter_name!r} to {r.parameter_name!r}",
                **where,
            )
        for url in ("openIdConnectUrl", "oauth2MetadataUrl"):
            if b.raw.get(url) != r.raw.get(url):
                out.add("security-scheme-oauth-url-changed", f"{subject} {url} changed", **where)
        _oauth(out, subject, _flows(b), _flows(r), where)
        compare_scheme_lifecycle(out, subject, b, r, where)
    for name, r in revision.items():
        if name not in base:
            out.add("security-scheme-added", f"security scheme '{name}' added", base=None, revision=r.pointer)


def _oauth(
    out: Collector, subject: str, base: dict[str, dict], revision: dict[str, dict], where: dict
) -> None:
    for flow, bf in base.items():
        if flow not in revision:  # security-scheme-oauth-flow-removed says it once
            continue
        rf = revision[flow]
        for url in ("authorizationUrl", "tokenUrl", "refreshUrl", "deviceAuthorizationUrl"):
            if bf.get(url) != rf.get(url):
                out.add("security-scheme-oauth-url-changed", f"{subject} {flow} {url} changed", **where)
        bscopes = bf.get("scopes") if isinstance(bf.get("scopes"), dict) else {}
        rscopes = rf.get("scopes") if isinstance(rf.get("scopes"), dict) else {}
        for scope in rscopes.keys() - bscopes.keys():
            out.add("security-scheme-oauth-scope-added", f"{subject} {flow} scope '{scope}' added", **where)
        for scope in bscopes.keys() - rscopes.keys():
            out.add(
                "security-scheme-oauth-scope-removed", f"{subject} {flow} scope '{scope}' removed", **where
            )
    for flow in revision.keys() - base.keys():
        for scope in revision[flow].get("scopes") or {}:
            out.add("security-scheme-oauth-scope-added", f"{subject} {flow} scope '{scope}' added", **where)

"""Credential presence per security scheme: is what the scheme requires there at all?

A requirement list is satisfied when any one of its alternatives is; an alternative when every
scheme it names is. Nothing is verified beyond presence (no token is decoded, no key is looked up).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from .._model import SecurityScheme

__all__ = ["SecurityCheck"]


class SecurityCheck:
    """Compiled from an operation's effective security requirements."""

    __slots__ = ("_alternatives", "challenge", "required")

    def __init__(self, requirements: list[dict[str, list[str]]] | None, schemes: dict[str, SecurityScheme]):
        alternatives = []
        for requirement in requirements or []:
            alternatives.append([schemes[name] for name in requirement if name in schemes])
        # no requirement, or an empty alternative ({}): anonymous access is allowed
        self.required = bool(alternatives) and all(alternatives)
        self._alternatives = [[_checker(s) for s in alt] for alt in alternatives]
        self.challenge = _challenge(alternatives[0]) if self.required else None

    def satisfied(
        self, headers: Mapping[str, str], query: Mapping[str, list[str]], cookies: Mapping[str, str]
    ) -> bool:
        if not self.required:
            return True
        return any(all(check(headers, query, cookies) for check in alt) for alt in self._alternatives)


def _checker(scheme: SecurityScheme):
    kind = scheme.type.lower()
    if kind == "apikey":
        name = scheme.parameter_name or ""
        where = (scheme.location or "header").lower()
        if where == "query":
            return lambda h, q, c: name in q
        if where == "cookie":
            return lambda h, q, c: name in c
        lowered = name.lower()
        return lambda h, q, c: lowered in h
    if kind == "basic" or (kind == "http" and (scheme.scheme or "basic").lower() == "basic"):
        return lambda h, q, c: _basic(h.get("authorization", ""))
    if kind == "http":
        prefix = (scheme.scheme or "basic").lower() + " "
    elif kind in ("oauth2", "openidconnect"):
        prefix = "bearer "
    else:  # mutualTLS and schemes this check cannot see
        return lambda h, q, c: True
    return lambda h, q, c: (
        h.get("authorization", "")[: len(prefix)].lower() == prefix
        and len(h.get("authorization", "")) > len(prefix)
    )


def _basic(authorization: str) -> bool:
    """`Basic` credentials: base64 of `user:password` (RFC 7617), the shape checked, not the values."""
    if authorization[:6].lower() != "basic ":
        return False
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    return b":" in decoded


def _challenge(alternative: list[SecurityScheme]) -> str:
    """A WWW-Authenticate value naming what the first alternative expects; Basic and Digest with the
    parameters their RFCs require (realm; realm and nonce)."""
    parts = []
    for scheme in alternative:
        kind = scheme.type.lower()
        name = (scheme.scheme or "basic").lower() if kind == "http" else kind
        if name == "basic":
            parts.append('Basic realm="*"')
        elif name == "digest":
            parts.append('Digest realm="*", nonce="accord"')
        elif name == "bearer":
            parts.append("Bearer")
        elif kind == "http":
            parts.append(name.capitalize())
        elif kind in ("oauth2", "openidconnect"):
            parts.append("Bearer")
        elif kind == "apikey":
            parts.append(f'ApiKey in="{scheme.location or "header"}", name="{scheme.parameter_name}"')
    return ", ".join(parts) or "Bearer"

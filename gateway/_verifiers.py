"""The verifiers of single security schemes: a bearer JWT against one issuer, an API key against a file.

Each answers an `Outcome`: ok (with the token's claims), missing, invalid, insufficient_scope
(a valid token short of a required scope) or unavailable (the issuer's keys cannot be had).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

import jwt

from ._forwarding import first_header
from ._jwks import JwksCache, KeysUnavailable
from ._types import Scope

# verifying a signature costs ~0.25 ms in PyJWT, most of it checking the base64 text; a token seen
# again within a minute (and before its exp) is taken from here, its scopes still checked per request
_REMEMBERED = 10_000
_REMEMBER_SECONDS = 60

__all__ = [
    "INVALID",
    "MISSING",
    "OK",
    "SCOPE",
    "UNAVAILABLE",
    "ApiKeyVerifier",
    "Outcome",
    "TokenVerifier",
    "UnconfiguredVerifier",
    "Verifier",
]

# what one scheme made of a request; a requirement fails with the most telling of its schemes' outcomes
OK, MISSING, INVALID, SCOPE, UNAVAILABLE = "ok", "missing", "invalid", "insufficient_scope", "unavailable"


@dataclass(frozen=True, slots=True)
class Outcome:
    result: str  # ok | missing | invalid | insufficient_scope | unavailable
    reason: str = ""
    claims: dict[str, Any] | None = None


def _bearer(scope: Scope) -> str | None:
    value = first_header(scope["headers"], b"authorization")
    if not value or value[:7].lower() != b"bearer " or not value[7:].strip():
        return None
    return value[7:].strip().decode("latin-1")


def _scopes(claims: dict[str, Any]) -> set[str]:
    granted: set[str] = set()
    for name in ("scope", "scp"):
        value = claims.get(name)
        if isinstance(value, str):
            granted.update(value.split())
        elif isinstance(value, list):
            granted.update(item for item in value if isinstance(item, str))
    return granted


class TokenVerifier:
    """A bearer JWT checked against one issuer: signature, exp, nbf, iss, aud, then scopes."""

    is_token = True

    def __init__(
        self,
        name: str,
        keys: JwksCache,
        *,
        issuer: str,
        audience: str | list[str],
        algorithms: Sequence[str] | None,
        leeway: float,
    ) -> None:
        self.name = name
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.algorithms = frozenset(algorithms) if algorithms else None
        self.leeway = leeway
        # token -> (its OK outcome with the claims, good until)
        self._verified: dict[str, tuple[Outcome, float]] = {}

    async def check(self, scope: Scope, required_scopes: Sequence[str]) -> Outcome:
        token = _bearer(scope)
        if token is None:
            return Outcome(MISSING, "no bearer token")
        remembered = self._verified.get(token)
        if remembered is not None and time.time() < remembered[1]:
            passed = remembered[0]
        else:
            passed = await self._verify(token)
            if passed.result != OK:
                return passed
        if required_scopes:
            granted = _scopes(passed.claims)
            missing = [s for s in required_scopes if s not in granted]
            if missing:
                return Outcome(SCOPE, f"the token lacks scope {' '.join(missing)}", passed.claims)
        return passed

    async def _verify(self, token: str) -> Outcome:
        """OK with the token's claims once verified (remembered until exp, for a minute at most)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            return Outcome(INVALID, f"not a JWT ({exc})")
        kid, algorithm = header.get("kid"), header.get("alg")
        try:
            key = await self.keys.key(kid if isinstance(kid, str) else None)
        except KeysUnavailable as exc:
            return Outcome(UNAVAILABLE, f"the issuer's keys cannot be fetched ({exc})")
        if key is None:
            return Outcome(INVALID, f"no key of the issuer has kid {kid!r}")
        if algorithm not in key.algorithms or (
            self.algorithms is not None and algorithm not in self.algorithms
        ):
            return Outcome(INVALID, f"algorithm {algorithm!r} is not accepted for key {key.kid!r}")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[algorithm],
                audience=self.audience,
                issuer=self.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as exc:
            return Outcome(INVALID, str(exc) or type(exc).__name__)
        if len(self._verified) >= _REMEMBERED:
            self._verified.clear()
        now = time.time()
        passed = Outcome(OK, claims=claims)
        self._verified[token] = (passed, min(float(claims["exp"]) + self.leeway, now + _REMEMBER_SECONDS))
        return passed


class ApiKeyVerifier:
    """An API key in a header, query parameter or cookie, one of the keys in the configured file."""

    is_token = False

    def __init__(self, name: str, location: str, parameter: str, keys: Sequence[str]) -> None:
        self.name = name
        self.location = location.lower()
        self.parameter = parameter
        self.digests = tuple(hashlib.sha256(key.encode()).digest() for key in keys)

    def _presented(self, scope: Scope) -> str | None:
        if self.location == "query":
            values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(self.parameter)
            return values[0] if values else None
        if self.location == "cookie":
            jar: SimpleCookie = SimpleCookie()
            for name, value in scope["headers"]:
                if name == b"cookie":
                    try:
                        jar.load(value.decode("latin-1"))
                    except CookieError:
                        continue
            morsel = jar.get(self.parameter)
            return morsel.value if morsel is not None else None
        value = first_header(scope["headers"], self.parameter.lower().encode("latin-1"))
        return value.decode("latin-1") if value is not None else None

    async def check(self, scope: Scope, required_scopes: Sequence[str]) -> Outcome:
        presented = self._presented(scope)
        if not presented:
            return Outcome(MISSING, f"no API key in {self.location} {self.parameter!r}")
        digest = hashlib.sha256(presented.encode("utf-8", "surrogateescape")).digest()
        known = False
        for candidate in self.digests:  # every key is compared: the time taken tells nothing
            known |= hmac.compare_digest(digest, candidate)
        return Outcome(OK, claims=None) if known else Outcome(INVALID, "the API key is not known")


class UnconfiguredVerifier:
    """A scheme the contract uses that the configuration does not say how to verify (report mode only)."""

    is_token = False

    def __init__(self, name: str) -> None:
        self.name = name

    async def check(self, scope: Scope, required_scopes: Sequence[str]) -> Outcome:
        return Outcome(INVALID, f"scheme {self.name!r} is not configured at the gateway")


Verifier = TokenVerifier | ApiKeyVerifier | UnconfiguredVerifier

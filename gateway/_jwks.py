"""An issuer's signing keys (its JWKS), fetched by the gateway, cached, refetched on an unknown `kid`.

Keys are fetched on first use and kept for `cache_seconds`; a token whose `kid` is not among them
refetches the set, at most once every `min_refresh_seconds` (so tokens with made-up kids cannot make
the gateway hammer the issuer). Concurrent requests share one fetch. When a refetch fails the keys
already held are kept. Only public signing keys are taken (RSA, EC, OKP); each is pinned to the
algorithms its type allows, so `alg: none` and an HMAC signature made with a public key as the
secret never verify.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import httpx
import jwt

__all__ = ["JwksCache", "KeysUnavailable", "SigningKey"]

log = logging.getLogger("accord.gateway")

_RSA = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
_EC = {"P-256": ("ES256",), "P-384": ("ES384",), "P-521": ("ES512",), "secp256k1": ("ES256K",)}
_OKP = {"Ed25519": ("EdDSA",), "Ed448": ("EdDSA",)}
_MAX_JWKS_BYTES = 1 << 20


class KeysUnavailable(Exception):
    """The issuer's keys could not be fetched and none are held: nothing can be verified."""


@dataclass(frozen=True, slots=True)
class SigningKey:
    kid: str | None
    key: object  # a cryptography public key
    algorithms: tuple[str, ...]  # what this key may verify


def _algorithms(jwk: dict) -> tuple[str, ...]:
    """The algorithms a key of this type may verify (narrowed to its `alg` when it states one)."""
    kty = jwk.get("kty")
    allowed = {"RSA": _RSA, "EC": _EC.get(jwk.get("crv", ""), ()), "OKP": _OKP.get(jwk.get("crv", ""), ())}
    by_type = allowed.get(kty, ())  # `oct` (shared secrets) and unknown types: none
    stated = jwk.get("alg")
    if stated is not None:
        return (stated,) if stated in by_type else ()
    return by_type


def parse_keys(document: object, url: str) -> dict[str | None, SigningKey]:
    """The usable public signing keys of a JWKS document, by kid; others are skipped with a log line."""
    keys: dict[str | None, SigningKey] = {}
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValueError("not a JWKS (no `keys` list)")
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
            continue
        algorithms = _algorithms(entry)
        if not algorithms:
            log.warning(
                "JWKS %s: key %s (kty %s) is not a public signing key; skipped",
                url,
                entry.get("kid"),
                entry.get("kty"),
            )
            continue
        try:
            parsed = jwt.PyJWK(entry, algorithms[0])
        except jwt.PyJWTError as exc:
            log.warning("JWKS %s: key %s cannot be read (%s); skipped", url, entry.get("kid"), exc)
            continue
        kid = entry.get("kid")
        keys[kid if isinstance(kid, str) else None] = SigningKey(kid, parsed.key, algorithms)
    return keys


class JwksCache:
    """The keys behind one `jwks_url`; shared by every scheme and configuration that names it."""

    def __init__(self, url: str, *, cache_seconds: float, min_refresh_seconds: float, timeout: float) -> None:
        self.url = url
        self.cache_seconds = cache_seconds
        self.min_refresh_seconds = min_refresh_seconds
        self.timeout = timeout
        self._keys: dict[str | None, SigningKey] | None = None
        self._fetched_at = float("-inf")
        self._fetching: asyncio.Future | None = None
        self._client: httpx.AsyncClient | None = None

    async def key(self, kid: str | None) -> SigningKey | None:
        """The key for this kid (None: the token names none, taken when the set has exactly one key).
        Raises KeysUnavailable when no keys are held and they cannot be fetched."""
        if self._fetching is not None:
            await self._join()
        elif self._keys is None:
            if time.monotonic() - self._fetched_at < self.min_refresh_seconds:
                raise KeysUnavailable("the last fetch failed moments ago")
            await self._join()
        elif time.monotonic() - self._fetched_at >= self.cache_seconds:
            await self._join()
        found = self._find(kid)
        if (
            found is None
            and kid is not None
            and time.monotonic() - self._fetched_at >= self.min_refresh_seconds
        ):
            await self._join()  # the issuer may have rotated its keys
            found = self._find(kid)
        return found

    def _find(self, kid: str | None) -> SigningKey | None:
        keys = self._keys or {}
        if kid is None:
            return next(iter(keys.values())) if len(keys) == 1 else None
        return keys.get(kid)

    async def _join(self) -> None:
        """Wait for the fetch under way, or start one; every waiter shares it."""
        if self._fetching is None:
            self._fetching = asyncio.ensure_future(self._fetch())
        await asyncio.shield(self._fetching)

    async def _fetch(self) -> None:
        self._fetched_at = time.monotonic()  # failures count too: fetching stays rate-limited
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self.timeout, follow_redirects=False)
        try:
            response = await self._client.get(self.url, headers={"accept": "application/json"})
            response.raise_for_status()
            if len(response.content) > _MAX_JWKS_BYTES:
                raise ValueError(f"larger than {_MAX_JWKS_BYTES} bytes")
            self._keys = parse_keys(response.json(), self.url)
        except (httpx.HTTPError, ValueError) as exc:
            if self._keys is None:
                log.error("JWKS %s cannot be fetched (%s); tokens cannot be verified", self.url, exc)
                raise KeysUnavailable(str(exc)) from None
            log.warning("JWKS %s cannot be refetched (%s); keeping the keys held", self.url, exc)
        finally:
            self._fetching = None

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

"""A test identity provider: RSA keys, a JWKS served over real HTTP (keys can be rotated), tokens.

`Issuer.token(...)` signs with the current key; `rotate()` makes a new key the only one the JWKS
serves; `hits` counts JWKS fetches. Forged tokens (`alg: none`, HS256 keyed with the public key)
are written by hand: no JOSE library would sign them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.servers import ThreadServer

ISSUER = "https://id.accord.test"
AUDIENCE = "orders"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Issuer:
    def __init__(self, issuer: str = ISSUER, audience: str = AUDIENCE) -> None:
        self.issuer = issuer
        self.audience = audience
        self.generation = 0
        self.hits = 0
        self.failing = False
        self._new_key()

        async def app(scope, receive, send) -> None:  # a plain function: uvicorn takes it for ASGI 3
            await self._serve(scope, receive, send)

        self.server = ThreadServer(app)

    def _new_key(self) -> None:
        self.generation += 1
        self.kid = f"key-{self.generation}"
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def rotate(self) -> None:
        """A new signing key; the JWKS now serves only that one."""
        self._new_key()

    @property
    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.private.public_key()))
        return {"keys": [{**public, "kid": self.kid, "use": "sig"}]}

    @property
    def jwks_url(self) -> str:
        return self.server.url + "/.well-known/jwks.json"

    def scheme(self, **overrides: Any) -> dict:
        return {"jwks_url": self.jwks_url, "issuer": self.issuer, "audience": self.audience, **overrides}

    def claims(self, **overrides: Any) -> dict:
        """Good claims, with `overrides` (a None value leaves the claim out)."""
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": "ann",
            "iat": now,
            "exp": now + 300,
            **overrides,
        }
        return {name: value for name, value in claims.items() if value is not None}

    def token(self, *, key=None, kid: str | None = None, **claims: Any) -> str:
        return jwt.encode(
            self.claims(**claims), key or self.private, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    def unsigned_token(self, **claims: Any) -> str:
        header = _b64(json.dumps({"alg": "none", "typ": "JWT", "kid": self.kid}).encode())
        return f"{header}.{_b64(json.dumps(self.claims(**claims)).encode())}."

    def hmac_with_public_key(self, **claims: Any) -> str:
        """HS256 whose secret is the issuer's public key (PEM): the algorithm-confusion attack."""
        secret = self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": self.kid}).encode())
        payload = _b64(json.dumps(self.claims(**claims)).encode())
        signature = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
        return f"{header}.{payload}.{_b64(signature)}"

    async def _serve(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        self.hits += 1
        if self.failing:
            await send({"type": "http.response.start", "status": 500, "headers": []})
            await send({"type": "http.response.body", "body": b"down"})
            return
        body = json.dumps(self.jwks).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json")],
            }
        )
        await send({"type": "http.response.body", "body": body})

    def __enter__(self) -> Issuer:
        self.server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)

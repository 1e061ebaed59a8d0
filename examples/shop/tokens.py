"""A stand-in identity provider for the shop's demo: an RSA key, its JWKS served over HTTP, and
tokens signed with it (PyJWT).

    python examples/shop/tokens.py serve DIR PORT       # writes DIR/key.pem, serves DIR/jwks.json
    python examples/shop/tokens.py token DIR SUBJECT    # prints a token for SUBJECT (1 hour)
    python examples/shop/tokens.py token DIR SUBJECT --expired
"""

from __future__ import annotations

import functools
import http.server
import json
import sys
import time
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER, AUDIENCE, KID = "https://id.shop.example", "orders", "shop-demo-1"


def serve(folder: Path, port: int) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    (folder / "key.pem").write_bytes(pem)
    public = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    (folder / "jwks.json").write_text(
        json.dumps({"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]})
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


def token(folder: Path, subject: str, expired: bool) -> str:
    now = int(time.time()) - (7200 if expired else 0)
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "iat": now, "exp": now + 3600}
    return jwt.encode(claims, (folder / "key.pem").read_bytes(), algorithm="RS256", headers={"kid": KID})


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "serve":
        serve(folder, int(sys.argv[3]))
    else:
        print(token(folder, sys.argv[3], "--expired" in sys.argv))

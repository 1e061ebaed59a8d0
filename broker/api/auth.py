"""Who may call the broker: HTTP Basic users and bearer tokens, read-write or read-only, as the
Pact Broker's basic auth (and PactFlow's tokens) work for the `pact` CLI, the verifiers and
pact-python.

Without credentials configured the broker is open. With them, every request needs one of them,
except the heartbeat (for health checks) and, with `allow_public_read`, reading. A read-only
credential may GET, HEAD and OPTIONS; writing with it is 403. Missing or wrong credentials are 401
with a `WWW-Authenticate` challenge for each scheme (one per header line, so browsers ask for a
user and password). Credentials are compared in constant time.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from ..settings import Settings
from .problems import problem

__all__ = ["Credentials", "RequireCredentials"]

_READING = frozenset({"GET", "HEAD", "OPTIONS"})
HEARTBEAT = "/diagnostic/status/heartbeat"


@dataclass(frozen=True)
class Credentials:
    """The accepted credentials: Authorization header values, read-write and read-only."""

    read_write: tuple[str, ...]
    read_only: tuple[str, ...]
    public_read: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> Credentials | None:
        def basic(user: str | None, password: str | None) -> tuple[str, ...]:
            if not user:
                return ()
            return ("Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode(),)

        def bearer(token: str | None) -> tuple[str, ...]:
            return (f"Bearer {token}",) if token else ()

        read_write = basic(settings.basic_auth_username, settings.basic_auth_password) + bearer(
            settings.token
        )
        read_only = basic(settings.read_only_username, settings.read_only_password) + bearer(
            settings.read_only_token
        )
        if not read_write and not read_only:
            return None
        return cls(read_write, read_only, settings.allow_public_read)

    def access(self, authorization: str | None) -> str | None:
        """ "write", "read", or None for a missing or unknown credential."""
        given = _normalised(authorization)
        if given is None:
            return None
        if any(secrets.compare_digest(given, known) for known in self.read_write):
            return "write"
        if any(secrets.compare_digest(given, known) for known in self.read_only):
            return "read"
        return None


def _normalised(authorization: str | None) -> str | None:
    """The header with its scheme spelled as we store it (schemes are case-insensitive), and a Basic
    credential re-encoded so that padding or spacing variants compare equal."""
    if not authorization or " " not in authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        return f"Bearer {value}"
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return None
        return "Basic " + base64.b64encode(decoded).decode()
    return None


class RequireCredentials:
    """ASGI middleware that lets a request through only with a credential allowed to make it."""

    def __init__(self, app: ASGIApp, credentials: Credentials) -> None:
        self.app = app
        self.credentials = credentials

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == HEARTBEAT:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        authorization = headers.get(b"authorization")
        access = self.credentials.access(authorization.decode("latin-1") if authorization else None)
        reading = scope["method"] in _READING
        if access == "write" or (reading and (access == "read" or self.credentials.public_read)):
            await self.app(scope, receive, send)
            return
        accept = headers.get(b"accept", b"").decode("latin-1") or None
        if access == "read":
            response = problem(
                403, "Forbidden", "this credential may only read", scope["path"], accept=accept
            )
        else:
            response = problem(
                401,
                "Unauthorized",
                "missing or unknown credentials" if authorization else "credentials are required",
                scope["path"],
                headers={"WWW-Authenticate": 'Basic realm="accord broker"'},
                accept=accept,
            )
            # a challenge per header line: browsers (Chromium) ask for a user and password only when
            # Basic stands alone in its line
            response.raw_headers.append((b"www-authenticate", b'Bearer realm="accord broker"'))
        await response(scope, receive, send)

"""Names with a `/` in them (branch `feat/bar`, tag `release/1.0`) sent percent-encoded as one path
segment (`feat%2Fbar`), as the Pact Broker and its clients do.

The ASGI server decodes the path before routing, so `feat%2Fbar` would read as two segments. The
middleware re-decodes the raw path segment by segment, keeping an encoded slash as a placeholder
character that no name may hold (NUL); the routes put the slash back into their path parameters."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["EncodedSlashes", "SegmentRoute", "request_path"]

_SLASH = "\x00"


def request_path(scope_or_request: Scope | Request) -> str:
    """The path as the client sent it (percent-encoded), for links back to it and problem `instance`s."""
    scope = scope_or_request.scope if isinstance(scope_or_request, Request) else scope_or_request
    raw = scope.get("raw_path")
    return raw.decode("latin-1").split("?")[0] if raw else scope.get("path", "")


MAX_NAME = 255


class EncodedSlashes:
    def __init__(self, app: ASGIApp, refuse: Callable[[str], ASGIApp]) -> None:
        self.app = app
        self.refuse = refuse  # detail -> the 400 answer to a path naming NUL

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path") if scope["type"] == "http" else None
        if raw:
            segments = [unquote(s.decode("latin-1")) for s in raw.split(b"?")[0].split(b"/")]
            if any(_SLASH in s for s in segments):
                await self.refuse("a name in the path holds a NUL character")(scope, receive, send)
                return
            # a pact URL's metadata segment (what selected the pact) is not a name: it may be longer
            names = [s for i, s in enumerate(segments) if not i or segments[i - 1] != "metadata"]
            if any(len(s) > MAX_NAME for s in names):  # the names' columns hold 255 characters
                await self.refuse(f"a name in the path is longer than {MAX_NAME} characters")(
                    scope, receive, send
                )
                return
            if any("/" in s for s in segments):
                scope = {**scope, "path": "/".join(s.replace("/", _SLASH) for s in segments)}
        await self.app(scope, receive, send)


class SegmentRoute(APIRoute):
    """A route whose path parameters get back the slashes `EncodedSlashes` kept out of the path."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child = super().matches(scope)
        params = child.get("path_params")
        if params and any(isinstance(v, str) and _SLASH in v for v in params.values()):
            child = {
                **child,
                "path_params": {
                    k: v.replace(_SLASH, "/") if isinstance(v, str) else v for k, v in params.items()
                },
            }
        return match, child

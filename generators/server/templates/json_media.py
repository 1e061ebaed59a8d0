"""Request bodies sent with a JSON media type FastAPI does not read as JSON (`text/json`, which
ASP.NET descriptions offer beside `application/json`): the request's Content-Type is given to the
application as `application/json`, parameters kept, so the body is read as the JSON the contract
describes. Every other request passes untouched.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


def _json_elsewhere(value: bytes) -> bool:
    main, _, sub = value.split(b";")[0].strip().lower().partition(b"/")
    return main != b"application" and (sub == b"json" or sub.endswith(b"+json"))


class JsonMedia:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = scope["headers"]
            for i, (name, value) in enumerate(headers):
                if name == b"content-type" and _json_elsewhere(value):
                    _, sep, params = value.partition(b";")
                    fixed = (name, b"application/json" + sep + params)
                    scope = {**scope, "headers": [*headers[:i], fixed, *headers[i + 1 :]]}
                    break
        await self.app(scope, receive, send)

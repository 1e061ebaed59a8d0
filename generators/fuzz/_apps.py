"""`module:app` to an in-process application, answering unhandled exceptions with a 500 as a server would.

In-process test clients re-raise an application's exceptions; a real server (uvicorn, gunicorn)
answers 500 instead. The wrappers here give the fuzzer the server's view, so a crash is reported
as a `not_a_server_error` failure with a curl command, exactly as over real HTTP.
"""

from __future__ import annotations

import inspect
import sys
from typing import Any, Literal

from .._imports import ImportSpecError, import_object

__all__ = ["AppLoadError", "load_app"]

AppKind = Literal["asgi", "wsgi"]


AppLoadError = ImportSpecError  # `module:app` cannot be imported or is not an application


def load_app(spec: str) -> tuple[Any, AppKind]:
    """Import `module:attribute`, an ASGI or WSGI application, wrapped to answer crashes with a 500."""
    target = import_object(spec, "--app")
    if _is_asgi(target):
        return _asgi_500(target), "asgi"
    return _wsgi_500(target), "wsgi"


def _is_asgi(app: Any) -> bool:
    call = app if inspect.isfunction(app) or inspect.ismethod(app) else getattr(app, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(app)


def _asgi_500(app: Any) -> Any:
    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return
        sent: set[str] = set()

        async def tracking_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" or not message.get("more_body", False):
                sent.add(message["type"])
            await send(message)

        try:
            await app(scope, receive, tracking_send)
        except Exception as exc:
            # Starlette sends its own 500 before re-raising: what the client saw stands, as with uvicorn.
            if "http.response.start" in sent:
                if "http.response.body" not in sent:
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            body = f"Internal Server Error: {type(exc).__name__}: {exc}".encode()
            headers = [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": body})

    return guarded


def _wsgi_500(app: Any) -> Any:
    def guarded(environ: dict[str, Any], start_response: Any) -> Any:
        try:
            return list(app(environ, start_response))
        except Exception as exc:
            body = f"Internal Server Error: {type(exc).__name__}: {exc}".encode()
            start_response(
                "500 Internal Server Error",
                [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))],
                sys.exc_info(),
            )
            return [body]

    return guarded

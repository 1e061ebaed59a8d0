"""RFC 9457 problem+json for every error, and the request body size limit."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from ..errors import BrokerError
from .paths import request_path
from .schemas.common import HAL, PROBLEM

__all__ = ["BodyLimit", "JsonBodies", "install", "problem"]


def problem(
    status: int,
    title: str,
    detail: str,
    instance: str | None = None,
    errors: Any = None,
    headers: dict[str, str] | None = None,
    accept: str | None = None,
    notices: list[dict[str, str]] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    if notices:
        body["notices"] = notices
    return JSONResponse(body, status_code=status, media_type=_media_type(accept), headers=headers)


def _media_type(accept: str | None) -> str:
    """problem+json, unless the client accepts only HAL or JSON (the `pact` CLI sends
    `Accept: application/hal+json` and shows a validation error's `errors` only in such an answer):
    then the same problem document in the first of those it names."""
    if not accept:
        return PROBLEM
    named = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if any(m in (PROBLEM, "*/*", "application/*") for m in named):
        return PROBLEM
    return next((m for m in named if m in (HAL, "application/json")), PROBLEM)


def _location(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path")]
    return ".".join(parts) or "body"


def install(app: FastAPI) -> None:
    @app.exception_handler(BrokerError)
    async def _broker_error(request: Request, exc: BrokerError) -> JSONResponse:
        return problem(
            exc.status,
            exc.title,
            exc.detail,
            request_path(request),
            exc.errors,
            accept=request.headers.get("accept"),
            notices=exc.notices,
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors():
            if error.get("type") == "json_invalid":  # the body is not JSON at all
                errors.setdefault("body", []).append(
                    f"is not valid JSON ({error.get('ctx', {}).get('error')})"
                )
                continue
            # a missing field in the Pact Broker's words; other messages as pydantic words them
            message = "is missing" if error.get("type") == "missing" else str(error.get("msg"))
            errors.setdefault(_location(tuple(error.get("loc", ()))), []).append(message)
        detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in errors.items())
        return problem(
            400,
            "Validation errors",
            detail,
            request_path(request),
            errors,
            accept=request.headers.get("accept"),
        )

    @app.exception_handler(UnicodeDecodeError)
    async def _not_utf8(request: Request, exc: UnicodeDecodeError) -> JSONResponse:
        return problem(
            400,
            "Validation errors",
            "the request is not valid UTF-8",
            request_path(request),
            {"body": ["is not valid UTF-8"]},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        """A fault nothing else answers (a database gone, a bug): still problem+json, never a bare
        500; Starlette logs the exception with its traceback after this answer is sent."""
        return problem(
            500,
            "Internal server error",
            "the broker could not answer this request; its log says why",
            request_path(request),
            accept=request.headers.get("accept"),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed"}
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(sorted(_allowed_methods(request)))
        return problem(
            exc.status_code,
            titles.get(exc.status_code, "Error"),
            str(exc.detail),
            request_path(request),
            headers=headers,
        )


def _allowed_methods(request: Request) -> set[str]:
    """The methods of the routes that match this path (for the Allow header of a 405)."""
    allowed: set[str] = set()
    routes = list(request.app.routes)
    while routes:
        route = routes.pop()
        included = getattr(route, "original_router", None)  # FastAPI keeps included routers nested
        if included is not None:
            routes.extend(included.routes)
            continue
        methods = getattr(route, "methods", None)
        if methods and route.matches({**request.scope, "method": next(iter(methods))})[0] is Match.FULL:
            allowed |= set(methods)
    return allowed


class BodyLimit:
    """Reject request bodies over `limit` bytes with 413 before any route reads them."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = problem(
                413, "Request body too large", f"the request body is larger than {self.limit} bytes"
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


class JsonBodies:
    """Refuse a request body that says it is not JSON with 415, as the Pact Broker does: every resource
    here reads JSON (a body without a Content-Type is read as JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH"):
            headers = dict(scope.get("headers") or [])
            media = headers.get(b"content-type", b"").split(b";")[0].strip().lower().decode("latin-1")
            has_body = headers.get(b"content-length", b"0") != b"0" or b"transfer-encoding" in headers
            if media and has_body and not (media == "application/json" or media.endswith("+json")):
                accept = headers.get(b"accept", b"").decode("latin-1") or None
                detail = f"the request body must be application/json, not {media}"
                answer = problem(415, "Unsupported Media Type", detail, request_path(scope), accept=accept)
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)

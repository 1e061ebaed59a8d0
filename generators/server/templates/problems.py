"""RFC 9457 problem+json for every error the application answers: HTTP errors, invalid requests
(422, or 400 where the operation documents 400 and not 422), handlers not written yet (501) and
unexpected failures (500)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int, detail: Any = None, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """A problem+json response with the status's standard title."""
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, **extra}
    if detail is not None:
        body["detail"] = detail if isinstance(detail, str) else str(detail)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return problem(exc.status_code, exc.detail, getattr(exc, "headers", None))


def invalid_request_status(request: Request) -> int:
    """422, unless the operation documents 400 and not 422 for a request it refuses: then 400, so
    that the answer is one the contract names."""
    route = request.scope.get("route")
    key = (getattr(route, "operation_id", None), getattr(route, "path", None), request.method.lower())
    statuses = getattr(request.app.state, "invalid_request_status", None)
    if statuses is None:
        statuses = request.app.state.invalid_request_status = {}
    if key not in statuses:
        documented = {str(code) for code in (_operation(request.app.openapi(), *key).get("responses") or {})}
        statuses[key] = 400 if "400" in documented and "422" not in documented else 422
    return statuses[key]


def _operation(document: dict[str, Any], operation_id: str | None, path: str | None, method: str) -> dict:
    """The contract's operation: by operationId (the route's path may name its parameters otherwise),
    else by path and method."""
    paths = document.get("paths") or {}
    if operation_id:
        for item in paths.values():
            for candidate in (item or {}).values():
                if isinstance(candidate, dict) and candidate.get("operationId") == operation_id:
                    return candidate
    return (paths.get(path) or {}).get(method) or {}


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"location": ".".join(str(part) for part in error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors()
    ]
    return problem(invalid_request_status(request), "The request does not match the contract.", errors=errors)


async def not_implemented(request: Request, exc: NotImplementedError) -> JSONResponse:
    """A service stub not written yet: 501, naming the stub to fill in."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f"{tb.tb_frame.f_code.co_filename}: {tb.tb_frame.f_code.co_name}()" if tb else "a handler"
    return problem(501, str(exc) or f"{where} is not implemented yet.")


async def server_error(request: Request, exc: Exception) -> JSONResponse:
    return problem(500, "The server could not answer this request.")


PROBLEM_HANDLERS = {
    HTTPException: http_error,
    RequestValidationError: invalid_request,
    NotImplementedError: not_implemented,
    Exception: server_error,
}

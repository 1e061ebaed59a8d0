"""RFC 9457 problem+json for every error the application answers: HTTP errors, invalid requests,
handlers not written yet (501) and unexpected failures (500)."""

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


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"location": ".".join(str(part) for part in error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors()
    ]
    return problem(422, "The request does not match the contract.", errors=errors)


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

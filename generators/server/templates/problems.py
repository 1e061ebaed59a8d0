"""RFC 9457 problem+json for every error the application answers: HTTP errors and invalid requests."""

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


PROBLEM_HANDLERS = {HTTPException: http_error, RequestValidationError: invalid_request}

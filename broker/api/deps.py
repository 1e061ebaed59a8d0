"""FastAPI dependencies: the service registry and the base URL links are built on."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response

from ..services import Services
from .schemas.common import HAL

__all__ = ["Base", "Registry", "hal", "no_content"]


def _services(request: Request) -> Services:
    return request.app.state.services


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


Registry = Annotated[Services, Depends(_services)]
Base = Annotated[str, Depends(_base_url)]


def hal(body: Any, status: int = 200, location: str | None = None) -> JSONResponse:
    """A HAL answer; `location` for a created resource's URL (the `Location` header)."""
    headers = {"Location": location} if location else None
    return JSONResponse(body, status_code=status, media_type=HAL, headers=headers)


def no_content() -> Response:
    return Response(status_code=204)

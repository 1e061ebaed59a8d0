"""FastAPI dependencies: the service registry and the base URL links are built on."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response

from ..errors import UnsupportedMediaType
from ..services import Services
from .schemas.common import HAL

__all__ = ["JSON", "MERGE_PATCH", "Base", "Registry", "accepts", "hal", "no_content"]

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"


def _services(request: Request) -> Services:
    return request.app.state.services


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


Registry = Annotated[Services, Depends(_services)]
Base = Annotated[str, Depends(_base_url)]


class HALResponse(JSONResponse):
    """A HAL document, written by orjson (several times faster than json on a matrix of thousands of
    rows); what orjson cannot write (an integer beyond 64 bits in a client's test results) by json."""

    media_type = HAL

    def render(self, content: Any) -> bytes:
        try:
            return orjson.dumps(content)
        except orjson.JSONEncodeError:
            return super().render(content)


def accepts(*media_types: str) -> Any:
    """A route dependency: a body of another media type is 415, as where the Pact Broker's resource
    takes only these for the method (a PUT is not a merge patch; a version's PATCH is only one). A body
    without a `Content-Type` is read as JSON."""

    def check(request: Request) -> None:
        given = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if given and given not in media_types:
            raise UnsupportedMediaType(f"{request.method} takes {' or '.join(media_types)}, not {given}")

    return Depends(check)


def hal(body: Any, status: int = 200, location: str | None = None) -> JSONResponse:
    """A HAL answer; `location` for a created resource's URL (the `Location` header)."""
    headers = {"Location": location} if location else None
    return HALResponse(body, status_code=status, headers=headers)


def no_content() -> Response:
    return Response(status_code=204)

"""Response shapes every route declares: a HAL document, and RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ...errors import NotFound

__all__ = ["HAL", "PROBLEM", "HalDocument", "Problem", "responses", "verification_number"]

HAL = "application/hal+json"
PROBLEM = "application/problem+json"


class HalDocument(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: dict[str, list[str]] | list[str] | None = Field(default=None)


_DESCRIPTIONS = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    204: "No content",
    400: "Invalid request",
    404: "Not found",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI response declarations: HAL for successes, problem+json for errors."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        if code == 204:
            out[code] = {"description": _DESCRIPTIONS[code]}
        elif code < 400:
            out[code] = {"description": _DESCRIPTIONS[code], "model": HalDocument, "content": {HAL: {}}}
        else:
            out[code] = {"description": _DESCRIPTIONS[code], "model": Problem, "content": {PROBLEM: {}}}
    return out


def verification_number(text: str) -> int:
    """A verification result's number in a path; anything else names no result (404, as in the Pact
    Broker, which points `all` at the matrix)."""
    if text == "all":
        raise NotFound("To see all the verifications for a pact, use the Matrix page")
    if not text.isdigit():
        raise NotFound(f"No verification result {text} found")
    return int(text)

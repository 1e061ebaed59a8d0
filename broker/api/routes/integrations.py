"""Integrations: each consumer/provider pair with a pact, listed (paginated, `q` filters by name) and
deleted one at a time or all at once."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..deps import Base, Registry, hal, no_content
from ..pagination import PageQuery, paginate
from ..paths import SegmentRoute, request_path
from ..representations import integration as representation
from ..schemas.common import responses
from ..web import prefers

router = APIRouter(tags=["integrations"], route_class=SegmentRoute)


GRAPHVIZ = "text/vnd.graphviz"
_LISTED = responses(200, 400)
_LISTED[200]["content"] = {**_LISTED[200]["content"], GRAPHVIZ: {"schema": {"type": "string"}}}


@router.get("/integrations", response_class=JSONResponse, responses=_LISTED)
def list_integrations(
    page: PageQuery, request: Request, services: Registry, base: Base, q: str | None = None
) -> Response:
    """The integrations as HAL, or as a Graphviz file for `Accept: text/vnd.graphviz`."""
    result = services.pacts.integrations(page, q)
    if prefers(request.headers.get("accept"), (GRAPHVIZ,)):
        return Response(representation.dot(result.rows), media_type=f"{GRAPHVIZ};charset=utf-8")
    body = representation.integrations(base, base + request_path(request), result.rows)
    return hal(paginate(body, result, base, request))


@router.delete("/integrations", status_code=204, response_class=Response, responses=responses(204))
def delete_integrations(services: Registry) -> Response:
    services.deletions.integrations()
    return no_content()


@router.delete(
    "/integrations/provider/{provider}/consumer/{consumer}",
    status_code=204,
    response_class=Response,
    responses=responses(204, 404),
)
def delete_integration(provider: str, consumer: str, services: Registry) -> Response:
    services.deletions.integration(provider, consumer)
    return no_content()

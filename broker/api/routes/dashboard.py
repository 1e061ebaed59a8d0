"""`GET /dashboard` and `/dashboard/provider/{p}/consumer/{c}`: the head pacts with their verification
status, as HAL JSON or, for `Accept: text/plain`, a text table."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations import dashboard as representation
from ..schemas.common import responses
from ..web import prefers

router = APIRouter(tags=["dashboard"], route_class=SegmentRoute)
TEXT = "text/plain"
_SHOWN = responses(200, 404)
_SHOWN[200]["content"] = {**_SHOWN[200]["content"], TEXT: {"schema": {"type": "string"}}}


def _shown(
    request: Request, services: Registry, base: str, provider: str | None = None, consumer: str | None = None
) -> Response:
    items = services.dashboard.items(provider, consumer)
    if prefers(request.headers.get("accept"), (TEXT,)):
        return Response(representation.dashboard_text(items), media_type=f"{TEXT};charset=utf-8")
    return hal(representation.dashboard(base, items))


@router.get("/dashboard", response_class=JSONResponse, responses=_SHOWN)
def dashboard(request: Request, services: Registry, base: Base) -> Response:
    return _shown(request, services, base)


@router.get(
    "/dashboard/provider/{provider}/consumer/{consumer}", response_class=JSONResponse, responses=_SHOWN
)
def integration_dashboard(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> Response:
    return _shown(request, services, base, provider, consumer)

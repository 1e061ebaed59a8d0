"""GET /: the index of link relations (or, for a browser, the web view); the heartbeat health checks call."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ..auth import HEARTBEAT
from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations import index as representation
from ..schemas.common import responses
from ..web import index_page, prefers_html

router = APIRouter(tags=["index"], route_class=SegmentRoute)


@router.get("/", response_class=JSONResponse, responses=responses(200))
def get_index(request: Request, services: Registry, base: Base) -> Response:
    """The HAL index; a browser (Accept ranking text/html first) gets the web view's front page."""
    if prefers_html(request.headers.get("accept")):
        return index_page(services, base)
    return hal(representation.index(base))


@router.get(HEARTBEAT, response_class=JSONResponse, responses=responses(200))
def heartbeat(base: Base) -> JSONResponse:
    """Answers without credentials, for load balancers and orchestrators."""
    return hal({"ok": True, "_links": {"self": {"href": base + HEARTBEAT, "title": "Heartbeat"}}})

"""GET /: the index of link relations; the heartbeat health checks call."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..auth import HEARTBEAT
from ..deps import Base, hal
from ..paths import SegmentRoute
from ..representations import index as representation
from ..schemas.common import responses

router = APIRouter(tags=["index"], route_class=SegmentRoute)


@router.get("/", response_class=JSONResponse, responses=responses(200))
def get_index(base: Base) -> JSONResponse:
    return hal(representation.index(base))


@router.get(HEARTBEAT, response_class=JSONResponse, responses=responses(200))
def heartbeat(base: Base) -> JSONResponse:
    """Answers without credentials, for load balancers and orchestrators."""
    return hal({"ok": True, "_links": {"self": {"href": base + HEARTBEAT, "title": "Heartbeat"}}})

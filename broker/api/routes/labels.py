"""Labels of pacticipants, and the pacticipants with a label."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .. import links
from ..deps import Base, Registry, hal, no_content
from ..pagination import PageQuery, paginate
from ..paths import SegmentRoute
from ..representations import label as representation
from ..representations.pacticipant import pacticipants
from ..schemas.common import responses

router = APIRouter(tags=["labels"], route_class=SegmentRoute)
L = "/pacticipants/{pacticipant}/labels/{label}"


@router.get("/pacticipants/label/{label}", response_class=JSONResponse, responses=responses(200, 400))
def pacticipants_with_label(
    label: str, page: PageQuery, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """The pacticipants labelled `label` (none is an empty list)."""
    result = services.labels.pacticipants_with(label, page)
    return hal(paginate(pacticipants(base, result.rows), result, base, request))


@router.get("/labels", response_class=JSONResponse, responses=responses(200, 400))
def list_labels(page: PageQuery, request: Request, services: Registry, base: Base) -> JSONResponse:
    """Every distinct label name."""
    result = services.labels.names(page)
    return hal(paginate(representation.names(base, result.rows), result, base, request))


@router.get(L, response_class=JSONResponse, responses=responses(200, 404))
def get_label(pacticipant: str, label: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.label(base, services.labels.get(pacticipant, label)))


@router.put(L, response_class=JSONResponse, responses=responses(200, 201))
def put_label(pacticipant: str, label: str, services: Registry, base: Base) -> JSONResponse:
    """Label the pacticipant (created when missing): 201 with `Location` when added, 200 when it had it."""
    row, created = services.labels.add(pacticipant, label)
    location = links.label(base, pacticipant, label) if created else None
    return hal(representation.label(base, row), 201 if created else 200, location)


@router.delete(L, status_code=204, response_class=Response, responses=responses(204, 404))
def delete_label(pacticipant: str, label: str, services: Registry) -> Response:
    services.labels.remove(pacticipant, label)
    return no_content()

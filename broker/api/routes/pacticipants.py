"""Pacticipants."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from .. import links
from ..deps import JSON, Base, Registry, accepts, hal, no_content
from ..pagination import PageQuery, paginate
from ..paths import SegmentRoute
from ..representations import pacticipant as representation
from ..schemas.bodies import PacticipantBody, PacticipantCreate
from ..schemas.common import responses

router = APIRouter(tags=["pacticipants"], route_class=SegmentRoute)
P = "/pacticipants/{pacticipant}"


@router.get("/pacticipants", response_class=JSONResponse, responses=responses(200))
def list_pacticipants(page: PageQuery, request: Request, services: Registry, base: Base) -> JSONResponse:
    result = services.pacticipants.list(page)
    return hal(paginate(representation.pacticipants(base, result.rows), result, base, request))


def _upserted(
    services: Registry, base: str, name: str, body: PacticipantBody, *, update: bool = True
) -> JSONResponse:
    """201 with a `Location` when the pacticipant was created, else 200."""
    fields = body.model_dump(exclude_unset=True)
    described, created = services.pacticipants.upsert(name, fields, update=update)
    location = links.pacticipant(base, name) if created else None
    return hal(representation.described(base, described), 201 if created else 200, location)


@router.post("/pacticipants", response_class=JSONResponse, responses=responses(200, 201, 400))
def create_pacticipant(body: PacticipantCreate, services: Registry, base: Base) -> JSONResponse:
    """Create the pacticipant; one that exists is left as it is (200)."""
    return _upserted(services, base, body.name, body, update=False)


@router.get(P, response_class=JSONResponse, responses=responses(200, 404))
def get_pacticipant(pacticipant: str, services: Registry, base: Base) -> JSONResponse:
    described = services.pacticipants.described(pacticipant)
    return hal(representation.described(base, described))


@router.patch(P, response_class=JSONResponse, responses=responses(200, 201, 400, 415))
def patch_pacticipant(
    pacticipant: str, body: PacticipantBody, services: Registry, base: Base
) -> JSONResponse:
    """Update the fields given (JSON or a merge patch); a missing pacticipant is created."""
    return _upserted(services, base, pacticipant, body)


@router.put(
    P,
    response_class=JSONResponse,
    responses=responses(200, 400, 404, 415),
    dependencies=[accepts(JSON)],
)
def put_pacticipant(pacticipant: str, body: PacticipantBody, services: Registry, base: Base) -> JSONResponse:
    """Replace the fields of an existing pacticipant (those not given are cleared)."""
    described = services.pacticipants.replace(pacticipant, body.model_dump(exclude_unset=True))
    return hal(representation.described(base, described))


@router.delete(P, status_code=204, response_class=Response, responses=responses(204, 404))
def delete_pacticipant(pacticipant: str, services: Registry) -> Response:
    """The pacticipant with its versions, pacts, verification results and webhooks."""
    services.deletions.pacticipant(pacticipant)
    return no_content()

"""GET /groups/{pacticipant} and /relationships: the pacticipant's connected integrations, or every
integration, as the Pact Broker's CSV."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from ..deps import Registry
from ..paths import SegmentRoute
from ..schemas.common import responses

router = APIRouter(tags=["groups"], route_class=SegmentRoute)


@router.get(
    "/groups/{pacticipant}",
    response_class=Response,
    responses={
        200: {"description": "One CSV line per pacticipant", "content": {"text/csv": {}}},
        **responses(400, 404),
    },
)
def group(pacticipant: str, services: Registry, maxPacticipants: str | None = None) -> Response:
    limit = int(maxPacticipants) if maxPacticipants and maxPacticipants.isdigit() else None
    return Response(services.groups.csv(pacticipant, limit), media_type="text/csv")


@router.get(
    "/relationships",
    response_class=Response,
    responses={200: {"description": "One CSV line per pacticipant", "content": {"text/csv": {}}}},
)
def relationships(services: Registry) -> Response:
    return Response(services.groups.relationships(), media_type="text/csv")

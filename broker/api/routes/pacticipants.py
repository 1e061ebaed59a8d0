"""Pacticipants."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from ..deps import Base, Registry, hal
from ..representations import pacticipant as representation
from ..schemas.bodies import PacticipantBody, PacticipantCreate
from ..schemas.common import responses

router = APIRouter(tags=["pacticipants"])
P = "/pacticipants/{pacticipant}"


@router.get("/pacticipants", response_class=JSONResponse, responses=responses(200))
def list_pacticipants(services: Registry, base: Base) -> JSONResponse:
    return hal(representation.pacticipants(base, services.pacticipants.list()))


@router.post("/pacticipants", response_class=JSONResponse, responses=responses(200, 201, 400))
def create_pacticipant(body: PacticipantCreate, services: Registry, base: Base) -> JSONResponse:
    row, created = services.pacticipants.upsert(body.name, body.model_dump(exclude_unset=True))
    return hal(representation.pacticipant(base, row), 201 if created else 200)


@router.get(P, response_class=JSONResponse, responses=responses(200, 404))
def get_pacticipant(pacticipant: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.pacticipant(base, services.pacticipants.get(pacticipant)))


@router.patch(P, response_class=JSONResponse, responses=responses(200, 201, 400))
def patch_pacticipant(
    pacticipant: str, body: PacticipantBody, services: Registry, base: Base
) -> JSONResponse:
    row, created = services.pacticipants.upsert(pacticipant, body.model_dump(exclude_unset=True))
    return hal(representation.pacticipant(base, row), 201 if created else 200)


@router.put(P, response_class=JSONResponse, responses=responses(200, 201, 400))
def put_pacticipant(pacticipant: str, body: PacticipantBody, services: Registry, base: Base) -> JSONResponse:
    row, created = services.pacticipants.upsert(
        pacticipant, body.model_dump(exclude_unset=True), replace=True
    )
    return hal(representation.pacticipant(base, row), 201 if created else 200)

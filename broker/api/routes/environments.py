"""Environments, and the versions currently deployed or released to each."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from .. import links
from ..deps import Base, Registry, hal, no_content
from ..paths import SegmentRoute
from ..representations import environment as representation
from ..schemas.bodies import EnvironmentBody
from ..schemas.common import responses

router = APIRouter(tags=["environments"], route_class=SegmentRoute)
E = "/environments/{uuid}"


@router.get("/environments", response_class=JSONResponse, responses=responses(200))
def list_environments(services: Registry, base: Base, name: str | None = None) -> JSONResponse:
    return hal(representation.environments(base, services.environments.list(name)))


@router.post("/environments", response_class=JSONResponse, responses=responses(201, 400, 409))
def create_environment(body: EnvironmentBody, services: Registry, base: Base) -> JSONResponse:
    row = services.environments.create(body.model_dump())
    return hal(representation.environment(base, row), 201, links.environment(base, row.uuid))


@router.get(E, response_class=JSONResponse, responses=responses(200, 404))
def get_environment(uuid: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.environment(base, services.environments.get(uuid)))


@router.put(E, response_class=JSONResponse, responses=responses(200, 400, 404, 409))
def update_environment(uuid: str, body: EnvironmentBody, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.environment(base, services.environments.update(uuid, body.model_dump())))


@router.delete(E, status_code=204, response_class=Response, responses=responses(204, 404))
def delete_environment(uuid: str, services: Registry) -> Response:
    services.environments.delete(uuid)
    return no_content()


@router.get(
    E + "/deployed-versions/currently-deployed", response_class=JSONResponse, responses=responses(200, 404)
)
def currently_deployed(
    uuid: str, services: Registry, base: Base, pacticipant: str | None = None
) -> JSONResponse:
    rows = services.environments.currently_deployed(uuid, pacticipant)
    return hal(representation.currently_deployed(base, uuid, rows))


@router.get(
    E + "/released-versions/currently-supported", response_class=JSONResponse, responses=responses(200, 404)
)
def currently_released(
    uuid: str, services: Registry, base: Base, pacticipant: str | None = None
) -> JSONResponse:
    rows = services.environments.currently_released(uuid, pacticipant)
    return hal(representation.currently_released(base, uuid, rows))

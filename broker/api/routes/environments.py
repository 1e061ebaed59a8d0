"""Environments, and the versions currently deployed or released to each."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
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


@router.put(E, response_class=JSONResponse, responses=responses(200, 400, 404))
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
    uuid: str,
    request: Request,
    services: Registry,
    base: Base,
    pacticipant: str | None = None,
    application_instance: Annotated[str | None, Query(alias="applicationInstance")] = None,
    target: str | None = None,
) -> JSONResponse:
    """Newest first; `applicationInstance` (or its old name `target`) keeps the versions deployed to that
    instance, and when blank those deployed without one, as in the Pact Broker."""
    instance = application_instance if application_instance is not None else target
    environment, rows = services.environments.currently_deployed(
        uuid, pacticipant, ... if instance is None else instance or None
    )
    return hal(representation.currently_deployed(base, environment, rows, request.url.query))


@router.get(
    E + "/released-versions/currently-supported", response_class=JSONResponse, responses=responses(200, 404)
)
def currently_released(
    uuid: str,
    request: Request,
    services: Registry,
    base: Base,
    pacticipant: str | None = None,
    version: str | None = None,
) -> JSONResponse:
    environment, rows = services.environments.currently_released(uuid, pacticipant, version)
    return hal(representation.currently_released(base, environment, rows, request.url.query))

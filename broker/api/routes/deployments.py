"""record-deployment, record-undeployment, record-release and record-support-ended."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from .. import links
from ..deps import MERGE_PATCH, Base, Registry, accepts, hal
from ..paths import SegmentRoute
from ..representations import deployment as representation
from ..representations import environment as environment_representation
from ..schemas.bodies import DeployedVersionPatch, DeploymentBody, ReleaseBody, ReleasedVersionPatch
from ..schemas.common import responses

router = APIRouter(tags=["deployments"], route_class=SegmentRoute)
V = "/pacticipants/{pacticipant}/versions/{version}"


@router.post(
    V + "/deployed-versions/environment/{uuid}",
    response_class=JSONResponse,
    responses=responses(201, 400, 404),
)
def record_deployment(
    pacticipant: str,
    version: str,
    uuid: str,
    services: Registry,
    base: Base,
    body: Annotated[DeploymentBody | None, Body()] = None,
) -> JSONResponse:
    target = body.applicationInstance or body.target if body else None
    row = services.environments.record_deployment(pacticipant, version, uuid, target)
    return hal(representation.deployment(base, row), 201, links.deployed_version(base, row.uuid))


@router.post(
    V + "/released-versions/environment/{uuid}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 404),
)
def record_release(
    pacticipant: str,
    version: str,
    uuid: str,
    services: Registry,
    base: Base,
    body: Annotated[ReleaseBody | None, Body()] = None,
) -> JSONResponse:
    row, created = services.environments.record_release(pacticipant, version, uuid)
    return hal(
        representation.release(base, row), 201 if created else 200, links.released_version(base, row.uuid)
    )


@router.get(
    V + "/deployed-versions/environment/{uuid}", response_class=JSONResponse, responses=responses(200, 404)
)
def deployments_of_version(
    pacticipant: str, version: str, uuid: str, services: Registry, base: Base
) -> JSONResponse:
    """Every deployment of the version to the environment, current or not, newest first."""
    row, environment, deployed, _ = services.environments.of_version_in(pacticipant, version, uuid)
    return hal(environment_representation.deployments_of(base, row, environment, deployed))


@router.get(
    V + "/released-versions/environment/{uuid}", response_class=JSONResponse, responses=responses(200, 404)
)
def releases_of_version(
    pacticipant: str, version: str, uuid: str, services: Registry, base: Base
) -> JSONResponse:
    """The version's release to the environment, if it was released there."""
    row, environment, _, released = services.environments.of_version_in(pacticipant, version, uuid)
    return hal(environment_representation.releases_of(base, row, environment, released))


@router.get("/deployed-versions/{uuid}", response_class=JSONResponse, responses=responses(200, 404))
def get_deployed_version(uuid: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.deployment(base, services.environments.deployed_version(uuid)))


@router.patch(
    "/deployed-versions/{uuid}",
    response_class=JSONResponse,
    responses=responses(200, 400, 404, 415),
    dependencies=[accepts(MERGE_PATCH)],
)
def patch_deployed_version(
    uuid: str, body: DeployedVersionPatch, services: Registry, base: Base
) -> JSONResponse:
    return hal(
        representation.deployment(
            base, services.environments.set_currently_deployed(uuid, body.currentlyDeployed)
        )
    )


@router.get("/released-versions/{uuid}", response_class=JSONResponse, responses=responses(200, 404))
def get_released_version(uuid: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.release(base, services.environments.released_version(uuid)))


@router.patch(
    "/released-versions/{uuid}",
    response_class=JSONResponse,
    responses=responses(200, 400, 404, 415),
    dependencies=[accepts(MERGE_PATCH)],
)
def patch_released_version(
    uuid: str, body: ReleasedVersionPatch, services: Registry, base: Base
) -> JSONResponse:
    return hal(
        representation.release(
            base, services.environments.set_currently_supported(uuid, body.currentlySupported)
        )
    )

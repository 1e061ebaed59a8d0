"""GET /matrix and GET /can-i-deploy."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from ...services.matrix import MatrixQuery, Selector, branch_to_environment
from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations import matrix as representation
from ..schemas.common import responses
from ..schemas.matrix import MATRIX_PARAMETERS, can_i_deploy_query, matrix_query

router = APIRouter(tags=["matrix"], route_class=SegmentRoute)


@router.get(
    "/matrix",
    response_class=JSONResponse,
    responses=responses(200, 400),
    openapi_extra={"parameters": MATRIX_PARAMETERS},
)
def get_matrix(request: Request, services: Registry, base: Base) -> JSONResponse:
    query = matrix_query(list(request.query_params.multi_items()))
    return hal(representation.matrix(base, services.matrix.find(query)))


@router.get("/can-i-deploy", response_class=JSONResponse, responses=responses(200, 400))
def can_i_deploy(
    request: Request,
    services: Registry,
    base: Base,
    pacticipant: Annotated[str, Query(min_length=1)],
    version: Annotated[str, Query(min_length=1)],
    environment: str | None = None,
    to: str | None = None,
) -> JSONResponse:
    query = can_i_deploy_query(list(request.query_params.multi_items()))
    return hal(representation.matrix(base, services.matrix.find(query)))


@router.get(
    "/matrix/provider/{provider}/consumer/{consumer}",
    response_class=JSONResponse,
    responses=responses(200, 400, 404),
)
def get_integration_matrix(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """Every row of one consumer/provider pair (the `latestby` and `limit` options apply)."""
    query = matrix_query(list(request.query_params.multi_items()))
    for name in (consumer, provider):
        services.pacticipants.get(name)  # 404 for an unknown one
    query.selectors = [Selector(pacticipant=consumer), Selector(pacticipant=provider)]
    return hal(representation.matrix(base, services.matrix.find(query)))


@router.get(
    "/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{to}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def can_i_deploy_tag_to_tag(
    pacticipant: str, tag: str, to: str, services: Registry, base: Base
) -> JSONResponse:
    """Can the latest version with `tag` be deployed alongside the latest versions tagged `to`?"""
    services.pacticipants.latest_version(pacticipant, tag)  # 404 when there is none
    query = MatrixQuery(
        selectors=[Selector(pacticipant=pacticipant, latest=True, tag=tag)],
        latestby="cvp",
        latest=True,
        tag=to,
    )
    return hal(representation.matrix(base, services.matrix.find(query)))


@router.get(
    "/pacticipants/{pacticipant}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def can_i_deploy_branch_to_environment(
    pacticipant: str, branch: str, environment: str, services: Registry, base: Base
) -> JSONResponse:
    """Can the latest version on the branch go to the environment (each version there checked)?"""
    services.pacticipants.latest_version(pacticipant, branch=branch)  # 404 when there is none
    services.environments.named(environment)  # 404 when there is none
    query = branch_to_environment(pacticipant, branch, environment)
    return hal(representation.matrix(base, services.matrix.find(query)))

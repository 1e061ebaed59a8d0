"""GET /matrix and GET /can-i-deploy."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

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

"""POST /pacts/provider/{provider}/for-verification: the pacts a provider must verify."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse
from pydantic import WithJsonSchema

from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations import for_verification as representation
from ..schemas.common import responses
from ..schemas.for_verification import QUERY_SCHEMA, verification_query

router = APIRouter(tags=["pacts"], route_class=SegmentRoute)


@router.post(
    "/pacts/provider/{provider}/for-verification",
    response_class=JSONResponse,
    responses=responses(200, 400, 404),
)
def pacts_for_verification(
    provider: str,
    services: Registry,
    base: Base,
    body: Annotated[dict[str, Any] | None, WithJsonSchema(QUERY_SCHEMA), Body()] = None,
) -> JSONResponse:
    query = verification_query(body or {})  # validated there: its refusals are in the Pact Broker's words
    pacts = services.for_verification.find(provider, query)
    return hal(representation.verifiable_pacts(base, provider, pacts, query))


@router.get(
    "/pacts/provider/{provider}/for-verification",
    response_class=JSONResponse,
    responses=responses(200, 400, 404),
)
def pacts_for_verification_get(
    provider: str,
    services: Registry,
    base: Base,
    request: Request,
    providerVersionBranch: str | None = None,
    includePendingStatus: bool = True,
    includeWipPactsSince: Annotated[str | None, Query(json_schema_extra={"format": "date-time"})] = None,
) -> JSONResponse:
    """The GET form (clients fetch it before they POST their selectors): the latest pact from each
    consumer; its parameters are validated as the POST body's."""
    given = {"providerVersionBranch": providerVersionBranch, "includeWipPactsSince": includeWipPactsSince}
    if "includePendingStatus" in request.query_params:  # given, not defaulted: the empty-branch rule asks
        given["includePendingStatus"] = includePendingStatus
    query = verification_query({k: v for k, v in given.items() if v is not None})
    pacts = services.for_verification.find(provider, query)
    return hal(representation.verifiable_pacts(base, provider, pacts, query))

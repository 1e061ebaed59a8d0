"""Comparisons (bi-directional contract testing): how each consumer pact compares with a provider
version's contract, read from the contract's side or from the pact's."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from .. import links
from ..deps import Base, Registry, hal
from ..paths import SegmentRoute
from ..representations.comparison import comparison, comparisons
from ..schemas.common import responses

router = APIRouter(tags=["provider contracts"], route_class=SegmentRoute)

CONTRACT = "/provider-contracts/provider/{provider}/version/{version}"


@router.get(CONTRACT + "/comparisons", response_class=JSONResponse, responses=responses(200, 404))
def get_contract_comparisons(provider: str, version: str, services: Registry, base: Base) -> JSONResponse:
    views = services.comparisons.of_provider_version(provider, version)
    return hal(comparisons(base, links.comparisons_of_contract(base, provider, version), views))


@router.get(
    CONTRACT + "/comparisons/consumer/{consumer}/pact-version/{sha}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def get_comparison(
    provider: str, version: str, consumer: str, sha: str, services: Registry, base: Base
) -> JSONResponse:
    return hal(comparison(base, services.comparisons.one(provider, version, consumer, sha)))


@router.get(
    "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}/comparisons",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def get_pact_comparisons(
    provider: str, consumer: str, sha: str, services: Registry, base: Base
) -> JSONResponse:
    views = services.comparisons.of_pact(provider, consumer, sha)
    return hal(comparisons(base, links.comparisons_of_pact(base, provider, consumer, sha), views))

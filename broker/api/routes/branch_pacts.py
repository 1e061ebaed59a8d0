"""Pacts by consumer branch (`pact broker get-pacts`) and the provider states they use
(`pact broker provider-states list`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..deps import Base, Registry, hal
from ..paths import SegmentRoute, request_path
from ..representations import pact_lists as representation
from ..schemas.common import responses

router = APIRouter(tags=["pacts"], route_class=SegmentRoute)
PROVIDER = "/pacts/provider/{provider}"
PAIR = "/pacts/provider/{provider}/consumer/{consumer}"


def _listed(
    request: Request,
    services: Registry,
    base: str,
    provider: str,
    consumer: str | None,
    branch: str | None,
    latest: bool,
) -> JSONResponse:
    rows = services.pacts.branch_pacts(provider, consumer, branch, latest=latest)
    return hal(representation.branch_pacts(base, base + request_path(request), provider, consumer, rows))


# `.../branch/latest` is declared before `.../branch/{branch}`: a branch named "latest" reads as the
# latest pacts of the main branch, as in the Pact Broker
@router.get(PROVIDER + "/branch", response_class=JSONResponse, responses=responses(200, 404))
def provider_main_branch_pacts(
    provider: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, None, None, False)


@router.get(PROVIDER + "/branch/latest", response_class=JSONResponse, responses=responses(200, 404))
def provider_main_branch_latest_pacts(
    provider: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, None, None, True)


@router.get(PROVIDER + "/branch/{branch}", response_class=JSONResponse, responses=responses(200, 404))
def provider_branch_pacts(
    provider: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, None, branch, False)


@router.get(PROVIDER + "/branch/{branch}/latest", response_class=JSONResponse, responses=responses(200, 404))
def provider_branch_latest_pacts(
    provider: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, None, branch, True)


@router.get(PAIR + "/branch", response_class=JSONResponse, responses=responses(200, 404))
def main_branch_pacts(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, consumer, None, False)


@router.get(PAIR + "/branch/versions", response_class=JSONResponse, responses=responses(200, 404))
def main_branch_pact_versions(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, consumer, None, False)


# `.../branch/latest` lists the latest main-branch pacts, as the `pact` CLI's `get-pacts --consumer C
# --latest` reads it (the Pact Broker's route table would read "latest" as a branch name)
@router.get(PAIR + "/branch/latest", response_class=JSONResponse, responses=responses(200, 404))
@router.get(PAIR + "/branch/latest/versions", response_class=JSONResponse, responses=responses(200, 404))
def main_branch_latest_pacts(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, consumer, None, True)


@router.get(PAIR + "/branch/{branch}", response_class=JSONResponse, responses=responses(200, 404))
def branch_pacts(
    provider: str, consumer: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, consumer, branch, False)


@router.get(
    PAIR + "/branch/{branch}/latest/versions", response_class=JSONResponse, responses=responses(200, 404)
)
def branch_latest_pacts(
    provider: str, consumer: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _listed(request, services, base, provider, consumer, branch, True)


@router.get(PROVIDER + "/provider-states", response_class=JSONResponse, responses=responses(200, 404))
def provider_states(provider: str, services: Registry) -> JSONResponse:
    return hal(representation.provider_states(services.pacts.provider_state_pacts(provider)))


@router.get(
    PROVIDER + "/provider-states/branch/{branch}", response_class=JSONResponse, responses=responses(200, 404)
)
def branch_provider_states(provider: str, branch: str, services: Registry) -> JSONResponse:
    return hal(representation.provider_states(services.pacts.provider_state_pacts(provider, branch=branch)))


@router.get(
    PROVIDER + "/provider-states/environment/{environment}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def environment_provider_states(provider: str, environment: str, services: Registry) -> JSONResponse:
    rows = services.pacts.provider_state_pacts(provider, environment=environment)
    return hal(representation.provider_states(rows))

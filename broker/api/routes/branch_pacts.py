"""Lists of pacts: a provider's across its consumers (all, latest, by consumer version tag or branch),
a pair's by consumer branch (`pact broker get-pacts` reads both), and the provider states they use
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
    consumer: str,
    branch: str | None,
    latest: bool,
) -> JSONResponse:
    rows = services.pacts.branch_pacts(provider, consumer, branch, latest=latest)
    return hal(representation.pact_versions(base, base + request_path(request), provider, consumer, rows))


def _provider_list(
    request: Request, base: str, provider: str, rows, *, latest: bool, scope: str = ""
) -> JSONResponse:
    """`scope` says which consumer versions' pacts these are (by tag or branch)."""
    title = f"{'Latest' if latest else 'All'} pact versions for the provider {provider}{scope}"
    return hal(representation.provider_pacts(base, base + request_path(request), title, provider, rows))


def _by_tag(tag: str | None) -> str:
    return f" with consumer version tag '{tag}'" if tag is not None else ""


def _by_branch(branch: str | None) -> str:
    return f" with consumer version branch '{branch}'" if branch is not None else ""


@router.get(PROVIDER, response_class=JSONResponse, responses=responses(200, 404))
def provider_pacts(provider: str, request: Request, services: Registry, base: Base) -> JSONResponse:
    return _provider_list(request, base, provider, services.pacts.provider_pacts(provider), latest=False)


@router.get(PROVIDER + "/tag/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def tagged_provider_pacts(
    provider: str, tag: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    rows = services.pacts.provider_pacts(provider, tag)
    return _provider_list(request, base, provider, rows, latest=False, scope=_by_tag(tag))


@router.get(PROVIDER + "/latest", response_class=JSONResponse, responses=responses(200, 404))
def latest_provider_pacts(provider: str, request: Request, services: Registry, base: Base) -> JSONResponse:
    rows = services.pacts.provider_pacts(provider, latest=True)
    return _provider_list(request, base, provider, rows, latest=True)


@router.get(PROVIDER + "/latest/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def latest_tagged_provider_pacts(
    provider: str, tag: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    rows = services.pacts.provider_pacts(provider, tag, latest=True)
    return _provider_list(request, base, provider, rows, latest=True, scope=_by_tag(tag))


def _consumer_branch(
    request: Request, services: Registry, base: str, provider: str, branch: str | None, latest: bool
) -> JSONResponse:
    """Each consumer's pacts on `branch` (by default its main branch)."""
    rows = services.pacts.branch_pacts(provider, None, branch, latest=latest)
    return _provider_list(request, base, provider, rows, latest=latest, scope=_by_branch(branch))


# `.../branch/latest` is declared before `.../branch/{branch}`: a branch named "latest" reads as the
# latest pacts of the main branch, as in the Pact Broker
@router.get(PROVIDER + "/branch", response_class=JSONResponse, responses=responses(200, 404))
def provider_main_branch_pacts(
    provider: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _consumer_branch(request, services, base, provider, None, False)


@router.get(PROVIDER + "/branch/latest", response_class=JSONResponse, responses=responses(200, 404))
def provider_main_branch_latest_pacts(
    provider: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _consumer_branch(request, services, base, provider, None, True)


@router.get(PROVIDER + "/branch/{branch}", response_class=JSONResponse, responses=responses(200, 404))
def provider_branch_pacts(
    provider: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _consumer_branch(request, services, base, provider, branch, False)


@router.get(PROVIDER + "/branch/{branch}/latest", response_class=JSONResponse, responses=responses(200, 404))
def provider_branch_latest_pacts(
    provider: str, branch: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _consumer_branch(request, services, base, provider, branch, True)


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

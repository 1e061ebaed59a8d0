"""Badges: a 307 to the shields.io image of a pact's verification status or of can-i-deploy, as the
Pact Broker answers by default; `label` and `initials` shape the words."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse

from ..deps import Registry
from ..paths import SegmentRoute
from ..schemas.common import responses

router = APIRouter(tags=["badges"], route_class=SegmentRoute)
PAIR = "/pacts/provider/{provider}/consumer/{consumer}"
_BADGE = {
    307: {
        "description": "The badge image's shields.io URL, in `Location`",
        "headers": {"Location": {"schema": {"type": "string", "format": "uri"}}},
    },
    **responses(400),
}


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": "no-cache"})


@router.get(PAIR + "/latest/badge", status_code=307, response_class=RedirectResponse, responses=_BADGE)
def latest_pact_badge(
    provider: str, consumer: str, services: Registry, label: str | None = None, initials: bool = False
) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer)
    return _redirect(services.badges.pact_url(status, label, initials))


@router.get(
    PAIR + "/latest-untagged/badge", status_code=307, response_class=RedirectResponse, responses=_BADGE
)
def latest_untagged_pact_badge(
    provider: str, consumer: str, services: Registry, label: str | None = None, initials: bool = False
) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer, untagged=True)
    return _redirect(services.badges.pact_url(status, label, initials))


@router.get(PAIR + "/latest/{tag}/badge", status_code=307, response_class=RedirectResponse, responses=_BADGE)
def latest_tagged_pact_badge(
    provider: str,
    consumer: str,
    tag: str,
    services: Registry,
    label: str | None = None,
    initials: bool = False,
) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer, tag=tag)
    return _redirect(services.badges.pact_url(status, label, initials))


@router.get(
    "/matrix/provider/{provider}/latest/{provider_tag}/consumer/{consumer}/latest/{tag}/badge",
    status_code=307,
    response_class=RedirectResponse,
    responses=_BADGE,
)
def matrix_badge(
    provider: str,
    provider_tag: str,
    consumer: str,
    tag: str,
    services: Registry,
    label: str | None = None,
    initials: bool = False,
) -> RedirectResponse:
    """The latest pact from a consumer version with `tag` against the latest verification by a provider
    version with `provider_tag`."""
    status = services.badges.pact_status(provider, consumer, tag=tag, provider_tag=provider_tag)
    return _redirect(services.badges.pact_url(status, label, initials, (tag, provider_tag)))


@router.get(
    "/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{to}/badge",
    status_code=307,
    response_class=RedirectResponse,
    responses=_BADGE,
)
def can_i_deploy_badge(
    pacticipant: str, tag: str, to: str, services: Registry, label: str | None = None
) -> RedirectResponse:
    return _redirect(services.badges.can_i_deploy_url(pacticipant, tag, to, label or None))

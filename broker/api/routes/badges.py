"""Badges: a 307 to the shields.io image of a pact's verification status or of can-i-deploy, as the
Pact Broker answers by default; `label` and `initials` shape the words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends
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
_badge = partial(router.get, status_code=307, response_class=RedirectResponse, responses=_BADGE)


@dataclass
class _Words:
    """`label`: consumer or provider to name only that side; `initials`: shorten the names."""

    label: str | None = None
    initials: bool = False


Words = Annotated[_Words, Depends()]


def _redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=307, headers={"Cache-Control": "no-cache"})


@_badge(PAIR + "/latest/badge")
def latest_pact_badge(provider: str, consumer: str, services: Registry, words: Words) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer)
    return _redirect(services.badges.pact_url(status, words.label, words.initials))


@_badge(PAIR + "/latest-untagged/badge")
def latest_untagged_pact_badge(
    provider: str, consumer: str, services: Registry, words: Words
) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer, untagged=True)
    return _redirect(services.badges.pact_url(status, words.label, words.initials))


@_badge(PAIR + "/latest/{tag}/badge")
def latest_tagged_pact_badge(
    provider: str, consumer: str, tag: str, services: Registry, words: Words
) -> RedirectResponse:
    status = services.badges.pact_status(provider, consumer, tag=tag)
    return _redirect(services.badges.pact_url(status, words.label, words.initials))


@_badge("/matrix/provider/{provider}/latest/{provider_tag}/consumer/{consumer}/latest/{tag}/badge")
def matrix_badge(
    provider: str, provider_tag: str, consumer: str, tag: str, services: Registry, words: Words
) -> RedirectResponse:
    """The latest pact from a consumer version with `tag` against the latest verification by a provider
    version with `provider_tag`."""
    status = services.badges.pact_status(provider, consumer, tag=tag, provider_tag=provider_tag)
    return _redirect(services.badges.pact_url(status, words.label, words.initials, (tag, provider_tag)))


@_badge("/pacticipants/{pacticipant}/latest-version/{tag}/can-i-deploy/to/{to}/badge")
def can_i_deploy_badge(
    pacticipant: str, tag: str, to: str, services: Registry, label: str | None = None
) -> RedirectResponse:
    return _redirect(services.badges.can_i_deploy_url(pacticipant, tag, to, label or None))


@_badge(
    "/pacticipants/{pacticipant}/branches/{branch}/latest-version/can-i-deploy/to-environment/{environment}/badge"
)
def can_i_deploy_branch_badge(
    pacticipant: str, branch: str, environment: str, services: Registry, label: str | None = None
) -> RedirectResponse:
    return _redirect(services.badges.can_i_deploy_branch_url(pacticipant, branch, environment, label or None))

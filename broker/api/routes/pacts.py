"""Pacts: the older publish (PUT), and reading pacts by consumer version, content SHA or latest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from ...services.diffs import pact_diff
from .. import pact_metadata
from ..deps import Base, Registry, hal, no_content
from ..paths import SegmentRoute, request_path
from ..representations import pact as representation
from ..representations import pact_lists as lists
from ..representations.webhook import template_urls
from ..schemas.common import responses
from ..web import prefers_html, publication_page

router = APIRouter(tags=["pacts"], route_class=SegmentRoute)
PAIR = "/pacts/provider/{provider}/consumer/{consumer}"
_PARTY = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": {"type": "string", "minLength": 1, "pattern": "[^ \t\r\n\f\v]"}},
}
_PACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["consumer", "provider"],
                    "properties": {
                        "consumer": _PARTY,
                        "provider": _PARTY,
                        "interactions": {"type": "array", "items": {"type": "object"}},
                        "messages": {"type": "array", "items": {"type": "object"}},
                        "metadata": {"type": "object"},
                    },
                }
            }
        },
    }
}


def _document(
    services: Registry, base: str, publication, metadata: str = "", consumer_versions: Sequence[str] = ()
) -> dict:
    return representation.pact_document(
        base, publication.pact_version, publication, metadata, consumer_versions
    )


def _latest(services: Registry, base: str, publication, tag: str | None = None) -> dict:
    """A latest pact (of the pair, a tag, a branch or untagged): results published at its link name the
    consumer version that was latest when it was read, and the tag it was read by, as in the Pact Broker."""
    number = publication.consumer_version.number
    return _document(
        services,
        base,
        publication,
        pact_metadata.encode({"cvt": [tag], "cvn": number} if tag else {"cvn": number}),
    )


def _negotiated(
    request: Request, services: Registry, base: str, find: Callable, document: Callable[..., dict]
) -> Response:
    """The pact `find` reads as a HAL `document`; for a browser (Accept ranking text/html first), the web
    view's page of it, as the Pact Broker renders a pact as HTML (a missing one: an error page, 404)."""
    if prefers_html(request.headers.get("accept")):
        return publication_page(services, base, find)
    return hal(document(find()))


async def _stored(
    provider: str,
    consumer: str,
    version: str,
    request: Request,
    services: Registry,
    base: str,
    *,
    merge: bool,
) -> JSONResponse:
    raw = await request.body()
    publication, created = services.publication.put_pact(
        provider, consumer, version, raw, template_urls(base), merge=merge
    )
    return hal(_document(services, base, publication), 201 if created else 200)


@router.put(
    PAIR + "/version/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 409, 413),
    openapi_extra=_PACT_BODY,
)
async def put_pact(
    provider: str, consumer: str, version: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return await _stored(provider, consumer, version, request, services, base, merge=False)


@router.patch(
    PAIR + "/version/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 409, 413),
    openapi_extra=_PACT_BODY,
)
async def patch_pact(
    provider: str, consumer: str, version: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """Merge the interactions into the version's pact (create it when there is none)."""
    return await _stored(provider, consumer, version, request, services, base, merge=True)


@router.get(PAIR + "/version/{version}", response_class=JSONResponse, responses=responses(200, 404))
def get_pact(
    provider: str, consumer: str, version: str, request: Request, services: Registry, base: Base
) -> Response:
    find = partial(services.pacts.for_consumer_version, provider, consumer, version)
    return _negotiated(request, services, base, find, partial(_document, services, base))


@router.delete(PAIR + "/version/{version}", response_class=JSONResponse, responses=responses(200, 404))
def delete_pact(provider: str, consumer: str, version: str, services: Registry, base: Base) -> JSONResponse:
    """200 with a link to the pair's latest pact left, as the Pact Broker answers."""
    services.deletions.pact(provider, consumer, version)
    return _after_deletion(services, base, provider, consumer)


def _after_deletion(services: Registry, base: str, provider: str, consumer: str) -> JSONResponse:
    return hal(lists.after_deletion(base, services.pacts.latest_or_none(provider, consumer)))


@router.get(PAIR + "/versions", response_class=JSONResponse, responses=responses(200, 404))
def pact_versions(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    """The pair's pacts, newest first (none when they were deleted: 404 only without the pacticipants)."""
    rows = services.pacts.pair_pacts(provider, consumer)
    return hal(lists.pact_versions(base, base + request_path(request), provider, consumer, rows))


@router.delete(PAIR + "/versions", status_code=204, response_class=Response, responses=responses(204, 404))
def delete_pact_versions(provider: str, consumer: str, services: Registry) -> Response:
    services.deletions.pacts(provider, consumer)  # 404 only without the pacticipants
    return no_content()


@router.get(PAIR + "/tag/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def tagged_pact_versions(
    provider: str, consumer: str, tag: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    rows = services.pacts.pair_pacts(provider, consumer, tag)
    return hal(lists.pact_versions(base, base + request_path(request), provider, consumer, rows, tag=tag))


@router.delete(PAIR + "/tag/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def delete_tagged_pact_versions(
    provider: str, consumer: str, tag: str, services: Registry, base: Base
) -> JSONResponse:
    services.deletions.pacts(provider, consumer, tag=tag)
    return _after_deletion(services, base, provider, consumer)


@router.delete(PAIR + "/branch/{branch}", response_class=JSONResponse, responses=responses(200, 404))
def delete_branch_pact_versions(
    provider: str, consumer: str, branch: str, services: Registry, base: Base
) -> JSONResponse:
    services.deletions.pacts(provider, consumer, branch=branch)
    return _after_deletion(services, base, provider, consumer)


@router.get(PAIR + "/branch/{branch}/latest", response_class=JSONResponse, responses=responses(200, 404))
def latest_branch_pact(
    provider: str, consumer: str, branch: str, request: Request, services: Registry, base: Base
) -> Response:
    """The pact of the newest consumer version on the branch that has one (a pact document, as in the
    Pact Broker), also listing itself as `pb:pacts`, as the `pact` CLI's `get-pacts --branch B --latest`
    reads this URL as a list."""

    def listing_itself(publication) -> dict:
        document = _latest(services, base, publication)
        self_link = document["_links"]["self"]
        document["_links"]["pb:pacts"] = [dict(self_link, title=self_link["name"], name=consumer)]
        return document

    find = partial(services.pacts.latest, provider, consumer, branch=branch)
    return _negotiated(request, services, base, find, listing_itself)


@router.get(PAIR + "/latest-untagged", response_class=JSONResponse, responses=responses(200, 404))
def latest_untagged_pact(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> Response:
    find = partial(services.pacts.latest_untagged, provider, consumer)
    return _negotiated(request, services, base, find, partial(_latest, services, base))


@router.get(
    PAIR + "/version/{version}/previous-distinct", response_class=JSONResponse, responses=responses(200, 404)
)
def previous_distinct_pact(
    provider: str, consumer: str, version: str, services: Registry, base: Base
) -> JSONResponse:
    return hal(_document(services, base, services.pacts.previous_distinct(provider, consumer, version)))


def _diff(older, newer) -> PlainTextResponse:
    label = lambda p: f"{p.consumer_version.pacticipant.name} version {p.consumer_version.number}"  # noqa: E731
    text = pact_diff(older.pact_version.content, newer.pact_version.content, label(older), label(newer))
    return PlainTextResponse(text)


@router.get(
    PAIR + "/version/{version}/diff/previous-distinct",
    response_class=PlainTextResponse,
    responses=responses(200, 404),
)
def diff_previous_distinct(
    provider: str, consumer: str, version: str, services: Registry
) -> PlainTextResponse:
    current = services.pacts.for_consumer_version(provider, consumer, version)
    return _diff(services.pacts.previous_distinct(provider, consumer, version), current)


@router.get(
    PAIR + "/version/{version}/diff/version/{other}",
    response_class=PlainTextResponse,
    responses=responses(200, 404),
)
def diff_versions(
    provider: str, consumer: str, version: str, other: str, services: Registry
) -> PlainTextResponse:
    current = services.pacts.for_consumer_version(provider, consumer, version)
    return _diff(services.pacts.for_consumer_version(provider, consumer, other), current)


@router.get(
    PAIR + "/pact-version/{sha}/diff/pact-version/{other}",
    response_class=PlainTextResponse,
    responses=responses(200, 404),
)
def diff_pact_versions(
    provider: str, consumer: str, sha: str, other: str, services: Registry
) -> PlainTextResponse:
    _, current = services.pacts.by_sha(provider, consumer, sha)
    _, compared = services.pacts.by_sha(provider, consumer, other)
    return _diff(compared, current)


@router.get(PAIR + "/pact-version/{sha}", response_class=JSONResponse, responses=responses(200, 404))
def get_pact_version(
    provider: str, consumer: str, sha: str, request: Request, services: Registry, base: Base
) -> Response:
    find = lambda: services.pacts.by_sha(provider, consumer, sha)[1]  # noqa: E731
    return _negotiated(request, services, base, find, partial(_document, services, base))


@router.get(
    PAIR + "/pact-version/{sha}/metadata/{metadata}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def get_pact_version_with_metadata(
    provider: str, consumer: str, sha: str, metadata: str, request: Request, services: Registry, base: Base
) -> Response:
    numbers = [number for number, _ in pact_metadata.consumer_versions(metadata)]

    def with_metadata(publication) -> dict:
        named = services.pacts.consumer_versions(consumer, numbers)
        return _document(services, base, publication, metadata, named)

    find = lambda: services.pacts.by_sha(provider, consumer, sha, numbers)[1]  # noqa: E731
    return _negotiated(request, services, base, find, with_metadata)


@router.get(PAIR + "/latest", response_class=JSONResponse, responses=responses(200, 404))
def get_latest_pact(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> Response:
    find = partial(services.pacts.latest, provider, consumer)
    return _negotiated(request, services, base, find, partial(_latest, services, base))


@router.get(PAIR + "/latest/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def get_latest_tagged_pact(
    provider: str, consumer: str, tag: str, request: Request, services: Registry, base: Base
) -> Response:
    find = partial(services.pacts.latest, provider, consumer, tag)
    return _negotiated(request, services, base, find, partial(_latest, services, base, tag=tag))


@router.get("/pacts/latest", response_class=JSONResponse, responses=responses(200))
def latest_pacts(services: Registry, base: Base) -> JSONResponse:
    return hal(representation.latest_pacts(base, services.pacts.latest_pacts()))

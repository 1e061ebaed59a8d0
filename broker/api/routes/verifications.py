"""Verification results, published against a pact content (SHA), and the latest of a pact or of a
consumer version."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from ...db.models import PactPublication
from .. import pact_metadata
from ..deps import Base, Registry, hal, no_content
from ..paths import SegmentRoute, request_path
from ..representations import verification as representation
from ..representations.webhook import template_urls
from ..schemas.bodies import VerificationBody
from ..schemas.common import responses, verification_number

router = APIRouter(tags=["verifications"], route_class=SegmentRoute)
PAIR = "/pacts/provider/{provider}/consumer/{consumer}"
PACT = PAIR + "/pact-version/{sha}"
EXTENDED = "application/vnd.pactbrokerextended.v1+json"


def _published(
    services: Registry,
    base: str,
    provider: str,
    consumer: str,
    sha: str,
    body: VerificationBody,
    metadata: str = "",
) -> JSONResponse:
    """The result stored; its webhook events name the consumer versions the URL's metadata says were
    verified (the pact read at `/latest/dev` was version 1's, by tag dev), else the newest one; `w` in
    it says the pact was verified as work in progress."""
    selected = pact_metadata.consumer_versions(metadata)
    wip = pact_metadata.decode(metadata).get("w") == "true" if metadata else False
    row = services.verifications.publish(
        provider, consumer, sha, body.model_dump(), template_urls(base), selected, wip=wip
    )
    document = representation.verification(base, row)
    return hal(document, 201, location=document["_links"]["self"]["href"])


@router.post(PACT + "/verification-results", response_class=JSONResponse, responses=responses(201, 400, 404))
def publish_verification(
    provider: str, consumer: str, sha: str, body: VerificationBody, services: Registry, base: Base
) -> JSONResponse:
    return _published(services, base, provider, consumer, sha, body)


@router.post(
    PACT + "/metadata/{metadata}/verification-results",
    response_class=JSONResponse,
    responses=responses(201, 400, 404),
)
def publish_verification_with_metadata(
    provider: str,
    consumer: str,
    sha: str,
    metadata: str,
    body: VerificationBody,
    services: Registry,
    base: Base,
) -> JSONResponse:
    return _published(services, base, provider, consumer, sha, body, metadata)


def _latest(request: Request, services: Registry, base: str, publication: PactPublication) -> JSONResponse:
    """The pact's newest result; in the extended media type (with the provider version's tags) when
    the client asks for it."""
    row, newest_tags = services.verifications.latest_result(publication.pact_version_id)
    if EXTENDED in request.headers.get("accept", ""):
        document = representation.verification(base, row, newest_tags=newest_tags)
        return JSONResponse(document, media_type=EXTENDED)
    return hal(representation.verification(base, row))


_LATEST = {"response_class": JSONResponse, "responses": responses(200, 404)}


@router.get(PACT + "/verification-results/latest", **_LATEST)
def latest_verification_for_pact_version(
    provider: str, consumer: str, sha: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    _, publication = services.pacts.by_sha(provider, consumer, sha)
    return _latest(request, services, base, publication)


@router.get(PAIR + "/version/{version}/verification-results/latest", **_LATEST)
def latest_verification_for_consumer_version_pact(
    provider: str, consumer: str, version: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    publication = services.pacts.for_consumer_version(provider, consumer, version)
    return _latest(request, services, base, publication)


@router.get(PAIR + "/latest/verification-results/latest", **_LATEST)
def latest_verification_for_latest_pact(
    provider: str, consumer: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _latest(request, services, base, services.pacts.latest(provider, consumer))


@router.get(PAIR + "/latest/{tag}/verification-results/latest", **_LATEST)
def latest_verification_for_latest_tagged_pact(
    provider: str, consumer: str, tag: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    return _latest(request, services, base, services.pacts.latest(provider, consumer, tag))


@router.get("/verification-results/consumer/{consumer}/version/{version}/latest", **_LATEST)
def latest_verifications_for_consumer_version(
    consumer: str, version: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    rows, providers = services.verifications.latest_for_consumer_version(consumer, version)
    self_href = base + request_path(request)
    return hal(representation.consumer_version_summary(base, self_href, consumer, version, rows, providers))


@router.get(
    PACT + "/verification-results/{number}", response_class=JSONResponse, responses=responses(200, 404)
)
def get_verification(
    provider: str, consumer: str, sha: str, number: str, services: Registry, base: Base
) -> JSONResponse:
    row = services.verifications.get(provider, consumer, sha, verification_number(number))
    return hal(representation.verification(base, row))


@router.delete(
    PACT + "/verification-results/{number}",
    status_code=204,
    response_class=Response,
    responses=responses(204, 404),
)
def delete_verification(provider: str, consumer: str, sha: str, number: str, services: Registry) -> Response:
    services.deletions.verification(provider, consumer, sha, verification_number(number))
    return no_content()

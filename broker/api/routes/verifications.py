"""Verification results, published against a pact content (SHA)."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from ..deps import Base, Registry, hal, no_content
from ..paths import SegmentRoute
from ..representations import verification as representation
from ..representations.webhook import template_urls
from ..schemas.bodies import VerificationBody
from ..schemas.common import responses

router = APIRouter(tags=["verifications"], route_class=SegmentRoute)
PACT = "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}"


def _published(
    services: Registry, base: str, provider: str, consumer: str, sha: str, body: VerificationBody
) -> JSONResponse:
    row = services.verifications.publish(provider, consumer, sha, body.model_dump(), template_urls(base))
    return hal(representation.verification(base, row), 201)


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
    return _published(services, base, provider, consumer, sha, body)


@router.get(
    PACT + "/verification-results/{number}", response_class=JSONResponse, responses=responses(200, 404)
)
def get_verification(
    provider: str, consumer: str, sha: str, number: int, services: Registry, base: Base
) -> JSONResponse:
    return hal(representation.verification(base, services.verifications.get(provider, consumer, sha, number)))


@router.delete(
    PACT + "/verification-results/{number}",
    status_code=204,
    response_class=Response,
    responses=responses(204, 404),
)
def delete_verification(provider: str, consumer: str, sha: str, number: int, services: Registry) -> Response:
    services.deletions.verification(provider, consumer, sha, number)
    return no_content()

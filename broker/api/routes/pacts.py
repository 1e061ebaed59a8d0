"""Pacts: the older publish (PUT), and reading pacts by consumer version, content SHA or latest."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ..deps import Base, Registry, hal
from ..representations import pact as representation
from ..representations.webhook import template_urls
from ..schemas.common import responses

router = APIRouter(tags=["pacts"])
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


def _document(services: Registry, base: str, publication) -> dict:
    latest = services.verifications.latest(publication.pact_version_id)
    return representation.pact_document(base, publication.pact_version, publication, latest)


@router.put(
    PAIR + "/version/{version}",
    response_class=JSONResponse,
    responses=responses(200, 201, 400, 409, 413),
    openapi_extra=_PACT_BODY,
)
async def put_pact(
    provider: str, consumer: str, version: str, request: Request, services: Registry, base: Base
) -> JSONResponse:
    raw = await request.body()
    publication, created, occurrences = services.publication.put_pact(provider, consumer, version, raw)
    services.webhooks.trigger(occurrences, template_urls(base))
    return hal(_document(services, base, publication), 201 if created else 200)


@router.get(PAIR + "/version/{version}", response_class=JSONResponse, responses=responses(200, 404))
def get_pact(provider: str, consumer: str, version: str, services: Registry, base: Base) -> JSONResponse:
    return hal(_document(services, base, services.pacts.for_consumer_version(provider, consumer, version)))


@router.get(PAIR + "/pact-version/{sha}", response_class=JSONResponse, responses=responses(200, 404))
def get_pact_version(provider: str, consumer: str, sha: str, services: Registry, base: Base) -> JSONResponse:
    _, publication = services.pacts.by_sha(provider, consumer, sha)
    return hal(_document(services, base, publication))


@router.get(
    PAIR + "/pact-version/{sha}/metadata/{metadata}",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def get_pact_version_with_metadata(
    provider: str, consumer: str, sha: str, metadata: str, services: Registry, base: Base
) -> JSONResponse:
    _, publication = services.pacts.by_sha(provider, consumer, sha)
    return hal(_document(services, base, publication))


@router.get(PAIR + "/latest", response_class=JSONResponse, responses=responses(200, 404))
def get_latest_pact(provider: str, consumer: str, services: Registry, base: Base) -> JSONResponse:
    return hal(_document(services, base, services.pacts.latest(provider, consumer)))


@router.get(PAIR + "/latest/{tag}", response_class=JSONResponse, responses=responses(200, 404))
def get_latest_tagged_pact(
    provider: str, consumer: str, tag: str, services: Registry, base: Base
) -> JSONResponse:
    return hal(_document(services, base, services.pacts.latest(provider, consumer, tag)))


@router.get("/pacts/latest", response_class=JSONResponse, responses=responses(200))
def latest_pacts(services: Registry, base: Base) -> JSONResponse:
    return hal(representation.latest_pacts(base, services.pacts.latest_pacts()))


@router.get("/pacts/provider/{provider}/latest", response_class=JSONResponse, responses=responses(200, 404))
def latest_provider_pacts(provider: str, services: Registry, base: Base) -> JSONResponse:
    body = representation.latest_pacts(base, services.pacts.provider_pacts(provider))
    return hal({"_embedded": {"pacts": body["pacts"]}, **body})

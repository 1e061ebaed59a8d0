"""Webhooks: created, listed, replaced and deleted as in the Pact Broker, and executed on demand.

The broker sends them itself when pacts and verification results are published (see
`broker.services.webhooks`); `POST /webhooks/{uuid}/execute` sends one now, as a test.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from .. import links
from ..deps import Base, Registry, hal, no_content
from ..paths import SegmentRoute
from ..representations import pact as pact_representation
from ..representations import webhook as representation
from ..schemas.bodies import WebhookBody
from ..schemas.common import responses, verification_number

router = APIRouter(tags=["webhooks"], route_class=SegmentRoute)
W = "/webhooks/{uuid}"
PAIR = "/webhooks/provider/{provider}/consumer/{consumer}"
PROVIDER = "/webhooks/provider/{provider}"
CONSUMER = "/webhooks/consumer/{consumer}"
PACT_WEBHOOKS = "/pacts/provider/{provider}/consumer/{consumer}/webhooks"


def _created(base: str, services: Registry, body: WebhookBody, **scope: str) -> JSONResponse:
    fields = body.model_dump(exclude_unset=True)
    for role, name in scope.items():
        services.pacticipants.get(name)  # 404 when the path names no pacticipant
        fields[role] = {"name": name}
    row, _ = services.webhooks.save(fields)
    response = hal(representation.webhook(base, row), 201)
    response.headers["Location"] = links.webhook(base, row.uuid)
    return response


def _listed(
    base: str,
    services: Registry,
    provider: str | None = None,
    consumer: str | None = None,
    *,
    href: str | None = None,
    title: str = "Webhooks",
) -> JSONResponse:
    rows = services.webhooks.list(provider=provider, consumer=consumer)
    self_href = href or links.scoped_webhooks(base, provider, consumer)
    return hal(representation.webhooks(base, rows, self_href, title))


@router.get("/webhooks", response_class=JSONResponse, responses=responses(200))
def list_webhooks(services: Registry, base: Base) -> JSONResponse:
    return _listed(base, services)


@router.post("/webhooks", response_class=JSONResponse, responses=responses(201, 400))
def create_webhook(body: WebhookBody, services: Registry, base: Base) -> JSONResponse:
    return _created(base, services, body)


@router.get(PAIR, response_class=JSONResponse, responses=responses(200, 404))
def list_pact_webhooks(provider: str, consumer: str, services: Registry, base: Base) -> JSONResponse:
    return _listed(base, services, provider, consumer)


@router.post(PAIR, response_class=JSONResponse, responses=responses(201, 400, 404))
def create_pact_webhook(
    provider: str, consumer: str, body: WebhookBody, services: Registry, base: Base
) -> JSONResponse:
    return _created(base, services, body, provider=provider, consumer=consumer)


@router.get(PACT_WEBHOOKS, response_class=JSONResponse, responses=responses(200, 404))
def list_pact_webhooks_of_pact(provider: str, consumer: str, services: Registry, base: Base) -> JSONResponse:
    """The pair's webhooks at the pact's URL (`pb:pact-webhooks` of the webhooks status)."""
    href = links.pact_webhooks(base, provider, consumer)
    return _listed(base, services, provider, consumer, href=href, title="Pact webhooks")


@router.post(PACT_WEBHOOKS, response_class=JSONResponse, responses=responses(201, 400, 404))
def create_pact_webhook_of_pact(
    provider: str, consumer: str, body: WebhookBody, services: Registry, base: Base
) -> JSONResponse:
    return _created(base, services, body, provider=provider, consumer=consumer)


@router.get(PROVIDER, response_class=JSONResponse, responses=responses(200, 404))
def list_provider_webhooks(provider: str, services: Registry, base: Base) -> JSONResponse:
    return _listed(base, services, provider=provider)


@router.post(PROVIDER, response_class=JSONResponse, responses=responses(201, 400, 404))
def create_provider_webhook(provider: str, body: WebhookBody, services: Registry, base: Base) -> JSONResponse:
    return _created(base, services, body, provider=provider)


@router.get(CONSUMER, response_class=JSONResponse, responses=responses(200, 404))
def list_consumer_webhooks(consumer: str, services: Registry, base: Base) -> JSONResponse:
    return _listed(base, services, consumer=consumer)


@router.post(CONSUMER, response_class=JSONResponse, responses=responses(201, 400, 404))
def create_consumer_webhook(consumer: str, body: WebhookBody, services: Registry, base: Base) -> JSONResponse:
    return _created(base, services, body, consumer=consumer)


@router.get(W, response_class=JSONResponse, responses=responses(200, 404))
def get_webhook(uuid: str, services: Registry, base: Base) -> JSONResponse:
    return hal(representation.webhook(base, services.webhooks.get(uuid)))


@router.put(W, response_class=JSONResponse, responses=responses(200, 201, 400))
def put_webhook(uuid: str, body: WebhookBody, services: Registry, base: Base) -> JSONResponse:
    row, created = services.webhooks.save(body.model_dump(exclude_unset=True), uuid)
    return hal(representation.webhook(base, row), 201 if created else 200)


@router.delete(W, status_code=204, response_class=Response, responses=responses(204, 404))
def delete_webhook(uuid: str, services: Registry) -> Response:
    services.webhooks.delete(uuid)
    return no_content()


@router.post(W + "/execute", response_class=JSONResponse, responses=responses(200, 404))
def execute_webhook(uuid: str, services: Registry, base: Base) -> JSONResponse:
    delivery = services.webhooks.execute(uuid, representation.template_urls(base))
    return hal(representation.execution(base, uuid, delivery, bool(services.settings.webhook_hosts)))


@router.post("/webhooks/execute", response_class=JSONResponse, responses=responses(200, 400))
def execute_unsaved_webhook(body: WebhookBody, services: Registry, base: Base) -> JSONResponse:
    fields = body.model_dump(exclude_unset=True)
    delivery = services.webhooks.execute_unsaved(fields, representation.template_urls(base))
    return hal(representation.execution(base, None, delivery, bool(services.settings.webhook_hosts)))


@router.get(
    "/pacts/provider/{provider}/consumer/{consumer}/webhooks/status",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def pact_webhooks_status(provider: str, consumer: str, services: Registry, base: Base) -> JSONResponse:
    rows = services.webhooks.triggered(provider, consumer)
    return hal(representation.webhook_status(base, provider, consumer, rows))


@router.get(
    "/pacts/provider/{provider}/consumer/{consumer}/version/{number}/triggered-webhooks",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def pact_triggered_webhooks(
    provider: str, consumer: str, number: str, services: Registry, base: Base
) -> JSONResponse:
    publication = services.pacts.for_consumer_version(provider, consumer, number)
    rows = services.webhooks.triggered_by_publication(publication.id)
    title = pact_representation.title(publication)
    href = links.pact_triggered_webhooks(base, provider, consumer, number)
    return hal(
        representation.triggered_webhooks(
            base, rows, href, f"Webhooks triggered by the publication of the {title[0].lower()}{title[1:]}"
        )
    )


@router.get(
    "/pacts/provider/{provider}/consumer/{consumer}/pact-version/{sha}/verification-results/{number}/triggered-webhooks",
    response_class=JSONResponse,
    responses=responses(200, 404),
)
def verification_triggered_webhooks(
    provider: str, consumer: str, sha: str, number: str, services: Registry, base: Base
) -> JSONResponse:
    verification = services.verifications.get(provider, consumer, sha, verification_number(number))
    rows = services.webhooks.triggered_by_verification(verification.id)
    href = links.verification_triggered_webhooks(base, provider, consumer, sha, verification.number)
    title = f"Webhooks triggered by the publication of verification result {number}"
    return hal(representation.triggered_webhooks(base, rows, href, title))


@router.get(
    "/triggered-webhooks/{uuid}/logs",
    response_class=PlainTextResponse,
    responses={200: {"description": "The delivery's log", "content": {"text/plain": {}}}, **responses(404)},
)
def triggered_webhook_logs(uuid: str, services: Registry) -> PlainTextResponse:
    return PlainTextResponse(services.webhooks.triggered_logs(uuid))

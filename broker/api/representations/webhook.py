"""Webhooks as the Pact Broker shows them (secrets masked), their collection, and a test execution."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import orjson

from ...db.models import TriggeredWebhook, Webhook
from ...services.webhook_delivery import Delivery
from ...services.webhook_events import Occurrence
from ...services.webhooks import MASK, secret_header
from .. import links
from .common import iso
from .pact import title as pact_title

__all__ = ["execution", "template_urls", "triggered_webhooks", "webhook", "webhook_status", "webhooks"]


def _shown_request(request: dict[str, Any]) -> dict[str, Any]:
    shown = dict(request)
    if shown.get("password") is not None and "${" not in shown["password"]:
        shown["password"] = MASK
    if shown.get("headers"):
        shown["headers"] = {k: MASK if secret_header(k) else v for k, v in shown["headers"].items()}
    return shown


def _side_name(row: Webhook, role: str) -> str | None:
    """A side as the Pact Broker words it: the pacticipant's name, or "(consumers) labeled 'x'"."""
    pacticipant, label = getattr(row, role), getattr(row, f"{role}_label")
    other = "provider" if role == "consumer" else "consumer"
    if pacticipant is not None:
        return pacticipant.name
    if label is not None:
        both = getattr(row, other) is not None or getattr(row, f"{other}_label") is not None
        return f"{role}s labeled '{label}'" if both else f"labeled '{label}'"
    return None


def _scope(row: Webhook) -> str:
    consumer, provider = _side_name(row, "consumer"), _side_name(row, "provider")
    if consumer and provider:
        return f"A webhook for the pact between {consumer} and {provider}"
    if provider:
        return f"A webhook for all pacts with provider {provider}"
    if consumer:
        return f"A webhook for all pacts with consumer {consumer}"
    return "A webhook for all pacts"


def webhook(base: str, row: Webhook) -> dict[str, Any]:
    out: dict[str, Any] = {"uuid": row.uuid, "description": row.description}
    for role in ("consumer", "provider"):
        if getattr(row, role):
            out[role] = {"name": getattr(row, role).name}
        elif getattr(row, f"{role}_label"):
            out[role] = {"label": getattr(row, f"{role}_label")}
    out |= {
        "enabled": row.enabled,
        "request": _shown_request(row.request),
        "events": [{"name": name} for name in row.events],
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
    }
    link = links.link
    out["_links"] = {
        "self": link(links.webhook(base, row.uuid), row.description),
        "pb:execute": link(
            links.webhook_execute(base, row.uuid),
            "Test the execution of the webhook with the latest matching pact or verification by sending a "
            "POST request to this URL",
        ),
        "pb:webhooks": link(links.webhooks(base), "All webhooks"),
    }
    if row.consumer:
        out["_links"]["pb:consumer"] = link(
            links.pacticipant(base, row.consumer.name), "Consumer", row.consumer.name
        )
    if row.provider:
        out["_links"]["pb:provider"] = link(
            links.pacticipant(base, row.provider.name), "Provider", row.provider.name
        )
    for role in ("consumer", "provider"):
        label = getattr(row, f"{role}_label")
        if label:
            out["_links"][f"pb:{role}s"] = link(
                links.pacticipants_with_label(base, label), f"{role.capitalize()}s by label", label
            )
    if row.consumer and row.provider:
        out["_links"]["pb:pact-webhooks"] = link(
            links.scoped_webhooks(base, row.provider.name, row.consumer.name),
            f"All webhooks for consumer {row.consumer.name} and provider {row.provider.name}",
        )
    return out


def webhooks(
    base: str, rows: Sequence[Webhook], self_href: str | None = None, title: str = "Webhooks"
) -> dict[str, Any]:
    """The collection: a `pb:webhooks` link per webhook (as the Pact Broker lists them), and each
    webhook embedded whole."""
    href = self_href or links.webhooks(base)
    return {
        "_embedded": {"webhooks": [webhook(base, r) for r in rows]},
        "_links": {
            "self": links.link(href, title),
            "pb:create": links.link(href, "POST to create a webhook"),
            "pb:webhooks": [links.link(links.webhook(base, r.uuid), _scope(r), r.description) for r in rows],
        },
    }


def execution(base: str, uuid: str | None, delivery: Delivery, show_response: bool) -> dict[str, Any]:
    """The answer of a test execution (of a saved webhook, or an unsaved one: `uuid` None); the receiver's answer (headers, body) only when the hosts
    webhooks may call are restricted (ACCORD_BROKER_WEBHOOK_HOSTS), as the Pact Broker does, so that
    a webhook cannot be used to read what an arbitrary host answers."""
    out: dict[str, Any] = {
        "request": _shown_request(delivery.request),
        "success": delivery.success,
        "logs": "\n".join(delivery.logs),
    }
    if show_response:
        out["response"] = _answered(delivery.response)
        if delivery.error:
            out["error"] = {"message": delivery.error}
    else:
        out["message"] = (
            "For security purposes, the response details are not shown. To show them, restrict the hosts "
            "webhooks may call with ACCORD_BROKER_WEBHOOK_HOSTS."
        )
    again = links.webhook_execute(base, uuid) if uuid else links.webhook_execute_unsaved(base)
    out["_links"] = {"try-again": links.link(again, "Execute the webhook again")}
    if uuid:  # a saved webhook
        out["_links"]["webhook"] = links.link(links.webhook(base, uuid), "Webhook")
    return out


def _answered(response: dict[str, Any] | None) -> dict[str, Any] | None:
    """The receiver's answer, its body parsed when it is JSON (as the Pact Broker shows it)."""
    if response is None:
        return None
    try:
        return {**response, "body": orjson.loads(response["body"])}
    except orjson.JSONDecodeError:
        return response


def template_urls(base: str) -> Callable[[Occurrence], Mapping[str, str]]:
    """The template parameters that are URLs of this broker: `pactUrl`, `verificationResultUrl`."""

    def urls(occurrence: Occurrence) -> Mapping[str, str]:
        out = {"pactUrl": "", "verificationResultUrl": ""}
        if occurrence.sha:  # with the consumer version it was published as, as the Pact Broker's
            metadata = {
                "cvn": occurrence.params.get("consumerVersionNumber", ""),
                "cvt": list(occurrence.consumer_tags),
                "w": "true",
            }
            out["pactUrl"] = links.pact_version_with_metadata(
                base, occurrence.provider, occurrence.consumer, occurrence.sha, metadata
            )
        if occurrence.verification is not None:
            out["verificationResultUrl"] = links.verification(
                base, occurrence.provider, occurrence.consumer, occurrence.sha, occurrence.verification
            )
        return out

    return urls


def _triggered(base: str, row: TriggeredWebhook) -> dict[str, Any]:
    pending = row.status in ("not_run", "retrying")
    logs = links.triggered_webhook_logs(base, row.uuid)
    out = {
        "name": row.webhook_name,
        "status": row.status,
        "attemptsMade": row.attempts,
        "attemptsRemaining": max(0, row.attempts_allowed - row.attempts) if pending else 0,
        "triggerType": "resource_creation",
        "eventName": row.event,
        "triggeredAt": iso(row.created_at),
        "_links": {
            "pb:logs": links.link(logs, "Webhook execution logs", row.webhook_name),
            "logs": links.link(logs, "DEPRECATED - Use pb:logs", row.webhook_name),
        },
    }
    if row.webhook is not None:  # not once the webhook is deleted (its deliveries are kept)
        out["_links"]["pb:webhook"] = links.link(
            links.webhook(base, row.webhook_uuid), "Webhook", row.webhook_name
        )
    return out


def triggered_webhooks(base: str, rows: Sequence[TriggeredWebhook], href: str, title: str) -> dict[str, Any]:
    """The deliveries a pact's or a verification result's publication set off."""
    return {
        "_embedded": {"triggeredWebhooks": [_triggered(base, r) for r in rows]},
        "_links": {"self": links.link(href, title)},
    }


def webhook_status(
    base: str, provider: str, consumer: str, rows: Sequence[TriggeredWebhook]
) -> dict[str, Any]:
    """What the pair's webhooks did: a summary (successful and failed always, retrying and notRun when
    there are any, as the Pact Broker counts them), each delivery with its status and logs, the logs of
    those that failed or wait for a retry, and the pact of the newest delivery."""
    count = {
        status: sum(r.status == status for r in rows)
        for status in ("success", "failure", "not_run", "retrying")
    }
    summary = {"successful": count["success"], "failed": count["failure"]}
    summary |= {
        key: count[status]
        for key, status in (("retrying", "retrying"), ("notRun", "not_run"))
        if count[status]
    }
    out = {
        "summary": summary,
        "_embedded": {"triggeredWebhooks": [_triggered(base, r) for r in rows]},
        "_links": {
            "self": links.link(links.pact_webhooks_status(base, provider, consumer), "Webhooks status"),
            "pb:error-logs": [
                links.link(links.triggered_webhook_logs(base, r.uuid), "Error logs", r.webhook_name)
                for r in rows
                if r.status in ("failure", "retrying")
            ],
            "pb:pact-webhooks": links.link(
                links.pact_webhooks(base, provider, consumer),
                f"Webhooks for the pact between {consumer} and {provider}",
            ),
            "pb:consumer": links.link(links.pacticipant(base, consumer), "Consumer", consumer),
            "pb:provider": links.link(links.pacticipant(base, provider), "Provider", provider),
        },
    }
    publication = next((r.pact_publication for r in rows if r.pact_publication is not None), None)
    if publication is not None:
        number = publication.consumer_version.number
        out["_links"]["pb:pact-version"] = links.link(
            links.pact(base, provider, consumer, number), "Pact", pact_title(publication)
        )
    return out

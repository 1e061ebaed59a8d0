"""Sending one webhook request: its `${pactbroker.*}` placeholders filled in (retries are kept in the
database and made by the dispatcher, `webhook_dispatch`).

A delivery succeeds when the receiver answers 2xx. Each attempt is logged (`accord.broker.webhooks`)
with the webhook, the event and the outcome; credentials are never logged, and neither is socket
detail: a request that cannot be completed is "could not connect", whether the port was closed, the
host unreachable or the answer late, so that the log cannot map the broker's network.
Every request goes through `CheckedTransport` (webhook_targets): internal hosts are refused.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson

from .webhook_targets import CheckedTransport, TargetRefused, WebhookTargets

__all__ = ["PARAMETERS", "Delivery", "now_iso", "render", "send"]

log = logging.getLogger("accord.broker.webhooks")

_PLACEHOLDER = re.compile(r"\$\{pactbroker\.([A-Za-z]+)\}")
_LOGGED_RESPONSE_BYTES = 4096
PARAMETERS = (  # the Pact Broker's template parameters: `${pactbroker.<name>}`
    "pactUrl",
    "verificationResultUrl",
    "consumerName",
    "providerName",
    "consumerVersionNumber",
    "providerVersionNumber",
    "consumerVersionBranch",
    "providerVersionBranch",
    "consumerVersionTags",
    "providerVersionTags",
    "providerVersionDescriptions",
    "consumerLabels",
    "providerLabels",
    "githubVerificationStatus",
    "bitbucketVerificationStatus",
    "gitlabVerificationStatus",
    "azureDevOpsVerificationStatus",
    "eventName",
    "buildUrl",
)


def render(template: Any, params: Mapping[str, str]) -> Any:
    """The template with every `${pactbroker.name}` of `params` replaced (a known name without a
    value in this event is given as ""), in strings at any depth of a JSON body; names the broker
    does not know are left as written, so the receiver shows what was not filled in."""
    if isinstance(template, str):
        return _PLACEHOLDER.sub(lambda m: params.get(m.group(1), m.group(0)), template)
    if isinstance(template, list):
        return [render(item, params) for item in template]
    if isinstance(template, dict):
        return {key: render(value, params) for key, value in template.items()}
    return template


@dataclass
class Delivery:
    """What was sent and what came back (the answer of `POST /webhooks/{uuid}/execute`)."""

    request: dict[str, Any]
    response: dict[str, Any] | None = None
    error: str | None = None
    logs: list[str] = field(default_factory=list)

    @property
    def success(self) -> bool:
        return self.response is not None and 200 <= self.response["status"] < 300


def _request(spec: Mapping[str, Any], params: Mapping[str, str]) -> tuple[dict[str, Any], bytes | None]:
    headers = {str(k): str(v) for k, v in render(spec.get("headers") or {}, params).items()}
    body = spec.get("body")
    content: bytes | None = None
    if isinstance(body, dict | list):
        content = orjson.dumps(render(body, params))
        if not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
    elif body is not None:
        content = str(render(body, params)).encode()
    shown = {"method": spec["method"].upper(), "url": render(spec["url"], params), "headers": headers}
    if body is not None:
        shown["body"] = render(body, params)
    return shown, content


def send(
    spec: Mapping[str, Any],
    params: Mapping[str, str],
    *,
    targets: WebhookTargets,
    attempt: int = 1,
    attempts: int = 1,
    timeout: float = 10.0,
    label: str = "webhook",
) -> Delivery:
    """Send the webhook's request once: attempt `attempt` of `attempts`, as its log line says (retries
    are the dispatcher's, which keeps them in the database); only hosts `targets` allows are connected to."""
    shown, content = _request(spec, dict.fromkeys(PARAMETERS, "") | dict(params))
    delivery = Delivery(request=shown)
    auth = (spec["username"], spec.get("password") or "") if spec.get("username") else None
    try:
        transport = CheckedTransport(targets)
        with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
            answer = client.request(
                shown["method"], shown["url"], headers=shown["headers"], content=content, auth=auth
            )
        delivery.response = {
            "status": answer.status_code,
            "headers": dict(answer.headers),
            "body": answer.text[:_LOGGED_RESPONSE_BYTES],
        }
        outcome = f"answered {answer.status_code}"
    except TargetRefused as exc:
        delivery.error = str(exc)
        outcome = f"refused: {delivery.error}"
    except httpx.HTTPError:
        delivery.error = "could not connect"
        outcome = f"failed: {delivery.error}"
    line = f"{label}: {shown['method']} {shown['url']} {outcome} (attempt {attempt} of {attempts})"
    delivery.logs.append(f"[{now_iso()}] {line}")
    (log.info if delivery.success else log.warning)(line)
    return delivery


def now_iso() -> str:
    """The time as a delivery log line starts with it."""
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")

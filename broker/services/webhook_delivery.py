"""Sending one webhook request: its `${pactbroker.*}` placeholders filled in, retried with backoff.

A delivery succeeds when the receiver answers 2xx. Each attempt is logged (`accord.broker.webhooks`)
with the webhook, the event and the outcome; credentials are never logged.
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import orjson

__all__ = ["PARAMETERS", "Delivery", "Outbox", "render", "send"]

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
    attempts: int = 1,
    backoff: Callable[[int], float] = lambda attempt: 0.0,
    wait: Callable[[float], bool] = lambda seconds: time.sleep(seconds) or False,
    timeout: float = 10.0,
    label: str = "webhook",
    on_attempt: Callable[[Delivery, int, bool], object] | None = None,
) -> Delivery:
    """Send the webhook's request, up to `attempts` times until one is answered 2xx; `wait(seconds)`
    sleeps between attempts and says True when the broker is shutting down (no more attempts).
    `on_attempt(delivery, attempt, final)` is told of each attempt before any wait."""
    shown, content = _request(spec, dict.fromkeys(PARAMETERS, "") | dict(params))
    delivery = Delivery(request=shown)
    auth = (spec["username"], spec.get("password") or "") if spec.get("username") else None
    for attempt in range(1, attempts + 1):
        try:
            with httpx.Client(timeout=timeout, follow_redirects=False) as client:
                answer = client.request(
                    shown["method"], shown["url"], headers=shown["headers"], content=content, auth=auth
                )
            delivery.response = {
                "status": answer.status_code,
                "headers": dict(answer.headers),
                "body": answer.text[:_LOGGED_RESPONSE_BYTES],
            }
            delivery.error = None
            outcome = f"answered {answer.status_code}"
        except httpx.HTTPError as exc:
            delivery.response, delivery.error = None, f"{type(exc).__name__}: {exc}"
            outcome = f"failed: {delivery.error}"
        line = f"{label}: {shown['method']} {shown['url']} {outcome} (attempt {attempt} of {attempts})"
        delivery.logs.append(f"[{_now()}] {line}")
        (log.info if delivery.success else log.warning)(line)
        final = delivery.success or attempt == attempts
        if on_attempt is not None:
            on_attempt(delivery, attempt, final)
        if final:
            break
        if wait(backoff(attempt)):
            line = f"{label}: not retried, the broker is shutting down"
            delivery.logs.append(f"[{_now()}] {line}")
            log.warning(line)
            if on_attempt is not None:
                on_attempt(delivery, attempt, True)
            break
    return delivery


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Outbox:
    """Deliveries waiting to be sent, worked off by daemon threads (started on first use), so that
    neither a slow receiver nor a delivery waiting to retry holds up a publication or the broker's
    shutdown; on close, deliveries not yet sent are logged as dropped."""

    def __init__(self, workers: int = 4) -> None:
        self._jobs: queue.Queue[Callable[..., object] | None] = queue.Queue()
        self._closing = threading.Event()
        self._workers = workers
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def put(self, job: Callable[..., object]) -> None:
        """Queue `job(wait=...)`; `wait` is what `send` takes to sleep between attempts."""
        with self._lock:
            while len(self._threads) < self._workers:
                thread = threading.Thread(target=self._work, name="accord-webhook", daemon=True)
                thread.start()
                self._threads.append(thread)
        self._jobs.put(job)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job(wait=self._closing.wait)
            except Exception:  # a bug in one delivery must not stop the others
                log.exception("webhook delivery failed")

    def close(self) -> None:
        self._closing.set()
        if self._jobs.qsize():
            log.warning("%d webhook deliveries not sent: the broker is shutting down", self._jobs.qsize())
        for _ in self._threads:
            self._jobs.put(None)

"""Webhooks: stored requests the broker sends when pacts or verification results are published.

The events and the `${pactbroker.*}` template parameters are the Pact Broker's. Deliveries are
recorded in the database (triggered webhooks) in the transaction that publishes the pact or result
(`WebhookService.write`), so a publication that is committed always has them, and are sent after it
by the dispatcher of whichever broker process claims them (`webhook_dispatch`), so a slow
receiver never holds up a publication, each event is delivered once however many brokers share the
database, and a delivery waiting for a retry survives a restart. Each is retried with backoff until
it is answered 2xx, and its status, attempts and log are kept.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import TriggeredWebhook, Webhook, utcnow
from ..errors import Invalid, NotFound
from ..repositories import pacticipants as pacticipants_repo
from ..repositories import triggered_webhooks as triggered_repo
from ..repositories import webhooks as webhooks_repo
from ..settings import Settings
from . import webhook_events
from .pacticipants import require_pacticipant
from .transactions import write
from .webhook_delivery import Delivery, send
from .webhook_dispatch import Dispatcher
from .webhook_events import Occurrence
from .webhook_targets import WebhookTargets

__all__ = ["EVENTS", "MASK", "TemplateUrls", "WebhookService", "new_uuid", "secret_header"]


def new_uuid() -> str:
    """A random URL-safe id for a webhook or a delivery that never starts with '-' or '_'.

    Clients take the id as a command-line value (`pact broker test-webhook --uuid ID`), and an id
    that starts with '-' is read as an option there.
    """
    while True:
        uuid = secrets.token_urlsafe(16)
        if uuid[0].isalnum():
            return uuid


EVENTS = (
    "contract_content_changed",
    "contract_published",
    "contract_requiring_verification_published",
    "provider_verification_published",
    "provider_verification_succeeded",
    "provider_verification_failed",
)


MASK = "**********"  # how a stored secret (a password, a header whose name says it holds one) is shown
_SECRET_WORDS = ("key", "token", "secret", "auth", "password", "passwd", "cookie", "credential", "session")
T = TypeVar("T")
TemplateUrls = Callable[[Occurrence], Mapping[str, str]]  # the broker's own links for an event's templates
_UUID = re.compile(r"^[A-Za-z0-9_\-]{16,}$")


def secret_header(name: str) -> bool:
    """Whether a header's name says it carries a secret (X-Api-Key, Authorization, Cookie, ...)."""
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_WORDS)


def _require(session: Session, uuid: str) -> Webhook:
    webhook = webhooks_repo.by_uuid(session, uuid)
    if webhook is None:
        raise NotFound(f"No webhook with uuid {uuid} found")
    return webhook


class WebhookService:
    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.targets = WebhookTargets(settings.webhook_hosts)
        self._dispatcher = Dispatcher(db, settings, self.targets)

    def start(self) -> None:
        """Send the deliveries that are due, now and as they fall due (at the broker's start-up)."""
        self._dispatcher.start()

    def close(self) -> None:
        self._dispatcher.close()

    # -- stored webhooks --------------------------------------------------------------------------
    def list(self, provider: str | None = None, consumer: str | None = None) -> Sequence[Webhook]:
        """All webhooks, or those of exactly this provider, consumer or pair."""
        with self.db.reading() as session:
            if provider is None and consumer is None:
                return webhooks_repo.all_webhooks(session)
            provider_id = require_pacticipant(session, provider).id if provider else None
            consumer_id = require_pacticipant(session, consumer).id if consumer else None
            return [
                w
                for w in webhooks_repo.all_webhooks(session)
                if w.provider_id == provider_id and w.consumer_id == consumer_id
            ]

    def get(self, uuid: str) -> Webhook:
        with self.db.reading() as session:
            return _require(session, uuid)

    def save(self, fields: dict[str, Any], uuid: str | None = None) -> tuple[Webhook, bool]:
        """Create the webhook (a new uuid unless one is given), or replace the one with that uuid.
        Returns it and whether it was created. A secret sent back masked keeps its stored value."""
        if uuid is not None and not _UUID.match(uuid):
            message = "The UUID can only contain the characters A-Z, a-z, 0-9, _ and -, and must be 16 or more characters."
            raise Invalid(message, {"uuid": [message]})
        request = self._checked_request(fields.get("request"))
        events = self._checked_events(fields.get("events"))
        enabled = fields.get("enabled", True)
        if not isinstance(enabled, bool):
            raise Invalid("enabled must be boolean", {"enabled": ["must be boolean"]})

        def work(session: Session) -> tuple[Webhook, bool]:
            consumer_id, consumer_label = self._party(session, "consumer", fields.get("consumer"))
            provider_id, provider_label = self._party(session, "provider", fields.get("provider"))
            webhook = webhooks_repo.by_uuid(session, uuid) if uuid else None
            created = webhook is None
            if webhook is None:
                webhook = Webhook(uuid=uuid or new_uuid())
            else:
                _keep_masked(request, webhook.request)
            webhook.description = fields.get("description") or (
                f"{request['method']} {urlsplit(request['url']).hostname}"
            )
            webhook.consumer_id, webhook.provider_id = consumer_id, provider_id
            webhook.consumer_label, webhook.provider_label = consumer_label, provider_label
            webhook.events, webhook.request, webhook.enabled = events, request, enabled
            session.add(webhook)
            session.flush()
            session.refresh(webhook)
            return webhook, created

        return write(self.db, work)

    def delete(self, uuid: str) -> None:
        write(self.db, lambda session: session.delete(_require(session, uuid)))

    def _party(self, session: Session, role: str, given: Any) -> tuple[int | None, str | None]:
        """The pacticipant a side of the webhook names, or the label it names instead (not both)."""
        if not given:
            return None, None
        if not isinstance(given, dict):
            raise Invalid(f"{role} must be an object", {role: ["must be an object with a name or a label"]})
        name, label = given.get("name"), given.get("label")
        if name and label:
            message = "name and label cannot be provided at the same time"
            raise Invalid(f"{role}: {message}", {f"{role}.label": [message]})
        if label:
            if not isinstance(label, str) or len(label) > 255:
                raise Invalid(
                    f"{role}.label is not a label",
                    {f"{role}.label": ["must be a name of 1 to 255 characters"]},
                )
            return None, label
        if not isinstance(name, str) or not name:
            raise Invalid(f"{role}.name is missing", {f"{role}.name": ["can't be blank"]})
        row = pacticipants_repo.by_name(session, name)
        if row is None:
            raise Invalid(
                f"{role}.name: no pacticipant named '{name}'",
                {f"{role}.name": ["does not match an existing pacticipant"]},
            )
        return row.id, None

    def _checked_events(self, events: Any) -> list[str]:
        if events is None:
            return ["contract_content_changed"]
        if not isinstance(events, list) or not events:
            raise Invalid("events: at least one event is needed", {"events": ["size cannot be less than 1"]})
        names = []
        for i, event in enumerate(events):
            name = event.get("name") if isinstance(event, dict) else None
            if name not in EVENTS:
                raise Invalid(
                    f"events[{i}].name: {name!r} is not an event",
                    {f"events[{i}].name": [f"must be one of {', '.join(EVENTS)}"]},
                )
            if name not in names:
                names.append(name)
        return names

    def _checked_request(self, request: Any) -> dict[str, Any]:
        if not isinstance(request, dict):
            raise Invalid("request is missing", {"request": ["is missing"]})
        method, url = request.get("method"), request.get("url")
        errors: dict[str, list[str]] = {}
        if not isinstance(method, str) or not method:
            errors["request.method"] = ["is missing"]
        elif method.upper() not in self.settings.webhook_methods:
            errors["request.method"] = [
                f"is not an allowed HTTP method ({', '.join(self.settings.webhook_methods)}; "
                "ACCORD_BROKER_WEBHOOK_METHODS)"
            ]
        errors.update(self._url_errors(url))
        headers = request.get("headers")
        if headers is not None and not isinstance(headers, dict):
            errors["request.headers"] = ["must be an object"]
        for key in ("username", "password"):
            if request.get(key) is not None and not isinstance(request[key], str):
                errors[f"request.{key}"] = ["must be a string"]
        if errors:
            raise Invalid("; ".join(f"{k}: {v[0]}" for k, v in errors.items()), errors)
        kept = {
            k: request[k] for k in ("headers", "body", "username", "password") if request.get(k) is not None
        }
        return {"method": method.upper(), "url": url, **kept}

    def _url_errors(self, url: Any) -> dict[str, list[str]]:
        if not isinstance(url, str) or not url:
            return {"request.url": ["is missing"]}
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            parts, host = None, None
        if parts is None or not host or not parts.scheme:
            return {"request.url": ["is not a valid URL eg. http://example.org"]}
        if "${" in parts.netloc:
            return {"request.url": ["cannot have a template parameter in the host"]}
        if parts.scheme not in self.settings.webhook_schemes:
            allowed = " or ".join(self.settings.webhook_schemes)
            return {"request.url": [f"scheme must be {allowed} (ACCORD_BROKER_WEBHOOK_SCHEMES)"]}
        if self.settings.webhook_hosts and not self.targets.listed(host):
            return {
                "request.url": [f"host {host} is not one the broker may call (ACCORD_BROKER_WEBHOOK_HOSTS)"]
            }
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return {"request.url": ["is not a valid URL eg. http://example.org"]}
        refusal = self.targets.refusal(host, port)
        return {"request.url": [refusal]} if refusal else {}

    # -- sending ----------------------------------------------------------------------------------
    def execute(self, uuid: str, urls: TemplateUrls) -> Delivery:
        """Send the webhook once, now, filled in from the newest pact it matches
        (`POST /webhooks/{uuid}/execute`)."""
        with self.db.reading() as session:
            webhook = _require(session, uuid)
            request, occurrence = dict(webhook.request), webhook_events.example(session, webhook)
        return self._test(request, {**occurrence.params, **urls(occurrence)}, f"webhook {uuid} (test)")

    def execute_unsaved(self, fields: dict[str, Any], urls: TemplateUrls) -> Delivery:
        """Send a webhook that is not saved once, now, filled in as `execute` fills a saved one in
        (`POST /webhooks/execute`); it is checked as it would be when saved, and nothing is kept."""
        request = self._checked_request(fields.get("request"))
        self._checked_events(fields.get("events"))
        with self.db.reading() as session:
            consumer_id, consumer_label = self._party(session, "consumer", fields.get("consumer"))
            provider_id, provider_label = self._party(session, "provider", fields.get("provider"))
            unsaved = Webhook(
                consumer_id=consumer_id,
                provider_id=provider_id,
                consumer_label=consumer_label,
                provider_label=provider_label,
            )
            occurrence = webhook_events.example(session, unsaved)
        return self._test(request, {**occurrence.params, **urls(occurrence)}, "unsaved webhook (test)")

    def _test(self, request: dict[str, Any], params: Mapping[str, str], label: str) -> Delivery:
        return send(request, params, targets=self.targets, timeout=self.settings.webhook_timeout, label=label)

    def write(
        self,
        work: Callable[[Session], tuple[T, Sequence[Occurrence]]],
        urls: TemplateUrls,
    ) -> T:
        """Run `work` (which returns its result and the webhook events it set off) in one write
        transaction that also records a delivery, due now, for every enabled webhook waiting for one
        of those events: what is committed has its deliveries, what is rolled back has none. The
        dispatcher is woken once it is committed."""

        return self.write_recorded(work, urls)[0]

    def write_recorded(
        self,
        work: Callable[[Session], tuple[T, Sequence[Occurrence]]],
        urls: TemplateUrls,
    ) -> tuple[T, list[TriggeredWebhook]]:
        """As `write`, also answering the deliveries recorded."""

        def whole(session: Session) -> tuple[T, list[TriggeredWebhook]]:
            result, occurrences = work(session)
            return result, self._record(session, occurrences, urls)

        result, recorded = write(self.db, whole)
        if recorded:
            self._dispatcher.wake()
        return result, recorded

    def _record(
        self, session: Session, occurrences: Sequence[Occurrence], urls: TemplateUrls
    ) -> list[TriggeredWebhook]:
        recorded: list[TriggeredWebhook] = []
        listening: dict[tuple[int, int], Sequence[Webhook]] = {}  # one query per pair, not per event
        for occurrence in occurrences:
            pair = (occurrence.consumer_id, occurrence.provider_id)
            if pair not in listening:
                listening[pair] = webhooks_repo.listening(session, *pair)
            for webhook in listening[pair]:
                if occurrence.event not in webhook.events:
                    continue
                triggered = TriggeredWebhook(
                    uuid=new_uuid(),
                    webhook_uuid=webhook.uuid,
                    webhook_name=webhook.description or webhook.uuid,
                    event=occurrence.event,
                    consumer_id=occurrence.consumer_id,
                    provider_id=occurrence.provider_id,
                    pact_publication_id=occurrence.publication_id,
                    verification_id=occurrence.verification_id,
                    status="not_run",
                    attempts=0,
                    attempts_allowed=self.settings.webhook_attempts,
                    logs="",
                    params={**occurrence.params, **urls(occurrence)},
                    next_attempt_at=utcnow(),
                )
                session.add(triggered)
                recorded.append(triggered)
        return recorded

    def triggered(self, provider: str, consumer: str) -> Sequence[TriggeredWebhook]:
        """The pair's deliveries, newest first."""
        with self.db.reading() as session:
            provider_id = require_pacticipant(session, provider).id
            return triggered_repo.for_pair(session, provider_id, require_pacticipant(session, consumer).id)

    def triggered_by_publication(self, publication_id: int) -> Sequence[TriggeredWebhook]:
        """The deliveries a pact's publication (and its verifications) set off, newest first."""
        with self.db.reading() as session:
            return triggered_repo.for_publication(session, publication_id)

    def triggered_by_verification(self, verification_id: int) -> Sequence[TriggeredWebhook]:
        with self.db.reading() as session:
            return triggered_repo.for_verification(session, verification_id)

    def triggered_logs(self, uuid: str) -> str:
        with self.db.reading() as session:
            row = triggered_repo.by_uuid(session, uuid)
            if row is None:
                raise NotFound(f"No triggered webhook with uuid {uuid} found")
            return row.logs


def _keep_masked(request: dict[str, Any], stored: dict[str, Any]) -> None:
    """A password or secret header sent back as shown (masked) keeps the stored value."""
    if request.get("password") == MASK and stored.get("password") is not None:
        request["password"] = stored["password"]
    old_headers = stored.get("headers") or {}
    for name, value in (request.get("headers") or {}).items():
        if value == MASK and name in old_headers:
            request["headers"][name] = old_headers[name]

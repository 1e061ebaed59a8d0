"""Sending the webhook deliveries recorded in the database, from every broker process at once.

A delivery (a `triggered_webhooks` row) is pending while its status is not_run or retrying, and due once
its `next_attempt_at` has passed. Each broker process runs one dispatcher: a thread that claims due
deliveries, as many as it has idle workers (SELECT ... FOR UPDATE SKIP LOCKED, then `claimed_until` set
to a lease), and worker threads that send each one once and record the outcome: success, failure after
the last attempt allowed, or retrying with the time the next attempt is due (the backoff doubles from
ACCORD_BROKER_WEBHOOK_RETRY_SECONDS). So:

- each event is delivered by one process, not once per process (the claim is a database row lock);
- a delivery waiting for a retry waits in the database, not in a thread: a broker that stops leaves it
  pending, and whichever broker runs when it is due sends it (each one looks at start-up, whenever it
  records a delivery, and every ACCORD_BROKER_WEBHOOK_POLL_SECONDS);
- a process that dies while sending leaves a claim that lapses after the lease (the request timeout
  plus a minute); another process then makes that attempt again. Delivery is at least once.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import TriggeredWebhook, utcnow
from ..repositories import triggered_webhooks as triggered_repo
from ..repositories import webhooks as webhooks_repo
from ..settings import Settings
from .transactions import write
from .webhook_delivery import now_iso, send
from .webhook_targets import WebhookTargets

__all__ = ["Dispatcher"]

log = logging.getLogger("accord.broker.webhooks")
_LEASE_MARGIN = timedelta(seconds=60)


@dataclass(frozen=True)
class _Claim:
    """What a worker needs to make one attempt of one claimed delivery."""

    id: int
    webhook_uuid: str
    event: str
    params: dict[str, Any]
    attempt: int
    attempts: int


class Dispatcher:
    """One broker process's sender of due deliveries (started at start-up or on first use)."""

    def __init__(self, db: Database, settings: Settings, targets: WebhookTargets, workers: int = 4) -> None:
        self.db = db
        self.settings = settings
        self.targets = targets  # where deliveries may connect (internal hosts refused unless allowed)
        self._workers = workers
        self._busy = 0
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="accord-webhook")  # threads made on use

    def start(self) -> None:
        with self._lock:
            if self._thread is not None or self._closing.is_set():
                return
            self._thread = threading.Thread(target=self._run, name="accord-webhook-dispatch", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Look for due deliveries now (one was just recorded)."""
        self.start()
        self._wake.set()

    def close(self) -> None:
        """Stop claiming; attempts under way finish and are recorded, pending ones stay pending."""
        self._closing.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._pool.shutdown(wait=False)

    def _run(self) -> None:
        while not self._closing.is_set():
            try:
                pause = self._dispatch()
            except Exception:  # the database may be away for a moment: try again at the next poll
                log.exception("could not look for due webhook deliveries")
                pause = self.settings.webhook_poll_seconds
            self._wake.wait(pause)
            self._wake.clear()

    def _dispatch(self) -> float:
        """Claim and hand out what is due (looked for with a read first: most looks find nothing);
        return how long to sleep before looking again."""
        poll = self.settings.webhook_poll_seconds
        now = utcnow()
        with self.db.reading() as session:
            due = triggered_repo.next_due(session, now)
        if due is None or due > now:
            return poll if due is None else min(poll, (due - now).total_seconds())
        with self._lock:
            idle = self._workers - self._busy
        if not idle:
            return poll  # a worker that finishes wakes the dispatcher
        claims = write(self.db, lambda session: self._claim(session, idle))
        with self._lock:
            self._busy += len(claims)
        for claim in claims:
            self._pool.submit(self._deliver, claim)
        return 0.0 if claims else poll  # more may be due; none claimed: another process has them

    def _claim(self, session: Session, limit: int) -> list[_Claim]:
        now = utcnow()
        until = now + timedelta(seconds=self.settings.webhook_timeout) + _LEASE_MARGIN
        return [
            _Claim(
                row.id, row.webhook_uuid, row.event, row.params or {}, row.attempts + 1, row.attempts_allowed
            )
            for row in triggered_repo.claim_due(session, now, until, limit)
        ]

    def _deliver(self, claim: _Claim) -> None:
        try:
            with self.db.reading() as session:
                webhook = webhooks_repo.by_uuid(session, claim.webhook_uuid)
                spec = dict(webhook.request) if webhook is not None and webhook.enabled else None
            if spec is None:
                line = f"webhook {claim.webhook_uuid}: not sent, the webhook was deleted or disabled"
                log.warning(line)
                self._record(claim, [f"[{now_iso()}] {line}"], success=False, final=True)
                return
            delivery = send(
                spec,
                claim.params,
                targets=self.targets,
                attempt=claim.attempt,
                attempts=claim.attempts,
                timeout=self.settings.webhook_timeout,
                label=f"webhook {claim.webhook_uuid} ({claim.event})",
            )
            final = delivery.success or claim.attempt >= claim.attempts
            self._record(claim, delivery.logs, success=delivery.success, final=final)
        except Exception:  # a bug in one delivery must not stop the others; its claim lapses
            log.exception("webhook delivery failed")
        finally:
            with self._lock:
                self._busy -= 1
            self._wake.set()

    def _record(self, claim: _Claim, lines: list[str], *, success: bool, final: bool) -> None:
        """Keep the attempt: status, attempts made, log (`GET /triggered-webhooks/{uuid}/logs`) and,
        when it is to be retried, when."""

        def work(session: Session) -> None:
            row = session.get(TriggeredWebhook, claim.id)
            if row is None:  # deleted with its pacticipant meanwhile
                return
            row.attempts = claim.attempt
            row.logs = (row.logs or "") + "".join(f"{line}\n" for line in lines)
            row.claimed_until = None
            if success or final:
                row.status, row.next_attempt_at = ("success" if success else "failure"), None
            else:
                backoff = self.settings.webhook_retry_seconds * 2 ** (claim.attempt - 1)
                row.status, row.next_attempt_at = "retrying", utcnow() + timedelta(seconds=backoff)

        write(self.db, work)

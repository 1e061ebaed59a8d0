"""What a publication tells the publisher of each pact (the `notices` the `pact` CLI prints), in the
Pact Broker's words: what happened to it, where to see it, the events detected, the webhooks they
triggered, and the next steps while the provider has no verification or webhook."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ...db.models import TriggeredWebhook
from ...services.publication import Published
from .. import links

__all__ = ["pact_notices"]

VERIFY = "Add Pact verification tests to the {} build. See https://docs.pact.io/go/provider_verification"
WEBHOOK = (
    "Configure separate {} pact verification build and webhook to trigger it when the pact content "
    "changes. See https://docs.pact.io/go/webhooks"
)
MODIFIED = (
    "Pact with changed content published over existing content for {}. This is not recommended in "
    "normal circumstances and may indicate that you have not configured your Pact pipeline correctly. "
    "For more information see https://docs.pact.io/go/versioning"
)


def _outcome(pact: Published, which: str) -> dict[str, str]:
    if pact.merge:
        return {"type": "success", "text": f"Pact content merged with existing content for {which}."}
    if pact.outcome == "updated":
        return {"type": "warning", "text": MODIFIED.format(which)}
    if pact.outcome == "unchanged":
        return {
            "type": "success",
            "text": f"Pact successfully republished for {which} with no content changes.",
        }
    return {"type": "success", "text": f"Pact successfully published for {which}."}


def _triggered(base: str, pact: Published, triggered: Sequence[TriggeredWebhook]) -> list[dict[str, str]]:
    mine = [t for t in triggered if t.pact_publication_id == pact.publication_id]
    if not mine and pact.listened:
        return [{"type": "debug", "text": "  No enabled webhooks found for the detected events"}]
    return [
        {
            "type": "debug",
            "text": (
                f"  Webhook {t.webhook_uuid if t.webhook_name == t.webhook_uuid else json.dumps(t.webhook_name)}"
                f" triggered for event {t.event}.\n    View logs at {links.triggered_webhook_logs(base, t.uuid)}"
            ),
        }
        for t in mine
    ]


def pact_notices(
    base: str, consumer: str, number: str, pact: Published, triggered: Sequence[TriggeredWebhook]
) -> list[dict[str, Any]]:
    which = f"{consumer} version {number} and provider {pact.provider}"
    url = links.pact(base, pact.provider, consumer, number)
    notices = [_outcome(pact, which), {"type": "debug", "text": f"  View the published pact at {url}"}]
    if pact.events:
        notices.append({"type": "debug", "text": f"  Events detected: {', '.join(pact.events)}"})
    notices += _triggered(base, pact, triggered)
    steps = [VERIFY.format(pact.provider)] if not pact.verified else []
    steps += [WEBHOOK.format(pact.provider)] if not pact.listened else []
    if steps:
        notices += [{"type": "prompt", "text": "  Next steps:"}]
        notices += [{"type": "prompt", "text": f"    * {step}"} for step in steps]
    return notices

"""Webhooks for the pacticipants with a label (spec/features/create_webhook_spec.rb "with label" and
"with both label and name", spec/lib/pact_broker/webhooks/repository_spec.rb find_by_consumer_and_or_
provider with labels): a side of a webhook may name a label instead of a pacticipant, and the webhook
then fires for every pacticipant that has the label when the event happens."""

from __future__ import annotations

import httpx
import pytest

from tests.broker.helpers import publish
from tests.broker.receiver import Receiver

BROKER_SETTINGS = {
    "webhook_schemes": ("http",),
    "webhook_hosts": ("127.0.0.1",),
    "webhook_retry_seconds": 0.05,
}


def _triggered(broker: str, provider: str, consumer: str) -> int:
    """How many deliveries the pair's events recorded (recorded with the event, before any is sent)."""
    status = httpx.get(f"{broker}/pacts/provider/{provider}/consumer/{consumer}/webhooks/status").json()
    return len(status["_embedded"]["triggeredWebhooks"])


def _webhook(broker: str, receiver: Receiver, path: str, **sides: dict) -> httpx.Response:
    body = {
        **sides,
        "events": [{"name": "contract_published"}],
        "request": {
            "method": "POST",
            "url": f"{receiver.url}/{path}",
            "body": {"consumer": "${pactbroker.consumerName}"},
        },
    }
    return httpx.post(f"{broker}/webhooks", json=body)


def test_a_webhook_for_a_provider_label(broker, n, receiver):
    """201 with `provider: {label}` and no pacticipant; the document shows the label and links the
    labelled pacticipants; it fires for a labelled provider only, also one labelled after it was made."""
    made = _webhook(broker, receiver, "by-label", provider={"label": f"{n}team"})
    assert made.status_code == 201, made.text
    document = made.json()
    assert document["provider"] == {"label": f"{n}team"} and "consumer" not in document
    assert document["_links"]["pb:providers"]["href"] == f"{broker}/pacticipants/label/{n}team"
    assert document["_links"]["pb:providers"]["title"] == "Providers by label"
    assert "pb:provider" not in document["_links"]
    assert httpx.get(document["_links"]["self"]["href"]).json()["provider"] == {"label": f"{n}team"}

    assert publish(broker, f"{n}Web", "1", f"{n}Unlabelled").status_code == 200
    assert httpx.put(f"{broker}/pacticipants/{n}Api/labels/{n}team").status_code == 201
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    [sent] = receiver.wait_for(1)
    assert sent["path"] == "/by-label" and sent["body"] == {"consumer": f"{n}Web"}
    assert publish(broker, f"{n}Web", "2", f"{n}Unlabelled", "another request").status_code == 200
    assert publish(broker, f"{n}Web", "3", f"{n}Api", "a third request").status_code == 200
    receiver.wait_for(2)
    assert _triggered(broker, f"{n}Unlabelled", f"{n}Web") == 0  # the unlabelled provider's sent nothing
    assert _triggered(broker, f"{n}Api", f"{n}Web") == 2


def test_a_webhook_for_a_consumer_label_and_a_named_provider(broker, n, receiver):
    """`consumer: {label}` with `provider: {name}`: only a labelled consumer's pact with that provider."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    made = _webhook(broker, receiver, "pair", consumer={"label": f"{n}mobile"}, provider={"name": f"{n}Api"})
    assert made.status_code == 201, made.text
    assert made.json()["consumer"] == {"label": f"{n}mobile"} and made.json()["provider"] == {
        "name": f"{n}Api"
    }
    assert httpx.put(f"{broker}/pacticipants/{n}Ios/labels/{n}mobile").status_code == 201
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "not labelled").status_code == 200
    assert publish(broker, f"{n}Ios", "1", f"{n}Other").status_code == 200
    assert publish(broker, f"{n}Ios", "2", f"{n}Api").status_code == 200
    [sent] = receiver.wait_for(1)
    assert sent["body"] == {"consumer": f"{n}Ios"}
    assert (_triggered(broker, f"{n}Api", f"{n}Web"), _triggered(broker, f"{n}Other", f"{n}Ios")) == (0, 0)
    assert _triggered(broker, f"{n}Api", f"{n}Ios") == 1


@pytest.mark.parametrize("role", ["consumer", "provider"])
def test_a_label_and_a_name_together_are_400(broker, n, receiver, role):
    """create_webhook_spec.rb "with both label and name": 400 with errors, nothing saved."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    before = len(httpx.get(f"{broker}/webhooks").json()["_links"]["pb:webhooks"])
    refused = _webhook(broker, receiver, "x", **{role: {"name": f"{n}Api", "label": "my_label"}})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        f"{role}.label": ["name and label cannot be provided at the same time"]
    }
    assert len(httpx.get(f"{broker}/webhooks").json()["_links"]["pb:webhooks"]) == before

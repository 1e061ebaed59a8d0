"""Administering webhooks as the Pact Broker's feature specs do: replace (`PUT`), delete, execute a saved
or an unsaved webhook on demand, and read the deliveries a pact or a verification result set off. Every
webhook calls the local receiver (127.0.0.1, the only host these brokers may call)."""

from __future__ import annotations

import re
import time

import httpx
import pytest

from tests.broker.helpers import publish, verify
from tests.broker.receiver import Receiver
from tests.servers import free_port

BROKER_SETTINGS = {
    "webhook_schemes": ("http",),
    "webhook_hosts": ("127.0.0.1",),
    "webhook_retry_seconds": 0.05,
}


def _webhook(url: str, consumer: str, provider: str, event: str = "contract_published", **extra) -> dict:
    return {
        "consumer": {"name": consumer},
        "provider": {"name": provider},
        "events": [{"name": event}],
        "request": {"method": "POST", "url": url, "body": {"consumer": "${pactbroker.consumerName}"}},
        **extra,
    }


def _made(http: httpx.Client, body: dict) -> dict:
    made = http.post("/webhooks", json=body)
    assert made.status_code == 201, made.text
    return made.json()


def _statuses(http: httpx.Client, provider: str, consumer: str) -> list[str]:
    """The statuses of the pair's deliveries, once none is still under way."""
    deadline = time.monotonic() + 20
    while True:
        page = http.get(f"/pacts/provider/{provider}/consumer/{consumer}/webhooks/status").json()
        statuses = [t["status"] for t in page["_embedded"]["triggeredWebhooks"]]
        if not {"not_run", "retrying"} & set(statuses) or time.monotonic() > deadline:
            return statuses
        time.sleep(0.05)


def test_deleting_a_webhook_keeps_its_deliveries(http, n, receiver):
    """spec/features/delete_webhook_spec.rb: 204; the webhook is gone, its deliveries are kept (the
    pact still lists them, without a link to the webhook). Before, the webhooks status as the Pact
    Broker's approved docs show it (docs_webhooks_webhooks_status_get.approved.json)."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    hook = _made(http, _webhook(f"{receiver.url}/d", f"{n}C", f"{n}P"))
    assert publish(http.base_url, f"{n}C", "2", f"{n}P", "another").status_code == 200
    receiver.wait_for(1)
    assert _statuses(http, f"{n}P", f"{n}C") == ["success"]
    status = http.get(f"/pacts/provider/{n}P/consumer/{n}C/webhooks/status").json()
    assert status["summary"] == {"successful": 1, "failed": 0} and status["_links"]["pb:error-logs"] == []
    assert status["_links"]["pb:pact-version"] == {
        "href": f"{http.base_url}/pacts/provider/{n}P/consumer/{n}C/version/2",
        "title": "Pact",
        "name": f"Pact between {n}C (2) and {n}P",
    }
    pact_webhooks = http.get(status["_links"]["pb:pact-webhooks"]["href"])
    assert pact_webhooks.status_code == 200
    assert [w["uuid"] for w in pact_webhooks.json()["_embedded"]["webhooks"]] == [hook["uuid"]]
    assert pact_webhooks.json()["_links"]["self"]["title"] == "Pact webhooks"

    deleted = http.delete(f"/webhooks/{hook['uuid']}")
    assert deleted.status_code == 204 and deleted.content == b""
    assert http.get(f"/webhooks/{hook['uuid']}").status_code == 404
    assert hook["uuid"] not in {w["uuid"] for w in http.get("/webhooks").json()["_embedded"]["webhooks"]}
    kept = http.get(f"/pacts/provider/{n}P/consumer/{n}C/version/2/triggered-webhooks").json()
    [delivery] = kept["_embedded"]["triggeredWebhooks"]
    assert delivery["status"] == "success" and "pb:webhook" not in delivery["_links"]
    assert http.get(delivery["_links"]["pb:logs"]["href"]).status_code == 200
    assert http.delete(f"/webhooks/{hook['uuid']}").status_code == 404


def test_editing_a_webhook(http, n, receiver):
    """spec/features/edit_webhook_spec.rb: a `PUT` of `{}` is 400 with errors and changes nothing; a valid
    one is 200 HAL with the new URL, which a later GET shows too."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    hook = _made(http, _webhook(f"{receiver.url}/before", f"{n}C", f"{n}P"))
    path = f"/webhooks/{hook['uuid']}"

    refused = http.put(path, json={})
    assert refused.status_code == 400 and refused.json()["errors"]
    assert http.get(path).json()["request"]["url"] == f"{receiver.url}/before"

    edited = {
        "consumer": {"name": f"{n}C"},
        "provider": {"name": f"{n}P"},
        "events": [{"name": "contract_content_changed"}],
        "request": {
            "method": "POST",
            "url": f"{receiver.url}/after",
            "username": "username",
            "password": "password",
            "headers": {"Accept": "application/json"},
            "body": {"a": "body"},
        },
    }
    replaced = http.put(path, json=edited)
    assert replaced.status_code == 200, replaced.text
    assert replaced.headers["content-type"].startswith("application/hal+json")
    assert replaced.json()["request"]["url"] == f"{receiver.url}/after"
    assert replaced.json()["request"]["password"] == "**********"
    shown = http.get(path).json()
    assert shown["request"]["url"] == f"{receiver.url}/after"
    assert shown["events"] == [{"name": "contract_content_changed"}]  # a PUT replaces the whole webhook


def test_updating_a_global_webhook(http, n, receiver):
    """spec/features/update_webhook_spec.rb: a webhook for every pact, replaced by one for a consumer
    (disabled), answers with the new description; a PUT to a uuid not yet used creates it (201)."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    everyone = {
        "description": "every pact",
        "enabled": False,
        "events": [{"name": "contract_published"}],
        "request": {"method": "POST", "url": f"{receiver.url}/all"},
    }
    hook = _made(http, everyone)
    update = {
        "description": "trigger build",
        "consumer": {"name": f"{n}C"},
        "enabled": False,
        "events": [{"name": "contract_published"}],
        "request": {
            "method": "POST",
            "url": f"{receiver.url}/build",
            "headers": {"Content-Type": "application/json"},
            "body": {"a": "body"},
        },
    }
    updated = http.put(f"/webhooks/{hook['uuid']}", json=update)
    assert updated.status_code == 200
    document = updated.json()
    assert document["description"] == "trigger build" and document["enabled"] is False
    assert document["consumer"] == {"name": f"{n}C"} and "provider" not in document
    assert document["_links"]["pb:consumer"]["name"] == f"{n}C"

    new_uuid = f"{n}-new-webhook-uuid-0001"
    created = http.put(f"/webhooks/{new_uuid}", json=update)
    assert created.status_code == 201 and created.json()["uuid"] == new_uuid


def test_executing_a_saved_webhook(http, n, receiver):
    """spec/features/execute_webhook_spec.rb: `POST /webhooks/{uuid}/execute` sends the request now,
    filled in from the newest pact (`pactUrl` is the pact version's URL with its metadata), answers
    200 with the receiver's answer (the hosts webhooks may call are restricted), and records no
    delivery."""
    assert publish(http.base_url, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    body = _webhook(f"{receiver.url}/x", f"{n}Foo", f"{n}Bar")
    body["request"]["body"] = "${pactbroker.pactUrl}"
    hook = _made(http, body)

    executed = http.post(f"/webhooks/{hook['uuid']}/execute")
    assert executed.status_code == 200, executed.text
    assert executed.headers["content-type"].startswith("application/hal+json")
    [sent] = receiver.wait_for(1)
    pact_url = rf"{re.escape(str(http.base_url))}/pacts/provider/{n}Bar/consumer/{n}Foo/pact-version/\w+/metadata/[\w-]+"
    assert re.fullmatch(pact_url, sent["body"]), sent["body"]
    result = executed.json()
    assert result["success"] is True and result["response"]["status"] == 200
    assert result["response"]["body"] == "ok"  # what the receiver answered
    assert result["_links"]["webhook"]["href"] == f"{http.base_url}/webhooks/{hook['uuid']}"
    assert result["_links"]["try-again"]["href"] == f"{http.base_url}/webhooks/{hook['uuid']}/execute"
    assert _statuses(http, f"{n}Bar", f"{n}Foo") == []  # a test execution is not a delivery
    json_receiver = Receiver(answer=b'{"build": 42}')
    try:
        body["request"]["url"] = f"{json_receiver.url}/json"
        assert http.put(f"/webhooks/{hook['uuid']}", json=body).status_code == 200
        answered = http.post(f"/webhooks/{hook['uuid']}/execute").json()
        assert answered["response"]["body"] == {"build": 42}  # a JSON answer is shown parsed
    finally:
        json_receiver.close()
    assert (
        http.get(f"/pacts/provider/{n}Bar/consumer/{n}Foo/version/1/triggered-webhooks").json()["_embedded"][
            "triggeredWebhooks"
        ]
        == []
    )


def test_executing_fills_in_the_newest_verification(http, n, receiver):
    """execute_webhook_spec.rb, with a verified pact: the test execution fills the provider's
    templates in from the pact's newest verification result (as the Pact Broker's parameters do)."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    assert verify(http.base_url, f"{n}C", "1", f"{n}P", "p7", False, branch="main").status_code == 201
    hook = _webhook(f"{receiver.url}/t", f"{n}C", f"{n}P", "provider_verification_published")
    hook["request"]["body"] = {
        "provider": "${pactbroker.providerVersionNumber}",
        "branch": "${pactbroker.providerVersionBranch}",
        "status": "${pactbroker.githubVerificationStatus}",
        "result": "${pactbroker.verificationResultUrl}",
        "event": "${pactbroker.eventName}",
    }
    made = _made(http, hook)
    assert http.post(f"/webhooks/{made['uuid']}/execute").status_code == 200
    [sent] = receiver.wait_for(1)
    assert sent["body"] | {"result": None} == {
        "provider": "p7",
        "branch": "main",
        "status": "failure",
        "result": None,
        "event": "test",
    }
    assert http.get(sent["body"]["result"]).json()["providerApplicationVersion"] == "p7"


def test_executing_a_webhook_whose_receiver_is_down(http, n):
    """execute_webhook_spec.rb "when an error occurs": still 200, unsuccessful, nothing recorded."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    hook = _made(http, _webhook(f"http://127.0.0.1:{free_port()}/closed", f"{n}C", f"{n}P"))
    executed = http.post(f"/webhooks/{hook['uuid']}/execute")
    assert executed.status_code == 200
    assert executed.json()["success"] is False and executed.json()["error"]["message"]
    assert _statuses(http, f"{n}P", f"{n}C") == []
    assert http.post(f"/webhooks/{n}-no-such-webhook-uuid/execute").status_code == 404


def test_executing_an_unsaved_webhook(http, n, receiver):
    """spec/features/execute_unsaved_webhook_spec.rb: `POST /webhooks/execute` with a webhook that is not
    saved sends it, filled in from the newest pact, and answers 200; an invalid one is 400."""
    assert publish(http.base_url, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    before = len(http.get("/webhooks").json()["_embedded"]["webhooks"])
    unsaved = {
        "consumer": {"name": f"{n}Foo"},
        "request": {
            "method": "POST",
            "url": f"{receiver.url}/unsaved",
            "headers": {"Content-Type": "application/json"},
            "body": "${pactbroker.pactUrl}",
        },
    }
    executed = http.post("/webhooks/execute", json=unsaved, headers={"accept": "application/hal+json"})
    assert executed.status_code == 200, executed.text
    [sent] = receiver.wait_for(1)
    assert sent["path"] == "/unsaved"
    assert sent["body"].startswith(f"{http.base_url}/pacts/provider/{n}Bar/consumer/{n}Foo")
    result = executed.json()
    assert result["success"] is True and "webhook" not in result["_links"]
    assert result["_links"]["try-again"]["href"] == f"{http.base_url}/webhooks/execute"
    assert len(http.get("/webhooks").json()["_embedded"]["webhooks"]) == before  # nothing saved


def _triggered(http: httpx.Client, href: str, count: int) -> dict:
    """The deliveries at `href` once `count` of them have been made."""
    deadline = time.monotonic() + 20
    while True:
        page = http.get(href)
        assert page.status_code == 200, page.text
        made = [t for t in page.json()["_embedded"]["triggeredWebhooks"] if t["attemptsMade"]]
        if len(made) >= count or time.monotonic() > deadline:
            return page


def test_the_deliveries_a_pact_set_off(http, n, receiver):
    """spec/features/get_triggered_webhooks_for_pact_spec.rb: the pact links `pb:triggered-webhooks`, a
    HAL list of the deliveries its publication set off (not those of another version's pact)."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    hook = _made(http, _webhook(f"{receiver.url}/p", f"{n}C", f"{n}P", description="build it"))
    assert publish(http.base_url, f"{n}C", "2", f"{n}P", "another").status_code == 200
    receiver.wait_for(1)

    pact = http.get(f"/pacts/provider/{n}P/consumer/{n}C/version/2").json()
    href = pact["_links"]["pb:triggered-webhooks"]["href"]
    assert href == f"{http.base_url}/pacts/provider/{n}P/consumer/{n}C/version/2/triggered-webhooks"
    page = _triggered(http, href, 1)
    assert page.headers["content-type"].startswith("application/hal+json")
    [delivery] = page.json()["_embedded"]["triggeredWebhooks"]
    assert delivery["name"] == "build it" and delivery["status"] == "success"
    assert (delivery["eventName"], delivery["triggerType"]) == ("contract_published", "resource_creation")
    assert delivery["_links"]["pb:webhook"]["href"] == f"{http.base_url}/webhooks/{hook['uuid']}"
    assert delivery["_links"]["logs"]["href"] == delivery["_links"]["pb:logs"]["href"]
    assert page.json()["_links"]["self"]["href"] == href

    older = http.get(f"/pacts/provider/{n}P/consumer/{n}C/version/1/triggered-webhooks")
    assert older.status_code == 200 and older.json()["_embedded"]["triggeredWebhooks"] == []
    assert http.get(f"/pacts/provider/{n}P/consumer/{n}C/version/9/triggered-webhooks").status_code == 404


def test_the_deliveries_a_verification_set_off(http, n, receiver):
    """spec/features/get_triggered_webhooks_for_verification_spec.rb: the verification result links
    `pb:triggered-webhooks`, a HAL list of the deliveries its publication set off."""
    assert publish(http.base_url, f"{n}C", "1", f"{n}P").status_code == 200
    _made(http, _webhook(f"{receiver.url}/v", f"{n}C", f"{n}P", "provider_verification_published"))
    verified = verify(http.base_url, f"{n}C", "1", f"{n}P", "p1", True)
    assert verified.status_code == 201
    receiver.wait_for(1)

    href = verified.json()["_links"]["pb:triggered-webhooks"]["href"]
    assert href == verified.json()["_links"]["self"]["href"] + "/triggered-webhooks"
    page = _triggered(http, href, 1)
    [delivery] = page.json()["_embedded"]["triggeredWebhooks"]
    assert delivery["eventName"] == "provider_verification_published" and delivery["status"] == "success"
    # the verified pact's list has them too (a delivery belongs to a pact and, here, a verification)
    pact_deliveries = http.get(f"/pacts/provider/{n}P/consumer/{n}C/version/1/triggered-webhooks").json()
    assert pact_deliveries["_embedded"]["triggeredWebhooks"] == page.json()["_embedded"]["triggeredWebhooks"]
    missing = href.rsplit("/", 2)[0] + "/99/triggered-webhooks"
    assert http.get(missing).status_code == 404


@pytest.mark.parametrize("body", [{}, {"request": {"method": "POST"}}])
def test_an_invalid_unsaved_webhook_is_400(http, body):
    """execute_unsaved_webhook_spec.rb "when there is a validation error"."""
    refused = http.post("/webhooks/execute", json=body)
    assert refused.status_code == 400 and refused.json()["errors"]


def test_the_verified_consumer_version_reaches_the_verification_webhooks(http, n, receiver):
    """spec/features/metadata_spec.rb: a pact read at `/latest`, `/latest/{tag}` or through the pacts
    for verification carries what selected it in its URL, and the results published at its
    `pb:publish-verification-results` link set off webhooks naming that consumer version (and tag),
    not merely the newest version with the same content."""
    consumer, provider = f"{n}Foo", f"{n}Bar"
    assert publish(http.base_url, consumer, "1", provider, tags=["dev", "prod"]).status_code == 200
    assert publish(http.base_url, consumer, "2", provider, tags=["prod"]).status_code == 200  # same content
    hook = _webhook(f"{receiver.url}/verified", consumer, provider, "provider_verification_published")
    hook["request"]["body"] = {
        "number": "${pactbroker.consumerVersionNumber}",
        "tags": "${pactbroker.consumerVersionTags}",
    }
    _made(http, hook)
    results = {
        "success": True,
        "providerApplicationVersion": "4.5.6",
        "testResults": {"some": "results"},
        "verifiedBy": {"implementation": "Ruby", "version": "1234"},
    }

    def verified_at(pact_url: str, deliveries: int) -> list[dict]:
        pact = http.get(pact_url)
        assert pact.status_code == 200, pact.text
        before = len(receiver.received)
        published = http.post(pact.json()["_links"]["pb:publish-verification-results"]["href"], json=results)
        assert published.status_code == 201, published.text
        sent = receiver.wait_for(before + deliveries)[before:]
        return sorted((s["body"]["number"], s["body"]["tags"]) for s in sent)

    latest = f"/pacts/provider/{provider}/consumer/{consumer}/latest"
    assert verified_at(latest, 1) == [("2", "prod")]
    assert verified_at(latest + "/dev", 1) == [("1", "dev")]

    def for_verification(*tags: str) -> str:
        selectors = [{"tag": tag, "latest": True} for tag in tags]
        answer = http.post(
            f"/pacts/provider/{provider}/for-verification",
            json={"consumerVersionSelectors": selectors},
            headers={"accept": "application/hal+json"},
        )
        [pact] = answer.json()["_embedded"]["pacts"]  # one content, selected by each tag
        return pact["_links"]["self"]["href"]

    assert verified_at(for_verification("dev"), 1) == [("1", "dev")]
    assert verified_at(for_verification("dev", "prod"), 2) == [("1", "dev"), ("2", "prod")]

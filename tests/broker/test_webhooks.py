"""Webhooks: made with the official `pact` CLI, sent by the broker to a real HTTP receiver when pacts
and verification results are published, tested on demand, retried, kept secret where they hold
secrets, and refused with the Pact Broker's error keys when they are not valid."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from .conftest import _broker, pact_cli
from .helpers import pact_json, publish, verify
from .receiver import Receiver

TEMPLATE = json.dumps(
    {
        "event": "${pactbroker.eventName}",
        "consumer": "${pactbroker.consumerName}",
        "consumerVersion": "${pactbroker.consumerVersionNumber}",
        "consumerBranch": "${pactbroker.consumerVersionBranch}",
        "provider": "${pactbroker.providerName}",
        "providerVersion": "${pactbroker.providerVersionNumber}",
        "pactUrl": "${pactbroker.pactUrl}",
        "verificationResultUrl": "${pactbroker.verificationResultUrl}",
        "status": "${pactbroker.githubVerificationStatus}",
    }
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    yield served
    served.server.shutdown()


def _webhook_broker(url: str) -> Iterator[str]:
    yield from _broker(
        url,
        webhook_schemes=("http", "https"),
        webhook_hosts=("127.0.0.1",),
        webhook_attempts=3,
        webhook_retry_seconds=0.05,
    )


@pytest.fixture
def broker(database_url) -> Iterator[str]:
    yield from _webhook_broker(database_url)


@pytest.fixture
def sqlite_broker(sqlite_url) -> Iterator[str]:
    yield from _webhook_broker(sqlite_url)


def _create(broker: str, receiver: Receiver, *args: str) -> str:
    made = pact_cli(
        broker,
        "create-webhook",
        f"{receiver.url}/hook",
        "--request",
        "POST",
        "--header",
        "Content-Type: application/json",
        "--data",
        TEMPLATE,
        *args,
    )
    assert made.code == 0, made.stderr + made.stdout
    return json.loads(made.stdout)["uuid"]


def test_a_pact_and_its_verification_reach_the_receiver_with_the_templates_filled_in(broker, receiver):
    assert publish(broker, "Web", "1", "Api", branch="main").status_code == 200  # the pacticipants exist
    _create(
        broker,
        receiver,
        "--consumer",
        "Web",
        "--provider",
        "Api",
        "--contract-content-changed",
        "--provider-verification-published",
        "--description",
        "build Api",
    )

    assert publish(broker, "Web", "2", "Api", "a new request", branch="feat").status_code == 200
    changed = receiver.wait_for(1)[0]
    assert changed["path"] == "/hook" and changed["headers"]["Content-Type"] == "application/json"
    assert changed["body"] | {"pactUrl": None} == {
        "event": "contract_content_changed",
        "consumer": "Web",
        "consumerVersion": "2",
        "consumerBranch": "feat",
        "provider": "Api",
        "providerVersion": "",
        "pactUrl": None,
        "verificationResultUrl": "",
        "status": "pending",
    }
    pact = httpx.get(changed["body"]["pactUrl"])  # the link is the broker's own, and it is that pact
    assert pact.status_code == 200 and [i["description"] for i in pact.json()["interactions"]] == [
        "a new request"
    ]

    # the same content again from another version: published, but not changed
    assert publish(broker, "Web", "3", "Api", "a new request", branch="feat").status_code == 200
    assert verify(broker, "Web", "3", "Api", "a7", True, branch="main").status_code == 201
    received = receiver.wait_for(2)
    time.sleep(0.5)  # nothing else is on its way
    assert receiver.events() == ["contract_content_changed", "provider_verification_published"]
    verified = received[1]["body"]
    assert (verified["providerVersion"], verified["status"], verified["consumerVersion"]) == (
        "a7",
        "success",
        "3",
    )
    assert httpx.get(verified["verificationResultUrl"]).json()["success"] is True


def test_a_pact_put_then_patched_while_a_webhook_listens_is_answered_with_its_content(
    sqlite_broker, receiver
):
    """The older PUT and PATCH of a pact answer with the stored document (interactions and all) when
    a webhook waits for their events too, and set off one event each."""
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api").status_code == 200
    _create(broker, receiver, "--consumer", "Web", "--provider", "Api", "--contract-content-changed")
    url = f"{broker}/pacts/provider/Api/consumer/Web/version/2"
    put = httpx.put(url, json=pact_json("Web", "Api", "one"))
    assert put.status_code == 201, put.text
    assert [i["description"] for i in put.json()["interactions"]] == ["one"]
    patched = httpx.patch(url, json=pact_json("Web", "Api", "two"))
    assert patched.status_code == 200, patched.text
    assert [i["description"] for i in patched.json()["interactions"]] == ["one", "two"]
    changed = receiver.wait_for(2)
    assert [c["body"]["consumerVersion"] for c in changed] == ["2", "2"]
    assert receiver.events() == ["contract_content_changed", "contract_content_changed"]


def test_pact_cli_tests_lists_replaces_and_deletes_webhooks(sqlite_broker, receiver):
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api").status_code == 200
    uuid = _create(broker, receiver, "--provider", "Api", "--contract-published", "--user", "ci:s3cret")

    tested = pact_cli(broker, "test-webhook", "--uuid", uuid)
    assert tested.code == 0, tested.stderr
    result = json.loads(tested.stdout.strip().splitlines()[-1])  # after "Executing webhook at: ..."
    assert result["success"] is True and result["response"]["status"] == 200
    sent = receiver.wait_for(1)[0]
    assert sent["body"]["event"] == "test" and sent["body"]["consumer"] == "Web"  # the newest matching pact
    assert sent["headers"]["Authorization"].startswith("Basic ")

    shown = httpx.get(f"{broker}/webhooks/{uuid}").json()
    assert shown["request"]["password"] == "**********" and shown["provider"] == {"name": "Api"}
    assert shown["description"] == "POST 127.0.0.1"
    listed = httpx.get(f"{broker}/webhooks").json()["_links"]["pb:webhooks"]
    assert [w["href"] for w in listed] == [f"{broker}/webhooks/{uuid}"]
    assert listed[0]["title"] == "A webhook for all pacts with provider Api"

    # replaced under its uuid: the masked password sent back keeps the stored one
    replaced = httpx.put(
        f"{broker}/webhooks/{uuid}", json={**shown, "events": [{"name": "provider_verification_failed"}]}
    )
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["events"] == [{"name": "provider_verification_failed"}]
    tested = json.loads(httpx.post(f"{broker}/webhooks/{uuid}/execute").text)
    assert tested["success"] is True
    assert receiver.wait_for(2)[1]["headers"]["Authorization"] == sent["headers"]["Authorization"]

    named = pact_cli(
        broker,
        "create-or-update-webhook",
        f"{receiver.url}/other",
        "--uuid",
        "a-webhook-uuid-of-ours",
        "--request",
        "POST",
        "--consumer",
        "Web",
        "--contract-published",
    )
    assert named.code == 0, named.stderr
    assert httpx.get(f"{broker}/webhooks/a-webhook-uuid-of-ours").json()["consumer"] == {"name": "Web"}

    deleted = pact_cli(broker, "delete-webhook", "--uuid", uuid)
    assert deleted.code == 0, deleted.stderr
    gone = httpx.get(f"{broker}/webhooks/{uuid}")
    assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"


def test_a_failed_delivery_is_retried_and_a_requiring_verification_event_names_the_provider_version(
    sqlite_broker,
):
    broker = sqlite_broker
    receiver = Receiver(failures=1)
    try:
        assert publish(broker, "Web", "1", "Api").status_code == 200
        httpx.patch(f"{broker}/pacticipants/Api", json={"mainBranch": "main"})
        assert (
            pact_cli(
                broker,
                "create-or-update-version",
                "--pacticipant",
                "Api",
                "--version",
                "a1",
                "--branch",
                "main",
            )
        ).code == 0
        _create(broker, receiver, "--contract-requiring-verification-published")
        assert publish(broker, "Web", "2", "Api", "a new request").status_code == 200
        first, second = receiver.wait_for(2)
        assert first["body"] == second["body"]  # the 500 was followed by the same request
        assert (second["body"]["event"], second["body"]["providerVersion"]) == (
            "contract_requiring_verification_published",
            "a1",
        )
        # the delivery's status and log are kept: GET .../webhooks/status and its pb:logs
        status = _settled(f"{broker}/pacts/provider/Api/consumer/Web/webhooks/status")
        assert status["summary"] == {"successful": 1, "failed": 0}  # retrying, notRun: only when any
        [delivery] = status["_embedded"]["triggeredWebhooks"]
        assert (delivery["attemptsMade"], delivery["eventName"]) == (
            2,
            "contract_requiring_verification_published",
        )
        logs = httpx.get(delivery["_links"]["pb:logs"]["href"]).text
        assert "answered 500 (attempt 1 of 3)" in logs and "answered 200 (attempt 2 of 3)" in logs
    finally:
        receiver.server.shutdown()


def _settled(url: str) -> dict:
    """The webhook status once no delivery is still under way."""
    deadline = time.monotonic() + 20
    while True:
        status = httpx.get(url).json()
        if (
            not status["summary"].get("notRun", 0) + status["summary"].get("retrying", 0)
            or time.monotonic() > deadline
        ):
            return status
        time.sleep(0.05)


def test_a_delivery_that_never_succeeds_is_recorded_as_failed(sqlite_broker):
    broker = sqlite_broker
    receiver = Receiver(failures=99)
    try:
        assert publish(broker, "Web", "1", "Api").status_code == 200
        _create(broker, receiver, "--contract-published", "--provider", "Api")
        assert publish(broker, "Web", "2", "Api").status_code == 200
        receiver.wait_for(3)
        status = _settled(f"{broker}/pacts/provider/Api/consumer/Web/webhooks/status")
        assert status["summary"]["failed"] == 1
        [delivery] = status["_embedded"]["triggeredWebhooks"]
        assert (delivery["status"], delivery["attemptsMade"], delivery["attemptsRemaining"]) == (
            "failure",
            3,
            0,
        )
        [error_logs] = status["_links"]["pb:error-logs"]  # the failed delivery's log, linked
        assert error_logs["href"] == delivery["_links"]["pb:logs"]["href"]
        time.sleep(0.3)
        assert len(receiver.received) == 3  # no fourth attempt
    finally:
        receiver.server.shutdown()


def test_invalid_webhooks_are_refused_with_the_pact_brokers_error_keys(sqlite_broker):
    broker = sqlite_broker
    refused = pact_cli(
        broker, "create-webhook", "ftp://example.org/x", "--request", "POST", "--contract-published"
    )
    assert refused.code == 1 and "request.url" in refused.stdout + refused.stderr
    answer = httpx.post(
        f"{broker}/webhooks",
        json={
            "events": [{"name": "contract_exploded"}],
            "request": {"method": "POST", "url": "http://127.0.0.1/x"},
        },
    )
    assert answer.status_code == 400 and answer.headers["content-type"] == "application/problem+json"
    assert list(answer.json()["errors"]) == ["events[0].name"]
    unknown = httpx.post(
        f"{broker}/webhooks",
        json={"consumer": {"name": "Nobody"}, "request": {"method": "POST", "url": "http://127.0.0.1/x"}},
    )
    assert unknown.status_code == 400 and "consumer.name" in unknown.json()["errors"]
    templated_host = httpx.post(
        f"{broker}/webhooks",
        json={"request": {"method": "POST", "url": "http://${pactbroker.consumerName}.example/x"}},
    )
    assert templated_host.json()["errors"] == {
        "request.url": ["cannot have a template parameter in the host"]
    }
    bad_uuid = httpx.put(
        f"{broker}/webhooks/short", json={"request": {"method": "POST", "url": "http://127.0.0.1/"}}
    )
    assert bad_uuid.status_code == 400 and "uuid" in bad_uuid.json()["errors"]


def test_webhook_ids_never_start_like_an_option() -> None:
    """`pact broker test-webhook --uuid ID` reads an ID starting with '-' as an option (1 in 32 did)."""
    from accord.broker.services.webhooks import new_uuid

    ids = {new_uuid() for _ in range(5000)}
    assert len(ids) == 5000 and all(i[0].isalnum() and len(i) == 22 for i in ids)

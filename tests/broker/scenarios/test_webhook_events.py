"""Which webhook events a publication or a verification sets off, and what their templates are
filled with, as the Pact Broker's rules say (its event listener, trigger service and
pact_and_verification_parameters.rb), each delivered to a real HTTP receiver."""

from __future__ import annotations

import base64
import json

import httpx

from tests.broker.helpers import deploy, environment, pact_json, publish, verify
from tests.broker.receiver import Receiver

BROKER_SETTINGS = {
    "webhook_schemes": ("http",),
    "webhook_hosts": ("127.0.0.1",),
    "webhook_retry_seconds": 0.05,
}

_TEMPLATE = {
    "event": "${pactbroker.eventName}",
    "consumerVersion": "${pactbroker.consumerVersionNumber}",
    "providerVersion": "${pactbroker.providerVersionNumber}",
    "providerBranch": "${pactbroker.providerVersionBranch}",
    "providerTags": "${pactbroker.providerVersionTags}",
    "descriptions": "${pactbroker.providerVersionDescriptions}",
    "github": "${pactbroker.githubVerificationStatus}",
}


def _provider(broker: str, name: str, main_branch: str | None = "main") -> None:
    made = httpx.post(f"{broker}/pacticipants", json={"name": name, "mainBranch": main_branch})
    assert made.status_code == 201, made.text


def _on_branch(broker: str, pacticipant: str, branch: str, number: str) -> None:
    put = httpx.put(f"{broker}/pacticipants/{pacticipant}/branches/{branch}/versions/{number}", json={})
    assert put.status_code in (200, 201), put.text


def _listen(broker: str, receiver: Receiver, provider: str, *events: str, body: dict = _TEMPLATE) -> None:
    made = httpx.post(
        f"{broker}/webhooks",
        json={
            "provider": {"name": provider},
            "events": [{"name": event} for event in events],
            "request": {"method": "POST", "url": f"{receiver.url}/hook", "body": body},
        },
    )
    assert made.status_code == 201, made.text


def _recorded(broker: str, provider: str, consumer: str) -> list[str]:
    """The events of the pair's deliveries, in name order (recorded with the publication that set
    them off, before any is sent)."""
    status = httpx.get(f"{broker}/pacts/provider/{provider}/consumer/{consumer}/webhooks/status").json()
    return sorted(d["eventName"] for d in status["_embedded"]["triggeredWebhooks"])


def test_a_pact_requiring_verification_names_the_main_branch_head(broker, n, receiver):
    """spec/integration/webhooks/contract_requiring_verification_published_spec.rb and
    spec/lib/pact_broker/verifications/service_spec.rb ("no verification from the latest version from
    the main branch"): one delivery naming the main branch's head, its branch and why; none once that
    version has a verification result (even a failed one) and the main branch has no newer version."""
    _provider(broker, f"{n}Bar")
    _on_branch(broker, f"{n}Bar", "main", "1")
    _listen(broker, receiver, f"{n}Bar", "contract_requiring_verification_published")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar", branch="main").status_code == 200
    [sent] = receiver.wait_for(1)
    assert sent["body"] == {
        "event": "contract_requiring_verification_published",
        "consumerVersion": "1",
        "providerVersion": "1",
        "providerBranch": "main",
        "providerTags": "",
        "descriptions": "latest from main branch",
        "github": "pending",
    }
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "1", False).status_code == 201
    assert publish(broker, f"{n}Foo", "2", f"{n}Bar", branch="main").status_code == 200  # same content
    assert _recorded(broker, f"{n}Bar", f"{n}Foo") == ["contract_requiring_verification_published"]


def test_it_fires_for_every_publication_of_unverified_content_not_only_a_change(broker, n, receiver):
    """spec/lib/pact_broker/webhooks/event_listener (contract_published triggers
    contract_requiring_verification_published whenever verifications are required): the same content
    published for a second consumer version is not a change, but still needs the provider's verification."""
    _provider(broker, f"{n}Bar")
    _on_branch(broker, f"{n}Bar", "main", "1")
    _listen(
        broker,
        receiver,
        f"{n}Bar",
        "contract_content_changed",
        "contract_requiring_verification_published",
    )
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert publish(broker, f"{n}Foo", "2", f"{n}Bar").status_code == 200
    assert _recorded(broker, f"{n}Bar", f"{n}Foo") == [
        "contract_content_changed",
        "contract_requiring_verification_published",
        "contract_requiring_verification_published",
    ]
    sent = receiver.wait_for(3)
    assert sorted((s["body"]["event"], s["body"]["consumerVersion"]) for s in sent) == [
        ("contract_content_changed", "1"),
        ("contract_requiring_verification_published", "1"),
        ("contract_requiring_verification_published", "2"),
    ]


def test_one_event_per_provider_version_with_every_reason(broker, n, receiver):
    """spec/lib/pact_broker/verifications/service_spec.rb ("deduplicates the required versions",
    deployed and released versions) and spec/lib/pact_broker/webhooks/trigger_service_spec.rb (the
    main branch for its head, else the version's newest branch): the main branch's head, deployed and
    released, is one delivery with three reasons; a deployed version on another branch is another; a
    deployed version that verified the content is none."""
    test_env, prod_env = environment(broker, f"{n}test"), environment(broker, f"{n}prod")
    _provider(broker, f"{n}Bar")
    _on_branch(broker, f"{n}Bar", "feat-x", "0")
    _on_branch(broker, f"{n}Bar", "feat-y", "0.5")
    _on_branch(broker, f"{n}Bar", "main", "1")
    assert deploy(broker, f"{n}Bar", "0", prod_env).status_code == 201
    assert deploy(broker, f"{n}Bar", "0.5", prod_env).status_code == 201  # replaces 0 there
    assert deploy(broker, f"{n}Bar", "0", test_env).status_code == 201
    assert deploy(broker, f"{n}Bar", "1", test_env).status_code == 201  # replaces 0 in test
    released = f"{broker}/pacticipants/{n}Bar/versions/1/released-versions/environment/{test_env}"
    assert httpx.post(released, json={}).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/versions/1/tags/{n}blue", json={}).status_code == 201
    # 0.5 has verified this content before (a pact of another consumer version with the same content)
    assert publish(broker, f"{n}Foo", "0", f"{n}Bar").status_code == 200
    assert verify(broker, f"{n}Foo", "0", f"{n}Bar", "0.5", True).status_code == 201
    _listen(broker, receiver, f"{n}Bar", "contract_requiring_verification_published")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert _recorded(broker, f"{n}Bar", f"{n}Foo") == ["contract_requiring_verification_published"]
    [sent] = receiver.wait_for(1)
    assert sent["body"] == {
        "event": "contract_requiring_verification_published",
        "consumerVersion": "1",
        "providerVersion": "1",
        "providerBranch": "main",
        "providerTags": f"{n}blue",
        "descriptions": f"latest from main branch, deployed in {n}test, released in {n}test",
        "github": "success",  # the content's newest verification, as the Pact Broker fills it in
    }

    assert publish(broker, f"{n}Foo", "2", f"{n}Bar", "changed").status_code == 200
    sent = receiver.wait_for(3)[1:]
    assert sorted(
        (s["body"]["providerVersion"], s["body"]["providerBranch"], s["body"]["descriptions"]) for s in sent
    ) == [
        ("0.5", "feat-y", f"deployed in {n}prod"),
        ("1", "main", f"latest from main branch, deployed in {n}test, released in {n}test"),
    ]
    assert {s["body"]["github"] for s in sent} == {"pending"}


def test_none_when_the_provider_has_no_version_that_should_verify(broker, n, receiver):
    """spec/lib/pact_broker/verifications/service_spec.rb: no main branch head, nothing deployed or
    released: no event (the contract_published event still fires)."""
    _provider(broker, f"{n}Bar", main_branch=None)
    _on_branch(broker, f"{n}Bar", "feat-x", "1")
    _listen(broker, receiver, f"{n}Bar", "contract_published", "contract_requiring_verification_published")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert _recorded(broker, f"{n}Bar", f"{n}Foo") == ["contract_published"]


def test_contract_published_fills_in_the_requests_branch_build_url_tags_and_labels(broker, n, receiver):
    """spec/integration/webhooks/contract_publication_spec.rb and
    spec/lib/pact_broker/webhooks/pact_and_verification_parameters_spec.rb: the consumer version's
    number, the branch and build URL of the publication request, its tags, and both sides' labels."""
    _provider(broker, f"{n}Bar")
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/labels/{n}team").status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/labels/{n}web").status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/labels/{n}mobile").status_code == 201
    body = {
        "consumer_version_number": "${pactbroker.consumerVersionNumber}",
        "consumer_version_branch": "${pactbroker.consumerVersionBranch}",
        "build_url": "${pactbroker.buildUrl}",
        "consumer_version_tags": "${pactbroker.consumerVersionTags}",
        "labels": "${pactbroker.consumerLabels} / ${pactbroker.providerLabels}",
    }
    _listen(broker, receiver, f"{n}Bar", "contract_published", body=body)
    document = pact_json(f"{n}Foo", f"{n}Bar")
    published = httpx.post(
        f"{broker}/contracts/publish",
        json={
            "pacticipantName": f"{n}Foo",
            "pacticipantVersionNumber": "1",
            "branch": "main",
            "tags": ["a", "b"],
            "buildUrl": "http://ci/builds/1234",
            "contracts": [
                {
                    "consumerName": f"{n}Foo",
                    "providerName": f"{n}Bar",
                    "specification": "pact",
                    "contentType": "application/json",
                    "content": base64.b64encode(json.dumps(document).encode()).decode(),
                }
            ],
        },
    )
    assert published.status_code == 200, published.text
    [sent] = receiver.wait_for(1)
    assert sent["body"] == {
        "consumer_version_number": "1",
        "consumer_version_branch": "main",
        "build_url": "http://ci/builds/1234",
        "consumer_version_tags": "a, b",
        "labels": f"{n}mobile, {n}web / {n}team",
    }
    # a pact PUT on its own has no build URL, and its version's branch
    put = httpx.put(f"{broker}/pacts/provider/{n}Bar/consumer/{n}Foo/version/2", json=document)
    assert put.status_code == 201, put.text
    sent = receiver.wait_for(2)
    assert (sent[1]["body"]["build_url"], sent[1]["body"]["consumer_version_number"]) == ("", "2")


def _verified_on_main_then_failed_on_a_feature_branch(broker: str, n: str, receiver: Receiver) -> None:
    """Foo 1's pact verified by Bar 1 on main (success), then by Bar 2 on feat-x (failure); a webhook
    listens to Bar's contract_published."""
    _provider(broker, f"{n}Bar")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "1", True, branch="main").status_code == 201
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", False, branch="feat-x").status_code == 201
    _listen(broker, receiver, f"{n}Bar", "contract_published")


def test_a_pacts_events_name_the_main_branch_verification(broker, n, receiver):
    """spec/lib/pact_broker/webhooks/pact_and_verification_parameters_spec.rb with the event listener's
    find_latest_from_main_branch_for_pact: the provider version and status of a published pact's events
    are those of the content's newest verification from the provider's main branch, not a newer one
    from a feature branch."""
    _verified_on_main_then_failed_on_a_feature_branch(broker, n, receiver)
    assert publish(broker, f"{n}Foo", "2", f"{n}Bar").status_code == 200
    [sent] = receiver.wait_for(1)
    assert (sent["body"]["providerVersion"], sent["body"]["providerBranch"], sent["body"]["github"]) == (
        "1",
        "main",
        "success",
    )


def test_a_test_execution_names_the_contents_newest_verification(broker, n, receiver):
    """spec/features/execute_webhook_spec.rb with trigger_service.rb's test_execution: a test of a
    contract webhook passes no verification, so the parameters take the pact's newest one (here a
    feature branch's failure), not the main branch's that a published pact's events name."""
    _verified_on_main_then_failed_on_a_feature_branch(broker, n, receiver)
    [hook] = httpx.get(f"{broker}/webhooks/provider/{n}Bar").json()["_links"]["pb:webhooks"]
    assert httpx.post(f"{hook['href']}/execute").status_code == 200
    [sent] = receiver.wait_for(1)
    assert (sent["body"]["event"], sent["body"]["providerVersion"], sent["body"]["github"]) == (
        "test",
        "2",
        "failure",
    )


def test_a_verification_event_has_its_build_url(broker, n, receiver):
    """spec/integration/webhooks/verification_publication_spec.rb: `${pactbroker.buildUrl}` is the
    verification result's build URL."""
    _provider(broker, f"{n}Bar")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    body = {"build_url": "${pactbroker.buildUrl}", "event": "${pactbroker.eventName}"}
    _listen(broker, receiver, f"{n}Bar", "provider_verification_published", body=body)
    pact = httpx.get(f"{broker}/pacts/provider/{n}Bar/consumer/{n}Foo/version/1").json()
    result = httpx.post(
        pact["_links"]["pb:publish-verification-results"]["href"],
        json={"success": True, "providerApplicationVersion": "1", "buildUrl": "http://ci/builds/1234"},
    )
    assert result.status_code == 201, result.text
    [sent] = receiver.wait_for(1)
    assert sent["body"] == {"build_url": "http://ci/builds/1234", "event": "provider_verification_published"}

"""Answers compared with the Pact Broker's approval fixtures (`spec/fixtures/approvals/` of
pact-foundation/pact_broker 2.120): accord's answers are kept as approved files in tests/broker/golden/
(normalised by tests/broker/test_golden.py), each reviewed against the Pact Broker's fixture of the
same name and identical to it in keys, link relations, notices and summaries."""

from __future__ import annotations

import base64
import json
import re

import httpx

from tests.broker.helpers import deploy, environment, publish, verify
from tests.broker.test_golden import approve

# contract modification allowed, as in publish_pact_all_in_one_approval_spec.rb's "verification already
# exists" context (the only example that publishes over existing content)
BROKER_SETTINGS = {"allow_contract_modification": True}


def _unprefixed(document, n: str, *names: str):
    """The document with the test's prefix taken off these names, as the fixtures name them."""
    text = json.dumps(document)
    for name in names:
        text = text.replace(f"{n}{name}", name)
    return json.loads(text)


def test_can_i_deploy_approval(broker, n):
    """spec/features/can_i_deploy_approval_spec.rb against features_can_i_deploy_approval_spec.approved.json:
    Foo v1 (tagged dev) verified by Bar v10 (tagged prod), deployed to production; can-i-deploy by
    environment, the tag-to-tag URL form, missing parameters (400), and a failing Baz without and with
    `ignore`."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar", tags=["dev"]).status_code == 200
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "10", True).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/versions/10/tags/prod", json={}).status_code == 201
    assert deploy(broker, f"{n}Bar", "10", environment(broker, f"{n}production")).status_code == 201
    approvals = {}

    def snapshot(example: str, path: str, params: list[tuple[str, str]] | None = None) -> None:
        got = httpx.get(f"{broker}{path}", params=params, headers={"Accept": "application/hal+json"})
        key = f"GET /can-i-deploy approval {example} snapshots"
        approvals[key] = {"status": got.status_code, "summary": got.json().get("summary")}

    to_production = [("pacticipant", f"{n}Foo"), ("version", "1"), ("environment", f"{n}production")]
    snapshot("can-i-deploy Foo v1 to the production environment", "/can-i-deploy", to_production)
    snapshot(
        "can-i-deploy Foo's dev tag to Bar's prod tag (tag-to-tag URL format)",
        f"/pacticipants/{n}Foo/latest-version/dev/can-i-deploy/to/prod",
    )
    snapshot("can-i-deploy with missing required params returns a validation error", "/can-i-deploy")
    assert publish(broker, f"{n}Foo", "1", f"{n}Baz").status_code == 200
    assert verify(broker, f"{n}Foo", "1", f"{n}Baz", "99", False).status_code == 201
    failing = "can-i-deploy Foo v1 to the production environment with a failing integration"
    snapshot(f"{failing} without ignoring the failing integration", "/can-i-deploy", to_production)
    ignoring = [*to_production, ("ignore[]", f"{n}Baz")]
    snapshot(f"{failing} ignoring the failing integration", "/can-i-deploy", ignoring)
    approve(
        "features_can_i_deploy_approval_spec",
        _unprefixed(approvals, n, "Foo", "Bar", "Baz", "production"),
        broker,
    )


def _publish_approval(broker: str, n: str, name: str, *, branch: str | None = "main", **changes) -> None:
    """POST /contracts/publish as publish_pact_all_in_one_approval_spec.rb does (Foo version 1, tags a
    and b, a build URL, an empty pact with Bar), its answer (status and body) kept as `name`."""
    foo, bar = f"{n}Foo", f"{n}Bar"
    document = {"consumer": {"name": foo}, "provider": {"name": bar}, "interactions": []}
    body = {
        "pacticipantName": foo,
        "pacticipantVersionNumber": "1",
        "branch": branch,
        "tags": ["a", "b"],
        "buildUrl": "http://ci/builds/1234",
        "contracts": [
            {
                "consumerName": foo,
                "providerName": bar,
                "specification": "pact",
                "contentType": "application/json",
                "content": base64.b64encode(json.dumps(document).encode()).decode(),
                "onConflict": "overwrite",
            }
        ],
        **changes,
    }
    body = {k: v for k, v in body.items() if v is not ...}
    got = httpx.post(f"{broker}/contracts/publish", json=body, headers={"Accept": "application/hal+json"})
    answer = {"status": got.status_code, "body": got.json()}
    if got.status_code == 400:  # the Pact Broker's `errors`, without the problem document's other keys
        answer["body"] = {"errors": answer["body"]["errors"]}
    # a delivery's id (accord's are not UUIDs, which the approved files' normalisation replaces)
    answer = json.loads(
        re.sub(r"triggered-webhooks/[^/]+/logs", "triggered-webhooks/<uuid>/logs", json.dumps(answer))
    )
    approve(name, _unprefixed(answer, n, "Foo", "Bar"), broker)


def test_publish_all_in_one_approval_nothing_exists(broker, n):
    """spec/features/publish_pact_all_in_one_approval_spec.rb, against publish_contract_nothing_exists:
    the version created with branch and tags, the pact published, the events detected and the next
    steps, as notices and as the deprecated logs."""
    _publish_approval(broker, n, "publish_contract_nothing_exists")


def test_publish_all_in_one_approval_no_branch(broker, n):
    """publish_pact_all_in_one_approval_spec.rb "with no branch set" (publish_contract_no_branch): the
    prompt to set the version branch."""
    _publish_approval(broker, n, "publish_contract_no_branch", branch=None)


def test_publish_all_in_one_approval_validation_error(broker, n):
    """publish_pact_all_in_one_approval_spec.rb "with a validation error"
    (publish_contract_with_validation_error): 400, `pacticipantVersionNumber` is missing."""
    _publish_approval(broker, n, "publish_contract_with_validation_error", pacticipantVersionNumber=...)


def test_publish_all_in_one_approval_webhook_triggered(broker, n):
    """publish_pact_all_in_one_approval_spec.rb "with a webhook that gets triggered"
    (publish_contract_nothing_exists_with_webhook): the delivery named with a link to its logs."""
    assert httpx.post(f"{broker}/pacticipants", json={"name": f"{n}Foo"}).status_code == 201
    webhook = {
        "description": "foo webhook",
        "consumer": {"name": f"{n}Foo"},
        "events": [{"name": "contract_content_changed"}],
        "request": {"method": "POST", "url": "https://example.org/hook"},
    }
    assert httpx.post(f"{broker}/webhooks", json=webhook).status_code == 201
    _publish_approval(broker, n, "publish_contract_nothing_exists_with_webhook")


def test_publish_all_in_one_approval_verification_already_exists(broker, n):
    """publish_pact_all_in_one_approval_spec.rb "when a verification already exists"
    (publish_contract_verification_already_exists, contract modification allowed): the version
    updated, the changed content published over the verified one with a warning."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", True).status_code == 201
    _publish_approval(broker, n, "publish_contract_verification_already_exists")

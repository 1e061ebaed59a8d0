"""Bad input: malformed JSON, a body that is not JSON, over-size pacts, unknown names and invalid
selector combinations are refused with 400/404/409/413/415 and the `errors` shape, and nothing is
half-written (spec/features/publish_not_a_pact_spec.rb, publish_pact_all_in_one_spec.rb,
error_spec.rb, get_provider_pacts_for_verification_spec.rb)."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.broker.helpers import pact_json, publish

PROBLEM = "application/problem+json"


def _pacticipants(broker: str, prefix: str) -> list[str]:
    names = [p["name"] for p in httpx.get(f"{broker}/pacticipants").json()["pacticipants"]]
    return [name for name in names if name.startswith(prefix)]


def test_malformed_json_is_400_with_errors_and_writes_nothing(broker, n):
    for path in ("/contracts/publish", "/environments", f"/pacts/provider/{n}Api/consumer/{n}Web/version/1"):
        method = "PUT" if path.startswith("/pacts") else "POST"
        response = httpx.request(
            method, broker + path, content=b'{"name": ', headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, path
        assert response.headers["content-type"] == PROBLEM and response.json()["errors"], path
    assert _pacticipants(broker, n) == []


@pytest.mark.parametrize("media", ["text/plain", "application/xml", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_415(broker, n, media):
    """The Pact Broker's resources accept application/json only (415 otherwise)."""
    pact = json.dumps(pact_json(f"{n}Web", f"{n}Api")).encode()
    url = f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1"
    response = httpx.put(url, content=pact, headers={"content-type": media})
    assert response.status_code == 415 and response.headers["content-type"] == PROBLEM
    assert (
        httpx.post(f"{broker}/contracts/publish", content=pact, headers={"content-type": media}).status_code
        == 415
    )
    assert _pacticipants(broker, n) == []


def test_an_over_size_pact_is_413_and_writes_nothing(broker, n):
    """ACCORD_BROKER_MAX_PACT_BYTES (5 MiB by default): a 6 MiB pact is refused before it is read."""
    big = pact_json(f"{n}Web", f"{n}Api")
    big["interactions"][0]["response"]["body"] = "x" * (6 * 1024 * 1024)
    url = f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1"
    assert httpx.put(url, json=big, timeout=60).status_code == 413
    assert _pacticipants(broker, n) == []


def test_a_publication_with_one_bad_contract_writes_none_of_them(broker, n):
    """publish_pact_all_in_one_spec.rb (validation errors): 400 with `errors`, no version created."""
    good = {
        "consumerName": f"{n}Web",
        "providerName": f"{n}Api",
        "specification": "pact",
        "contentType": "application/json",
        "content": __import__("base64")
        .b64encode(json.dumps(pact_json(f"{n}Web", f"{n}Api")).encode())
        .decode(),
    }
    bad = {**good, "providerName": f"{n}Other", "content": "not base64!"}
    body = {"pacticipantName": f"{n}Web", "pacticipantVersionNumber": "1", "contracts": [good, bad]}
    response = httpx.post(f"{broker}/contracts/publish", json=body)
    assert response.status_code == 400 and response.json()["errors"]
    assert _pacticipants(broker, n) == []


def test_unknown_names_are_404_in_the_clients_media_type(broker, n):
    """error_spec.rb: problem+json when the client accepts it; the `pact` CLI (hal+json) gets the same
    document as hal+json."""
    missing = httpx.get(f"{broker}/pacticipants/{n}Nobody", headers={"accept": "application/problem+json"})
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert missing.json()["title"] == "Not found"
    hal = httpx.get(f"{broker}/pacticipants/{n}Nobody", headers={"accept": "application/hal+json"})
    assert hal.status_code == 404 and hal.headers["content-type"] == "application/hal+json"
    for path in (
        f"/pacts/provider/{n}Api/consumer/{n}Web/latest",
        f"/pacts/provider/{n}Api/consumer/{n}Web/versions",
        f"/pacticipants/{n}Web/branches/main",
        f"/integrations/provider/{n}Api/consumer/{n}Web",
    ):
        assert httpx.get(broker + path).status_code in (404, 405), path
    assert httpx.delete(f"{broker}/integrations/provider/{n}Api/consumer/{n}Web").status_code == 404


@pytest.mark.parametrize(
    "selector",
    [
        {"mainBranch": True, "tag": "prod"},
        {"branch": "main", "tag": "prod"},
        {"fallbackTag": "x"},
        {"deployed": True, "released": True},
        {"consumer": ""},
    ],
)
def test_invalid_selector_combinations_are_400(broker, n, selector):
    """get_provider_pacts_for_verification_spec.rb and the selector contract's validation."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    response = httpx.post(
        f"{broker}/pacts/provider/{n}Api/for-verification", json={"consumerVersionSelectors": [selector]}
    )
    assert response.status_code == 400, selector
    assert response.headers["content-type"] == PROBLEM and response.json()["errors"]


def test_invalid_matrix_queries_are_400(broker, n):
    """spec/features/get_matrix_spec.rb (invalid options) and can_i_deploy_spec.rb."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    both = f"q[][pacticipant]={n}Web&q[][version]=1&q[][latest]=true"
    assert httpx.get(f"{broker}/matrix?{both}").status_code == 400
    assert httpx.get(f"{broker}/matrix?q[][pacticipant]={n}Nobody&q[][version]=1").status_code == 400
    assert httpx.get(f"{broker}/matrix?q[][pacticipant]={n}Web&latestby=nope").status_code == 400
    neither = httpx.get(f"{broker}/can-i-deploy", params={"pacticipant": f"{n}Web", "version": "1"})
    assert neither.status_code == 400 and neither.json()["errors"]


def test_a_nul_in_a_name_is_refused(broker, n):
    """No name may hold NUL (PostgreSQL text cannot): 400, not a server error."""
    response = httpx.put(f"{broker}/pacticipants/{n}Web/versions/1/tags/a%00b", json={})
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM


def _write_paths(broker: str, n: str) -> list[tuple[str, str]]:
    """Every kind of JSON write, on an existing pact, version and environment."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    env = httpx.post(f"{broker}/environments", json={"name": f"{n}prod"}).json()["uuid"]
    pact = httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1").json()
    return [
        ("POST", pact["_links"]["pb:publish-verification-results"]["href"]),
        ("PATCH", f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1"),
        ("POST", f"{broker}/pacticipants"),
        ("PATCH", f"{broker}/pacticipants/{n}Web"),
        ("POST", f"{broker}/webhooks"),
        ("POST", f"{broker}/pacticipants/{n}Web/versions/1/deployed-versions/environment/{env}"),
        ("POST", f"{broker}/pacticipants/{n}Web/versions/1/released-versions/environment/{env}"),
        ("PUT", f"{broker}/environments/{env}"),
    ]


def _state(broker: str, n: str) -> tuple:
    """What the writes above could change: verifications, pacticipants, webhooks, deployments."""
    matrix = httpx.get(f"{broker}/matrix", params={"q[][pacticipant]": f"{n}Web"}).json()["matrix"]
    return (
        [r["verificationResult"] for r in matrix],
        _pacticipants(broker, n),
        httpx.get(f"{broker}/pacticipants/{n}Web").json().get("mainBranch"),
        len(httpx.get(f"{broker}/webhooks").json()["_links"]["pb:webhooks"]),
        httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1").json()["interactions"],
        httpx.get(f"{broker}/pacticipants/{n}Web/versions/1").json()["_embedded"].get("deployedVersions"),
    )


def test_every_json_write_refuses_malformed_json_and_other_media_types(broker, n):
    """error_spec.rb and the Pact Broker's resources (application/json only): malformed JSON is 400 with
    `errors` in problem+json, a body that is not JSON 415, and neither changes anything."""
    paths = _write_paths(broker, n)
    before = _state(broker, n)
    for method, url in paths:
        malformed = httpx.request(
            method, url, content=b'{"a": [', headers={"content-type": "application/json"}
        )
        assert malformed.status_code == 400, (method, url, malformed.text)
        assert malformed.headers["content-type"] == PROBLEM and malformed.json()["errors"], (method, url)
        other = httpx.request(method, url, content=b"a=1", headers={"content-type": "text/plain"})
        assert other.status_code == 415, (method, url, other.text)
        assert other.headers["content-type"] == PROBLEM, (method, url)
    assert _state(broker, n) == before


def test_an_over_size_pact_published_with_contracts_publish_is_413(broker, n):
    """The same limit through `POST /contracts/publish` (base64 content): 413, nothing written."""
    big = pact_json(f"{n}Web", f"{n}Api")
    big["interactions"][0]["response"]["body"] = "x" * (6 * 1024 * 1024)
    content = __import__("base64").b64encode(json.dumps(big).encode()).decode()
    contract = {"consumerName": f"{n}Web", "providerName": f"{n}Api", "specification": "pact"}
    body = {
        "pacticipantName": f"{n}Web",
        "pacticipantVersionNumber": "1",
        "contracts": [{**contract, "contentType": "application/json", "content": content}],
    }
    response = httpx.post(f"{broker}/contracts/publish", json=body, timeout=60)
    assert response.status_code == 413 and response.headers["content-type"] == PROBLEM
    assert _pacticipants(broker, n) == []

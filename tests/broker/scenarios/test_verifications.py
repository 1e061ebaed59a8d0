"""Area 4, verification results: publishing them (with the provider version they create and the webhooks
they set off) and reading the latest of a pact or of a consumer version."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.broker.helpers import publish, verify
from tests.broker.receiver import Receiver

BROKER_SETTINGS = {"webhook_schemes": ("http",), "webhook_hosts": ("127.0.0.1",)}
# spec/fixtures/verification.json
RESULTS = {
    "success": True,
    "providerApplicationVersion": "4.5.6",
    "testResults": {"some": "results"},
    "verifiedBy": {"implementation": "Ruby", "version": "1234"},
}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    yield served
    served.close()


def _revised_pact(broker: str, n: str) -> dict:
    """Consumer 1.0.0 and 1.2.3 published, 1.2.3's pact then revised (merged): its latest content."""
    assert publish(broker, f"{n}Consumer", "1.0.0", f"{n}Provider").status_code == 200
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "one").status_code == 200
    merged = publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "two", on_conflict="merge")
    assert merged.status_code == 200
    return httpx.get(f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer/version/1.2.3").json()


def _publish_and_follow(broker: str, n: str, pact: dict) -> None:
    url = pact["_links"]["pb:publish-verification-results"]["href"]
    assert url.startswith(pact["_links"]["pb:pact-version"]["href"])
    published = httpx.post(url, json=RESULTS, headers={"Accept": "application/hal+json"})
    assert published.status_code == 201, published.text
    assert published.headers["content-type"].startswith("application/hal+json")
    self_href = published.json()["_links"]["self"]["href"]
    assert published.headers["Location"] == self_href
    assert self_href.startswith(url + "/")
    followed = httpx.get(self_href, headers={"Accept": "application/hal+json"})
    assert followed.status_code == 200
    assert RESULTS.items() <= followed.json().items()
    assert "buildUrl" not in followed.json()  # none given: left out, as the Pact Broker leaves it
    named = f"Pact between {n}Consumer (1.2.3) and {n}Provider"
    assert followed.json()["_links"]["self"]["name"] == f"Verification result 1 for {named}"
    verified = followed.json()["_links"]["pb:pact-version"]
    assert verified["name"] == named and "/metadata/" in verified["href"]
    assert httpx.get(verified["href"]).json()["_links"]["pb:consumer-version"]["name"] == "1.2.3"
    latest = httpx.get(f"{pact['_links']['pb:pact-version']['href']}/verification-results/latest")
    assert latest.json()["_links"]["self"]["href"] == self_href  # saved against the revised content
    earlier = httpx.get(f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer/version/1.0.0").json()
    assert httpx.get(earlier["_links"]["pb:latest-verification-results"]["href"]).status_code == 404
    provider_version = httpx.get(f"{broker}/pacticipants/{n}Provider/versions/4.5.6")
    assert provider_version.status_code == 200


def test_publish_verification(broker, n, receiver):
    """spec/features/publish_verification_spec.rb: 201, saved against the pact content it was posted
    to (the revised one), with its test results; its self link answers the same document; a webhook
    for provider_verification_published is executed."""
    webhook = {
        "consumer": {"name": f"{n}Consumer"},
        "provider": {"name": f"{n}Provider"},
        "events": [{"name": "provider_verification_published"}],
        "request": {
            "method": "POST",
            "url": f"{receiver.url}/verified",
            "body": {"ok": "${pactbroker.verificationResultUrl}"},
        },
    }
    pact = _revised_pact(broker, n)
    assert httpx.post(f"{broker}/webhooks", json=webhook).status_code == 201
    _publish_and_follow(broker, n, pact)
    [sent] = receiver.wait_for(1)
    assert sent["path"] == "/verified" and "/verification-results/" in sent["body"]["ok"]


def test_publish_verification_results_and_version(broker, n):
    """spec/features/publish_verification_results_and_version_spec.rb: the same publication also
    creates the provider version it names."""
    pact = _revised_pact(broker, n)
    assert httpx.get(f"{broker}/pacticipants/{n}Provider/versions/4.5.6").status_code == 404
    _publish_and_follow(broker, n, pact)


def test_get_latest_verification_for_pact(broker, n):
    """spec/features/get_latest_verification_for_pact_spec.rb: by pact version, by consumer version,
    for the latest pact and the latest pact with a tag, the newest result of that pact (provider
    version 4, not another provider's 5); the extended media type when asked for; 404 without one, and
    for a verification "number" that is not one (`all` pointing at the matrix)."""
    extended = "application/vnd.pactbrokerextended.v1+json"
    assert (
        publish(broker, f"{n}Consumer", "1.2.3", f"{n}Another provider", tags=["master"]).status_code == 200
    )
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Another provider", "5", True).status_code == 201
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "other").status_code == 200
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "3", True).status_code == 201
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "4", True).status_code == 201
    pair = f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer"
    sha_url = httpx.get(f"{pair}/version/1.2.3").json()["_links"]["pb:pact-version"]["href"]
    assert httpx.put(f"{broker}/pacticipants/{n}Provider/versions/4/tags/prod", json={}).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Provider/versions/4/tags/dev", json={}).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Provider/versions/5/tags/dev", json={}).status_code == 201
    by_sha = httpx.get(f"{sha_url}/verification-results/latest", headers={"Accept": extended})
    assert by_sha.status_code == 200 and extended in by_sha.headers["content-type"]
    assert by_sha.json()["providerApplicationVersion"] == "4"
    tags = [(t["name"], t["latest"]) for t in by_sha.json()["_embedded"]["tags"]]
    assert tags == [("prod", True), ("dev", False)]  # 5 is dev's newest
    for path in ("version/1.2.3", "latest", "latest/master"):
        got = httpx.get(f"{pair}/{path}/verification-results/latest", headers={"Accept": extended})
        assert got.status_code == 200, (path, got.text)
        assert got.json()["providerApplicationVersion"] == "4"
    assert publish(broker, f"{n}Consumer", "2", f"{n}Provider", "unverified").status_code == 200
    assert httpx.get(f"{pair}/version/2/verification-results/latest").status_code == 404
    assert httpx.get(f"{pair}/latest/nope/verification-results/latest").status_code == 404
    every = httpx.get(f"{sha_url}/verification-results/all")  # not a number: no such result
    assert every.status_code == 404 and "use the Matrix page" in every.text
    assert httpx.get(f"{sha_url}/verification-results/one").status_code == 404
    assert httpx.delete(f"{sha_url}/verification-results/one").status_code == 404


def test_get_verifications_for_consumer_version(broker, n):
    """spec/features/get_verifications_for_consumer_version_spec.rb: a HAL list of the latest result
    of each of the version's pacts (2), with the summary by provider."""
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider").status_code == 200
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "1", False).status_code == 201
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "2", True).status_code == 201
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Another provider", "b").status_code == 200
    assert verify(broker, f"{n}Consumer", "1.2.3", f"{n}Another provider", "1", False).status_code == 201
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Unverified", "c").status_code == 200
    url = f"{broker}/verification-results/consumer/{n}Consumer/version/1.2.3/latest"
    got = httpx.get(url)
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/hal+json")
    body = got.json()
    results = body["_embedded"]["verificationResults"]
    assert [(r["providerName"], r["success"]) for r in results] == [
        (f"{n}Another provider", False),
        (f"{n}Provider", True),
    ]
    assert body["success"] is False
    assert body["providerSummary"] == {
        "successful": [f"{n}Provider"],
        "failed": [f"{n}Another provider"],
        "unknown": [f"{n}Unverified"],
    }
    assert body["_links"]["self"]["href"] == url
    missing = f"{broker}/verification-results/consumer/{n}Consumer/version/9/latest"
    assert httpx.get(missing).status_code == 404

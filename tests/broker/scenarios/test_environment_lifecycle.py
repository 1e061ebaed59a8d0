"""Area 6, the rest of the environment lifecycle: update an environment, undeploy and end support by
PATCH (spec/features/update_environment_spec.rb, record_undeployment_spec.rb, end_support_spec.rb)."""

from __future__ import annotations

import httpx

MERGE_PATCH = {"content-type": "application/merge-patch+json", "accept": "application/hal+json"}


def _version(broker: str, pacticipant: str, number: str) -> str:
    url = f"{broker}/pacticipants/{pacticipant}/versions/{number}"
    assert httpx.put(url, json={}).is_success
    return url


def test_update_environment(broker, n):
    """update_environment_spec.rb: PUT answers the updated environment; contacts replaced; 404 for an
    unknown uuid."""
    env = httpx.post(
        f"{broker}/environments", json={"name": f"{n}test", "contacts": [{"name": "Foo"}]}
    ).json()
    url = env["_links"]["self"]["href"]
    updated = httpx.put(url, json={"name": f"{n}test", "production": False, "displayName": "Testing"})
    assert updated.status_code == 200 and updated.headers["content-type"].startswith("application/hal+json")
    assert updated.json()["displayName"] == "Testing" and updated.json().get("contacts") is None
    contacts = [{"name": "Team Awesome", "details": {"emailAddress": "team@example.com"}}]
    body = {"name": f"{n}test", "production": False, "displayName": "Testing", "contacts": contacts}
    assert httpx.put(url, json=body).json()["contacts"] == contacts
    assert httpx.put(f"{broker}/environments/5678", json=body).status_code == 404


def test_record_undeployment_and_end_support(broker, n):
    """record_undeployment_spec.rb and end_support_spec.rb: PATCH false ends it with a time; an empty
    body changes nothing; a second PATCH keeps the first time; a PATCH as plain JSON is 415."""
    env = httpx.post(f"{broker}/environments", json={"name": f"{n}test"}).json()["uuid"]
    version = _version(broker, f"{n}Foo", "1")
    deployed = httpx.post(
        f"{version}/deployed-versions/environment/{env}", json={"target": "customer-1"}
    ).json()
    released = httpx.post(f"{version}/released-versions/environment/{env}", json={}).json()
    for resource, flag, ended in (
        (deployed, "currentlyDeployed", "undeployedAt"),
        (released, "currentlySupported", "supportEndedAt"),
    ):
        url = resource["_links"]["self"]["href"]
        unchanged = httpx.patch(url, content=b"{}", headers=MERGE_PATCH)
        assert unchanged.status_code == 200 and unchanged.json()["uuid"] == resource["uuid"]
        assert unchanged.json()[flag] is True and unchanged.json().get(ended) is None
        first = httpx.patch(url, json={flag: False}, headers=MERGE_PATCH).json()
        assert first[flag] is False and first[ended]
        again = httpx.patch(url, json={flag: False}, headers=MERGE_PATCH).json()
        assert again[flag] is False and again[ended] == first[ended]
        # only a merge patch, as the Pact Broker's deployed and released version resources take
        assert httpx.patch(url, json={flag: True}).status_code == 415

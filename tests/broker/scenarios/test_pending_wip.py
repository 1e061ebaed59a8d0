"""Area 8 of the issue (pacts for verification): the pending lifecycle with provider branches and tags,
including provider branches and tags that did not exist when a pact was verified, and WIP pacts
(spec/features/pending_pacts_spec.rb, pending_pacts_with_branches_spec.rb,
pending_pacts_with_tags_spec.rb, get_provider_pacts_for_verification_spec.rb)."""

from __future__ import annotations

import httpx

from tests.broker.helpers import publish, verify


def _pending(broker: str, provider: str, **body) -> list[bool]:
    response = httpx.post(
        f"{broker}/pacts/provider/{provider}/for-verification", json={"includePendingStatus": True, **body}
    )
    assert response.status_code == 200, response.text
    return [p["verificationProperties"]["pending"] for p in response.json()["_embedded"]["pacts"]]


def test_pending_lifecycle_without_branches_or_tags(broker, n):
    """pending_pacts_spec.rb: pending when first published, still after a failure, not after a success."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert _pending(broker, f"{n}Bar") == [True]
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", False).status_code == 201
    assert _pending(broker, f"{n}Bar") == [True]
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", True).status_code == 201
    assert _pending(broker, f"{n}Bar") == [False]


def test_pending_lifecycle_with_provider_branches(broker, n):
    """pending_pacts_with_branches_spec.rb: a success on main ends pending for main, and for a provider
    branch created after it (feat/foo); a branch that already existed before the success, and has not
    verified the pact itself, still finds it pending."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert (
        httpx.put(f"{broker}/pacticipants/{n}Bar/branches/feat%2Fold/versions/0", json={}).status_code == 201
    )
    assert _pending(broker, f"{n}Bar", providerVersionBranch="main") == [True]
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", False, branch="main").status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionBranch="main") == [True]
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", True, branch="main").status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionBranch="main") == [False]
    assert _pending(broker, f"{n}Bar", providerVersionBranch="feat/foo") == [False]  # does not exist yet
    assert _pending(broker, f"{n}Bar", providerVersionBranch="feat/old") == [True]  # existed before
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "3", True, branch="feat/old").status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionBranch="feat/old") == [False]


def test_pending_lifecycle_with_provider_tags(broker, n):
    """pending_pacts_with_tags_spec.rb: as with branches, for the provider version tags; with several
    tags, pending while any of them is."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/versions/0/tags/old", json={}).status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionTags=["main"]) == [True]
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "2", True).status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionTags=["main"]) == [True]  # "2" has no tag yet
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/versions/2/tags/main", json={}).status_code == 201
    assert _pending(broker, f"{n}Bar", providerVersionTags=["main"]) == [False]
    assert _pending(broker, f"{n}Bar", providerVersionTags=["feat"]) == [False]  # a tag not used yet
    assert _pending(broker, f"{n}Bar", providerVersionTags=["old"]) == [True]  # used before the success
    assert _pending(broker, f"{n}Bar", providerVersionTags=["main", "old"]) == [True]


def test_wip_pacts_leave_the_list_once_the_provider_branch_verifies_them(broker, n):
    """get_provider_pacts_for_verification_spec.rb (WIP): a consumer branch's latest pact published since
    the date is included as pending work in progress for a provider branch that has not verified it; a
    success recorded from that provider branch while it is WIP ends that."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar", "a", branch="main").status_code == 200
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "p1", True, branch="main").status_code == 201
    assert publish(broker, f"{n}Foo", "2", f"{n}Bar", "b", branch="feat/x").status_code == 200
    body = {
        "consumerVersionSelectors": [{"mainBranch": True}],
        "includePendingStatus": True,
        "includeWipPactsSince": "2000-01-01",
        "providerVersionBranch": "main",
    }
    url = f"{broker}/pacts/provider/{n}Bar/for-verification"
    pacts = httpx.post(url, json=body).json()["_embedded"]["pacts"]
    wip = [p for p in pacts if p["verificationProperties"].get("wip")]
    assert len(pacts) == 2 and len(wip) == 1 and wip[0]["verificationProperties"]["pending"] is True
    assert verify(broker, f"{n}Foo", "2", f"{n}Bar", "p2", True, branch="main").status_code == 201
    pacts = httpx.post(url, json=body).json()["_embedded"]["pacts"]
    assert len(pacts) == 1 and not pacts[0]["verificationProperties"].get("wip")

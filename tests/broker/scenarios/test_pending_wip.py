"""Area 8 of the issue (pacts for verification): the pending lifecycle with provider branches and tags,
including provider branches and tags that did not exist when a pact was verified, and WIP pacts
(spec/features/pending_pacts_spec.rb, pending_pacts_with_branches_spec.rb,
pending_pacts_with_tags_spec.rb, get_provider_pacts_for_verification_spec.rb, wip_pacts_spec.rb)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from tests.broker.helpers import pact_json, publish, verify


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


class _WipLifecycle:
    """The steps of spec/features/wip_pacts_spec.rb: consumer Foo's pacts tagged master or feat-x, the
    provider Bar verifying what `for-verification` gives it and tagging its version afterwards."""

    def __init__(self, broker: str, n: str) -> None:
        self.broker, self.foo, self.bar = broker, f"{n}Foo", f"{n}Bar"

    def publish(self, version: str, tag: str, description: str) -> None:
        pact = f"{self.broker}/pacts/provider/{self.bar}/consumer/{self.foo}/version/{version}"
        assert httpx.put(pact, json=pact_json(self.foo, self.bar, description)).status_code in (200, 201)
        tagged = httpx.put(f"{self.broker}/pacticipants/{self.foo}/versions/{version}/tags/{tag}", json={})
        assert tagged.status_code in (200, 201)

    def for_verification(self, provider_tag: str = "master", consumer_tag: str | None = None) -> list[dict]:
        selector = {"tag": consumer_tag or provider_tag, "latest": True}
        if consumer_tag is not None or provider_tag != "master":
            selector["fallbackTag"] = "master"
        body = {
            "consumerVersionSelectors": [selector],
            "providerVersionTags": [provider_tag],
            "includeWipPactsSince": (date.today() - timedelta(days=1)).isoformat(),
            "includePendingStatus": True,
        }
        got = httpx.post(f"{self.broker}/pacts/provider/{self.bar}/for-verification", json=body)
        assert got.status_code == 200, got.text
        return got.json()["_embedded"]["pacts"]

    @staticmethod
    def wip(pacts: list[dict]) -> list[dict]:
        return [p for p in pacts if p["verificationProperties"].get("wip")]

    def verify(self, pact: dict, provider_version: str, tag: str, success: bool) -> None:
        """Verify the pact at the URL `for-verification` gave, then tag the provider version."""
        document = httpx.get(pact["_links"]["self"]["href"]).json()
        body = {"success": success, "providerApplicationVersion": provider_version}
        published = httpx.post(document["_links"]["pb:publish-verification-results"]["href"], json=body)
        assert published.status_code == 201, published.text
        tagged = httpx.put(f"{self.broker}/pacticipants/{self.bar}/versions/{provider_version}/tags/{tag}")
        assert tagged.status_code in (200, 201)

    def can_i_deploy(self, version: str, to: str = "master") -> bool | None:
        params = {"pacticipant": self.foo, "version": version, "to": to}
        return httpx.get(f"{self.broker}/can-i-deploy", params=params).json()["summary"]["deployable"]


def test_wip_pact_stays_wip_after_a_failure_and_a_success_recorded_while_wip(broker, n):
    """spec/features/wip_pacts_spec.rb: a feature-tagged pact published after the date is WIP; verified
    unsuccessfully it stays WIP; verified successfully while WIP (through the WIP pact's URL) it also
    stays WIP, and pending."""
    steps = _WipLifecycle(broker, n)
    steps.publish("1", "master", "one")
    steps.publish("2", "feat-x", "two")
    [wip] = steps.wip(steps.for_verification())
    assert wip["verificationProperties"]["pending"] is True
    steps.verify(wip, "2", "master", False)
    [wip] = steps.wip(steps.for_verification())
    steps.verify(wip, "2", "master", True)
    [wip] = steps.wip(steps.for_verification())
    assert wip["verificationProperties"]["pending"] is True


def test_wip_pact_ends_when_merged_into_master_and_can_i_deploy_follows(broker, n):
    """spec/features/wip_pacts_spec.rb ("a feature branching scenario"): can-i-merge is false before the
    WIP pact is verified and true after; the pact stays WIP (and pending) until the consumer publishes
    the same content on master, when it is selected explicitly and no longer WIP."""
    steps = _WipLifecycle(broker, n)
    steps.publish("1", "master", "one")
    steps.publish("2", "feat-x", "two")
    assert steps.can_i_deploy("2") is not True
    [wip] = steps.wip(steps.for_verification())
    steps.verify(wip, "1", "master", True)
    assert steps.can_i_deploy("2") is True
    [wip] = steps.wip(steps.for_verification())
    assert wip["verificationProperties"]["pending"] is True
    steps.verify(wip, "2", "master", True)
    steps.publish("3", "master", "two")
    assert steps.can_i_deploy("3") is True
    assert steps.wip(steps.for_verification()) == []


def test_wip_pact_on_a_second_provider_branch_and_back_on_master(broker, n):
    """spec/features/wip_pacts_spec.rb (several provider feature branches; matching feature branches):
    a success on provider tag feat-1 while WIP leaves it WIP for feat-2; a pact selected explicitly by
    the matching consumer tag is not WIP, and its success on feat-x leaves it WIP for master."""
    steps = _WipLifecycle(broker, n)
    steps.publish("2", "feat-x", "two")
    [wip] = steps.wip(steps.for_verification("feat-1", "master"))
    steps.verify(wip, "1", "feat-1", True)
    assert len(steps.wip(steps.for_verification("feat-2", "master"))) == 1
    [wip] = steps.wip(steps.for_verification("master"))
    steps.verify(wip, "3", "master", False)
    explicit = steps.for_verification("feat-x", "feat-x")
    assert steps.wip(explicit) == []
    steps.verify(explicit[0], "4", "feat-x", True)
    assert len(steps.wip(steps.for_verification("master"))) == 1


def test_wip_pacts_for_a_brand_new_provider_branch(broker, n):
    """spec/features/wip_pacts_spec.rb ("when a brand new provider branch is created"): a new provider
    tag finds the unverified feature pact WIP, and pacts published after its first success too."""
    steps = _WipLifecycle(broker, n)
    steps.publish("1", "master", "one")
    [master_pact] = steps.for_verification("master", "master")
    steps.verify(master_pact, "1", "master", True)
    steps.publish("2", "feat-x", "two")
    assert len(steps.wip(steps.for_verification("feat-y", "master"))) == 1
    pacts = steps.for_verification("feat-y", "master")
    steps.verify(pacts[0], "2", "feat-y", True)
    steps.publish("3", "feat-x", "two")
    steps.publish("4", "feat-z", "three")
    assert len(steps.wip(steps.for_verification("feat-y", "master"))) == 2

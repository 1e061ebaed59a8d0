"""Pacts for verification: every selector, pending and WIP, and invalid selector combinations."""

from __future__ import annotations

import httpx

from .helpers import deploy, environment, publish, verify


def _find(broker: str, provider: str, body: dict) -> list[dict]:
    response = httpx.post(f"{broker}/pacts/provider/{provider}/for-verification", json=body)
    assert response.status_code == 200, response.text
    return response.json()["_embedded"]["pacts"]


def _versions(pacts: list[dict]) -> list[str]:
    return sorted(p["_links"]["self"]["name"].split("(")[1].split(")")[0] for p in pacts)


def test_selectors(sqlite_broker: str) -> None:
    broker = sqlite_broker
    prod = environment(broker, "production")
    environment(broker, "mobile")
    httpx.patch(f"{broker}/pacticipants/Web", json={"mainBranch": "main"})
    publish(broker, "Web", "1", "Api", "a", branch="main", tags=["prod"])
    publish(broker, "Web", "2", "Api", "b", branch="main")
    publish(broker, "Web", "3", "Api", "c", branch="feat-x")
    publish(broker, "Ios", "7", "Api", "d", branch="main")
    deploy(broker, "Web", "1", prod)
    mobile = httpx.get(f"{broker}/environments", params={"name": "mobile"}).json()["_embedded"][
        "environments"
    ][0]["uuid"]
    httpx.post(f"{broker}/pacticipants/Ios/versions/7/released-versions/environment/{mobile}", json={})

    # Ios never set a main branch: publishing on `main` made it its main branch (auto-detection)
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"mainBranch": True}]})) == ["2", "7"]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"branch": "main"}]})) == ["2", "7"]
    assert _versions(
        _find(broker, "Api", {"consumerVersionSelectors": [{"branch": "nope", "fallbackBranch": "feat-x"}]})
    ) == ["3"]
    matching = {"providerVersionBranch": "feat-x", "consumerVersionSelectors": [{"matchingBranch": True}]}
    assert _versions(_find(broker, "Api", matching)) == ["3"]
    assert _versions(
        _find(broker, "Api", {"consumerVersionSelectors": [{"tag": "prod", "latest": True}]})
    ) == ["1"]
    assert _versions(
        _find(
            broker, "Api", {"consumerVersionSelectors": [{"tag": "x", "fallbackTag": "prod", "latest": True}]}
        )
    ) == ["1"]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"latest": True}]})) == ["3", "7"]
    assert _versions(
        _find(broker, "Api", {"consumerVersionSelectors": [{"latest": True, "consumer": "Ios"}]})
    ) == ["7"]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"deployed": True}]})) == ["1"]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"released": True}]})) == ["7"]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"deployedOrReleased": True}]})) == [
        "1",
        "7",
    ]
    assert _versions(_find(broker, "Api", {"consumerVersionSelectors": [{"environment": "mobile"}]})) == ["7"]
    # two selectors picking the same content give one pact, described by both
    [pact] = _find(
        broker,
        "Api",
        {
            "consumerVersionSelectors": [
                {"mainBranch": True, "consumer": "Web"},
                {"branch": "main", "consumer": "Web"},
            ]
        },
    )
    assert (
        pact["shortDescription"]
        == "latest version from the main branch for Web, latest version from branch main for Web"
    )
    assert pact["verificationProperties"]["notices"][0]["when"] == "before_verification"
    assert isinstance(pact["_links"]["self"], dict)


def test_pending_and_wip(sqlite_broker: str) -> None:
    broker = sqlite_broker
    publish(broker, "Web", "1", "Api", "a", branch="main")
    body = {
        "consumerVersionSelectors": [{"branch": "main"}],
        "providerVersionBranch": "main",
        "includePendingStatus": True,
    }
    [pact] = _find(broker, "Api", body)
    assert pact["verificationProperties"]["pending"] is True
    httpx.put(f"{broker}/pacticipants/Api/branches/main/versions/a0")  # the provider's main branch exists
    verify(broker, "Web", "1", "Api", "a1", True, branch="feature")
    # a success on another branch, after main was created, does not count for main
    assert _find(broker, "Api", body)[0]["verificationProperties"]["pending"] is True
    # ...but a branch created after that success inherits it (a new feature branch is not all pending)
    later = {**body, "providerVersionBranch": "feature-2"}
    assert _find(broker, "Api", later)[0]["verificationProperties"]["pending"] is False
    verify(broker, "Web", "1", "Api", "a2", True, branch="main")
    assert _find(broker, "Api", body)[0]["verificationProperties"]["pending"] is False
    # pending is reported unless includePendingStatus is false (the Pact Broker's default is true)
    unasked = {"consumerVersionSelectors": [{"branch": "main"}], "providerVersionBranch": "main"}
    assert _find(broker, "Api", unasked)[0]["verificationProperties"]["pending"] is False
    declined = {**unasked, "includePendingStatus": False}
    assert "pending" not in _find(broker, "Api", declined)[0]["verificationProperties"]

    publish(broker, "Web", "2", "Api", "a", "new", branch="feat-y")
    wip = _find(broker, "Api", {**body, "includeWipPactsSince": "2000-01-01"})
    assert len(wip) == 2
    [work] = [p for p in wip if p["verificationProperties"].get("wip")]
    assert work["verificationProperties"]["pending"] is True
    assert "(2)" in work["_links"]["self"]["name"]
    assert len(_find(broker, "Api", {**body, "includeWipPactsSince": "2999-01-01"})) == 1


def test_invalid_selector_combinations_are_400_with_errors(sqlite_broker: str) -> None:
    broker = sqlite_broker
    publish(broker, "Web", "1", "Api", "a")
    url = f"{broker}/pacts/provider/Api/for-verification"
    cases = {
        "cannot specify both a tag and a branch": {"tag": "a", "branch": "b"},
        "cannot specify mainBranch=true with any other criteria apart from consumer": {
            "mainBranch": True,
            "tag": "x",
        },
        "fallbackTag can only be set if latest is true": {"tag": "a", "fallbackTag": "b"},
        "cannot specify both deployed=true and released=true": {"deployed": True, "released": True},
        "cannot specify the field branch with the field environment": {
            "branch": "b",
            "environment": "production",
        },
        "the providerVersionBranch must be specified when the selector matchingBranch=true is used": {
            "matchingBranch": True
        },
    }
    for message, selector in cases.items():
        response = httpx.post(url, json={"consumerVersionSelectors": [{"consumer": "Web"}, selector]})
        assert response.status_code == 400, selector
        assert message in response.json()["errors"]["consumerVersionSelectors[1]"], response.json()
        assert "consumerVersionSelectors[0]" in response.json()["errors"]  # consumer alone selects nothing
    assert httpx.post(url, json={"includeWipPactsSince": "not a date"}).status_code == 400
    assert httpx.post(f"{broker}/pacts/provider/Nobody/for-verification", json={}).status_code == 404


def test_no_wip_pacts_without_a_provider_branch_or_tags(sqlite_broker: str) -> None:
    publish(sqlite_broker, "Web", "1", "Api", "a", branch="main")
    publish(sqlite_broker, "Web", "2", "Api", "b", branch="feat")
    body = {"consumerVersionSelectors": [{"branch": "main"}], "includeWipPactsSince": "2000-01-01"}
    assert len(_find(sqlite_broker, "Api", body)) == 1
    assert len(_find(sqlite_broker, "Api", {**body, "providerVersionTags": ["main"]})) == 2

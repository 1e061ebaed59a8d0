"""Area 2: pacticipants, versions, tags and branches (names with `/`), pagination, deletes."""

from __future__ import annotations

import httpx
import pytest

from tests.broker.helpers import publish, verify


def test_tags_and_branches_with_a_slash_work_everywhere(broker, n):
    """spec/features/get_pacticipant_branches_spec.rb, delete_pacticipant_branches_spec.rb (`feat/bar`),
    create_tag_spec.rb: the name is one percent-encoded path segment, and links carry it encoded."""
    assert (
        publish(broker, f"{n}Web", "1", f"{n}Api", branch="feat/bar", tags=["release/1"]).status_code == 200
    )
    branch = httpx.get(f"{broker}/pacticipants/{n}Web/branches/feat%2Fbar")
    assert branch.status_code == 200 and branch.json()["name"] == "feat/bar"
    assert branch.json()["_links"]["self"]["href"].endswith("/branches/feat%2Fbar")
    assert (
        httpx.get(f"{broker}/pacticipants/{n}Web/branches/feat%2Fbar/versions").json()["_embedded"][
            "versions"
        ][0]["number"]
        == "1"
    )
    assert (
        httpx.get(f"{broker}/pacticipants/{n}Web/versions/1/tags/release%2F1").json()["name"] == "release/1"
    )
    assert httpx.get(f"{broker}/pacticipants/{n}Web/latest-version/release%2F1").json()["number"] == "1"
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/latest/release%2F1").status_code == 200
    put = httpx.put(f"{broker}/pacticipants/{n}Web/versions/1/tags/hotfix%2Fa", json={})
    assert put.status_code == 201 and put.json()["name"] == "hotfix/a"
    # a slash that is not encoded is a path separator, as in the Pact Broker
    assert httpx.get(f"{broker}/pacticipants/{n}Web/branches/feat/bar").status_code == 404


def test_versions_are_paginated_with_size_and_page(broker, n):
    """spec/features/get_versions_spec.rb: no `page` without options; `size`/`page` give one page with
    its details and next/previous links."""
    for number in ("1", "2", "3"):
        assert publish(broker, f"{n}Web", number, f"{n}Api").status_code == 200
    whole = httpx.get(f"{broker}/pacticipants/{n}Web/versions").json()
    assert "page" not in whole and len(whole["_links"]["versions"]) == 3
    first = httpx.get(f"{broker}/pacticipants/{n}Web/versions", params={"size": 2, "page": 1}).json()
    assert [v["number"] for v in first["_embedded"]["versions"]] == ["3", "2"]
    assert first["page"] == {"number": 1, "size": 2, "totalElements": 3, "totalPages": 2}
    assert "previous" not in first["_links"]
    second = httpx.get(first["_links"]["next"]["href"]).json()
    assert [v["number"] for v in second["_embedded"]["versions"]] == ["1"]
    assert "next" not in second["_links"] and "previous" in second["_links"]
    assert httpx.get(f"{broker}/pacticipants/{n}Web/versions", params={"size": "x"}).status_code == 400


def test_pacticipants_and_branches_are_paginated(broker, n):
    """spec/features/get_pacticipants_spec.rb and get_pacticipant_branches_spec.rb ("a page" always)."""
    for branch in ("main", "feat/bar", "feat/foo"):
        assert publish(broker, f"{n}Web", branch, f"{n}Api", branch=branch).status_code == 200
    branches = httpx.get(f"{broker}/pacticipants/{n}Web/branches").json()
    assert len(branches["_embedded"]["branches"]) == 3 and branches["page"]["totalElements"] == 3
    paged = httpx.get(f"{broker}/pacticipants/{n}Web/branches", params={"size": 2}).json()
    assert len(paged["_links"]["pb:branches"]) == 2 and "next" in paged["_links"]
    listed = httpx.get(f"{broker}/pacticipants", params={"size": 1, "page": 1}).json()
    assert (
        len(listed["pacticipants"]) == 1
        and listed["page"]["totalElements"] >= 2
        and "next" in listed["_links"]
    )


def test_delete_pacticipant(broker, n):
    """spec/lib/pact_broker/api/resources/pacticipant_spec.rb: 204, then 404; its pacts are gone."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    assert httpx.delete(f"{broker}/pacticipants/{n}Web").status_code == 204
    assert httpx.get(f"{broker}/pacticipants/{n}Web").status_code == 404
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/latest").status_code == 404
    assert httpx.delete(f"{broker}/pacticipants/{n}Web").status_code == 404


def test_delete_version(broker, n):
    """spec/features/delete_version_spec.rb: 204; the version's pact and tags go, the others stay."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "b").status_code == 200
    assert httpx.delete(f"{broker}/pacticipants/{n}Web/versions/1").status_code == 204
    assert httpx.get(f"{broker}/pacticipants/{n}Web/versions/1").status_code == 404
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/2").status_code == 200
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/latest/prod").status_code == 404
    assert httpx.delete(f"{broker}/pacticipants/{n}Web/versions/1").status_code == 404


def test_delete_branch_version(broker, n):
    """spec/features/delete_branch_version_spec.rb: 204 takes the version off the branch, 404 when it is
    not on it; the version and its other branch stay."""
    assert publish(broker, f"{n}Web", "1234", f"{n}Api", branch="main").status_code == 200
    assert (
        httpx.put(f"{broker}/pacticipants/{n}Web/branches/not-main/versions/1234", json={}).status_code == 201
    )
    assert httpx.delete(f"{broker}/pacticipants/{n}Web/branches/main/versions/1234").status_code == 204
    version = httpx.get(f"{broker}/pacticipants/{n}Web/versions/1234").json()
    assert [b["name"] for b in version["_embedded"]["branchVersions"]] == ["not-main"]
    assert httpx.delete(f"{broker}/pacticipants/{n}Web/branches/main/versions/888").status_code == 404


@pytest.mark.parametrize("path", ["/pacticipants/{n}Nobody", "/pacticipants/{n}Nobody/versions"])
def test_unknown_pacticipants_are_404(broker, n, path):
    """spec/features/get_versions_spec.rb (pacticipant does not exist)."""
    response = httpx.get(broker + path.format(n=n))
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_verifications_of_a_deleted_provider_version_go_with_it(broker, n):
    """spec/features/delete_version_spec.rb (a provider version's verification results are deleted)."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    assert verify(broker, f"{n}Web", "1", f"{n}Api", "p1", True).status_code == 201
    assert httpx.delete(f"{broker}/pacticipants/{n}Api/versions/p1").status_code == 204
    pact = httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1").json()
    assert (
        "pb:latest-verification-results" not in pact["_links"]
        or httpx.get(pact["_links"]["pb:latest-verification-results"]["href"]).status_code == 404
    )


def test_delete_branches_but_the_excluded_and_the_main_branch(broker, n):
    """spec/features/delete_pacticipant_branches_spec.rb: 202 with notices; `exclude[]=feat%2Fbar` and the
    main branch stay; the versions stay."""
    assert httpx.patch(f"{broker}/pacticipants/{n}Foo", json={"mainBranch": "main"}).status_code in (200, 201)
    for number, branch in (("1", "main"), ("2", "feat/bar"), ("3", "feat/foo")):
        assert publish(broker, f"{n}Foo", number, f"{n}Api", branch=branch).status_code == 200
    response = httpx.delete(f"{broker}/pacticipants/{n}Foo/branches?exclude[]=feat%2Fbar")
    assert response.status_code == 202 and response.json()["notices"][0]["text"]
    left = httpx.get(f"{broker}/pacticipants/{n}Foo/branches").json()["_embedded"]["branches"]
    assert sorted(b["name"] for b in left) == ["feat/bar", "main"]
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/versions/3").status_code == 200


def test_branches_filtered_by_q(broker, n):
    """spec/features/get_pacticipant_branches_spec.rb (with filter options)."""
    for number, branch in (("1", "main"), ("2", "feat/bar"), ("3", "feat/foo")):
        assert publish(broker, f"{n}Foo", number, f"{n}Api", branch=branch).status_code == 200
    found = httpx.get(f"{broker}/pacticipants/{n}Foo/branches", params={"q": "feat"}).json()
    assert sorted(b["name"] for b in found["_embedded"]["branches"]) == ["feat/bar", "feat/foo"]


def test_versions_of_a_tag_with_their_deployments(broker, n):
    """spec/features/get_tag_versions_spec.rb: the tag's versions with pb:deployed-environments; 404 for
    an unknown pacticipant or tag."""
    assert publish(broker, f"{n}Boo", "1.2.3", f"{n}Api", tags=["prod"]).status_code == 200
    for env in (f"{n}test", f"{n}prod"):
        uuid = httpx.post(f"{broker}/environments", json={"name": env}).json()["uuid"]
        url = f"{broker}/pacticipants/{n}Boo/versions/1.2.3/deployed-versions/environment/{uuid}"
        assert httpx.post(url, json={}).status_code == 201
    versions = httpx.get(f"{broker}/pacticipants/{n}Boo/tags/prod/versions").json()["_embedded"]["versions"]
    assert [v["number"] for v in versions] == ["1.2.3"]
    assert len(versions[0]["_links"]["pb:deployed-environments"]) == 2
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/tags/prod/versions").status_code == 404
    assert httpx.get(f"{broker}/pacticipants/{n}Boo/tags/feature_tag/versions").status_code == 404

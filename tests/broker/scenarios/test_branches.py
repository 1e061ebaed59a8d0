"""Area 2, branches: a branch, its versions, its latest version, a version's place on a branch (created
by PUT), and deleting a branch."""

from __future__ import annotations

import httpx

from tests.broker.helpers import publish, verify

HAL = "application/hal+json"


def _on_branch(broker: str, pacticipant: str, number: str, branch: str) -> httpx.Response:
    return httpx.put(f"{broker}/pacticipants/{pacticipant}/branches/{branch}/versions/{number}", json={})


def test_create_branch_version(broker, n):
    """spec/features/create_branch_version_spec.rb: PUT of a version on a branch is 201 (HAL, with the
    `Location` of the branch version) when it was not on it, 200 when it was; a version number with `%`
    is kept as sent (`%DATE%_%TIME%`)."""
    created = _on_branch(broker, f"{n}Foo", "1234", "main")
    assert created.status_code == 201 and created.headers["content-type"].startswith(HAL)
    assert created.headers["Location"] == f"{broker}/pacticipants/{n}Foo/branches/main/versions/1234"
    assert created.json()["_links"]["pb:version"]["name"] == "1234"
    assert _on_branch(broker, f"{n}Foo", "1234", "main").status_code == 200
    odd = _on_branch(broker, f"{n}foo", "%25DATE%25_%25TIME%25", "main")
    assert odd.status_code == 201
    assert httpx.get(f"{broker}/pacticipants/{n}foo/versions/%25DATE%25_%25TIME%25").json()["number"] == (
        "%DATE%_%TIME%"
    )


def test_get_branch_and_branch_version(broker, n):
    """spec/features/get_branch_spec.rb and spec/features/get_branch_version_spec.rb: the branch (name,
    links to itself and its latest version) and the branch version (links to itself, the branch and the
    version), each a HAL 200; a version not on the branch is 404."""
    assert _on_branch(broker, f"{n}Foo", "1234", "main").status_code == 201
    branch = httpx.get(f"{broker}/pacticipants/{n}Foo/branches/main", headers={"accept": HAL})
    assert branch.status_code == 200 and branch.headers["content-type"].startswith(HAL)
    assert branch.json()["name"] == "main"
    assert branch.json()["_links"]["pb:latest-version"]["href"].endswith("/branches/main/latest-version")
    place = httpx.get(f"{broker}/pacticipants/{n}Foo/branches/main/versions/1234")
    assert place.status_code == 200 and place.headers["content-type"].startswith(HAL)
    assert (
        place.json()["_links"]["self"]["href"] == f"{broker}/pacticipants/{n}Foo/branches/main/versions/1234"
    )
    assert place.json()["_links"]["pb:branch"]["href"] == branch.json()["_links"]["self"]["href"]
    assert place.json()["_links"]["pb:version"]["href"] == f"{broker}/pacticipants/{n}Foo/versions/1234"
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/versions/555", json={}).is_success
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/branches/main/versions/555").status_code == 404


def test_get_branch_versions(broker, n):
    """spec/features/get_branch_versions_spec.rb: Foo 1, 2 and 4 on main, 3 on foo, Bar 1 on main: Foo's
    main has three versions, 4 the `latest` on it, titled and linked as the Pact Broker's versions
    decorator; an unknown branch is 404; `size=2&page=1` gives two, with a page."""
    for number, branch in (("1", "main"), ("2", "main"), ("3", "foo"), ("4", "main")):
        assert _on_branch(broker, f"{n}Foo", number, branch).status_code == 201
    assert _on_branch(broker, f"{n}Bar", "1", "main").status_code == 201
    url = f"{broker}/pacticipants/{n}Foo/branches/main/versions"
    listed = httpx.get(url)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith(HAL)
    assert [v["number"] for v in listed.json()["_embedded"]["versions"]] == ["4", "2", "1"]
    # each version's place on the branch says whether it is the branch's newest
    latest = [v["_embedded"]["branchVersions"][0]["latest"] for v in listed.json()["_embedded"]["versions"]]
    assert latest == [True, False, False]
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/branches/cat/versions").status_code == 404
    assert listed.json()["_links"]["self"] == {"href": url, "title": f"Versions for branch main of {n}Foo"}
    assert listed.json()["_links"]["pb:pacticipant"] == {
        "href": f"{broker}/pacticipants/{n}Foo",
        "title": f"{n}Foo",
    }
    assert [v["href"] for v in listed.json()["_links"]["pb:versions"]] == [
        f"{broker}/pacticipants/{n}Foo/versions/{number}" for number in ("4", "2", "1")
    ]
    page = httpx.get(url, params={"size": "2", "page": "1"}).json()
    assert len(page["_embedded"]["versions"]) == 2
    assert page["_links"]["self"]["href"] == f"{url}?size=2&page=1"
    assert page["page"] == {"number": 1, "size": 2, "totalElements": 3, "totalPages": 2}
    assert "next" in page["_links"]


def test_get_latest_version_for_branch(broker, n):
    """spec/features/get_latest_version_for_branch_spec.rb: Foo 1 and 2 on main, 3 on not-main: main's
    latest version is 2 (a HAL 200); a branch that does not exist is 404."""
    for number, branch in (("1", "main"), ("2", "main"), ("3", "not-main")):
        assert _on_branch(broker, f"{n}Foo", number, branch).status_code == 201
    latest = httpx.get(f"{broker}/pacticipants/{n}Foo/branches/main/latest-version")
    assert latest.status_code == 200 and latest.headers["content-type"].startswith(HAL)
    assert latest.json()["number"] == "2"
    # its self link is the URL asked for (the Pact Broker's version decorator links the resource itself)
    assert latest.json()["_links"]["self"] == {
        "href": f"{broker}/pacticipants/{n}Foo/branches/main/latest-version",
        "title": "Version",
        "name": "2",
    }
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/branches/cat/latest-version").status_code == 404


def test_delete_branch(broker, n):
    """spec/features/delete_branch_spec.rb: foo 1234 on main and not-main, 555 on main, bar 1234 on main.
    DELETE of foo's main is 204: the branch goes, the versions and bar's main stay; an unknown
    pacticipant's branch is 404."""
    for pacticipant, number, branch in (
        (f"{n}foo", "1234", "main"),
        (f"{n}foo", "1234", "not-main"),
        (f"{n}foo", "555", "main"),
        (f"{n}bar", "1234", "main"),
    ):
        assert _on_branch(broker, pacticipant, number, branch).status_code == 201
    assert httpx.delete(f"{broker}/pacticipants/{n}foo/branches/main").status_code == 204
    assert httpx.get(f"{broker}/pacticipants/{n}foo/branches/main").status_code == 404
    assert httpx.get(f"{broker}/pacticipants/{n}foo/branches/not-main").status_code == 200
    assert httpx.get(f"{broker}/pacticipants/{n}bar/branches/main").status_code == 200
    assert httpx.get(f"{broker}/pacticipants/{n}foo/versions").json()["_embedded"]["versions"] != []
    assert httpx.get(f"{broker}/pacticipants/{n}foo/versions/555").status_code == 200
    assert httpx.delete(f"{broker}/pacticipants/{n}waffle/branches/main").status_code == 404
    assert httpx.delete(f"{broker}/pacticipants/{n}foo/branches/main").status_code == 404


def test_branch_versions_page_links_each_versions_pacts(broker, n):
    """spec/features/get_branch_versions_spec.rb (performance: many versions with pacts and tags): with
    `pageNumber=1&pageSize=20`, 20 of the branch's 21 versions, each linking its pacts (two providers)
    in pb:pact-versions and keeping its tag. The broker reads a page in a fixed number of queries
    (versions, tags, branches, pacts, deployments, releases), whatever the page holds."""
    for number in range(1, 22):
        for provider in ("P1", "P2"):
            published = publish(
                broker, f"{n}Perf", str(number), f"{n}{provider}", branch="perf", tags=["prod"]
            )
            assert published.status_code == 200
    url = f"{broker}/pacticipants/{n}Perf/branches/perf/versions"
    page = httpx.get(url, params={"pageNumber": "1", "pageSize": "20"})
    assert page.status_code == 200
    versions = page.json()["_embedded"]["versions"]
    assert len(versions) == 20
    assert sum(len(v["_links"]["pb:pact-versions"]) for v in versions) == 40
    assert all([t["name"] for t in v["_embedded"]["tags"]] == ["prod"] for v in versions)


SHIELDS = "https://img.shields.io/badge/"


def _badge(url: str) -> str:
    response = httpx.get(url, follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"].startswith(SHIELDS)
    return response.headers["location"][len(SHIELDS) : -len(".svg")]


def test_can_i_deploy_latest_branch_version_to_environment(broker, n):
    """spec/lib/pact_broker/api/resources/can_i_deploy_pacticipant_version_by_branch_to_environment_spec.rb
    and its _badge_spec.rb: the latest Foo on main against every Bar version in prod (`cvpv`): Bar 1
    verified it, so deployable and a green badge; then Bar 2 (another instance) failed it, so not
    deployable, red. An unknown environment or branch is 404; the badge says which is missing."""
    foo, bar = f"{n}Foo", f"{n}Bar"
    prod = httpx.post(f"{broker}/environments", json={"name": f"{n}prod"}).json()["uuid"]
    assert publish(broker, foo, "1", bar, branch="main").status_code == 200
    assert verify(broker, foo, "1", bar, "b1", True).status_code == 201
    deploy = f"{broker}/pacticipants/{bar}/versions/{{}}/deployed-versions/environment/{prod}"
    assert httpx.post(deploy.format("b1"), json={"applicationInstance": "blue"}).status_code == 201
    url = f"{broker}/pacticipants/{foo}/branches/main/latest-version/can-i-deploy/to-environment/{n}prod"
    answer = httpx.get(url)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(HAL)
    assert answer.json()["summary"]["deployable"] is True
    assert _badge(f"{url}/badge") == f"can--i--deploy-main%20to%20{n}prod-brightgreen"

    assert verify(broker, foo, "1", bar, "b2", False).status_code == 201
    assert httpx.post(deploy.format("b2"), json={"applicationInstance": "green"}).status_code == 201
    assert httpx.get(url).json()["summary"]["deployable"] is False
    assert _badge(f"{url}/badge") == f"can--i--deploy-main%20to%20{n}prod-red"

    missing_env = url.replace(f"to-environment/{n}prod", f"to-environment/{n}nowhere")
    assert httpx.get(missing_env).status_code == 404
    assert _badge(f"{missing_env}/badge") == "environment-not%20found-lightgrey"
    missing_branch = url.replace("/branches/main/", "/branches/cat/")
    assert httpx.get(missing_branch).status_code == 404
    assert _badge(f"{missing_branch}/badge") == "branch-not%20found-lightgrey"
    assert _badge(url.replace(foo, f"{n}Nobody") + "/badge") == "pacticipant-not%20found-lightgrey"
    assert _on_branch(broker, foo, "1", "empty").status_code == 201  # a branch left with no version
    assert httpx.delete(f"{broker}/pacticipants/{foo}/branches/empty/versions/1").status_code == 204
    empty = url.replace("/branches/main/", "/branches/empty/")
    assert _badge(f"{empty}/badge") == "version-not%20found-lightgrey"
    pacticipant = httpx.get(f"{broker}/pacticipants/{foo}").json()["_links"]
    assert pacticipant["pb:can-i-deploy-branch-to-environment-badge"]["href"] == (
        f"{broker}/pacticipants/{foo}/branches/{{branch}}/latest-version/can-i-deploy/to-environment/{{environment}}/badge"
    )

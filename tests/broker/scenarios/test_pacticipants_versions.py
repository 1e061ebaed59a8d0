"""Area 2: pacticipants, versions, tags and branches (names with `/`), pagination, deletes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

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
    assert "page" not in whole and len(whole["_links"]["pb:versions"]) == 3
    assert whole["_links"]["self"]["title"] == f"All application versions of {n}Web"
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


HAL = "application/hal+json"
MERGE_PATCH = {"content-type": "application/merge-patch+json"}


def test_create_pacticipant(broker, n):
    """spec/features/create_pacticipant_spec.rb: 201, the `Location` of the new pacticipant, HAL, the
    fields echoed (repository name and namespace too); an empty document is 400. A second POST of the
    name changes nothing (the Pact Broker's insert-or-ignore; 200 here, where the Pact Broker says 201)."""
    fields = {
        "name": f"{n}Foo Thing",
        "mainBranch": "main",
        "repositoryUrl": "http://url",
        "repositoryName": "foo-thing",
        "repositoryNamespace": "some-group",
    }
    created = httpx.post(f"{broker}/pacticipants", json=fields)
    assert created.status_code == 201 and created.headers["content-type"].startswith(HAL)
    assert created.headers["Location"] == f"{broker}/pacticipants/{n}Foo%20Thing"
    assert fields.items() <= created.json().items()
    assert httpx.get(created.headers["Location"]).json()["repositoryNamespace"] == "some-group"
    again = httpx.post(f"{broker}/pacticipants", json={**fields, "repositoryUrl": "http://other"})
    assert again.status_code == 200 and again.json()["repositoryUrl"] == "http://url"  # left as it was
    empty = httpx.post(f"{broker}/pacticipants", json={})
    assert empty.status_code == 400 and "name" in empty.json()["errors"]


def test_update_pacticipant_with_put(broker, n):
    """spec/features/update_pacticipant_spec.rb (PUT): the fields given are set and the others blanked;
    a pacticipant that does not exist is 404 (PUT does not create); a merge patch is 415."""
    url = f"{broker}/pacticipants/{n}Some%20Consumer"
    assert httpx.put(url, json={"repositoryUrl": "http://foo"}).status_code == 404
    assert httpx.get(url).status_code == 404
    assert httpx.post(f"{broker}/pacticipants", json={"name": f"{n}Some Consumer"}).status_code == 201
    fields = {
        "repositoryUrl": "http://foo",
        "repositoryName": "name",
        "repositoryNamespace": "org",
        "mainBranch": "main",
    }
    put = httpx.put(url, json=fields)
    assert put.status_code == 200 and put.headers["content-type"].startswith(HAL)
    assert fields.items() <= put.json().items()
    some = httpx.put(url, json={"repositoryUrl": "http://foo"}).json()
    assert some["repositoryName"] is None and some["mainBranch"] is None
    merge = httpx.put(url, json={"repositoryUrl": "http://foo"}, headers=MERGE_PATCH)
    assert merge.status_code == 415


def test_update_pacticipant_with_patch(broker, n):
    """spec/features/update_pacticipant_spec.rb (PATCH): JSON or a merge patch, 200, the fields not given
    stay; embedded labels are ignored (no label is created)."""
    name = f"{n}Some Consumer"
    url = f"{broker}/pacticipants/{n}Some%20Consumer"
    assert httpx.post(f"{broker}/pacticipants", json={"name": name, "repositoryName": "existing"}).is_success
    patched = httpx.patch(url, json={"repositoryUrl": "http://foo"})
    assert patched.status_code == 200 and patched.headers["content-type"].startswith(HAL)
    assert (patched.json()["repositoryName"], patched.json()["repositoryUrl"]) == ("existing", "http://foo")
    labelled = httpx.patch(
        url,
        json={"displayName": "Updated Consumer Name", "_embedded": {"labels": [{"name": f"{n}ios"}]}},
    )
    assert labelled.status_code == 200
    assert labelled.json()["displayName"] == "Updated Consumer Name"
    assert labelled.json()["_embedded"]["labels"] == []
    assert httpx.get(f"{broker}/pacticipants/label/{n}ios").json()["_embedded"]["pacticipants"] == []
    empty_labels = {"displayName": "Updated Consumer Name", "_embedded": {"labels": []}}
    assert httpx.patch(url, json=empty_labels).status_code == 200
    merged = httpx.patch(url, json={"repositoryUrl": "http://bar"}, headers=MERGE_PATCH)
    assert merged.status_code == 200 and merged.headers["content-type"].startswith(HAL)
    assert (merged.json()["repositoryName"], merged.json()["repositoryUrl"]) == ("existing", "http://bar")
    created = httpx.patch(f"{broker}/pacticipants/{n}New", json={}, headers=MERGE_PATCH)
    assert created.status_code == 201 and created.headers["Location"] == f"{broker}/pacticipants/{n}New"


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_create_version(broker, n, method):
    """spec/features/create_version_spec.rb: PUT (JSON) or PATCH (merge patch) of a new version is 201,
    HAL, with the build URL and the two tags given."""
    headers = {"content-type": "application/json" if method == "PUT" else MERGE_PATCH["content-type"]}
    body = {"buildUrl": "http://build", "tags": [{"name": "foo"}, {"name": "bar"}]}
    url = f"{broker}/pacticipants/{n}Foo/versions/1234"
    created = httpx.request(method, url, json=body, headers=headers)
    assert created.status_code == 201 and created.headers["content-type"].startswith(HAL)
    assert created.json()["buildUrl"] == "http://build"
    assert sorted(t["name"] for t in created.json()["_embedded"]["tags"]) == ["bar", "foo"]
    assert httpx.get(f"{url}/tags/foo").status_code == 200


def test_get_version(broker, n):
    """spec/features/get_version_spec.rb: 200 HAL with the number, linking the pacts the version published
    and its latest verification results; a version that does not exist 404."""
    assert httpx.put(f"{broker}/pacticipants/{n}Another/versions/1.2.3", json={}).is_success
    assert httpx.put(f"{broker}/pacticipants/{n}Consumer/versions/1.2.3/tags/prod", json={}).is_success
    assert httpx.put(f"{broker}/pacticipants/{n}Consumer/versions/1.2.4", json={}).is_success
    got = httpx.get(f"{broker}/pacticipants/{n}Consumer/versions/1.2.3")
    assert got.status_code == 200 and got.headers["content-type"].startswith(HAL)
    assert got.json()["number"] == "1.2.3"
    # its links as the Pact Broker's version decorator has them: the pacts it published, by provider name
    for provider in ("Zed", "api"):
        assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}{provider}").status_code == 200
    links = httpx.get(f"{broker}/pacticipants/{n}Consumer/versions/1.2.3").json()["_links"]
    assert [(p["title"], p["name"], p["href"]) for p in links["pb:pact-versions"]] == [
        (
            "Pact",
            f"Pact between {n}Consumer (1.2.3) and {n}{provider}",
            f"{broker}/pacts/provider/{n}{provider}/consumer/{n}Consumer/version/1.2.3",
        )
        for provider in ("api", "Zed")
    ]
    latest = links["pb:latest-verification-results-where-pacticipant-is-consumer"]["href"]
    assert latest == f"{broker}/verification-results/consumer/{n}Consumer/version/1.2.3/latest"
    assert httpx.get(latest).status_code == 200
    missing = httpx.get(f"{broker}/pacticipants/{n}Consumer/versions/1.2.5")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


def test_update_version(broker, n):
    """spec/features/update_version_spec.rb: a PATCH (merge patch) of a version is 200 and changes only
    what it names, tags given replace the version's, none keep them; a PUT overwrites (the build URL
    goes when not given) and keeps the tags when none are given. The creation date never changes. A PATCH
    as JSON and a PUT as a merge patch are 415."""
    url = f"{broker}/pacticipants/{n}Foo/versions/1234"
    original = httpx.put(url, json={"buildUrl": "original-build-url", "tags": [{"name": "dev"}]})
    assert original.status_code == 201
    created_at = original.json()["createdAt"]
    patched = httpx.patch(url, json={"buildUrl": "new-build-url"}, headers=MERGE_PATCH)
    assert patched.status_code == 200 and patched.json()["buildUrl"] == "new-build-url"
    assert [t["name"] for t in patched.json()["_embedded"]["tags"]] == ["dev"]
    retagged = httpx.patch(url, json={"tags": [{"name": "main"}]}, headers=MERGE_PATCH).json()
    assert [t["name"] for t in retagged["_embedded"]["tags"]] == ["main"]
    assert retagged["buildUrl"] == "new-build-url" and retagged["createdAt"] == created_at
    put = httpx.put(url, json={}).json()
    assert put["buildUrl"] is None and [t["name"] for t in put["_embedded"]["tags"]] == ["main"]
    put = httpx.put(url, json={"branch": "original-branch", "tags": [{"name": "dev"}]}).json()
    assert [t["name"] for t in put["_embedded"]["tags"]] == ["dev"] and put["createdAt"] == created_at
    assert httpx.patch(url, json={"buildUrl": "x"}).status_code == 415
    assert httpx.put(url, json={"buildUrl": "x"}, headers=MERGE_PATCH).status_code == 415
    assert httpx.get(url).json()["buildUrl"] is None


def test_tag_version(broker, n):
    """spec/features/tag_version_spec.rb: a PUT of `feat%2Fbar` on a version (and pacticipant) that do not
    exist creates all three: 201 with the tag's `Location` (linking its version and pacticipant as the
    Pact Broker's tag decorator), then 200. A tag named as an environment
    also records the version as deployed there (spec/lib/pact_broker/api/resources/tag_spec.rb, the
    default `create_deployed_versions_for_tags`), replacing the version deployed before."""
    url = f"{broker}/pacticipants/{n}Foo/versions/1.2.3/tags/feat%2Fbar"
    created = httpx.put(url, headers={"content-type": "application/json"})
    assert created.status_code == 201 and created.json()["name"] == "feat/bar"
    assert created.headers["Location"] == url
    assert created.json()["_links"]["version"] == {
        "title": "Version",
        "name": "1.2.3",
        "href": f"{broker}/pacticipants/{n}Foo/versions/1.2.3",
    }
    assert created.json()["_links"]["pacticipant"]["href"] == f"{broker}/pacticipants/{n}Foo"
    tags = httpx.get(f"{broker}/pacticipants/{n}Foo/versions/1.2.3").json()["_embedded"]["tags"]
    assert [t["name"] for t in tags] == ["feat/bar"]
    again = httpx.put(url, headers={"content-type": "application/json"})
    assert again.status_code == 200 and "Location" not in again.headers

    env = httpx.post(f"{broker}/environments", json={"name": f"{n}prod"}).json()["uuid"]
    current = f"{broker}/environments/{env}/deployed-versions/currently-deployed"
    for number in ("1.2.3", "1.2.4"):
        assert httpx.put(f"{broker}/pacticipants/{n}Foo/versions/{number}/tags/{n}prod").status_code == 201
        deployed = httpx.get(current).json()["_embedded"]["deployedVersions"]
        assert [d["_embedded"]["version"]["number"] for d in deployed] == [number]
        assert deployed[0]["applicationInstance"] is None


def test_pacticipant_document_as_approved(broker, n):
    """spec/fixtures/approvals/docs_pacticipants_pacticipant_get.approved.json (and its _put and _patch
    twins), the pacticipant document of the Pact Broker's API docs: the fields, the latest version
    embedded, and each link relation with its title and href (`pb:deployed-environments` lists where it
    is deployed now)."""
    foo = f"{n}foo"
    fields = {
        "displayName": "Foo",
        "repositoryUrl": "https://github.com/example/foo",
        "repositoryName": "foo",
        "repositoryNamespace": "example",
        "mainBranch": "main",
    }
    assert httpx.patch(f"{broker}/pacticipants/{foo}", json=fields, headers=MERGE_PATCH).status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{foo}/versions/3e1f00a04", json={}).status_code == 201
    env = httpx.post(f"{broker}/environments", json={"name": f"{n}production"}).json()["uuid"]
    deployed = httpx.post(
        f"{broker}/pacticipants/{foo}/versions/3e1f00a04/deployed-versions/environment/{env}"
    )
    body = httpx.get(f"{broker}/pacticipants/{foo}", headers={"accept": HAL}).json()
    assert fields.items() <= body.items() and body["name"] == foo
    assert body["_embedded"]["latestVersion"] == {
        "number": "3e1f00a04",
        "_links": {
            "self": {
                "title": "Version",
                "name": "3e1f00a04",
                "href": f"{broker}/pacticipants/{foo}/versions/3e1f00a04",
            }
        },
    }
    p = f"{broker}/pacticipants/{foo}"
    approved = {
        "self": {"href": p},
        "pb:versions": {"href": f"{p}/versions"},
        "pb:branches": {"href": f"{p}/branches"},
        "pb:version": {
            "title": "Get, create or delete a pacticipant version",
            "href": f"{p}/versions/{{version}}",
            "templated": True,
        },
        "pb:deployed-environments": [
            {
                "title": f"Version deployed to {n.capitalize()}production",
                "name": f"{n.capitalize()}production",
                "href": deployed.headers["Location"],
                "currentlyDeployed": True,
            }
        ],
        "pb:version-tag": {
            "title": f"Get, create or delete a tag for a version of {foo}",
            "href": f"{p}/versions/{{version}}/tags/{{tag}}",
            "templated": True,
        },
        "pb:branch-version": {
            "title": f"Get or add/create a version for a branch of {foo}",
            "href": f"{p}/branches/{{branch}}/versions/{{version}}",
            "templated": True,
        },
        "pb:label": {
            "title": f"Get, create or delete a label for {foo}",
            "href": f"{p}/labels/{{label}}",
            "templated": True,
        },
        "pb:can-i-deploy-badge": {
            "title": f"Can I Deploy {foo} badge",
            "href": f"{p}/latest-version/{{tag}}/can-i-deploy/to/{{environmentTag}}/badge",
            "templated": True,
        },
        "pb:can-i-deploy-branch-to-environment-badge": {
            "title": f"Can I Deploy {foo} from branch to environment badge",
            "href": f"{p}/branches/{{branch}}/latest-version/can-i-deploy/to-environment/{{environment}}/badge",
            "templated": True,
        },
        "curies": [{"name": "pb", "href": f"{broker}/doc/{{rel}}?context=pacticipant", "templated": True}],
    }
    assert {rel: body["_links"][rel] for rel in approved} == approved
    put = httpx.put(f"{broker}/pacticipants/{foo}", json=fields).json()
    assert put["_links"]["pb:deployed-environments"] == approved["pb:deployed-environments"]


def test_concurrent_tag_replacements_leave_one_of_them(broker, n):
    """spec/features/update_version_spec.rb (tags given replace the version's), under concurrency: ten
    PATCHes at once, each replacing the tags with its own one, all acknowledged; the version ends with
    exactly one tag, as if they had come one after the other."""
    url = f"{broker}/pacticipants/{n}Foo/versions/1"
    assert httpx.put(url, json={"tags": [{"name": "start"}]}).status_code == 201

    def replace(i: int) -> int:
        return httpx.patch(
            url, json={"tags": [{"name": f"t{i}"}]}, headers=MERGE_PATCH, timeout=60
        ).status_code

    with ThreadPoolExecutor(10) as pool:
        assert list(pool.map(replace, range(10))) == [200] * 10
    assert len(httpx.get(url).json()["_embedded"]["tags"]) == 1

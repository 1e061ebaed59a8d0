"""Areas 3-5: pacts (latest untagged, the versions list, previous distinct, diffs, deletes),
verification results (delete) and integrations (list, delete)."""

from __future__ import annotations

import httpx

from tests.broker.helpers import publish, verify


def _pair(broker: str, n: str) -> str:
    return f"{broker}/pacts/provider/{n}Api/consumer/{n}Web"


def test_latest_untagged_pact(broker, n):
    """spec/features/get_latest_untagged_pact_spec.rb."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", "one").status_code == 200
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "two", tags=["prod"]).status_code == 200
    latest = httpx.get(f"{_pair(broker, n)}/latest-untagged")
    assert latest.status_code == 200 and latest.json()["interactions"][0]["description"] == "one"
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Nobody/latest-untagged").status_code == 404


def test_pact_versions_list_and_delete(broker, n):
    """spec/features/get_pact_versions_spec.rb and delete_pact_versions_spec.rb: one link per pact;
    DELETE 204 takes only this pair's pacts, the list is then empty (the pacticipants stay); 404 for
    a pair whose pacticipants do not exist."""
    assert publish(broker, f"{n}Web", "1.0.0", f"{n}Api").status_code == 200
    assert publish(broker, f"{n}Web", "1.0.1", f"{n}Api", "b").status_code == 200
    assert publish(broker, f"{n}Web", "1.0.1", f"{n}Other").status_code == 200
    listed = httpx.get(f"{_pair(broker, n)}/versions").json()
    assert len(listed["_links"]["pact-versions"]) == 2
    assert listed["_links"]["pact-versions"][0]["href"].endswith("/version/1.0.1")
    assert httpx.delete(f"{_pair(broker, n)}/versions").status_code == 204
    assert httpx.get(f"{_pair(broker, n)}/versions").json()["_links"]["pact-versions"] == []
    assert httpx.delete(f"{_pair(broker, n)}/versions").status_code == 204
    assert httpx.get(f"{broker}/pacts/provider/{n}Other/consumer/{n}Web/latest").status_code == 200
    assert httpx.get(f"{broker}/pacts/provider/{n}Nobody/consumer/{n}Web/versions").status_code == 404


def test_delete_pact(broker, n):
    """spec/features/delete_pact_spec.rb: 200 (with the latest pact left), then 404."""
    assert publish(broker, f"{n}Web", "1.2.2", f"{n}Api").status_code == 200
    assert publish(broker, f"{n}Web", "1.2.3", f"{n}Api", "b").status_code == 200
    deleted = httpx.delete(f"{_pair(broker, n)}/version/1.2.3")
    assert deleted.status_code == 200
    assert deleted.json()["_links"]["pb:latest-pact-version"]["href"] == f"{_pair(broker, n)}/latest"
    assert httpx.get(f"{_pair(broker, n)}/version/1.2.3").status_code == 404
    assert httpx.get(f"{_pair(broker, n)}/latest").json()["interactions"][0]["description"] == "a request"
    assert httpx.delete(f"{_pair(broker, n)}/version/1.2.3").status_code == 404


def test_delete_pacts_by_tag_and_by_branch(broker, n):
    """spec/features/delete_tagged_pact_versions_spec.rb and delete_pact_versions_for_branch_spec.rb:
    200, only the pacts of that tag / branch of this consumer go."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "b", branch="main").status_code == 200
    assert publish(broker, f"{n}Web", "3", f"{n}Api", "c", branch="feat/x").status_code == 200
    assert publish(broker, f"{n}NotWeb", "1", f"{n}Api", branch="main").status_code == 200
    tagged = httpx.get(f"{_pair(broker, n)}/tag/prod").json()
    assert [link["href"].rsplit("/", 1)[1] for link in tagged["_links"]["pb:pact-versions"]] == ["1"]
    assert httpx.delete(f"{_pair(broker, n)}/tag/prod").status_code == 200
    assert httpx.delete(f"{_pair(broker, n)}/branch/main").status_code == 200
    left = httpx.get(f"{_pair(broker, n)}/versions").json()["_links"]["pact-versions"]
    assert [link["href"].rsplit("/", 1)[1] for link in left] == ["3"]
    assert httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}NotWeb/version/1").status_code == 200
    assert httpx.delete(f"{broker}/pacts/provider/{n}Api/consumer/{n}Nobody/tag/prod").status_code == 404


def test_previous_distinct_and_diffs(broker, n):
    """spec/features/get_previous_distinct_version.rb and get_diff_spec.rb: version 3's previous
    distinct pact is version 1 (2 has 3's content); the diff is text/plain with both sides."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", "get thing").status_code == 200
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "post thing").status_code == 200
    assert publish(broker, f"{n}Web", "3", f"{n}Api", "post thing").status_code == 200
    previous = httpx.get(f"{_pair(broker, n)}/version/3/previous-distinct")
    assert previous.status_code == 200
    assert previous.json()["_links"]["self"]["href"].endswith("/1")
    diff = httpx.get(f"{_pair(broker, n)}/version/3/diff/previous-distinct")
    assert diff.status_code == 200 and diff.headers["content-type"].startswith("text/plain")
    assert (
        '-      "description": "get thing"' in diff.text and '+      "description": "post thing"' in diff.text
    )
    by_version = httpx.get(f"{_pair(broker, n)}/version/3/diff/version/2")
    assert by_version.status_code == 200 and "No differences" in by_version.text
    shas = [httpx.get(f"{_pair(broker, n)}/version/{v}").json() for v in ("1", "3")]
    sha = [p["_links"]["pb:pact-version"]["href"].rsplit("/", 1)[1] for p in shas]
    by_sha = httpx.get(f"{_pair(broker, n)}/pact-version/{sha[1]}/diff/pact-version/{sha[0]}")
    assert by_sha.status_code == 200 and "get thing" in by_sha.text
    assert httpx.get(f"{_pair(broker, n)}/version/1/previous-distinct").status_code == 404
    assert httpx.get(f"{_pair(broker, n)}/version/9/diff/previous-distinct").status_code == 404


def test_delete_verification(broker, n):
    """spec/features/delete_verification_spec.rb: 204, then 404."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api").status_code == 200
    published = verify(broker, f"{n}Web", "1", f"{n}Api", "2", True)
    url = published.json()["_links"]["self"]["href"]
    assert httpx.get(url).status_code == 200
    assert httpx.delete(url).status_code == 204
    assert httpx.get(url).status_code == 404
    assert httpx.delete(url).status_code == 404


def test_integrations_list_filter_paginate_and_delete(broker, n):
    """spec/features/get_integrations_spec.rb (embedded integrations, `q`, pagination) and
    delete_integration_spec.rb (204, the pair's pacts go, 404 when there is none)."""
    for consumer, provider in (("Foo", "Bar"), ("Apple", "Pear"), ("Dog", "Cat")):
        assert publish(broker, f"{n}{consumer}", "1", f"{n}{provider}").status_code == 200
    found = httpx.get(f"{broker}/integrations", params={"q": f"{n}App"}).json()["_embedded"]["integrations"]
    assert [(i["consumer"]["name"], i["provider"]["name"]) for i in found] == [(f"{n}Apple", f"{n}Pear")]
    page = httpx.get(f"{broker}/integrations", params={"size": 2, "page": 1, "q": n}).json()
    assert len(page["_embedded"]["integrations"]) == 2 and "next" in page["_links"]
    assert page["page"] == {"number": 1, "size": 2, "totalElements": 3, "totalPages": 2}
    assert httpx.delete(f"{broker}/integrations/provider/{n}Bar/consumer/{n}Foo").status_code == 204
    assert httpx.get(f"{broker}/pacts/provider/{n}Bar/consumer/{n}Foo/latest").status_code == 404
    left = httpx.get(f"{broker}/integrations", params={"q": n}).json()["_embedded"]["integrations"]
    assert len(left) == 2
    assert httpx.delete(f"{broker}/integrations/provider/{n}Bar/consumer/{n}Foo").status_code == 404


def test_latest_pact_for_a_branch_and_the_branch_lists(broker, n):
    """spec/features/get_latest_pact_for_branch.rb (a pact document: the newest version on the branch
    with a pact), get_pact_publications_for_branch_spec.rb and
    get_latest_pact_publications_for_main_branch_spec.rb (lists)."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", "one", branch="main").status_code == 200
    assert publish(broker, f"{n}Web", "2", f"{n}Api", "two", branch="main").status_code == 200
    assert publish(broker, f"{n}Web", "3", f"{n}Api", "three", branch="feat/foo").status_code == 200
    assert httpx.put(f"{broker}/pacticipants/{n}Web/branches/main/versions/4", json={}).status_code == 201
    latest = httpx.get(f"{_pair(broker, n)}/branch/main/latest").json()
    assert latest["_links"]["self"]["href"].endswith("/2")
    assert [i["description"] for i in latest["interactions"]] == ["two"]
    assert (
        httpx.get(f"{_pair(broker, n)}/branch/feat%2Ffoo/latest").json()["interactions"][0]["description"]
        == "three"
    )
    assert httpx.get(f"{_pair(broker, n)}/branch/nope/latest").status_code == 404

    def listed(path: str) -> list[str]:
        return [p["href"] for p in httpx.get(f"{_pair(broker, n)}{path}").json()["_links"]["pact-versions"]]

    assert len(listed("/branch/main")) == 2
    assert len(listed("/branch/main/latest/versions")) == 1
    assert len(listed("/branch/versions")) == 2
    assert len(listed("/branch/latest/versions")) == 1
    assert len(listed("/branch/latest")) == 1  # the CLI's `get-pacts --consumer --latest` reads it
    assert latest["_links"]["pb:pacts"][0]["href"].endswith("/version/2")


def test_get_pact_names_and_tags_are_case_sensitive(broker, n):
    """spec/features/get_pact_spec.rb (case-sensitive names, the default): the pact by version and by
    tag answers 200 for the names as published and 404 when the case of a name or tag differs."""
    assert publish(broker, f"{n}A Consumer", "1.2.3a", f"{n}A Provider", tags=["prod"]).status_code == 200
    pair = f"{broker}/pacts/provider/{n}A%20Provider/consumer/{n}A%20Consumer"
    pact = httpx.get(f"{pair}/version/1.2.3a")
    assert pact.status_code == 200
    assert set(pact.json()["_links"]) >= {  # the Pact Broker's pact decorator's relations
        "self",
        "pb:consumer",
        "pb:consumer-version",
        "pb:provider",
        "pb:pact-version",
        "pb:latest-pact-version",
        "pb:all-pact-versions",
        "pb:latest-untagged-pact-version",
        "pb:latest-tagged-pact-version",
        "pb:previous-distinct",
        "pb:diff-previous-distinct",
        "pb:diff",
        "pb:pact-webhooks",
        "pb:consumer-webhooks",
        "pb:tag-prod-version",
        "pb:tag-version",
        "pb:publish-verification-results",
        "pb:latest-verification-results",
        "pb:triggered-webhooks",
        "pb:matrix-for-consumer-version",
        "curies",
    }
    for relation in (
        "pb:all-pact-versions",
        "pb:matrix-for-consumer-version",
    ):
        assert httpx.get(pact.json()["_links"][relation]["href"]).status_code == 200, relation
    tagged = pact.json()["_links"]["pb:latest-tagged-pact-version"]
    assert (
        tagged["templated"] is True and httpx.get(tagged["href"].replace("{tag}", "prod")).status_code == 200
    )
    assert httpx.get(f"{pair}/latest/prod").status_code == 200
    lower = f"{broker}/pacts/provider/{n}a%20provider/consumer/{n}a%20consumer"
    assert httpx.get(f"{lower}/version/1.2.3A").status_code == 404
    assert httpx.get(f"{pair}/version/1.2.3A").status_code == 404
    assert httpx.get(f"{lower}/latest/PROD").status_code == 404
    assert httpx.get(f"{pair}/latest/PROD").status_code == 404


def test_get_pact_version_by_sha(broker, n):
    """spec/features/get_pact_version.rb: 200 by content SHA; with several consumer versions of one
    content, `pb:consumer-version` is the latest, or the one named in the URL's metadata (the pact
    for-verification selected by tag)."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert publish(broker, f"{n}Foo", "2", f"{n}Bar").status_code == 200
    first = httpx.get(f"{broker}/pacts/provider/{n}Bar/consumer/{n}Foo/version/1").json()
    by_sha = httpx.get(first["_links"]["pb:pact-version"]["href"])
    assert by_sha.status_code == 200
    assert by_sha.headers["content-type"].startswith("application/hal+json")
    assert by_sha.json()["_links"]["pb:consumer-version"]["name"] == "2"
    verification_url = first["_links"]["pb:publish-verification-results"]["href"]
    assert verification_url == first["_links"]["pb:pact-version"]["href"] + "/verification-results"
    body = {"consumerVersionSelectors": [{"latest": True}], "includePendingStatus": False}
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/versions/1/tags/old", json={}).status_code == 201
    selected = httpx.post(
        f"{broker}/pacts/provider/{n}Bar/for-verification",
        json={**body, "consumerVersionSelectors": [{"tag": "old", "latest": True}]},
    ).json()["_embedded"]["pacts"]
    with_metadata = httpx.get(selected[0]["_links"]["self"]["href"])
    assert "/metadata/" in selected[0]["_links"]["self"]["href"]
    assert with_metadata.json()["_links"]["pb:consumer-version"]["name"] == "1"
    assert [v["name"] for v in with_metadata.json()["_links"]["pb:consumer-versions"]] == ["1"]
    assert "pb:consumer-versions" not in by_sha.json()["_links"]
    assert httpx.get(f"{broker}/pacts/provider/{n}Bar/consumer/{n}Foo/pact-version/0000").status_code == 404


def test_get_latest_tagged_pact(broker, n):
    """spec/features/get_latest_tagged_pact_spec.rb: the newest pact whose consumer version has the tag,
    not the newest pact."""
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "one", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Consumer", "4.5.6", f"{n}Provider", "two").status_code == 200
    pair = f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer"
    latest = httpx.get(f"{pair}/latest/prod")
    assert latest.status_code == 200 and latest.json()["_links"]["self"]["href"].endswith("/1.2.3")
    assert httpx.get(f"{pair}/latest").json()["_links"]["self"]["href"].endswith("/4.5.6")
    assert httpx.get(f"{pair}/latest/nope").status_code == 404


def test_get_tagged_pact_versions(broker, n):
    """spec/features/get_tagged_pact_versions_spec.rb: a HAL list, `pb:pact-versions` an array of the
    tagged pacts only; a pair that does not exist is 404."""
    assert publish(broker, f"{n}Consumer", "1.2.3", f"{n}Provider", "one", tags=["prod"]).status_code == 200
    assert publish(broker, f"{n}Consumer", "4.5.6", f"{n}Provider", "two").status_code == 200
    pair = f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer"
    tagged = httpx.get(f"{pair}/tag/prod")
    assert tagged.status_code == 200 and tagged.headers["content-type"].startswith("application/hal+json")
    body = tagged.json()
    assert [link["href"] for link in body["_links"]["pb:pact-versions"]] == [f"{pair}/version/1.2.3"]
    assert body["_links"]["pb:pact-versions"][0]["title"] == "Pact version"
    assert body["_links"]["pb:consumer"]["name"] == f"{n}Consumer"
    assert body["_links"]["pb:provider"]["name"] == f"{n}Provider"
    assert [p["_embedded"]["consumerVersion"]["number"] for p in body["_embedded"]["pacts"]] == ["1.2.3"]
    assert httpx.get(f"{pair}/tag/nope").json()["_links"]["pb:pact-versions"] == []
    assert httpx.get(f"{broker}/pacts/provider/{n}Provider/consumer/{n}Nobody/tag/prod").status_code == 404


def _branch_history(broker: str, n: str, *, with_pact_4: bool) -> str:
    """The consumer's main branch 1, 2 and 4 (4 without a pact unless `with_pact_4`), and 3 on foo."""
    assert publish(broker, f"{n}Consumer", "1", f"{n}Provider", "one", branch="main").status_code == 200
    assert publish(broker, f"{n}Consumer", "2", f"{n}Provider", "two", branch="main").status_code == 200
    assert publish(broker, f"{n}Consumer", "3", f"{n}Provider", "three", branch="foo").status_code == 200
    if with_pact_4:
        assert publish(broker, f"{n}Consumer", "4", f"{n}Provider", "four", branch="main").status_code == 200
    else:
        url = f"{broker}/pacticipants/{n}Consumer/branches/main/versions/4"
        assert httpx.put(url, json={}).status_code == 201
    return f"{broker}/pacts/provider/{n}Provider/consumer/{n}Consumer"


def _numbers(body: dict) -> list[str]:
    return [p["_embedded"]["consumerVersion"]["number"] for p in body["_embedded"]["pacts"]]


def test_pact_publications_for_the_main_branch(broker, n):
    """spec/features/get_pact_publications_for_main_branch_spec.rb: the pacts of the consumer's main
    branch, oldest first, embedded (`consumerVersion`) and as `pact-versions` links named by version."""
    pair = _branch_history(broker, n, with_pact_4=False)
    body = httpx.get(f"{pair}/branch/versions").json()
    assert _numbers(body) == ["1", "2"]
    assert [link["name"][: len("Version 1")] for link in body["_links"]["pact-versions"]] == [
        "Version 1",
        "Version 2",
    ]
    assert body["_links"]["pact-versions"][0]["href"] == f"{pair}/version/1"


def test_latest_pact_publications_for_the_main_branch(broker, n):
    """spec/features/get_latest_pact_publications_for_main_branch_spec.rb: only version 4's pact."""
    pair = _branch_history(broker, n, with_pact_4=True)
    body = httpx.get(f"{pair}/branch/latest/versions").json()
    assert _numbers(body) == ["4"]
    assert len(body["_links"]["pact-versions"]) == 1
    assert "Version 4" in body["_links"]["pact-versions"][0]["name"]


def test_latest_pact_publications_for_a_branch(broker, n):
    """spec/features/get_latest_pact_publications_for_branch_spec.rb: the latest pact on branch foo;
    a pair that does not exist is 404."""
    pair = _branch_history(broker, n, with_pact_4=True)
    body = httpx.get(f"{pair}/branch/foo/latest/versions").json()
    assert _numbers(body) == ["3"]
    assert len(body["_links"]["pact-versions"]) == 1
    assert "Version 3" in body["_links"]["pact-versions"][0]["name"]
    assert body["_links"]["self"]["href"] == f"{pair}/branch/foo/latest/versions"
    missing = f"{broker}/pacts/provider/{n}Provider/consumer/{n}Nobody/branch/foo/latest/versions"
    assert httpx.get(missing).status_code == 404

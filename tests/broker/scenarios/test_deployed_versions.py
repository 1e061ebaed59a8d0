"""Area 6: environments, and the lists of deployed and released versions (what is deployed or supported
in an environment now, a version's deployments and release to one environment), with their filters."""

from __future__ import annotations

import httpx

JSON = {"accept": "application/hal+json"}


def _environment(broker: str, name: str, **fields) -> str:
    created = httpx.post(f"{broker}/environments", json={"name": name, **fields})
    assert created.status_code == 201, created.text
    return created.json()["uuid"]


def _version(broker: str, pacticipant: str, number: str) -> str:
    url = f"{broker}/pacticipants/{pacticipant}/versions/{number}"
    assert httpx.put(url, json={}).is_success
    return url


def _numbers(body: dict, key: str) -> list[str]:
    return [row["_embedded"]["version"]["number"] for row in body["_embedded"][key]]


def test_get_environment_and_environments(broker, n):
    """spec/features/get_environment_spec.rb and spec/features/get_environments_spec.rb: the environment
    with its uuid, name and contacts; the list with each one's contacts, ordered by display name and
    linked as pb:environments; `?name=` keeps the one of that name, an unknown name gives an empty list."""
    uuid = _environment(broker, f"{n}test", displayName="Test", uuid=f"{n}-1234", contacts=[{"name": "Foo"}])
    _environment(
        broker, f"{n}zprod", displayName="Production", contacts=[{"name": "Foo"}]
    )  # after test by name
    one = httpx.get(f"{broker}/environments/{uuid}", headers=JSON)
    assert one.status_code == 200 and one.headers["content-type"].startswith("application/hal+json")
    assert (one.json()["uuid"], one.json()["name"], one.json()["contacts"]) == (
        f"{n}-1234",
        f"{n}test",
        [{"name": "Foo"}],
    )
    listed = httpx.get(f"{broker}/environments", headers=JSON)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("application/hal+json")
    mine = [e for e in listed.json()["_embedded"]["environments"] if e["name"].startswith(n)]
    assert len(mine) == 2 and all(e["contacts"] == [{"name": "Foo"}] for e in mine)
    assert [e["displayName"] for e in mine] == ["Production", "Test"]  # by display name
    assert {
        "title": "Environment",
        "name": f"{n}test",
        "href": f"{broker}/environments/{uuid}",
    } in listed.json()["_links"]["pb:environments"]
    assert one.json()["_links"]["pb:currently-deployed-deployed-versions"]["title"] == (
        "Versions currently deployed to Test environment"
    )
    by_name = httpx.get(f"{broker}/environments", params={"name": f"{n}test"}).json()
    assert [e["name"] for e in by_name["_embedded"]["environments"]] == [f"{n}test"]
    assert httpx.get(f"{broker}/environments", params={"name": f"{n}foo"}).json()["_embedded"] == {
        "environments": []
    }


def test_currently_deployed_versions_for_environment(broker, n):
    """spec/features/get_currently_deployed_versions_for_environment_spec.rb: Foo 1 deployed to test
    (target customer-1) and prod, Bar 4 to test for customer-1 and Bar 5 to test without a target. The
    list has the three in test, titled with the generated display name; `pacticipant` with
    `applicationInstance` (or the deprecated `target`) keeps that instance's, a blank one those deployed
    without an instance, none keeps both of Bar's."""
    test, prod = _environment(broker, f"{n}-test"), _environment(broker, f"{n}-prod")
    foo = _version(broker, f"{n}Foo", "1")
    assert httpx.post(f"{foo}/deployed-versions/environment/{test}", json={"target": "customer-1"}).is_success
    assert httpx.post(f"{foo}/deployed-versions/environment/{prod}", json={}).is_success
    bar4, bar5 = _version(broker, f"{n}Bar", "4"), _version(broker, f"{n}Bar", "5")
    body = {"applicationInstance": "customer-1"}
    assert httpx.post(f"{bar4}/deployed-versions/environment/{test}", json=body).is_success
    assert httpx.post(f"{bar5}/deployed-versions/environment/{test}", json={}).is_success

    path = f"/environments/{test}/deployed-versions/currently-deployed"
    listed = httpx.get(broker + path, headers=JSON)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("application/hal+json")
    assert _numbers(listed.json(), "deployedVersions") == ["5", "4", "1"]  # newest first
    # each embeds its environment as the environment resource shows it
    embedded = listed.json()["_embedded"]["deployedVersions"][0]["_embedded"]["environment"]
    assert embedded == httpx.get(f"{broker}/environments/{test}").json()
    assert listed.json()["_links"]["self"] == {
        "href": broker + path,
        "title": f"Currently deployed versions for {n.capitalize()} Test",
    }
    for params, numbers in (
        ({"pacticipant": f"{n}Bar", "applicationInstance": "customer-1"}, ["4"]),
        ({"pacticipant": f"{n}Bar", "applicationInstance": ""}, ["5"]),
        ({"pacticipant": f"{n}Bar"}, ["5", "4"]),
        ({"pacticipant": f"{n}Bar", "target": "customer-1"}, ["4"]),
        ({"pacticipant": f"{n}Bar", "target": ""}, ["5"]),
        ({"pacticipant": f"{n}Waffle"}, []),
    ):
        answer = httpx.get(broker + path, params=params).json()
        assert _numbers(answer, "deployedVersions") == numbers, params
    filtered = httpx.get(f"{broker}{path}?pacticipant={n}Bar&applicationInstance=customer-1").json()
    assert (
        filtered["_links"]["self"]["href"]
        == f"{broker}{path}?pacticipant={n}Bar&applicationInstance=customer-1"
    )
    assert (
        httpx.get(f"{broker}/environments/{n}-nowhere/deployed-versions/currently-deployed").status_code
        == 404
    )


def test_currently_supported_versions_for_environment(broker, n):
    """spec/features/get_currently_supported_versions_for_environment_spec.rb: Foo 1 released to test
    and prod, Bar 4 and 5 to test. The list has the three in test; `pacticipant` with `version` keeps
    that version, `pacticipant` alone both of Bar's, an unknown pacticipant none."""
    test, prod = _environment(broker, f"{n}test", displayName="Test"), _environment(broker, f"{n}prod")
    foo = _version(broker, f"{n}Foo", "1")
    assert httpx.post(f"{foo}/released-versions/environment/{test}", json={}).status_code == 201
    assert httpx.post(f"{foo}/released-versions/environment/{prod}", json={}).status_code == 201
    for number in ("4", "5"):
        version = _version(broker, f"{n}Bar", number)
        assert httpx.post(f"{version}/released-versions/environment/{test}", json={}).status_code == 201

    path = f"/environments/{test}/released-versions/currently-supported"
    listed = httpx.get(broker + path, headers=JSON)
    assert listed.status_code == 200
    assert sorted(_numbers(listed.json(), "releasedVersions")) == ["1", "4", "5"]
    assert listed.json()["_links"]["self"] == {
        "href": broker + path,
        "title": "Currently supported versions in Test",
    }
    for params, numbers in (
        ({"pacticipant": f"{n}Bar", "version": "4"}, ["4"]),
        ({"pacticipant": f"{n}Bar"}, ["4", "5"]),
        ({"pacticipant": f"{n}waffle"}, []),
    ):
        answer = httpx.get(broker + path, params=params).json()
        assert sorted(_numbers(answer, "releasedVersions")) == numbers, params


def test_deployed_versions_for_version_and_environment(broker, n):
    """spec/features/get_currently_deployed_versions_for_version_spec.rb and
    spec/features/get_deployed_versions_for_version_and_environment.rb: Foo 1 deployed to test and prod;
    the version's deployments to test are one, titled with the version and the environment. An undeployed
    one stays in this list (it is the version's history there); an unknown environment is 404."""
    test, prod = _environment(broker, f"{n}test", displayName="Test"), _environment(broker, f"{n}prod")
    foo = _version(broker, f"{n}Foo", "1")
    url = f"{foo}/deployed-versions/environment/{test}"
    assert httpx.post(url, json={}).status_code == 201
    assert httpx.post(f"{foo}/deployed-versions/environment/{prod}", json={}).status_code == 201
    listed = httpx.get(url, headers=JSON)
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("application/hal+json")
    deployed = listed.json()["_embedded"]["deployedVersions"]
    assert len(deployed) == 1 and deployed[0]["currentlyDeployed"] is True
    assert listed.json()["_links"]["self"] == {
        "href": url,
        "title": f"Deployed versions for {n}Foo version 1 in environment Test",
    }
    undeploy = httpx.patch(
        deployed[0]["_links"]["self"]["href"],
        json={"currentlyDeployed": False},
        headers={"content-type": "application/merge-patch+json"},
    )
    assert undeploy.status_code == 200
    again = httpx.get(url).json()["_embedded"]["deployedVersions"]
    assert [d["currentlyDeployed"] for d in again] == [False]
    # the version links every deployment, current or not (the Pact Broker's version decorator)
    linked = httpx.get(foo).json()["_links"]["pb:deployed-environments"]
    assert sorted((d["name"], d["currentlyDeployed"]) for d in linked) == [
        (f"{n.capitalize()}prod", True),
        ("Test", False),
    ]
    assert httpx.get(f"{foo}/deployed-versions/environment/{n}-nowhere").status_code == 404
    assert (
        httpx.get(f"{broker}/pacticipants/{n}Foo/versions/9/deployed-versions/environment/{test}").status_code
        == 404
    )


def test_released_versions_for_version_and_environment(broker, n):
    """spec/features/get_released_versions_for_version_and_environment_spec.rb: Foo 1 released to test
    and deployed to prod; its releases to test are one, titled with the pacticipant's display name, the
    version and the environment; to prod none."""
    test, prod = _environment(broker, f"{n}test", displayName="Test"), _environment(broker, f"{n}prod")
    foo = _version(broker, f"{n}Foo", "1")
    url = f"{foo}/released-versions/environment/{test}"
    assert httpx.post(url, json={}).status_code == 201
    assert httpx.post(f"{foo}/deployed-versions/environment/{prod}", json={}).status_code == 201
    listed = httpx.get(url, headers=JSON)
    assert listed.status_code == 200
    assert len(listed.json()["_embedded"]["releasedVersions"]) == 1
    assert listed.json()["_links"]["self"] == {
        "href": url,
        "title": f"Released versions for {n.capitalize()} Foo version 1 in Test",
    }
    none = httpx.get(f"{foo}/released-versions/environment/{prod}").json()
    assert none["_embedded"]["releasedVersions"] == []


def test_end_deployment_is_a_patch_of_the_deployed_version(broker, n):
    """spec/features/end_deployment_spec.rb is skipped in the Pact Broker ("Not yet implemented"): there
    is no `/pacticipants/{p}/deployments/{env}/latest/end` (404 there and here); a deployment ends with a
    PATCH of the deployed version (record-undeployment), after which it is no longer currently deployed."""
    test = _environment(broker, f"{n}test")
    foo = _version(broker, f"{n}Foo", "1")
    deployed = httpx.post(f"{foo}/deployed-versions/environment/{test}", json={}).json()
    assert httpx.post(f"{broker}/pacticipants/{n}Foo/deployments/{n}test/latest/end").status_code == 404
    ended = httpx.patch(
        deployed["_links"]["self"]["href"],
        json={"currentlyDeployed": False},
        headers={"content-type": "application/merge-patch+json"},
    )
    assert ended.status_code == 200 and ended.json()["undeployedAt"]
    current = httpx.get(f"{broker}/environments/{test}/deployed-versions/currently-deployed").json()
    assert current["_embedded"]["deployedVersions"] == []

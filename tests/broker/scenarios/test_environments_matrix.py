"""Areas 6 and 7: environments, deployed and released versions (`Location`, instances), the matrix of
one integration and can-i-deploy with several instances of a provider in an environment."""

from __future__ import annotations

import httpx

from tests.broker.helpers import deploy, environment, matrix, publish, verify


def test_created_environments_deployments_and_releases_have_a_location(broker, n):
    """spec/features/create_environment_spec.rb, record_deployment_spec.rb, record_release_spec.rb."""
    created = httpx.post(f"{broker}/environments", json={"name": f"{n}test", "production": False})
    assert created.status_code == 201
    assert created.headers["Location"] == f"{broker}/environments/{created.json()['uuid']}"
    assert httpx.get(created.headers["Location"]).json()["name"] == f"{n}test"
    taken = httpx.post(f"{broker}/environments", json={"name": f"{n}test", "production": False})
    assert taken.status_code == 400  # "with invalid params": the name is taken
    assert taken.json()["errors"] == {"name": [f"name '{n}test' is already used by an existing environment."]}
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    version = f"{broker}/pacticipants/{n}Foo/versions/1"
    deployed = httpx.post(
        f"{version}/deployed-versions/environment/{created.json()['uuid']}", json={"applicationInstance": "a"}
    )
    assert deployed.status_code == 201
    assert deployed.headers["Location"].startswith(f"{broker}/deployed-versions/")
    assert httpx.get(deployed.headers["Location"]).json()["applicationInstance"] == "a"
    released = httpx.post(f"{version}/released-versions/environment/{created.json()['uuid']}", json={})
    assert released.status_code == 201 and released.headers["Location"].startswith(
        f"{broker}/released-versions/"
    )
    assert httpx.get(released.headers["Location"]).status_code == 200


def test_versions_of_a_pacticipant_in_an_environment(broker, n):
    """spec/features/get_environment_versions_spec.rb: deployed and released versions, each once, with
    their pb:deployed-environments / pb:released-environments links; 404s; pagination."""
    production, staging = environment(broker, f"{n}production"), environment(broker, f"{n}staging")
    for number in ("1", "2", "3", "4"):
        assert publish(broker, f"{n}Foo", number, f"{n}Bar").status_code == 200
    assert deploy(broker, f"{n}Foo", "1", production).status_code == 201
    version2 = f"{broker}/pacticipants/{n}Foo/versions/2"
    assert httpx.post(f"{version2}/released-versions/environment/{production}", json={}).status_code == 201
    assert httpx.post(f"{version2}/deployed-versions/environment/{production}", json={}).status_code == 201
    assert deploy(broker, f"{n}Foo", "3", staging).status_code == 201
    url = f"{broker}/pacticipants/{n}Foo/environments/{production}/versions"
    versions = httpx.get(url).json()["_embedded"]["versions"]
    assert [v["number"] for v in versions] == ["2", "1"]
    assert versions[0]["_links"]["pb:released-environments"][0]["currentlySupported"] is True
    assert (
        versions[1]["_links"]["pb:deployed-environments"][0]["name"] == f"{n.capitalize()}production"
    )  # the display name
    page = httpx.get(url, params={"size": 1, "page": 1}).json()
    assert (
        len(page["_embedded"]["versions"]) == 1
        and "next" in page["_links"]
        and page["page"]["totalElements"] == 2
    )
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/environments/bbbbbbbb-0000/versions").status_code == 404
    assert httpx.get(f"{broker}/pacticipants/{n}Nobody/environments/{production}/versions").status_code == 404


def test_matrix_for_consumer_and_provider(broker, n):
    """spec/features/get_matrix_for_consumer_and_provider_spec.rb: rows with consumer, provider, pact and
    verificationResult; `limit=0` is 400; an unknown pacticipant 404."""
    assert publish(broker, f"{n}Consumer", "1.0.0", f"{n}Provider").status_code == 200
    assert verify(broker, f"{n}Consumer", "1.0.0", f"{n}Provider", "4.5.6", True).status_code == 201
    response = httpx.get(f"{broker}/matrix/provider/{n}Provider/consumer/{n}Consumer")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/hal+json")
    row = response.json()["matrix"][0]
    assert {"consumer", "provider", "pact", "verificationResult"} <= set(row)
    assert row["provider"]["version"]["number"] == "4.5.6"
    assert (
        httpx.get(
            f"{broker}/matrix/provider/{n}Provider/consumer/{n}Consumer", params={"limit": 0}
        ).status_code
        == 400
    )
    assert httpx.get(f"{broker}/matrix/provider/{n}Nobody/consumer/{n}Consumer").status_code == 404


def test_matrix_limit_comes_before_latestby(broker, n):
    """spec/lib/pact_broker/matrix/repository_latestby_filtering_spec.rb and parse_query_spec.rb: Foo 2
    verified by Bar 20, then Foo 1 verified by Bar 10, 11 (failed) and 12. Every row without latestby;
    one per consumer version with cvp; `limit=2` keeps the two most recent rows (Bar 12 and 11) before
    cvp dedups them, so Foo 2 is lost; `limit` 0 or not a number is 400 with the Pact Broker's message."""
    foo, bar = f"{n}Foo", f"{n}Bar"
    assert publish(broker, foo, "2", bar).status_code == 200
    assert verify(broker, foo, "2", bar, "20", True).status_code == 201
    assert publish(broker, foo, "1", bar, "another request").status_code == 200
    for provider_version, success in (("10", True), ("11", False), ("12", True)):
        assert verify(broker, foo, "1", bar, provider_version, success).status_code == 201
    both = [("q[][pacticipant]", foo), ("q[][pacticipant]", bar)]

    def rows(*options: tuple[str, str]) -> list[tuple[str, str]]:
        response = matrix(broker, [*both, *options])
        assert response.status_code == 200, response.text
        return [
            (r["consumer"]["version"]["number"], r["provider"]["version"]["number"])
            for r in response.json()["matrix"]
        ]

    assert len(rows(("limit", "10"))) == 4
    assert sorted(rows(("latestby", "cvp"))) == [("1", "12"), ("2", "20")]
    assert rows(("latestby", "cvp"), ("limit", "2")) == [("1", "12")]
    assert sorted(rows(("limit", "2"))) == [("1", "11"), ("1", "12")]
    assert rows(("latestby", "cvp"), ("success", "false")) == []  # the success filter runs after latestby
    for bad in ("0", "-1", "x"):
        refused = matrix(broker, [*both, ("limit", bad)])
        assert refused.status_code == 400
        assert refused.json()["errors"] == ["The limit must be 1 or greater."]


def test_can_i_deploy_latest_tagged_version_to_tag(broker, n):
    """The `/pacticipants/{p}/latest-version/{tag}/can-i-deploy/to/{tag}` form (api.rb route table;
    can_i_deploy_pacticipant_version_by_tag_to_tag)."""
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar", tags=["dev"]).status_code == 200
    httpx.put(f"{broker}/pacticipants/{n}Bar/versions/b1/tags/prod", json={})
    url = f"{broker}/pacticipants/{n}Foo/latest-version/dev/can-i-deploy/to/prod"
    assert httpx.get(url).json()["summary"]["deployable"] is not True
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "b1", True).status_code == 201
    assert httpx.get(url).json()["summary"]["deployable"] is True
    assert (
        httpx.get(f"{broker}/pacticipants/{n}Foo/latest-version/nope/can-i-deploy/to/prod").status_code == 404
    )


def _can_i_deploy(broker: str, pacticipant: str, version: str, env: str) -> dict:
    params = {"pacticipant": pacticipant, "version": version, "environment": env}
    return httpx.get(f"{broker}/can-i-deploy", params=params).json()


def test_can_i_deploy_checks_every_deployed_instance_of_the_provider(broker, n):
    """spec/features/can_i_deploy_spec.rb and spec/lib/pact_broker/matrix/deployed_and_released_versions
    (two application instances of the provider deployed): not deployable while one instance's
    verification failed, whichever was verified last; deployable once both succeed."""
    env = environment(broker, f"{n}production")
    assert publish(broker, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    for number, instance in (("p1", "blue"), ("p2", "green")):
        httpx.put(f"{broker}/pacticipants/{n}Bar/versions/{number}", json={})
        deployed = httpx.post(
            f"{broker}/pacticipants/{n}Bar/versions/{number}/deployed-versions/environment/{env}",
            json={"applicationInstance": instance},
        )
        assert deployed.status_code == 201
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "p1", False).status_code == 201
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "p2", True).status_code == 201
    answer = _can_i_deploy(broker, f"{n}Foo", "1", f"{n}production")
    assert answer["summary"]["deployable"] is False
    assert {row["provider"]["version"]["number"] for row in answer["matrix"]} == {"p1", "p2"}
    assert answer["summary"]["failed"] == 1 and answer["summary"]["success"] == 1
    assert verify(broker, f"{n}Foo", "1", f"{n}Bar", "p1", True).status_code == 201
    assert _can_i_deploy(broker, f"{n}Foo", "1", f"{n}production")["summary"]["deployable"] is True


def _matrix_graph(broker: str, n: str) -> None:
    """The graph of spec/features/get_matrix_approval_spec.rb: Foo 1 verified by Bar 10; Foo 2 (main)
    failed by Bar 20; Foo 3 (main) unverified; Foo 3's pact with Baz verified by Baz 30, deployed."""

    def pact(consumer: str, provider: str, number: int) -> dict:
        return {
            "consumer": {"name": consumer},
            "provider": {"name": provider},
            "interactions": [
                {"request": {"method": "GET", "path": f"/things/{number}"}, "response": {"status": 200}}
            ],
        }

    def put(version: str, provider: str, number: int, branch: str | None = None) -> dict:
        if branch:
            httpx.put(f"{broker}/pacticipants/{n}Foo/branches/{branch}/versions/{version}", json={})
        url = f"{broker}/pacts/provider/{n}{provider}/consumer/{n}Foo/version/{version}"
        return httpx.put(url, json=pact(f"{n}Foo", f"{n}{provider}", number)).json()

    def verified(document: dict, provider_version: str, success: bool) -> None:
        body = {"success": success, "providerApplicationVersion": provider_version}
        assert (
            httpx.post(document["_links"]["pb:publish-verification-results"]["href"], json=body).status_code
            == 201
        )

    verified(put("1", "Bar", 1), "10", True)
    verified(put("2", "Bar", 2, "main"), "20", False)
    put("3", "Bar", 3, "main")
    verified(put("3", "Baz", 1), "30", True)
    env = environment(broker, f"{n}production")
    assert deploy(broker, f"{n}Baz", "30", env).status_code == 201


def test_matrix_verdicts_as_the_pact_brokers_approval_fixture(broker, n):
    """spec/features/get_matrix_approval_spec.rb and its approved decisions: deployable, the counts and
    the notice types of each query, and the reasons (warnings included) in the Pact Broker's words."""
    _matrix_graph(broker, n)
    foo, bar = f"{n}Foo", f"{n}Bar"
    cases = [
        (
            f"q[][pacticipant]={foo}&q[][version]=1&latestby=cvpv&latest=true",
            None,
            (0, 0, 1),
            ["warning", "error"],
        ),
        (
            f"q[][pacticipant]={foo}&q[][version]=1&latestby=cvpv&environment={n}production",
            None,
            (0, 0, 1),
            ["error"],
        ),
        (f"q[][pacticipant]={foo}&q[][version]=2&latestby=cvpv&mainBranch=true", None, (0, 0, 1), ["error"]),
        (f"q[][pacticipant]={foo}&q[][pacticipant]={bar}&latestby=cvpv", None, (1, 1, 1), ["error", "error"]),
        (
            f"q[]pacticipant={foo}&q[]version=1&q[]pacticipant={bar}&q[]version=10&latestby=cvpv",
            True,
            (1, 0, 0),
            ["success"],
        ),
        (
            f"q[][pacticipant]={foo}&q[][pacticipant]={bar}&latestby=cvpv&success=true",
            True,
            (1, 0, 0),
            ["success"],
        ),
    ]
    for query, deployable, (success, failed, unknown), notices in cases:
        body = httpx.get(f"{broker}/matrix?{query}").json()
        summary = body["summary"]
        assert summary["deployable"] is deployable, query
        assert (summary["success"], summary["failed"], summary["unknown"]) == (success, failed, unknown), (
            query
        )
        assert [notice["type"] for notice in body["notices"]] == notices, query
    latest = httpx.get(f"{broker}/matrix?{cases[0][0]}").json()["summary"]["reason"]
    assert latest.splitlines() == [
        "WARN: It is recommended to specify the environment into which you are deploying. Without the "
        "environment, this result will not be reliable.",
        f"There is no verified pact between version 1 of {foo} and the latest version of {bar} (20)",
    ]
    browse = httpx.get(f"{broker}/matrix/provider/{bar}/consumer/{foo}").json()["summary"]["reason"]
    assert browse.splitlines() == [
        f"The verification for the pact between any version of {foo} and any version of {bar} failed",
        f"There is no verified pact between any version of {foo} and any version of {bar}",
    ]
    main = httpx.get(
        f"{broker}/matrix?q[][pacticipant]={foo}&q[][version]=2&latestby=cvpv&mainBranch=true"
    ).json()
    assert main["summary"]["reason"] == (
        f"There is no verified pact between version 2 of {foo} and any version of {bar} from the main branch "
        "(no versions exist for this branch)"
    )


def test_delete_environment(broker, n):
    """spec/features/delete_environment_spec.rb: 204, then 404."""
    uuid = environment(broker, f"{n}test")
    assert httpx.delete(f"{broker}/environments/{uuid}").status_code == 204
    assert httpx.get(f"{broker}/environments/{uuid}").status_code == 404
    assert httpx.delete(f"{broker}/environments/{uuid}").status_code == 404

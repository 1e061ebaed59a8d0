"""Resources beside the pacts themselves, as the Pact Broker's feature specs read them: the provider
states a provider's pacts use, the integrations as a Graphviz file, the metrics, the dashboard, and
the pact content SHA that ignores what cannot change a verification."""

from __future__ import annotations

import base64
import json

import httpx

from tests.broker.helpers import pact_json, publish, publish_document, verify

BROKER_SETTINGS = {"webhook_schemes": ("http",), "webhook_hosts": ("127.0.0.1",)}


def _states_pact(consumer: str, provider: str, *states: object) -> dict:
    """A pact whose interactions have these provider states (a V2 `providerState` string or a V3
    `providerStates` list)."""
    document = pact_json(consumer, provider, *(f"request {i}" for i in range(len(states))))
    for interaction, state in zip(document["interactions"], states, strict=True):
        interaction["providerState" if isinstance(state, str) else "providerStates"] = state
    return document


def test_the_provider_states_of_the_main_branch_pacts(http, n):
    """spec/features/list_provider_states_spec.rb (without params): the states of the latest pact of
    each consumer's main branch, sorted by name, each with the consumers that use it; a pact on another
    branch is left out."""
    foo, waffle, bar = f"{n}Foo", f"{n}Waffle", f"{n}Bar"
    for document, version, branch in (
        (_states_pact(foo, bar, "state 2", "state 1"), "1", "main"),
        (_states_pact(foo, bar, "on a feature branch"), "2", "not-main"),
        (
            _states_pact(waffle, bar, [{"name": "state 3"}, {"name": "state 4"}], [{"name": "state 5"}]),
            "1",
            "main",
        ),
    ):
        assert publish_document(http.base_url, document, version, branch=branch).status_code == 200
    listed = http.get(f"/pacts/provider/{bar}/provider-states", headers={"accept": "application/hal+json"})
    assert listed.status_code == 200 and listed.headers["content-type"].startswith("application/hal+json")
    assert listed.json() == {
        "providerStates": [
            {"consumers": [foo], "name": "state 1"},
            {"consumers": [foo], "name": "state 2"},
            {"consumers": [waffle], "name": "state 3"},
            {"consumers": [waffle], "name": "state 4"},
            {"consumers": [waffle], "name": "state 5"},
        ]
    }


def test_the_provider_states_with_params(http, n):
    """list_provider_states_spec.rb (with params): a state with the same name and params is one entry
    listing every consumer that uses it, sorted."""
    bar = f"{n}Bar"
    details = [{"name": "product details", "params": {"product_id": "058925f7-1763-4dd9-a057-50ee265e33a0"}}]
    published = [(f"{n}Foo{i}", details) for i in ("", "2", "3", "4", "5")]
    published += [(f"{n}Foo6", [{"name": "some other product list"}])]
    published += [(f"{n}Waffle{i}", [{"name": "product list"}]) for i in ("", "2")]
    for consumer, states in published:
        document = _states_pact(consumer, bar, states)
        assert publish_document(http.base_url, document, "1", branch="main").status_code == 200
    assert publish(http.base_url, f"{n}Foo", "2", bar, branch="not-main").status_code == 200
    assert http.get(f"/pacts/provider/{bar}/provider-states").json() == {
        "providerStates": [
            {
                "consumers": [f"{n}Foo", f"{n}Foo2", f"{n}Foo3", f"{n}Foo4", f"{n}Foo5"],
                "name": "product details",
                "params": {"product_id": "058925f7-1763-4dd9-a057-50ee265e33a0"},
            },
            {"consumers": [f"{n}Waffle", f"{n}Waffle2"], "name": "product list"},
            {"consumers": [f"{n}Foo6"], "name": "some other product list"},
        ]
    }


def test_interactions_in_another_order_are_the_same_pact_version(http, n):
    """spec/features/base_equality_only_on_content_that_affects_verification_results_spec.rb (the
    Pact Broker's default, true): the same interactions in another order, with other white space and
    key order, make no new pact version."""
    first = pact_json(f"{n}Foo", f"{n}Bar", "a request for something", "a request for another thing")
    reordered = json.loads(json.dumps(first))
    reordered["interactions"] = [dict(reversed(list(i.items()))) for i in reversed(reordered["interactions"])]
    assert publish_document(http.base_url, first, "1").status_code == 200
    content = base64.b64encode(json.dumps(reordered, indent=4).encode()).decode()
    body = {
        "pacticipantName": f"{n}Foo",
        "pacticipantVersionNumber": "2",
        "contracts": [
            {
                "consumerName": f"{n}Foo",
                "providerName": f"{n}Bar",
                "specification": "pact",
                "contentType": "application/json",
                "content": content,
            }
        ],
    }
    assert http.post("/contracts/publish", json=body).status_code == 200
    shas = {
        http.get(f"/pacts/provider/{n}Bar/consumer/{n}Foo/version/{v}").json()["_links"]["pb:pact-version"][
            "href"
        ]
        for v in ("1", "2")
    }
    assert len(shas) == 1  # two publications of one content


def test_the_integrations_as_a_graphviz_file(http, n):
    """spec/features/get_integrations_dot_file_spec.rb: `Accept: text/vnd.graphviz` gives the graph,
    `consumer -> provider` per integration (a space in a name as `_`)."""
    assert publish(http.base_url, f"{n}Foo", "1", f"{n}Bar").status_code == 200
    assert publish(http.base_url, f"{n}My Web", "1", f"{n}Bar").status_code == 200
    integrations = http.get("/").json()["_links"]["pb:integrations"]["href"]
    dot = http.get(integrations, headers={"accept": "text/vnd.graphviz"})
    assert dot.status_code == 200
    assert dot.headers["content-type"] == "text/vnd.graphviz;charset=utf-8"
    assert dot.text.startswith("digraph {") and dot.text.endswith("}\n")
    assert f"  {n}Foo -> {n}Bar\n" in dot.text and f"  {n}My_Web -> {n}Bar\n" in dot.text
    assert http.get("/integrations").headers["content-type"].startswith("application/hal+json")


def _verified_with_a_webhook(
    http: httpx.Client, receiver, consumer: str, provider: str, provider_tag: str | None = None
) -> None:
    """What metrics_spec.rb and get_dashboard_spec.rb start from: consumer version 1.2.3 (tagged prod)
    and its pact, verified by provider version 4.5.6 (on main, and tagged `provider_tag`), which sets
    off a webhook delivery."""
    assert publish(http.base_url, consumer, "1.2.3", provider, tags=["prod"]).status_code == 200
    hook = {
        "consumer": {"name": consumer},
        "events": [{"name": "provider_verification_published"}],
        "request": {"method": "POST", "url": f"{receiver.url}/{consumer}"},
    }
    assert http.post("/webhooks", json=hook).status_code == 201
    if provider_tag:
        tagged = http.put(f"/pacticipants/{provider}/versions/4.5.6/tags/{provider_tag}", json={})
        assert tagged.status_code == 201
    assert verify(http.base_url, consumer, "1.2.3", provider, "4.5.6", True, branch="main").status_code == 201
    receiver.wait_for(1)


def test_the_metrics(http, n, receiver):
    """spec/features/metrics_spec.rb: `GET /metrics` counts what the broker holds, by the Pact Broker's
    names; here, what one pact, its verification and a webhook delivery add."""
    before = http.get("/metrics").json()
    _verified_with_a_webhook(http, receiver, f"{n}Consumer", f"{n}Provider")

    after = http.get(http.get("/").json()["_links"]["pb:metrics"]["href"])  # the index links it
    assert after.status_code == 200 and after.headers["content-type"].startswith("application/hal+json")
    now = after.json()
    assert isinstance(now["pacticipants"], dict)

    def added(group: str, name: str = "count") -> int:
        return now[group][name] - before[group][name]

    assert (added("pacticipants"), added("integrations"), added("pactPublications")) == (2, 1, 1)
    assert (added("pactVersions"), added("pacticipantVersions"), added("tags")) == (1, 2, 1)
    assert (added("verificationResults"), added("verificationResults", "successCount")) == (1, 1)
    assert added("verificationResults", "failureCount") == 0
    assert (added("webhooks"), added("triggeredWebhooks")) == (1, 1)
    assert added("interactions", "latestInteractionsCount") == 1
    assert now["pactPublications"]["last"] >= now["pactPublications"]["first"]
    assert now["matrix"] == {"count": -1}
    assert set(now) == {
        "interactions",
        "pacticipants",
        "integrations",
        "pactPublications",
        "pactVersions",
        "pactRevisionsPerConsumerVersion",
        "verificationResults",
        "verificationResultsPerPactVersion",
        "pacticipantVersions",
        "webhooks",
        "tags",
        "triggeredWebhooks",
        "webhookExecutions",
        "matrix",
        "environments",
        "deployedVersions",
        "releasedVersions",
    }


def _dashboard_items(http: httpx.Client, provider: str, consumer: str) -> list[dict]:
    """The items of one integration's dashboard."""
    return http.get(f"/dashboard/provider/{provider}/consumer/{consumer}").json()["items"]


def test_the_dashboard(http, n, receiver):
    """spec/features/get_dashboard_spec.rb: a HAL list of items, one per head pact (the pair's newest,
    and the newest of each consumer version tag), with its verification status, newest activity first;
    `Accept: text/plain` gives the same as a table."""
    foo, bar = f"{n}Foo", f"{n}Bar"
    _verified_with_a_webhook(http, receiver, foo, bar, provider_tag="dev")

    answer = http.get("/dashboard")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/hal+json")
    assert isinstance(answer.json()["items"], list)
    [item] = [i for i in answer.json()["items"] if i["consumer"]["name"] == foo]
    base = http.base_url
    assert item["consumer"] == {
        "name": foo,
        "version": {
            "number": "1.2.3",
            "branch": None,
            "headBranchNames": [],
            "_links": {"self": {"href": f"{base}/pacticipants/{foo}/versions/1.2.3"}},
        },
        "_links": {"self": {"href": f"{base}/pacticipants/{foo}"}},
    }
    assert item["provider"]["version"] == {"number": "4.5.6", "branch": "main", "headBranchNames": ["main"]}
    assert (
        item["pact"]["_links"]["self"]["href"] == f"{base}/pacts/provider/{bar}/consumer/{foo}/version/1.2.3"
    )
    assert [(t["name"], t["latest"]) for t in item["pactTags"]] == [("prod", True)]
    assert item["latestVerificationResult"]["success"] is True
    assert item["latestVerificationResult"]["_links"]["self"]["href"] == (
        f"{base}/pacts/provider/{bar}/consumer/{foo}/version/1.2.3/verification-results/latest"
    )
    assert http.get(item["latestVerificationResult"]["_links"]["self"]["href"]).status_code == 200
    assert [t["name"] for t in item["latestVerificationResultTags"]] == ["dev"]
    assert (item["verificationStatus"], item["webhookStatus"]) == ("success", "none")
    assert (
        item["_links"]["pb:webhook-status"]["href"]
        == f"{base}/pacts/provider/{bar}/consumer/{foo}/webhooks/status"
    )

    # a newer, unverified pact heads the pair; the prod-tagged one stays as the head of its tag
    assert publish(http.base_url, foo, "1.2.4", bar, "a new request").status_code == 200
    items = _dashboard_items(http, bar, foo)
    assert [(i["consumer"]["version"]["number"], i["verificationStatus"]) for i in items] == [
        ("1.2.4", "never"),
        ("1.2.3", "success"),
    ]
    assert items[0]["provider"]["version"] is None and items[0]["latestVerificationResult"] is None

    text = http.get("/dashboard", headers={"accept": "text/plain"})
    assert text.status_code == 200 and text.headers["content-type"] == "text/plain;charset=utf-8"
    lines = text.text.splitlines()
    assert lines[0].split(" | ")[0].strip() == "CONSUMER_NAME"
    row = next(line for line in lines if line.startswith(f"{foo} ") and "1.2.3" in line)
    assert [cell.strip() for cell in row.split(" | ")] == [
        foo,
        "1.2.3",
        "prod",
        bar,
        "4.5.6",
        "dev",
        "success",
    ]
    assert http.get(f"/dashboard/provider/{bar}/consumer/{n}Nobody").status_code == 404

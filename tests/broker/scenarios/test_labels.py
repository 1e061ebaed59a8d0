"""Area 2: labels of pacticipants and `pb:label` queries."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx

from tests.broker.conftest import pact_cli


def _labels(broker: str, pacticipant: str) -> list[str]:
    body = httpx.get(f"{broker}/pacticipants/{pacticipant}").json()
    return [label["name"] for label in body["_embedded"]["labels"]]


def test_labelling_a_pacticipant_creates_the_label_then_finds_it(broker, n):
    """spec/features/label_pacticipant_spec.rb and get_label_spec.rb: PUT answers 201 with the label (the
    pacticipant is created when missing), again 200; GET answers it with links to itself and the
    pacticipant."""
    created = httpx.put(
        f"{broker}/pacticipants/{n}Foo/labels/ios", headers={"Content-Type": "application/json"}
    )
    assert created.status_code == 201
    assert created.headers["content-type"].startswith("application/hal+json")
    assert created.headers["location"] == f"{broker}/pacticipants/{n}Foo/labels/ios"
    assert created.json()["name"] == "ios"
    again = httpx.put(f"{broker}/pacticipants/{n}Foo/labels/ios")
    assert again.status_code == 200 and "location" not in again.headers
    got = httpx.get(f"{broker}/pacticipants/{n}Foo/labels/ios")
    assert got.status_code == 200 and got.json()["name"] == "ios" and got.json()["createdAt"]
    assert got.json()["_links"]["self"] == {
        "href": f"{broker}/pacticipants/{n}Foo/labels/ios",
        "title": "Label",
        "name": "ios",
    }
    assert got.json()["_links"]["pacticipant"]["href"] == f"{broker}/pacticipants/{n}Foo"
    assert httpx.get(f"{broker}/pacticipants/{n}Foo/labels/android").status_code == 404
    assert httpx.get(f"{broker}/pacticipants/{n}Nobody/labels/ios").status_code == 404
    too_long = httpx.put(f"{broker}/pacticipants/{n}Foo/labels/{'x' * 256}")
    assert too_long.status_code == 400 and too_long.headers["content-type"] == "application/problem+json"
    assert [label["name"] for label in httpx.get(f"{broker}/labels").json()["_embedded"]["labels"]].count(
        "x" * 256
    ) == 0


def test_the_pacticipant_embeds_its_labels_and_links_the_label_template(broker, n):
    """spec/lib/pact_broker/api/decorators/pacticipant_decorator_spec.rb ("includes embedded labels") and
    the approval fixture docs_pacticipants_pacticipant_get (`labels` empty, `pb:label` templated)."""
    assert httpx.post(f"{broker}/pacticipants", json={"name": f"{n}Foo"}).status_code == 201
    body = httpx.get(f"{broker}/pacticipants/{n}Foo").json()
    assert body["_embedded"]["labels"] == []
    assert body["_links"]["pb:label"] == {
        "href": f"{broker}/pacticipants/{n}Foo/labels/{{label}}",
        "title": f"Get, create or delete a label for {n}Foo",
        "templated": True,
    }
    for label in ("team/x", "consumer"):
        assert httpx.put(
            body["_links"]["pb:label"]["href"].replace("{label}", label.replace("/", "%2F"))
        ).is_success
    labels = httpx.get(f"{broker}/pacticipants/{n}Foo").json()["_embedded"]["labels"]
    assert [label["name"] for label in labels] == ["consumer", "team/x"]
    assert labels[1]["_links"]["self"]["href"] == f"{broker}/pacticipants/{n}Foo/labels/team%2Fx"
    assert httpx.get(labels[1]["_links"]["self"]["href"]).json()["name"] == "team/x"


def test_pacticipants_by_label(broker, n):
    """spec/features/get_pacticipants_by_label_spec.rb: only the pacticipants with the label; the
    pacticipants list links the query as `pb:pacticipants-with-label`."""
    label = f"{n}ios"
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/labels/{label}").status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/labels/{n}android").status_code == 201
    assert httpx.put(f"{broker}/pacticipants/{n}Baz/labels/{label}").status_code == 201
    template = httpx.get(f"{broker}/pacticipants").json()["_links"]["pb:pacticipants-with-label"]
    assert template["templated"] is True
    found = httpx.get(template["href"].replace("{label}", label))
    assert found.status_code == 200
    assert [p["name"] for p in found.json()["_embedded"]["pacticipants"]] == [f"{n}Baz", f"{n}Foo"]
    assert found.json()["_embedded"]["pacticipants"][0]["_embedded"]["labels"][0]["name"] == label
    paged = httpx.get(f"{broker}/pacticipants/label/{label}", params={"size": 1, "page": 2}).json()
    assert [p["name"] for p in paged["_embedded"]["pacticipants"]] == [f"{n}Foo"]
    assert paged["page"]["totalElements"] == 2
    assert httpx.get(f"{broker}/pacticipants/label/{n}none").json()["_embedded"]["pacticipants"] == []


def test_labels_lists_each_name_once(broker, n):
    """spec/features/get_labels_spec.rb: the distinct names, paginated with `size`/`page`."""
    for pacticipant in ("Foo", "Bar"):
        for label in ("ios", "consumer"):
            assert httpx.put(f"{broker}/pacticipants/{n}{pacticipant}/labels/{n}{label}").is_success
    names = [label["name"] for label in httpx.get(f"{broker}/labels").json()["_embedded"]["labels"]]
    assert sorted(name for name in names if name.startswith(n)) == [f"{n}consumer", f"{n}ios"]
    paged = httpx.get(f"{broker}/labels", params={"size": 1, "page": 1}).json()
    assert len(paged["_embedded"]["labels"]) == 1 and paged["page"]["size"] == 1 and "next" in paged["_links"]


def test_deleting_a_label(broker, n):
    """spec/features/delete_label_spec.rb: 204, only that pacticipant's label goes; a missing one is 404.
    Deleting the pacticipant deletes its labels."""
    for pacticipant in ("Foo", "Bar"):
        for label in ("ios", "consumer"):
            assert httpx.put(f"{broker}/pacticipants/{n}{pacticipant}/labels/{label}").status_code == 201
    assert httpx.delete(f"{broker}/pacticipants/{n}Foo/labels/ios").status_code == 204
    assert _labels(broker, f"{n}Foo") == ["consumer"] and _labels(broker, f"{n}Bar") == ["consumer", "ios"]
    assert httpx.delete(f"{broker}/pacticipants/{n}Foo/labels/ios").status_code == 404
    assert httpx.delete(f"{broker}/pacticipants/{n}Nobody/labels/ios").status_code == 404
    assert httpx.delete(f"{broker}/pacticipants/{n}Bar").status_code == 204
    assert httpx.put(f"{broker}/pacticipants/{n}Bar/labels/ios").status_code == 201  # a new Bar, a new label


def test_concurrent_labelling_leaves_one_label(broker, n):
    """10 concurrent PUTs of one label on a new pacticipant: one creates it (201), the others find it
    (200), none fails, and the pacticipant has the label once. Five times over."""
    for attempt in range(5):
        url = f"{broker}/pacticipants/{n}Foo{attempt}/labels/ios"
        with ThreadPoolExecutor(10) as pool:
            statuses = sorted(r.status_code for r in pool.map(httpx.put, [url] * 10))
        assert statuses == [200] * 9 + [201]
        assert _labels(broker, f"{n}Foo{attempt}") == ["ios"]


def test_the_pact_cli_describes_a_labelled_pacticipant(broker, n):
    """The real `pact broker describe-pacticipant --output json` shows the embedded labels (its text
    output shows no labels, for the Pact Broker neither)."""
    assert pact_cli(broker, "create-or-update-pacticipant", "--name", f"{n}Foo").code == 0
    assert httpx.put(f"{broker}/pacticipants/{n}Foo/labels/ios").status_code == 201
    described = pact_cli(broker, "describe-pacticipant", "--name", f"{n}Foo", "--output", "json")
    assert described.code == 0, described
    assert [label["name"] for label in json.loads(described.stdout)["_embedded"]["labels"]] == ["ios"]

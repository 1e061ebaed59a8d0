"""Area 1, publishing: `POST /contracts/publish`, `PUT` and `PATCH` of pacts, conflicts, and main branch
auto-detection."""

from __future__ import annotations

import json

import httpx

from tests.broker.conftest import pact_cli
from tests.broker.helpers import pact_json, publish


def test_publishing_on_main_sets_the_main_branch_so_main_branch_selectors_find_the_pact(broker, n, tmp_path):
    """spec/lib/pact_broker/pacticipants/service_spec.rb (maybe_set_main_branch: develop, main, master
    when main_branch is nil), through the official `pact broker publish --branch main`."""
    (tmp_path / "pact.json").write_text(json.dumps(pact_json(f"{n}Web", f"{n}Api")))
    published = pact_cli(
        broker, "publish", str(tmp_path / "pact.json"), "--consumer-app-version", "1", "--branch", "main"
    )
    assert published.code == 0, published.stderr
    assert httpx.get(f"{broker}/pacticipants/{n}Web").json()["mainBranch"] == "main"
    found = httpx.post(
        f"{broker}/pacts/provider/{n}Api/for-verification",
        json={"consumerVersionSelectors": [{"mainBranch": True}]},
    ).json()["_embedded"]["pacts"]
    assert len(found) == 1 and found[0]["_links"]["self"]["href"].startswith(broker)


def test_a_feature_branch_does_not_become_main_and_a_set_main_branch_stays(broker, n):
    """pacticipants/service_spec.rb: only the candidate names, and only while mainBranch is null."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", branch="feat/x").status_code == 200
    assert httpx.get(f"{broker}/pacticipants/{n}Web").json()["mainBranch"] is None
    assert publish(broker, f"{n}Web", "2", f"{n}Api", branch="master").status_code == 200
    assert publish(broker, f"{n}Web", "3", f"{n}Api", branch="develop").status_code == 200
    assert httpx.get(f"{broker}/pacticipants/{n}Web").json()["mainBranch"] == "master"


def test_put_with_changed_content_for_an_existing_version_is_a_conflict(broker, n):
    """spec/features/publish_pact_spec.rb: same content 200, changed content 409 (dangerous modification
    off), and the stored pact is unchanged."""
    url = f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1"
    assert httpx.put(url, json=pact_json(f"{n}Web", f"{n}Api", "a")).status_code == 201
    assert httpx.put(url, json=pact_json(f"{n}Web", f"{n}Api", "a")).status_code == 200
    changed = httpx.put(url, json=pact_json(f"{n}Web", f"{n}Api", "b"))
    assert changed.status_code == 409
    assert "Cannot change the content of the pact" in changed.json()["errors"]["contracts"][0]
    assert [i["description"] for i in httpx.get(url).json()["interactions"]] == ["a"]


def test_publish_contracts_with_changed_content_is_409_with_the_errors_shape(broker, n):
    """spec/features/publish_pact_all_in_one_spec.rb (conflict): 409, `errors.contracts`."""
    assert publish(broker, f"{n}Web", "1", f"{n}Api", "a").status_code == 200
    assert publish(broker, f"{n}Web", "1", f"{n}Api", "a").status_code == 200
    conflict = publish(broker, f"{n}Web", "1", f"{n}Api", "b")
    assert conflict.status_code == 409
    assert conflict.json()["errors"]["contracts"]
    notices = conflict.json()["notices"]
    assert [x["type"] for x in notices] == ["error", "info"] and '+      "description": "b"' in notices[1][
        "text"
    ]


def test_patch_merges_interactions(broker, n):
    """spec/features/merge_pact_spec.rb: 201 when new, 200 merged, 409 for a same-named interaction with
    other content, 400 when the names in the path differ from the pact's."""
    url = f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/version/1"
    created = httpx.patch(url, json=pact_json(f"{n}Web", f"{n}Api", "a"))
    assert created.status_code == 201 and created.headers["content-type"].startswith("application/hal+json")
    merged = httpx.patch(url, json=pact_json(f"{n}Web", f"{n}Api", "b"))
    assert merged.status_code == 200
    assert [i["description"] for i in merged.json()["interactions"]] == ["a", "b"]
    clash = pact_json(f"{n}Web", f"{n}Api", "a")
    clash["interactions"][0]["response"]["status"] = 500
    assert httpx.patch(url, json=clash).status_code == 409
    wrong = httpx.patch(
        f"{broker}/pacts/provider/{n}Other/consumer/{n}Web/version/1", json=pact_json(f"{n}Web", f"{n}Api")
    )
    assert wrong.status_code == 400 and "does not match" in wrong.text
    assert [i["description"] for i in httpx.get(url).json()["interactions"]] == ["a", "b"]


def test_a_first_publication_under_a_name_like_an_existing_one_is_409(broker, n):
    """spec/lib/pact_broker/pacticipants/find_potential_duplicate_pacticipant_names_spec.rb and the
    duplicate check of publish_pact_all_in_one_spec.rb (on by default): `user-service` after
    `UserService` is refused with the candidates named, nothing is written; once created explicitly,
    the name is accepted."""
    assert publish(broker, f"{n}UserWeb", "1", f"{n}UserService").status_code == 200
    similar = f"{n}-user-service"
    refused = publish(broker, f"{n}UserWeb", "2", similar)
    assert refused.status_code == 409
    assert f"{n}UserService" in refused.json()["errors"]["contracts"][0]
    put = httpx.put(
        f"{broker}/pacts/provider/{similar}/consumer/{n}UserWeb/version/2",
        json=pact_json(f"{n}UserWeb", similar),
    )
    assert put.status_code == 409
    assert httpx.get(f"{broker}/pacticipants/{similar}").status_code == 404
    assert httpx.get(f"{broker}/pacticipants/{n}UserWeb/versions/2").status_code == 404
    assert httpx.post(f"{broker}/pacticipants", json={"name": similar}).status_code == 201
    assert publish(broker, f"{n}UserWeb", "2", similar).status_code == 200


def _detected(response: httpx.Response) -> str:
    assert response.status_code == 200, response.text
    [events] = [n["text"] for n in response.json()["notices"] if n["text"].startswith("  Events detected: ")]
    return events.removeprefix("  Events detected: ")


def test_content_changed_is_judged_per_consumer_version_tag(broker, n):
    """spec/lib/pact_broker/pacts/service_spec.rb (create_or_update_pact's events): a new pact is
    compared with the previous pact of each of its version's tags (or the previous untagged one); the
    same content under a tag not used before is a change, the same content as the tag's previous is
    not; and contract_content_changed webhooks follow the same rule."""
    webhook = {
        "consumer": {"name": f"{n}Web"},
        "events": [{"name": "contract_content_changed"}],
        "request": {"method": "POST", "url": "https://example.org/changed"},
    }
    assert httpx.post(f"{broker}/pacticipants", json={"name": f"{n}Web"}).status_code == 201
    assert httpx.post(f"{broker}/webhooks", json=webhook).status_code == 201
    first = _detected(publish(broker, f"{n}Web", "1", f"{n}Api", "a", tags=["dev"]))
    assert first == (
        "contract_published, contract_content_changed (first time any pact published for this consumer "
        "with consumer version tagged dev)"
    )
    same = _detected(publish(broker, f"{n}Web", "2", f"{n}Api", "a", tags=["dev"]))
    assert same == (
        "contract_published (pact content is the same as previous version with tag dev and no new tags "
        "were applied)"
    )
    new_tag = _detected(publish(broker, f"{n}Web", "3", f"{n}Api", "a", tags=["prod"]))
    assert new_tag.endswith(
        "(first time any pact published for this consumer with consumer version tagged prod)"
    )
    changed = _detected(publish(broker, f"{n}Web", "4", f"{n}Api", "b", tags=["dev"]))
    assert changed.endswith("(pact content has changed since the last consumer version tagged with dev)")
    untagged = _detected(publish(broker, f"{n}Web", "5", f"{n}Api", "b"))
    assert untagged == "contract_published, contract_content_changed (first time untagged pact published)"
    status = httpx.get(f"{broker}/pacts/provider/{n}Api/consumer/{n}Web/webhooks/status").json()
    triggered = status["_embedded"]["triggeredWebhooks"]
    assert len(triggered) == 4  # versions 1, 3, 4 and 5; not 2

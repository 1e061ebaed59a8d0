"""Publishing: content SHA, conflicts, merge, bad input, size limit, and concurrent publishes."""

from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor

import httpx

from .helpers import pact_json, publish


def test_republishing_the_same_content_is_a_no_op_and_new_versions_share_the_pact_content(
    sqlite_broker: str,
) -> None:
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api", "a", "b").status_code == 200
    assert publish(broker, "Web", "1", "Api", "a", "b").status_code == 200
    # the same interactions in another order are the same content
    assert publish(broker, "Web", "2", "Api", "b", "a").status_code == 200
    one = httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/1").json()
    two = httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/2").json()
    assert one["_links"]["pb:pact-version"]["name"] == two["_links"]["pb:pact-version"]["name"]
    assert all(len(i["_id"]) == 40 for i in one["interactions"])


def test_changing_a_published_pact_is_a_conflict_unless_merged(sqlite_broker: str) -> None:
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api", "a").status_code == 200
    conflict = publish(broker, "Web", "1", "Api", "a", "b")
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"
    assert "Cannot change the content of the pact" in conflict.json()["detail"]
    assert len(httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/1").json()["interactions"]) == 1
    merged = publish(broker, "Web", "1", "Api", "b", on_conflict="merge")
    assert merged.status_code == 200
    descriptions = [
        i["description"]
        for i in httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/1").json()["interactions"]
    ]
    assert descriptions == ["a", "b"]


def test_the_older_put_publishes_and_conflicts_too(sqlite_broker: str) -> None:
    url = f"{sqlite_broker}/pacts/provider/Api/consumer/Web/version/1"
    assert httpx.put(url, json=pact_json("Web", "Api", "a")).status_code == 201
    assert httpx.put(url, json=pact_json("Web", "Api", "a")).status_code == 200
    assert httpx.put(url, json=pact_json("Web", "Api", "x")).status_code == 409
    wrong = httpx.put(url, json=pact_json("Other", "Api", "a"))
    assert wrong.status_code == 400 and "consumer.name" in wrong.json()["errors"]


def test_malformed_pacts_are_rejected_and_nothing_is_half_written(sqlite_broker: str) -> None:
    broker = sqlite_broker
    good = base64.b64encode(json.dumps(pact_json("Web", "Api")).encode()).decode()
    body = {
        "pacticipantName": "Web",
        "pacticipantVersionNumber": "1",
        "branch": "main",
        "contracts": [
            {"consumerName": "Web", "providerName": "Api", "content": good},
            {
                "consumerName": "Web",
                "providerName": "Other",
                "content": base64.b64encode(b"{not json").decode(),
            },
        ],
    }
    response = httpx.post(f"{broker}/contracts/publish", json=body)
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "contracts[1].content": [response.json()["errors"]["contracts[1].content"][0]]
    }
    assert "not valid JSON" in response.json()["detail"]
    # the first contract was not stored either
    assert httpx.get(f"{broker}/pacticipants/Web").status_code == 404
    missing = httpx.post(f"{broker}/contracts/publish", json={"pacticipantName": "Web"})
    assert missing.status_code == 400 and missing.headers["content-type"] == "application/problem+json"
    assert "contracts" in missing.json()["errors"]
    not_base64 = httpx.post(f"{broker}/contracts/publish", json={**body, "contracts": [{"content": "%%%"}]})
    assert not_base64.status_code == 400


def test_a_pact_over_the_size_limit_is_refused(tmp_path, monkeypatch) -> None:
    from accord.broker.api import create_app
    from accord.broker.settings import Settings

    from .conftest import serve

    served = serve(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'b.db'}", max_pact_bytes=2000)))
    try:
        big = publish(served.url, "Web", "1", "Api", *[f"request number {n}" for n in range(60)])
        assert big.status_code == 413
        assert big.json()["title"] == "Request body too large"
        put = httpx.put(
            f"{served.url}/pacts/provider/Api/consumer/Web/version/1",
            content=json.dumps(pact_json("Web", "Api", *[f"r{n}" for n in range(60)])),
            headers={"content-type": "application/json"},
        )
        assert put.status_code == 413
        assert publish(served.url, "Web", "1", "Api", "small").status_code == 200
    finally:
        served.stop()


def test_twenty_concurrent_publishes_of_the_same_pact_leave_one_pact_version(broker: str) -> None:
    with ThreadPoolExecutor(20) as pool:
        responses = list(
            pool.map(lambda _: publish(broker, "Web", "1", "Api", "a", branch="main", tags=["t"]), range(20))
        )
    assert [r.status_code for r in responses] == [200] * 20
    latest = httpx.get(f"{broker}/pacts/latest").json()["pacts"]
    assert len(latest) == 1
    versions = httpx.get(f"{broker}/pacticipants/Web/versions").json()["_embedded"]["versions"]
    assert [v["number"] for v in versions] == ["1"]
    assert [t["name"] for t in versions[0]["_embedded"]["tags"]] == ["t"]
    # and 20 concurrent publishes of different versions all land, sharing one content
    with ThreadPoolExecutor(20) as pool:
        responses = list(pool.map(lambda n: publish(broker, "Web", str(n + 2), "Api", "a"), range(20)))
    assert [r.status_code for r in responses] == [200] * 20
    shas = {
        httpx.get(f"{broker}/pacts/provider/Api/consumer/Web/version/{n}").json()["_links"][
            "pb:pact-version"
        ]["name"]
        for n in range(1, 22)
    }
    assert len(shas) == 1


def test_an_unexpected_fault_is_answered_as_a_problem_not_a_bare_500(tmp_path) -> None:
    import sqlite3

    from accord.broker.api import create_app
    from accord.broker.settings import Settings

    from .conftest import serve

    database = tmp_path / "b.db"
    served = serve(create_app(Settings(database_url=f"sqlite:///{database}")))
    try:
        assert publish(served.url, "Web", "1", "Api").status_code == 200
        with sqlite3.connect(database) as conn:  # the database changes under the broker's feet
            conn.execute("PRAGMA foreign_keys = OFF")
            conn.execute("DROP TABLE pacticipants")
        answer = httpx.get(f"{served.url}/pacticipants")
        assert answer.status_code == 500
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["title"] == "Internal server error" and "Traceback" not in answer.text
    finally:
        served.stop()

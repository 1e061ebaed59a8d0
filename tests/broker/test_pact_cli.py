"""The `pact` CLI's broker commands against accord's broker (SQLite): tags, versions, releases, undeployments."""

from __future__ import annotations

import json

import httpx

from .conftest import pact_cli
from .helpers import publish, verify


def test_version_tags_can_be_created_and_read_back(sqlite_broker: str) -> None:
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api", branch="main").status_code == 200
    created = pact_cli(
        broker, "create-version-tag", "--pacticipant", "Web", "--version", "1", "--tag", "prod", "blue"
    )
    assert created.code == 0, created.stderr
    described = pact_cli(
        broker, "describe-version", "--pacticipant", "Web", "--version", "1", "--output", "json"
    )
    assert described.code == 0, described.stderr
    assert sorted(t["name"] for t in json.loads(described.stdout)["_embedded"]["tags"]) == ["blue", "prod"]
    latest_prod = pact_cli(
        broker, "describe-version", "--pacticipant", "Web", "--latest", "prod", "--output", "json"
    )
    assert json.loads(latest_prod.stdout)["number"] == "1"
    # tagging an unknown version without --auto-create-version does not invent it
    pact_cli(broker, "create-version-tag", "--pacticipant", "Web", "--version", "9", "--tag", "prod")
    missing = pact_cli(
        broker, "describe-version", "--pacticipant", "Web", "--version", "9", "--output", "json"
    )
    assert missing.code != 0


def test_releases_support_ended_and_undeployment_change_can_i_deploy(sqlite_broker: str) -> None:
    broker = sqlite_broker
    assert pact_cli(broker, "create-environment", "--name", "mobile").code == 0
    assert publish(broker, "App", "1", "Api", branch="main").status_code == 200
    assert verify(broker, "App", "1", "Api", "a1", True).status_code == 201
    assert publish(broker, "App", "2", "Api", "a new request", branch="main").status_code == 200

    # the app version 1 is released to phones; Api a2 has not verified it yet
    assert (
        pact_cli(
            broker, "record-release", "--pacticipant", "App", "--version", "1", "--environment", "mobile"
        ).code
        == 0
    )
    assert pact_cli(broker, "create-or-update-version", "--pacticipant", "Api", "--version", "a2").code == 0
    blocked = pact_cli(
        broker, "can-i-deploy", "--pacticipant", "Api", "--version", "a2", "--to-environment", "mobile"
    )
    assert blocked.code != 0
    assert verify(broker, "App", "1", "Api", "a2", True).status_code == 201
    assert (
        pact_cli(
            broker, "can-i-deploy", "--pacticipant", "Api", "--version", "a2", "--to-environment", "mobile"
        ).code
        == 0
    )

    # App 2 (unverified) is released too: Api a2 must support it, so deployment is blocked again
    assert (
        pact_cli(
            broker, "record-release", "--pacticipant", "App", "--version", "2", "--environment", "mobile"
        ).code
        == 0
    )
    assert (
        pact_cli(
            broker, "can-i-deploy", "--pacticipant", "Api", "--version", "a2", "--to-environment", "mobile"
        ).code
        != 0
    )
    # ...until support for App 2 ends
    ended = pact_cli(
        broker, "record-support-ended", "--pacticipant", "App", "--version", "2", "--environment", "mobile"
    )
    assert ended.code == 0, ended.stdout + ended.stderr
    assert (
        pact_cli(
            broker, "can-i-deploy", "--pacticipant", "Api", "--version", "a2", "--to-environment", "mobile"
        ).code
        == 0
    )


def test_record_undeployment(sqlite_broker: str) -> None:
    broker = sqlite_broker
    assert pact_cli(broker, "create-environment", "--name", "test").code == 0
    assert publish(broker, "Web", "1", "Api").status_code == 200
    assert pact_cli(broker, "create-or-update-version", "--pacticipant", "Api", "--version", "a1").code == 0
    assert (
        pact_cli(
            broker, "record-deployment", "--pacticipant", "Api", "--version", "a1", "--environment", "test"
        ).code
        == 0
    )
    # Api a1 never verified Web 1: Web cannot go to test
    assert (
        pact_cli(
            broker, "can-i-deploy", "--pacticipant", "Web", "--version", "1", "--to-environment", "test"
        ).code
        != 0
    )
    undeployed = pact_cli(broker, "record-undeployment", "--pacticipant", "Api", "--environment", "test")
    assert undeployed.code == 0, undeployed.stdout + undeployed.stderr
    described = pact_cli(
        broker, "describe-version", "--pacticipant", "Api", "--version", "a1", "--output", "json"
    )
    assert json.loads(described.stdout)["_embedded"].get("deployedVersions", []) == []


def test_delete_branch_keeps_the_versions(sqlite_broker: str) -> None:
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api", branch="feat").status_code == 200
    deleted = pact_cli(broker, "delete-branch", "--pacticipant", "Web", "--branch", "feat")
    assert deleted.code == 0, deleted.stdout + deleted.stderr
    described = json.loads(
        pact_cli(
            broker, "describe-version", "--pacticipant", "Web", "--version", "1", "--output", "json"
        ).stdout
    )
    assert described["number"] == "1" and described["_embedded"]["branchVersions"] == []


def _pact_with_states(consumer: str, *states: dict) -> dict:
    return {
        "consumer": {"name": consumer},
        "provider": {"name": "Api"},
        "interactions": [
            {
                "description": f"request {i}",
                "providerStates": [state],
                "request": {"method": "GET", "path": f"/{i}"},
                "response": {"status": 200},
            }
            for i, state in enumerate(states)
        ],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
    }


def test_get_pacts_lists_and_downloads_the_pacts_of_a_branch(sqlite_broker: str, tmp_path) -> None:
    broker = sqlite_broker
    assert publish(broker, "Web", "1", "Api", "first", branch="main").status_code == 200
    assert publish(broker, "Web", "2", "Api", "second", branch="main").status_code == 200
    assert publish(broker, "Web", "3", "Api", "third", branch="feat").status_code == 200
    assert publish(broker, "App", "9", "Api", branch="main").status_code == 200
    for name in ("Web", "App"):
        pact_cli(broker, "create-or-update-pacticipant", "--name", name, "--main-branch", "main")

    def listed(*args: str) -> list[str]:
        got = pact_cli(broker, "get-pacts", "--provider", "Api", *args, "--output", "json")
        assert got.code == 0, got.stdout + got.stderr
        body = json.loads(got.stdout)  # a provider's list as `pacts`; a pair's as the broker answers it
        pacts = (
            body["pacts"] if "pacts" in body else [p["_links"]["self"] for p in body["_embedded"]["pacts"]]
        )
        return [p["title"] for p in pacts]

    assert listed() == [  # by consumer, then oldest first, as the Pact Broker lists them
        "Pact between App (9) and Api",
        "Pact between Web (1) and Api",
        "Pact between Web (2) and Api",
    ]
    assert listed("--latest") == ["Pact between App (9) and Api", "Pact between Web (2) and Api"]
    assert listed("--consumer", "Web", "--branch", "feat") == ["Pact between Web (3) and Api"]
    assert listed("--consumer", "Web", "--latest") == ["Pact between Web (2) and Api"]
    downloaded = pact_cli(
        broker,
        "get-pacts",
        "--provider",
        "Api",
        "--branch",
        "feat",
        "--download",
        "--download-dir",
        str(tmp_path),
    )
    assert downloaded.code == 0, downloaded.stderr
    pact = json.loads((tmp_path / "Web-Api-3.json").read_text())
    assert [i["description"] for i in pact["interactions"]] == ["third"]


def test_provider_states_lists_the_states_the_consumers_pacts_use(sqlite_broker: str) -> None:
    broker = sqlite_broker
    user = {"name": "a user exists", "params": {"id": 1}}
    for consumer, version, branch, states in (
        ("Web", "1", "main", (user, {"name": "no orders"})),
        ("App", "1", "main", (user,)),
        ("Web", "2", "feat", ({"name": "a feature flag is on"},)),
    ):
        assert (
            pact_cli(broker, "create-or-update-pacticipant", "--name", consumer, "--main-branch", "main").code
            == 0
        )
        put = httpx.put(
            f"{broker}/pacts/provider/Api/consumer/{consumer}/version/{version}",
            json=_pact_with_states(consumer, *states),
        )
        assert put.status_code == 201, put.text
        httpx.put(f"{broker}/pacticipants/{consumer}/branches/{branch}/versions/{version}", json={})
    main = httpx.get(f"{broker}/pacts/provider/Api/provider-states").json()["providerStates"]
    assert main == [
        {"name": "a user exists", "params": {"id": 1}, "consumers": ["App", "Web"]},
        {"name": "no orders", "consumers": ["Web"]},
    ]
    listed = pact_cli(broker, "provider-states", "list", "--provider", "Api", "--branch", "feat")
    assert listed.code == 0, listed.stderr
    assert "a feature flag is on" in listed.stdout and "no orders" not in listed.stdout
    assert pact_cli(broker, "create-environment", "--name", "production").code == 0
    recorded = pact_cli(
        broker, "record-deployment", "--pacticipant", "App", "--version", "1", "--environment", "production"
    )
    assert recorded.code == 0, recorded.stderr
    deployed = httpx.get(f"{broker}/pacts/provider/Api/provider-states/environment/production").json()
    assert deployed["providerStates"] == [
        {"name": "a user exists", "params": {"id": 1}, "consumers": ["App"]}
    ]

"""The `pact` CLI's broker commands against accord's broker (SQLite): tags, versions, releases, undeployments."""

from __future__ import annotations

import json

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

"""A broker with credentials: the official clients (the `pact` CLI, the Rust verifier) and accord's own
commands work with HTTP Basic users and bearer tokens; read-only ones read and cannot write;
nothing else gets in, except the heartbeat (and reading, when public reading is allowed)."""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.cli import accord

from .conftest import _broker, pact_cli
from .test_real_clients import CONSUMER, PROVIDER, pact_verifier, write_consumer_pact

WRITER = ("--broker-username", "ci", "--broker-password", "s3cret")
READER = ("--broker-username", "reader", "--broker-password", "look")
TOKEN = ("--broker-token", "t0ken-of-ci")


def test_without_credentials_only_the_heartbeat_answers(guarded):
    refused = httpx.get(f"{guarded}/pacticipants")
    assert refused.status_code == 401 and refused.headers["content-type"] == "application/problem+json"
    assert refused.headers["www-authenticate"].startswith("Basic ")
    wrong = httpx.get(f"{guarded}/pacticipants", auth=("ci", "guess"))
    assert wrong.status_code == 401
    assert httpx.get(f"{guarded}/pacticipants", auth=("ci", "s3cret")).status_code == 200
    assert httpx.get(f"{guarded}/diagnostic/status/heartbeat").json()["ok"] is True


def test_the_pact_cli_and_the_verifier_publish_verify_and_deploy_with_credentials(guarded, tmp_path: Path):
    broker = guarded
    pact_file = write_consumer_pact(tmp_path)
    published = pact_cli(
        broker, "publish", str(pact_file), "--consumer-app-version", "1.0.0", "--branch", "main", *WRITER
    )
    assert published.code == 0, published.stdout + published.stderr
    denied = pact_cli(broker, "publish", str(pact_file), "--consumer-app-version", "1.0.1", "--broker-username", "ci",
                      "--broker-password", "guess")  # fmt: skip
    assert denied.code != 0
    assert (
        pact_cli(
            broker, "create-or-update-pacticipant", "--name", CONSUMER, "--main-branch", "main", *TOKEN
        ).code
        == 0
    )

    verified = pact_verifier(broker, "--user", "ci", "--password", "s3cret")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "has a matching body" in verified.stdout  # the pact was fetched with the credentials and verified

    assert pact_cli(broker, "create-environment", "--name", "production", *TOKEN).code == 0
    for pacticipant, version in ((PROVIDER, "p1"), (CONSUMER, "1.0.0")):
        recorded = pact_cli(broker, "record-deployment", "--pacticipant", pacticipant, "--version", version,
                            "--environment", "production", *TOKEN)  # fmt: skip
        assert recorded.code == 0, recorded.stdout + recorded.stderr
    asked = pact_cli(broker, "can-i-deploy", "--pacticipant", CONSUMER, "--version", "1.0.0",
                     "--to-environment", "production", *READER)  # fmt: skip
    assert asked.code == 0, asked.stdout + asked.stderr


def test_read_only_credentials_read_and_cannot_write(guarded):
    broker = guarded
    assert (
        pact_cli(broker, "create-or-update-version", "--pacticipant", "Web", "--version", "1", *WRITER).code
        == 0
    )
    described = pact_cli(broker, "describe-version", "--pacticipant", "Web", "--version", "1", *READER)
    assert described.code == 0, described.stderr
    assert pact_cli(broker, "create-environment", "--name", "staging", *READER).code != 0
    forbidden = httpx.post(f"{broker}/environments", json={"name": "staging"}, auth=("reader", "look"))
    assert forbidden.status_code == 403
    assert (
        httpx.get(f"{broker}/environments", auth=("ci", "s3cret")).json()["_embedded"]["environments"] == []
    )


def test_accords_own_broker_commands_send_credentials(guarded, examples, monkeypatch):
    broker = guarded
    pacts = examples.parent / "pacts"
    refused = accord("broker", "publish", pacts, "--consumer-app-version", "1.0.0", "-b", broker)
    assert refused.code == 2 and "401" in refused.stderr
    monkeypatch.setenv("PACT_BROKER_USERNAME", "ci")
    monkeypatch.setenv("PACT_BROKER_PASSWORD", "s3cret")
    published = accord("broker", "publish", pacts, "--consumer-app-version", "1.0.0", "-b", broker)
    assert published.code == 0, published.stderr
    httpx.post(f"{broker}/environments", json={"name": "production"}, auth=("ci", "s3cret"))
    asked = accord("can-i-deploy", "--pacticipant", "UserWeb", "--version", "1.0.0", "--to-environment", "production",
                   "-b", broker, "--broker-token", "t0ken-of-ci", "--format", "json")  # fmt: skip
    assert asked.code == 1 and '"deployable":' in asked.stdout  # answered (not deployable yet), not refused


def test_public_reading_lets_anyone_read_but_not_write(sqlite_url):
    for broker in _broker(sqlite_url, token="t0ken-of-ci", allow_public_read=True):
        assert httpx.get(f"{broker}/pacticipants").status_code == 200
        assert httpx.post(f"{broker}/pacticipants", json={"name": "Web"}).status_code == 401
        made = httpx.post(
            f"{broker}/pacticipants", json={"name": "Web"}, headers={"Authorization": "Bearer t0ken-of-ci"}
        )
        assert made.status_code == 201

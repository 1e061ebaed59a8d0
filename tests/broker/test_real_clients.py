"""The official clients against accord's broker: pact-python writes and verifies, the `pact` CLI publishes,
records deployments and asks can-i-deploy. The same scenario runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pact import Pact, Verifier, match

from .conftest import PACT_CLI, CliResult, pact_cli, serve

CONSUMER, PROVIDER = "UserWeb", "UserService"


def record_deployment(broker: str, pacticipant: str, version: str) -> CliResult:
    """`pact broker record-deployment` of a version to production."""
    return pact_cli(broker, "record-deployment", "--pacticipant", pacticipant, "--version", version,
                    "--environment", "production")  # fmt: skip


def can_i_deploy(broker: str, pacticipant: str, version: str, *options: str) -> CliResult:
    """`pact broker can-i-deploy` of a version to production."""
    return pact_cli(broker, "can-i-deploy", "--pacticipant", pacticipant, "--version", version,
                    "--to-environment", "production", *options)  # fmt: skip


def write_consumer_pact(directory: Path, *, extra_field: bool = False) -> Path:
    """A pact-python consumer test: the consumer reads user 1 from the provider."""
    pact = Pact(CONSUMER, PROVIDER).with_specification("V3")
    body = {"id": match.int(1), "name": match.str("Alice")}
    if extra_field:
        body["email"] = match.str("alice@example.com")
    (
        pact.upon_receiving("a request for user 1")
        .given("user 1 exists")
        .with_request("GET", "/users/1")
        .will_respond_with(200)
        .with_body(body, content_type="application/json")
    )
    with pact.serve() as mock:
        response = httpx.get(f"{mock.url}/users/1")
        assert response.json()["name"] == "Alice"
    pact.write_file(directory, overwrite=True)
    return directory / f"{CONSUMER}-{PROVIDER}.json"


def provider_app(with_email: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/users/{user_id}")
    def user(user_id: int) -> dict:
        out = {"id": user_id, "name": "Alice"}
        if with_email:
            out["email"] = "alice@example.com"
        return out

    return app


def verify(broker: str, provider_url: str, version: str, *, branch: str = "main") -> Verifier:
    verifier = (
        Verifier(PROVIDER, host="127.0.0.1")
        .set_request_timeout(60_000)  # the machine running the suite may be busy
        .add_transport(url=provider_url)
        .broker_source(broker, selector=True)
        .consumer_version(main_branch=True)
        .consumer_version(deployed_or_released=True)
        .include_pending()
        .provider_branch(branch)
        .build()
        .set_publish_options(version, branch=branch)
    )
    return verifier.verify()


def pact_verifier(broker: str, *options: str) -> subprocess.CompletedProcess:
    """`pact verifier` (the CLI form of the Rust verifier) of the main branch's pacts against the
    provider, publishing the result as p1 on main."""
    provider = serve(provider_app(with_email=False))
    try:
        return subprocess.run(
            [
                PACT_CLI, "verifier", "--broker-url", broker, "--provider-name", PROVIDER,
                "--hostname", "127.0.0.1", "--port", provider.url.rsplit(":", 1)[1],
                "--consumer-version-selectors", '{"mainBranch": true}',
                "--provider-branch", "main", "--publish", "--provider-version", "p1", *options,
            ],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    finally:
        provider.stop()


def test_publish_verify_and_can_i_deploy_with_the_official_clients(broker: str, tmp_path: Path) -> None:
    pact_file = write_consumer_pact(tmp_path)
    published = pact_cli(
        broker, "publish", str(pact_file), "--consumer-app-version", "1.0.0", "--branch", "main"
    )
    assert published.code == 0, published.stderr + published.stdout
    assert (
        pact_cli(broker, "create-or-update-pacticipant", "--name", CONSUMER, "--main-branch", "main").code
        == 0
    )
    assert (
        pact_cli(broker, "create-or-update-pacticipant", "--name", PROVIDER, "--main-branch", "main").code
        == 0
    )

    # re-publishing the same content is a no-op, not a conflict
    again = pact_cli(broker, "publish", str(pact_file), "--consumer-app-version", "1.0.0", "--branch", "main")
    assert again.code == 0, again.stderr + again.stdout

    listed = pact_cli(broker, "list-latest-pact-versions", "--output", "json")
    assert listed.code == 0, listed.stderr
    pacts = json.loads(listed.stdout)["pacts"]
    assert [
        (p["_embedded"]["consumer"]["name"], p["_embedded"]["consumer"]["_embedded"]["version"]["number"])
        for p in pacts
    ] == [(CONSUMER, "1.0.0")]

    assert pact_cli(broker, "create-environment", "--name", "production", "--production").code == 0

    # nothing verified, provider not deployed: can-i-deploy says no (unknown)
    no = can_i_deploy(broker, CONSUMER, "1.0.0")
    assert no.code != 0, no.stdout

    provider = serve(provider_app(with_email=False))
    try:
        verifier = verify(broker, provider.url, "p1")
    finally:
        provider.stop()
    assert "a request for user 1" in verifier.output(strip_ansi=True)

    # the provider version is now on branch main, and its verification is in the matrix
    described = pact_cli(
        broker, "describe-version", "--pacticipant", PROVIDER, "--version", "p1", "--output", "json"
    )
    assert described.code == 0, described.stderr
    assert [b["name"] for b in json.loads(described.stdout)["_embedded"]["branchVersions"]] == ["main"]

    assert record_deployment(broker, PROVIDER, "p1").code == 0
    yes = can_i_deploy(broker, CONSUMER, "1.0.0")
    assert yes.code == 0, yes.stdout + yes.stderr
    assert "Computer says yes" in yes.stdout

    answer = json.loads(can_i_deploy(broker, CONSUMER, "1.0.0", "--output", "json").stdout)
    assert answer["summary"]["deployable"] is True
    [row] = answer["matrix"]
    assert (row["provider"]["version"]["number"], row["verificationResult"]["success"]) == ("p1", True)

    # the provider may go to production too: the consumer is not there yet, so nothing depends on it
    provider_ok = can_i_deploy(broker, PROVIDER, "p1")
    assert provider_ok.code == 0, provider_ok.stdout


def test_a_failed_verification_blocks_deployment_and_pending_pacts_do_not_fail_the_build(
    sqlite_broker: str, tmp_path: Path
) -> None:
    broker = sqlite_broker
    assert (
        pact_cli(broker, "create-or-update-pacticipant", "--name", CONSUMER, "--main-branch", "main").code
        == 0
    )
    assert pact_cli(broker, "create-environment", "--name", "production", "--production").code == 0
    pact_file = write_consumer_pact(tmp_path, extra_field=True)
    assert (
        pact_cli(
            broker, "publish", str(pact_file), "--consumer-app-version", "2.0.0", "--branch", "main"
        ).code
        == 0
    )

    provider = serve(provider_app(with_email=False))
    try:
        # the pact is pending for the provider's main branch: a failure is reported but does not raise
        pending = verify(broker, provider.url, "p1")
        assert "pending" in pending.output(strip_ansi=True).lower()
    finally:
        provider.stop()

    assert record_deployment(broker, PROVIDER, "p1").code == 0
    no = can_i_deploy(broker, CONSUMER, "2.0.0")
    assert no.code != 0
    assert "Computer says no" in no.stdout

    provider = serve(provider_app(with_email=True))
    try:
        verify(broker, provider.url, "p2")
    finally:
        provider.stop()
    # p2 verified successfully, but p1 is what runs in production
    assert can_i_deploy(broker, CONSUMER, "2.0.0").code != 0
    assert record_deployment(broker, PROVIDER, "p2").code == 0
    assert can_i_deploy(broker, CONSUMER, "2.0.0").code == 0

    # now the pact is no longer pending: a broken provider fails the build
    provider = serve(provider_app(with_email=False))
    try:
        with pytest.raises(RuntimeError):
            verify(broker, provider.url, "p3")
    finally:
        provider.stop()


def test_the_pact_cli_verifier_verifies_and_publishes(sqlite_broker: str, tmp_path: Path) -> None:
    """`pact verifier` (the CLI form of the Rust verifier) against the broker, then can-i-deploy."""
    broker = sqlite_broker
    pact_file = write_consumer_pact(tmp_path)
    assert (
        pact_cli(
            broker, "publish", str(pact_file), "--consumer-app-version", "1.0.0", "--branch", "main"
        ).code
        == 0
    )
    assert (
        pact_cli(broker, "create-or-update-pacticipant", "--name", CONSUMER, "--main-branch", "main").code
        == 0
    )
    verified = pact_verifier(broker, "--enable-pending")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "This pact is no longer pending for branch main of UserService." in verified.stdout
    assert pact_cli(broker, "create-environment", "--name", "production").code == 0
    assert record_deployment(broker, PROVIDER, "p1").code == 0
    assert can_i_deploy(broker, CONSUMER, "1.0.0").code == 0

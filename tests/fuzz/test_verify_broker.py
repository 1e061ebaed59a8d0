"""`accord verify` against our broker: pacts published with the official `pact` CLI, results published by
`accord verify`, then `accord can-i-deploy` decides from them."""

from __future__ import annotations

import json

import httpx

from tests.broker.conftest import pact_cli
from tests.cli import accord

from .consumer_pacts import write_inventory_pact
from .pact_provider import make_app


def _ok(result) -> None:
    assert result.code == 0, result.stdout + result.stderr


def test_verify_from_the_broker_publish_and_gate_with_can_i_deploy(broker, serve, tmp_path):
    pacts = tmp_path / "pacts"
    write_inventory_pact(pacts)
    _ok(pact_cli(broker, "publish", str(pacts), "--consumer-app-version", "1.0.0", "--branch", "main"))
    _ok(pact_cli(broker, "create-or-update-pacticipant", "--name", "inventory-web", "--main-branch", "main"))
    _ok(pact_cli(broker, "create-environment", "--name", "production", "--production"))
    _ok(pact_cli(broker, "record-deployment", "--pacticipant", "inventory-web", "--version", "1.0.0",
                 "--environment", "production"))  # fmt: skip

    def verify(app, version: str):
        url = serve(app)
        return accord(
            "verify", "--provider", "inventory", "--url", url, "--broker-url", broker,
            "--selector", "mainBranch=true", "--selector", "deployedOrReleased=true",
            "--state-url", f"{url}/_pact/provider-states",
            "--publish", "--provider-version", version, "--provider-branch", "main",
        )  # fmt: skip

    good = verify(make_app(tmp_path / "good.json"), "2.0.0")
    _ok(good)
    assert "Verifying a pact between inventory-web and inventory" in good.stdout
    assert f"results published to {broker} for inventory 2.0.0 (branch main)" in good.stdout

    yes = accord("can-i-deploy", "--pacticipant", "inventory", "--version", "2.0.0",
                 "--to-environment", "production", "--broker-base-url", broker)  # fmt: skip
    _ok(yes)
    assert "inventory-web 1.0.0 -> inventory 2.0.0: success" in yes.stdout and "deployable: yes" in yes.stdout

    bad = verify(make_app(tmp_path / "bad.json", broken=True), "2.0.1")
    assert bad.code == 1, bad.stdout + bad.stderr
    assert "$.id -> Expected '42' (String) to be an integer" in bad.stdout

    no = accord("can-i-deploy", "--pacticipant", "inventory", "--version", "2.0.1",
                "--to-environment", "production", "--broker-base-url", broker)  # fmt: skip
    assert no.code == 1, no.stdout + no.stderr
    assert "inventory-web 1.0.0 -> inventory 2.0.1: failed" in no.stdout and "deployable: no" in no.stdout


def test_pending_pacts_do_not_fail_the_build(broker, serve, tmp_path):
    pacts = tmp_path / "pacts"
    write_inventory_pact(pacts, consumer="inventory-mobile")
    _ok(pact_cli(broker, "publish", str(pacts), "--consumer-app-version", "0.1.0", "--branch", "feat-x"))
    url = serve(make_app(tmp_path / "store.json", broken=True))
    args = (
        "verify", "--provider", "inventory", "--url", url, "--broker-url", broker,
        "--consumer-version-selectors", '[{"branch": "feat-x"}]', "--provider-branch", "main",
        "--state-url", f"{url}/_pact/provider-states", "--format", "json",
    )  # fmt: skip
    strict = accord(*args)
    assert strict.code == 1, strict.stdout + strict.stderr
    pending = accord(*args, "--enable-pending")
    assert pending.code == 0, pending.stdout + pending.stderr
    summary = json.loads(pending.stdout)["summary"]
    assert summary == {"interactions": 2, "failed": 0, "pending_failed": 1}


def test_wip_pacts_are_verified_when_asked_for(broker, serve, tmp_path):
    pacts = tmp_path / "pacts"
    write_inventory_pact(pacts, consumer="inventory-mobile")
    _ok(pact_cli(broker, "publish", str(pacts), "--consumer-app-version", "0.1.0", "--branch", "feat-y"))
    url = serve(make_app(tmp_path / "store.json"))
    args = (
        "verify", "--provider", "inventory", "--url", url, "--broker-url", broker,
        "--selector", "mainBranch=true", "--provider-branch", "main", "--enable-pending",
        "--state-url", f"{url}/_pact/provider-states", "--format", "json",
    )  # fmt: skip
    # the feature-branch pact matches no selector: without WIP nothing is verified, and that fails
    without = accord(*args)
    assert without.code == 1, without.stdout + without.stderr
    assert json.loads(without.stdout)["summary"]["interactions"] == 0
    _ok(wip := accord(*args, "--include-wip-pacts-since", "2020-01-01"))
    assert json.loads(wip.stdout)["summary"] == {"interactions": 2, "failed": 0, "pending_failed": 0}


def _not_published(broker: str, provider: str, version: str) -> None:
    """Publishing results creates the provider version; nothing verified must create nothing."""
    response = httpx.get(f"{broker}/pacticipants/{provider}/versions/{version}")
    assert response.status_code == 404, response.text


def test_nothing_to_verify_fails_with_one_line_and_publishes_nothing(broker, serve, tmp_path):
    pacts = tmp_path / "pacts"
    write_inventory_pact(pacts)
    _ok(pact_cli(broker, "publish", str(pacts), "--consumer-app-version", "1.0.0", "--branch", "main"))
    url = serve(make_app(tmp_path / "store.json"))
    publish = ("--url", url, "--broker-url", broker, "--publish", "--provider-version", "9.9.9",
               "--provider-branch", "main", "--state-url", f"{url}/_pact/provider-states")  # fmt: skip
    cases = [
        (("--provider", "inventroy", "--selector", "mainBranch=true"), "inventroy"),  # misspelt provider
        (("--provider", "inventory", "--selector", "branch=no-such-branch"), "inventory"),
        (("--provider", "inventory", "--consumer-version-selectors", '[{"tag": "prod"}]'), "inventory"),
    ]
    for args, provider in cases:
        r = accord("verify", *args, *publish)
        assert r.code == 1, (args, r.stdout, r.stderr)
        assert r.stdout == "" and r.stderr.count("\n") == 1, (args, r.stdout, r.stderr)
        assert (
            f"no pact with interactions for provider {provider!r} in the broker {broker} matching" in r.stderr
        )
        _not_published(broker, provider, "9.9.9")
        ignored = accord("verify", *args, *publish, "--ignore-no-pacts-error")
        assert ignored.code == 0, (args, ignored.stdout, ignored.stderr)
        assert ignored.stdout == "" and ignored.stderr.count("\n") == 1, (args, ignored.stderr)
        assert "nothing was verified (ignored: --ignore-no-pacts-error)" in ignored.stderr
        _not_published(broker, provider, "9.9.9")
    # the same provider and broker with a selector that matches: verified and published
    _ok(accord("verify", "--provider", "inventory", "--selector", "branch=main", *publish))
    assert httpx.get(f"{broker}/pacticipants/inventory/versions/9.9.9").status_code == 200


def test_a_published_pact_without_interactions_verifies_nothing(broker, serve, tmp_path):
    pacts = tmp_path / "pacts"
    pacts.mkdir()
    (pacts / "c1-quiet.json").write_text(
        json.dumps({"consumer": {"name": "c1"}, "provider": {"name": "quiet"}, "interactions": [],
                    "metadata": {"pactSpecification": {"version": "3.0.0"}}})
    )  # fmt: skip
    _ok(pact_cli(broker, "publish", str(pacts), "--consumer-app-version", "1.0.0", "--branch", "main"))
    url = serve(make_app(tmp_path / "store.json"))
    r = accord("verify", "--provider", "quiet", "--url", url, "--broker-url", broker, "--selector",
               "branch=main", "--publish", "--provider-version", "1.0.0")  # fmt: skip
    assert r.code == 1, r.stdout + r.stderr
    assert "no pact with interactions for provider 'quiet'" in r.stderr
    _not_published(broker, "quiet", "1.0.0")

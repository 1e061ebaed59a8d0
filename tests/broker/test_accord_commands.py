"""accord's own client commands against the broker: publish, record-deployment, can-i-deploy."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli import accord

from .helpers import environment, pact_json, verify


def test_publish_record_deployment_and_can_i_deploy(sqlite_broker: str, tmp_path: Path) -> None:
    broker = sqlite_broker
    (tmp_path / "pacts").mkdir()
    (tmp_path / "pacts" / "Web-Api.json").write_text(json.dumps(pact_json("Web", "Api", "a")))
    published = accord(
        "broker",
        "publish",
        tmp_path / "pacts",
        "--consumer-app-version",
        "1",
        "--branch",
        "main",
        "-b",
        broker,
    )
    assert published.code == 0, published.stderr
    assert "Pact successfully published for Web version 1 and provider Api." in published.stdout
    environment(broker, "production")

    unknown = accord(
        "can-i-deploy",
        "--pacticipant",
        "Web",
        "--version",
        "1",
        "--to-environment",
        "production",
        "-b",
        broker,
    )
    assert unknown.code == 1
    assert "deployable: unknown" in unknown.stdout
    assert "Web 1 -> Api -: unknown" in unknown.stdout
    # retrying while unknown still ends with exit 1 when nothing changes
    retried = accord(
        "can-i-deploy",
        "--pacticipant",
        "Web",
        "--version",
        "1",
        "--to-environment",
        "production",
        "--retry-while-unknown",
        "1",
        "--retry-interval",
        "0",
        "-b",
        broker,
    )
    assert retried.code == 1

    verify(broker, "Web", "1", "Api", "a1", True)
    deployed = accord(
        "broker",
        "record-deployment",
        "--pacticipant",
        "Api",
        "--version",
        "a1",
        "--environment",
        "production",
        "-b",
        broker,
    )
    assert deployed.code == 0, deployed.stderr
    yes = accord(
        "can-i-deploy",
        "--pacticipant",
        "Web",
        "--version",
        "1",
        "--to-environment",
        "production",
        "-b",
        broker,
    )
    assert yes.code == 0, yes.stdout
    assert "Web 1 -> Api a1: success" in yes.stdout
    as_json = accord(
        "can-i-deploy",
        "-a",
        "Web",
        "-e",
        "1",
        "--to-environment",
        "production",
        "-b",
        broker,
        "--format",
        "json",
    )
    assert json.loads(as_json.stdout)["summary"]["deployable"] is True


def test_bad_input_exits_2_with_one_line(sqlite_broker: str, tmp_path: Path) -> None:
    broker = sqlite_broker
    nowhere = accord("can-i-deploy", "-a", "Web", "-e", "1", "--to-environment", "production", "-b", broker)
    assert nowhere.code == 2
    assert "Pacticipant Web not found" in nowhere.stderr and len(nowhere.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    assert accord("broker", "publish", bad, "-a", "1", "-b", broker).code == 2
    unreachable = accord(
        "can-i-deploy", "-a", "Web", "-e", "1", "--to-environment", "p", "-b", "http://127.0.0.1:9"
    )
    assert unreachable.code == 2 and "cannot reach the broker" in unreachable.stderr
    no_env = accord("broker", "record-deployment", "-a", "Web", "-e", "1", "--environment", "x", "-b", broker)
    assert no_env.code == 2


def test_serve_with_an_unusable_database_exits_2() -> None:
    result = accord("broker", "serve", "--database-url", "postgresql://nobody@127.0.0.1:1/none")
    assert result.code == 2
    assert result.stderr.startswith(
        "accord: cannot open the broker database postgresql://nobody@127.0.0.1:1/none"
    )

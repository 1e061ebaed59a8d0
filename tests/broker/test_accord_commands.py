"""accord's own client commands against the broker: publish, record-deployment, record-release,
create-environment, create-or-update-pacticipant, can-i-deploy (with --dry-run)."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.cli import accord
from tests.docs.shown import run_shown, shell_blocks

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


def test_create_environment_as_the_pact_cli_does(sqlite_broker: str) -> None:
    created = accord(
        "broker", "create-environment", "--name", "production", "--display-name", "Production",
        "--production", "--contact-name", "Ops", "--contact-email-address", "ops@example.org", "-b", sqlite_broker,
    )  # fmt: skip
    assert created.code == 0, created.stderr
    assert created.stdout.startswith("Created production environment in the Pact Broker with UUID ")
    uuid = created.stdout.split()[-1]
    stored = httpx.get(f"{sqlite_broker}/environments/{uuid}").json()
    assert (stored["name"], stored["displayName"], stored["production"]) == ("production", "Production", True)
    assert stored["contacts"] == [{"name": "Ops", "details": {"emailAddress": "ops@example.org"}}]

    # --output id prints the uuid alone (for scripts), --output json the broker's resource
    test_uuid = accord("broker", "create-environment", "--name", "test", "-o", "id", "-b", sqlite_broker)
    assert (
        test_uuid.code == 0
        and httpx.get(f"{sqlite_broker}/environments/{test_uuid.stdout.strip()}").json()["production"]
        is False
    )
    as_json = accord("broker", "create-environment", "--name", "uat", "--output", "json", "-b", sqlite_broker)
    assert json.loads(as_json.stdout)["name"] == "uat"

    again = accord("broker", "create-environment", "--name", "production", "-b", sqlite_broker)
    assert again.code == 2
    assert again.stderr.strip().splitlines() == [
        f"accord: POST {sqlite_broker}/environments answered 400: "
        "name 'production' is already used by an existing environment."
    ]


def test_create_or_update_pacticipant_changes_only_the_fields_given(sqlite_broker: str) -> None:
    created = accord(
        "broker", "create-or-update-pacticipant", "--name", "Api", "--main-branch", "main",
        "--repository-url", "https://git.example.org/api", "-b", sqlite_broker,
    )  # fmt: skip
    assert (created.code, created.stdout) == (0, "Pacticipant 'Api' created successfully\n"), created.stderr
    updated = accord(
        "broker", "create-or-update-pacticipant", "--name", "Api", "--display-name", "The API",
        "--main-branch", "trunk", "-b", sqlite_broker,
    )  # fmt: skip
    assert (updated.code, updated.stdout) == (0, "Pacticipant 'Api' updated successfully\n"), updated.stderr
    stored = httpx.get(f"{sqlite_broker}/pacticipants/Api").json()
    assert (stored["displayName"], stored["mainBranch"], stored["repositoryUrl"]) == (
        "The API",
        "trunk",
        "https://git.example.org/api",
    )
    as_json = accord(
        "broker", "create-or-update-pacticipant", "--name", "Api", "-o", "json", "-b", sqlite_broker
    )
    assert json.loads(as_json.stdout)["mainBranch"] == "trunk"


def test_pipelines_setting_up_one_pacticipant_at_once_all_succeed(broker: str) -> None:
    """Each is one PATCH that creates or updates, so concurrent pipelines never collide (SQLite and
    PostgreSQL)."""

    def set_up(n: int):
        return accord("broker", "create-or-update-pacticipant", "--name", "Shared", "--main-branch", "main",
                      "--repository-url", f"https://git.example.org/{n}", "-b", broker)  # fmt: skip

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(set_up, range(6)))
    assert [r.code for r in results] == [0] * 6, [r.stderr for r in results]
    assert sum("created" in r.stdout for r in results) == 1
    [shared] = [p for p in httpx.get(f"{broker}/pacticipants").json()["_embedded"]["pacticipants"]
                if p["name"] == "Shared"]  # fmt: skip
    assert shared["mainBranch"] == "main"


def test_record_release_and_deployment_name_the_environment(sqlite_broker: str, tmp_path: Path) -> None:
    broker = sqlite_broker
    (tmp_path / "Web-Api.json").write_text(json.dumps(pact_json("Web", "Api", "a")))
    assert (
        accord(
            "broker", "publish", tmp_path / "Web-Api.json", "-a", "1", "--branch", "main", "-b", broker
        ).code
        == 0
    )
    environment(broker, "production")
    released = accord("broker", "record-release", "--pacticipant", "Web", "--version", "1",
                      "--environment", "production", "-b", broker)  # fmt: skip
    assert released.code == 0, released.stderr
    assert (
        released.stdout == "Recorded release of Web version 1 to production environment in the Pact Broker.\n"
    )
    [environment_uuid] = [
        e["uuid"] for e in httpx.get(f"{broker}/environments").json()["_embedded"]["environments"]
    ]
    released_versions = httpx.get(
        f"{broker}/environments/{environment_uuid}/released-versions/currently-supported"
    ).json()["_embedded"]["releasedVersions"]
    assert [r["_embedded"]["version"]["number"] for r in released_versions] == ["1"]
    deployed = accord("broker", "record-deployment", "-a", "Web", "-e", "1", "--environment", "production",
                      "--application-instance", "blue", "-o", "json", "-b", broker)  # fmt: skip
    assert deployed.code == 0, deployed.stderr
    assert json.loads(deployed.stdout)["applicationInstance"] == "blue"
    nowhere = accord(
        "broker", "record-release", "-a", "Web", "-e", "1", "--environment", "moon", "-b", broker
    )
    assert (nowhere.code, nowhere.stderr) == (2, "accord: no environment named moon on the broker\n")
    no_version = accord(
        "broker", "record-release", "-a", "Web", "-e", "9", "--environment", "production", "-b", broker
    )
    assert no_version.code == 2 and len(no_version.stderr.splitlines()) == 1


def test_can_i_deploy_dry_run_prints_the_verdict_and_exits_0(sqlite_broker: str, tmp_path: Path) -> None:
    broker = sqlite_broker
    (tmp_path / "Web-Api.json").write_text(json.dumps(pact_json("Web", "Api", "a")))
    assert accord("broker", "publish", tmp_path, "-a", "1", "-b", broker).code == 0
    environment(broker, "production")
    ask = ("can-i-deploy", "-a", "Web", "-e", "1", "--to-environment", "production", "-b", broker)
    assert accord(*ask).code == 1
    dry = accord(*ask, "--dry-run")
    assert dry.code == 0
    assert "deployable: unknown" in dry.stdout
    assert dry.stdout.endswith("dry run: exit code 0 whatever the verdict (--dry-run)\n")
    # the pact CLI's environment variable does the same; JSON stays one document on stdout
    by_env = accord(*ask, "--format", "json", env={"PACT_BROKER_CAN_I_DEPLOY_DRY_RUN": "true"})
    assert by_env.code == 0
    assert json.loads(by_env.stdout)["summary"]["deployable"] is None
    assert "dry run" in by_env.stderr
    # bad input is still bad input
    unknown = accord("can-i-deploy", "-a", "Nobody", "-e", "1", "--to-environment", "production", "-b", broker,
                     "--dry-run")  # fmt: skip
    assert unknown.code == 2


def test_the_readme_pipeline_without_the_pact_cli_runs_as_written(sqlite_broker: str) -> None:
    block = shell_blocks("README.md", after="A pipeline needs no `pact` CLI")[0]
    assert block.count("accord ") == 6
    proc = run_shown(block, env={"PACT_BROKER_BASE_URL": sqlite_broker})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "deployable: unknown" in proc.stdout and "dry run" in proc.stdout
    assert "Recorded release of UserWeb version 1.0.0 to production environment" in proc.stdout
    assert httpx.get(f"{sqlite_broker}/pacticipants/UserWeb").json()["mainBranch"] == "main"

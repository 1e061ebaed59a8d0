"""The CI examples in examples/ci/ run, job by job and command by command, against a real `accord broker
serve` (with a bearer token, as a hosted one would have) and a real provider. The commands come from the
YAML itself (`run:` of each GitHub Actions step, `before_script:` + `script:` of each GitLab job), so the
files and this test cannot drift apart. Only the commands that stand for the user's own project are
replaced (HERE_INSTEAD), and each of those must appear in every file word for word."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.docs.shown import run_shown

from .conftest import broker_process, serve

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / "examples" / "ci"
TOKEN = "ci-secret"
CONSUMER_SHA, PROVIDER_SHA = "1c0ffee1", "2beef002"


def _write_pacts(work: Path) -> None:
    """What the consumer's pact tests do: write its pacts into pacts/."""
    (work / "pacts").mkdir(exist_ok=True)
    shutil.copy(ROOT / "examples" / "pacts" / "UserWeb-UserService.json", work / "pacts")


# The user's own commands, replaced here: None skips them (accord is installed, there is nothing to deploy,
# the provider is already running on PROVIDER_URL).
HERE_INSTEAD: dict[str, Callable[[Path], None] | None] = {
    'pip install "$ACCORD_REQUIREMENT"': None,
    "pytest tests/pact": _write_pacts,
    "./scripts/start-provider": None,
    "./scripts/deploy production": None,
}


@dataclass
class Job:
    name: str
    commands: list[str]
    env: dict[str, str]


def _github_env(values: dict[str, str], settings: dict[str, str]) -> dict[str, str]:
    """`env:` values, each `${{ a || b }}` expression evaluated as GitHub does (the first non-empty of the
    named values) from `settings`: the run's context (`github.sha`, ...), variables and secrets."""

    def expression(match: re.Match[str]) -> str:
        names = [name.strip() for name in match[1].split("||")]
        for name in names:
            assert name in settings, f"the test gives no value for ${{{{ {name} }}}}"
        return next((settings[name] for name in names if settings[name]), "")

    return {key: re.sub(r"\$\{\{(.*?)\}\}", expression, str(v)) for key, v in (values or {}).items()}


def github_jobs(settings: dict[str, str]) -> dict[str, Job]:
    """Every job of every workflow, as `workflow/job`."""
    jobs = {}
    for file in sorted((CI / "github-actions").glob("*.yml")):
        workflow = yaml.safe_load(file.read_text())
        assert workflow["defaults"]["run"]["shell"] == "bash", file  # bash -eo pipefail, as run here
        for name, job in workflow["jobs"].items():
            commands = []
            for step in job["steps"]:
                if "run" in step:
                    assert "${{" not in step["run"], f"{file.name}: pass values in env:, not in run: ({step})"
                    assert "env" not in step and "if" not in step, f"{file.name}: not run here: {step}"
                    commands.append(step["run"])
            env = _github_env(workflow.get("env"), settings) | _github_env(job.get("env"), settings)
            jobs[f"{file.stem}/{name}"] = Job(f"{file.name} {name}", commands, env)
    return jobs


def gitlab_jobs() -> dict[str, Job]:
    pipeline = yaml.safe_load((CI / "gitlab-ci.yml").read_text())
    jobs = {}
    for name, job in pipeline.items():
        if name.startswith(".") or not isinstance(job, dict) or "script" not in job:
            continue
        template = pipeline[job["extends"]] if "extends" in job else {}
        commands = [*job.get("before_script", template.get("before_script", [])), *job["script"]]
        jobs[name] = Job(
            f"gitlab-ci.yml {name}", commands, {**pipeline["variables"], **job.get("variables", {})}
        )
    return jobs


def run_job(job: Job, work: Path, context: dict[str, str]) -> list[subprocess.CompletedProcess]:
    """Each command in order with bash -eo pipefail, as both CI systems run them; stops at the first
    failure. The job's env is overridden by `context` (the CI system's own variables, the provider URL)."""
    env = {"PACT_DO_NOT_TRACK": "true", **job.env, **context}
    done = []
    for command in job.commands:
        if command.strip() in HERE_INSTEAD:
            replacement = HERE_INSTEAD[command.strip()]
            if replacement is not None:
                replacement(work)
            continue
        proc = run_shown(command, cwd=work, env=env)
        done.append(proc)
        if proc.returncode != 0:
            break
    return done


def _passed(job: Job, runs: list[subprocess.CompletedProcess]) -> str:
    """The job's output; fails the test naming the command that failed."""
    for proc in runs:
        assert proc.returncode == 0, (
            f"{job.name}: `{proc.args[-1]}` exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
        )
    return "".join(proc.stdout for proc in runs)


def provider_app() -> Starlette:
    """UserService: user 1 exists only once the provider-state endpoint has set it up."""
    users: dict[str, dict] = {}

    async def user(request: Request) -> Response:
        found = users.get(request.path_params["user_id"])
        return JSONResponse(found) if found else JSONResponse({"title": "Not Found"}, status_code=404)

    async def provider_states(request: Request) -> Response:
        body = await request.json()
        if body["state"] == "user 1 exists":
            if body.get("action", "setup") == "setup":
                users["1"] = {"id": 1, "name": "Alice"}
            else:
                users.pop("1", None)
        return JSONResponse({})

    return Starlette(
        routes=[
            Route("/users/{user_id}", user),
            Route("/_pact/provider-states", provider_states, methods=["POST"]),
        ]
    )


def git(work: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(work), *args], check=True, capture_output=True)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A clone of a repository whose main branch holds the example contracts in api/, on a branch
    `feature` with a compatible change; a branch `breaking` removes an operation."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "config", "user.email", "ci@example.org")
    git(origin, "config", "user.name", "CI")
    shutil.copytree(ROOT / "examples" / "contracts", origin / "api")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "contracts")
    subprocess.run(["git", "clone", "-q", str(origin), str(tmp_path / "work")], check=True)
    work = tmp_path / "work"
    git(work, "config", "user.email", "ci@example.org")
    git(work, "config", "user.name", "CI")
    orders = work / "api" / "orders.yaml"
    text = orders.read_text()
    git(work, "checkout", "-qb", "breaking")
    orders.write_text(text.replace("  /orders/{orderId}:", "  /order/{orderId}:"))
    git(work, "commit", "-qam", "rename a path")
    git(work, "checkout", "-q", "main")
    git(work, "checkout", "-qb", "feature")
    orders.write_text(text.replace("summary: List orders", "summary: List the orders"))
    git(work, "commit", "-qam", "a clearer summary")
    return work


def _github_run(
    sha: str, ref_name: str, *, head_sha: str = "", head_ref: str = "", base_ref: str = ""
) -> tuple[dict[str, str], dict[str, str]]:
    """A run's expression context, and the variables GitHub sets in its steps' environment."""
    context = {
        "github.sha": sha,
        "github.ref_name": ref_name,
        "github.head_ref": head_ref,
        "github.event.pull_request.head.sha": head_sha,
    }
    env = {
        "GITHUB_SHA": sha,
        "GITHUB_REF_NAME": ref_name,
        "GITHUB_BASE_REF": base_ref,
        "GITHUB_HEAD_REF": head_ref,
        "GITHUB_SERVER_URL": "https://github.example.org",
        "GITHUB_REPOSITORY": "shop/app",
        "GITHUB_RUN_ID": "7",
    }
    return context, env


def _gitlab_context(broker: str, sha: str, ref_name: str, target: str = "") -> dict[str, str]:
    return {
        "CI_COMMIT_SHA": sha,
        "CI_COMMIT_REF_NAME": ref_name,
        "CI_DEFAULT_BRANCH": "main",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": target,
        "CI_PROJECT_URL": "https://gitlab.example.org/shop/app",
        "CI_JOB_URL": "https://gitlab.example.org/shop/app/-/jobs/7",
        # set under Settings > CI/CD > Variables
        "PACT_BROKER_BASE_URL": broker,
        "PACT_BROKER_TOKEN": TOKEN,
    }


def plan(system: str, broker: str) -> list[tuple[str, Job, dict[str, str]]]:
    """The jobs of one CI system in the order a team's pipelines run them (the broker set up once; a pull
    request's contract checks; the consumer publishes from the pull request's branch, then from main; the provider verifies, then deploys;
    the consumer deploys), each with the CI system's variables for that run."""
    steps = []
    if system == "github-actions":
        pull_request = _github_run(
            "9e7ge009", "4/merge", head_sha="3feed003", head_ref="feature", base_ref="main"
        )
        consumer, provider = _github_run(CONSUMER_SHA, "main"), _github_run(PROVIDER_SHA, "main")
        repository = {"vars.PACT_BROKER_BASE_URL": broker, "secrets.PACT_BROKER_TOKEN": TOKEN}
        for name, (context, env) in [
            ("broker-setup/environments", consumer),
            ("contracts/check", pull_request),
            ("consumer/pacts", pull_request),
            ("consumer/pacts", consumer),
            ("provider/verify", provider),
            ("provider/deploy", provider),
            ("consumer/deploy", consumer),
        ]:
            jobs = github_jobs({**context, **repository})
            steps.append((name, jobs[name], env))
    else:
        jobs = gitlab_jobs()
        merge_request = _gitlab_context(broker, "3feed003", "feature", target="main")
        consumer = _gitlab_context(broker, CONSUMER_SHA, "main")
        provider = _gitlab_context(broker, PROVIDER_SHA, "main")
        for name, env in [
            ("broker-setup", consumer),
            ("contracts", merge_request),
            ("consumer-pacts", merge_request),
            ("consumer-pacts", consumer),
            ("provider-verify", provider),
            ("provider-deploy", provider),
            ("consumer-deploy", consumer),
        ]:
            steps.append((name, jobs[name], env))
    assert set(jobs) == {name for name, _, _ in steps}, "every job of the example runs here"
    return steps


@pytest.mark.parametrize("system", ["github-actions", "gitlab"])
def test_the_ci_example_runs_against_a_real_broker(system: str, work: Path, tmp_path: Path) -> None:
    files = (
        sorted((CI / "github-actions").glob("*.yml"))
        if system == "github-actions"
        else [CI / "gitlab-ci.yml"]
    )
    text = "\n".join(file.read_text() for file in files)
    for command in HERE_INSTEAD:
        assert command in text, f"{system}: the example no longer runs `{command}`; update HERE_INSTEAD"

    if system == "gitlab":  # GitLab clones the pipeline's branch only: the job fetches the target itself
        git(work, "update-ref", "-d", "refs/remotes/origin/main")
    provider = serve(provider_app())
    database = f"sqlite:///{tmp_path / 'broker.sqlite3'}"
    try:
        with broker_process(database, env={"ACCORD_BROKER_TOKEN": TOKEN}) as broker:
            assert httpx.get(broker + "/").status_code == 401  # the pipeline's token is what lets it in
            steps = plan(system, broker)
            outputs = {}
            for name, job, context in steps:
                outputs[name] = _passed(job, run_job(job, work, {**context, "PROVIDER_URL": provider.url}))

            verified = outputs["provider/verify" if system == "github-actions" else "provider-verify"]
            assert "accord verify: UserService verified: 1 interaction(s), 0 failed" in verified
            headers = {"Authorization": f"Bearer {TOKEN}"}
            [production] = [
                e
                for e in httpx.get(f"{broker}/environments", headers=headers).json()["_embedded"][
                    "environments"
                ]
                if e["name"] == "production"
            ]
            deployed = httpx.get(
                f"{broker}/environments/{production['uuid']}/deployed-versions/currently-deployed",
                headers=headers,
            ).json()["_embedded"]["deployedVersions"]
            assert sorted(
                (d["_embedded"]["pacticipant"]["name"], d["_embedded"]["version"]["number"]) for d in deployed
            ) == [("UserService", PROVIDER_SHA), ("UserWeb", CONSUMER_SHA)]
            # a pull request publishes as the branch's head commit, not the CI system's merge commit
            from_branch = httpx.get(
                f"{broker}/pacticipants/UserWeb/versions/3feed003", headers=headers
            ).json()
            assert [b["name"] for b in from_branch["_embedded"]["branchVersions"]] == ["feature"]
            web = httpx.get(f"{broker}/pacticipants/UserWeb", headers=headers).json()
            assert (web["mainBranch"], web["repositoryUrl"]) != (None, None)

            # the same contract checks refuse a pull request that breaks the contract
            git(work, "checkout", "-q", "breaking")
            [(_, contracts, pull_request)] = [step for step in steps if step[0].startswith("contracts")]
            runs = run_job(contracts, work, pull_request)
            assert runs[-1].returncode == 1, runs[-1].stdout + runs[-1].stderr
            assert "accord diff" in runs[-1].args[-1]
    finally:
        provider.stop()

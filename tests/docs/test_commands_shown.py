"""Every `accord` command that README.md and docs/ show is exercised: the ones that read files
(validate, inspect, bundle, lint, diff, changelog, checks, compat, generate) run for real, from a
copy of the examples, and must not exit 2 (bad input) or crash; the ones that serve or talk to
services (mock, gateway, broker, fuzz, verify, can-i-deploy) must parse against the real CLI — every
option shown exists and takes the value shown — and each is run end to end by the test named in
RUN_ELSEWHERE."""

from __future__ import annotations

import functools
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import typer.core
import typer.main

from accord.cli import app
from tests.docs.shown import ROOT, run_shown, shell_blocks

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "examples" / "shop" / "README.md"]
OFFLINE = {"validate", "inspect", "bundle", "lint", "diff", "changelog", "checks", "compat", "generate"}
# Where the commands that need a running service are run for real.
RUN_ELSEWHERE = {
    "mock": "tests/generators/mock/, tests/accord/test_lifecycle_agreement.py, scripts/demo",
    "gateway": "tests/gateway/test_zero_trust_example.py, tests/gateway/test_discovery_example.py, scripts/demo",
    "broker": "tests/broker/test_accord_commands.py, tests/broker/test_ci_examples.py, "
    "tests/broker/test_bidirectional.py, scripts/demo",
    "can-i-deploy": "tests/broker/test_accord_commands.py, tests/broker/test_bidirectional.py, scripts/demo",
    "fuzz": "tests/fuzz/",
    "verify": "tests/fuzz/test_verify*.py, scripts/demo",
}
# Placeholder names the pages use for "your contract"/"your pact", given example files to stand on.
PLACEHOLDERS = {
    "openapi.yaml": "examples/contracts/orders.yaml",
    "orders.yaml": "examples/contracts/orders.yaml",
    "api/openapi.yaml": "examples/contracts/orders.yaml",
    "api/orders.yaml": "examples/contracts/orders.yaml",
    "pact.json": "examples/compat/OrdersWeb-OrderService.json",
}


def shown_commands() -> list[tuple[str, str]]:
    """(page, command line) for each `accord ...` line in a shell code block, continuations joined."""
    found = []
    for page in PAGES:
        for block in shell_blocks(page):
            for line in re.sub(r"\\\n\s*", " ", block).splitlines():
                line = line.strip().removeprefix("$ ")
                if line.startswith("accord "):
                    found.append((page.relative_to(ROOT).as_posix(), line))
    return found


COMMANDS = shown_commands()


def words(line: str) -> list[str]:
    """The command's words, without a trailing comment, redirection or `&`."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars="&>|")
    lexer.whitespace_split = True
    lexer.commenters = "#"
    out = []
    for word in lexer:
        if word in ("&", ">", "|", ">>"):
            break
        out.append(word)
    return out


def test_the_pages_show_commands() -> None:
    assert len(COMMANDS) > 60
    assert {words(line)[1] for _, line in COMMANDS} >= OFFLINE | set(RUN_ELSEWHERE) - {"checks"}


def remaining(context) -> list[str]:
    """What a group's context left for its subcommand (the vendored click keeps it private)."""
    protected = getattr(context, "protected_args", None) or getattr(context, "_protected_args", [])
    return [*protected, *context.args]


@functools.cache
def cli() -> typer.core.TyperGroup:
    """accord's command line as click parses it, built once (parsing leaves it as it was)."""
    return typer.main.get_command(app)


@pytest.mark.parametrize(("page", "line"), COMMANDS, ids=[f"{p}:{i}" for i, (p, _) in enumerate(COMMANDS)])
def test_the_command_parses(page: str, line: str) -> None:
    args = [
        os.path.expandvars(a) if not a.startswith("$") else "http://127.0.0.1:9292" for a in words(line)[1:]
    ]
    command = cli()
    context = command.make_context("accord", list(args), resilient_parsing=False)
    while hasattr(command, "resolve_command") and (left := remaining(context)):
        name, command, rest = command.resolve_command(context, left)
        assert command is not None, f"{page}: {line}: no command {name}"
        context = command.make_context(name, rest, parent=context)


@functools.cache
def run_by_tests() -> str:
    """The text of everything the suite runs: tests, scripts/demo, the CI examples it replays."""
    files = [
        *(ROOT / "tests").rglob("*.py"),
        ROOT / "scripts" / "demo",
        *(ROOT / "examples" / "ci").rglob("*.y*ml"),
    ]
    return "\n".join(path.read_text() for path in files if path.name != Path(__file__).name)


SERVING = [(p, line) for p, line in COMMANDS if words(line)[1] not in OFFLINE]


@pytest.mark.parametrize(("page", "line"), SERVING, ids=[f"{p}:{i}" for i, (p, _) in enumerate(SERVING)])
def test_each_option_of_a_serving_command_is_run_by_a_test(page: str, line: str) -> None:
    """Its command words and every option it shows appear in what the suite runs (RUN_ELSEWHERE): an
    option as written, or as the keyword the command passes it on as (`--dynamic`, `dynamic=`)."""
    corpus = run_by_tests()
    shown = words(line)
    subcommand = [w for w in shown[1:3] if not w.startswith("-") and "/" not in w and "." not in w]
    options = [w.split("=")[0] for w in shown if w.startswith("--")]
    missing = [w for w in subcommand if f'"{w}"' not in corpus and f" {w} " not in corpus]
    missing += [o for o in options if o not in corpus and f"{o[2:].replace('-', '_')}=" not in corpus]
    assert not missing, f"{page}: `{line}`: nothing the suite runs uses {missing}"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the examples (and the one bad fixture a page shows), one commit deep."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        ROOT / "examples",
        root / "examples",
        ignore=shutil.ignore_patterns("*_api", "*_client", "shop_events"),
    )
    (root / "tests" / "contracts" / "fixtures" / "bad").mkdir(parents=True)
    shutil.copy(
        ROOT / "tests/contracts/fixtures/bad/empty.yaml", root / "tests/contracts/fixtures/bad/empty.yaml"
    )
    for name, source in PLACEHOLDERS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / source, root / name)
        shutil.copy(root / "examples/contracts/schemas.yaml", (root / name).parent / "schemas.yaml")
    for ignore in (".accord-diff-ignore", ".accord-diff-levels"):
        (root / ignore).write_text("")
    git = ["git", "-c", "user.name=docs", "-c", "user.email=docs@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "examples"], cwd=root, check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=root, check=True)
    return root


# The same command shown on two pages runs once.
OFFLINE_COMMANDS = list(
    {tuple(words(line)): (p, line) for p, line in COMMANDS if words(line)[1] in OFFLINE}.values()
)


@pytest.mark.parametrize(
    ("page", "line"), OFFLINE_COMMANDS, ids=[f"{p}:{i}" for i, (p, _) in enumerate(OFFLINE_COMMANDS)]
)
def test_the_command_runs(page: str, line: str, sandbox: Path) -> None:
    done = run_shown(line, cwd=sandbox)
    said = done.stdout + done.stderr
    # A page that shows an unreadable fixture shows the bad-input exit on purpose.
    expected = (2,) if "fixtures/bad/" in line else (0, 1)
    assert done.returncode in expected, f"{page}: `{line}` exited {done.returncode}:\n{said[-2000:]}"
    assert "Traceback" not in said

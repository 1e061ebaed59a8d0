"""docs/mock.md run as written: each section's commands (leniency, `--strict`, the request log, proxy
mode, callbacks, webhooks) are run against `accord mock` in a subprocess, with curl, and what the
page says they print is what they print. The page's `meetings.yaml` and `books.yaml` are the
fixtures imperfect.yaml and xml.yaml copied under those names; its ports are replaced by free ones."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli import accord

from .conftest import FIXTURES
from .running import Receiver, running_mock, serving

ROOT = Path(__file__).resolve().parents[3]
PAGE = (ROOT / "docs" / "mock.md").read_text()


def section(heading: str) -> str:
    """The text under a `### ` heading, up to the next heading."""
    start = PAGE.index(f"### {heading}\n")
    following = re.search(r"^#{2,3} ", PAGE[start + 4 :], re.M)
    return PAGE[start : start + 4 + following.start()] if following else PAGE[start:]


def steps(heading: str, index: int = 0) -> list[tuple[str, list[str]]]:
    """The commands of the section's bash block `index`, each with the `# ` lines that follow it."""
    blocks = re.findall(r"^ *```bash\n(.*?)^ *```", section(heading), re.S | re.M)
    found: list[tuple[str, list[str]]] = []
    for line in (raw.strip() for raw in blocks[index].splitlines()):
        if line.startswith("# "):
            found[-1][1].append(line[2:])
        elif line:
            found.append((line.split("  #", 1)[0].strip(), []))
    assert found, f"no commands under {heading!r}"
    return found


def text_block(heading: str) -> list[str]:
    return re.search(r"```text\n(.*?)```", section(heading), re.S).group(1).splitlines()


def shell(command: str, ports: dict[str, str], cwd: Path) -> str:
    """A curl line of the page, silent, run with the page's addresses replaced."""
    for page_address, real in ports.items():
        command = command.replace(page_address, real)
    argv = shlex.split(command)
    assert argv[0] == "curl", command
    assert shutil.which("curl"), "the page's commands use curl: install it (apt-get install curl)"
    done = subprocess.run([*argv, "-s", "--max-time", "30"], capture_output=True, text=True, cwd=cwd)
    assert done.returncode == 0, (command, done.stderr)
    return done.stdout


def the_mock(command: str) -> list[str]:
    """The arguments after `accord mock` of the page's command."""
    argv = shlex.split(command)
    assert argv[:2] == ["accord", "mock"], command
    return argv[2:]


@pytest.fixture
def meetings(tmp_path: Path) -> Path:
    shutil.copy(FIXTURES / "imperfect.yaml", tmp_path / "meetings.yaml")
    return tmp_path


def test_lenient_start_prints_the_located_warnings_shown(meetings: Path, free_port: int) -> None:
    [(command, _)] = steps("Imperfect contracts: lenient by default, `--strict` for CI")
    shown = text_block("Imperfect contracts: lenient by default, `--strict` for CI")
    with running_mock(*the_mock(command)[:1], free_port, cwd=meetings) as mock:
        shell("curl http://127.0.0.1:4010/meetings", {"127.0.0.1:4010": f"127.0.0.1:{free_port}"}, meetings)
        mock.wait_for("example 'default'")
    for line in shown:
        assert line.replace(":4010", f":{free_port}") in mock.lines, (line, mock.lines)


def test_strict_exits_2_with_the_one_line_shown(meetings: Path, free_port: int) -> None:
    [(command, [expected])] = steps("Imperfect contracts: lenient by default, `--strict` for CI", 1)
    result = accord("mock", *the_mock(command), "--port", free_port, cwd=meetings, timeout=60)
    assert result.code == 2
    assert result.stderr.strip() == expected


def test_the_request_log_lists_and_clears_as_shown(meetings: Path, free_port: int) -> None:
    (start, _), (post, _), (listing, [entry]), (clear, _) = steps("The request log: what the mock saw")
    ports = {"127.0.0.1:4010": f"127.0.0.1:{free_port}"}
    with running_mock(*the_mock(start), free_port, cwd=meetings):
        shell(post, ports, meetings)
        [logged] = json.loads(shell(listing, ports, meetings))
        cleared = shell(clear + " -w %{http_code}", ports, meetings)
        after = json.loads(shell(listing, ports, meetings))
    shown = dict(re.findall(r'"(\w+)": ("[^"]*"|\d+)', entry))
    assert shown.pop("time") == '"..."' and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+Z", logged["time"])
    for key, value in shown.items():
        assert logged[key] == json.loads(value), key
    assert cleared == "204" and after == []


def test_proxy_mode_falls_back_as_shown(free_port: int) -> None:
    (start, _), (call, said) = steps("Proxy mode: validate a real API")
    contracts = ROOT / "examples" / "contracts"
    with serving(Receiver) as upstream:
        start = start.replace("http://127.0.0.1:8000", upstream)
        with running_mock(*the_mock(start)[:1], free_port, *the_mock(start)[1:], cwd=contracts):
            answer = shell(call, {"127.0.0.1:4010": f"127.0.0.1:{free_port}"}, contracts)
    head = answer.split("\r\n\r\n", 1)[0].lower()
    assert "501" in said[0] and "x-accord-fallback: true" in said[0].lower()
    assert head.startswith("http/1.1 200") and "x-accord-fallback: true" in head


def test_a_callback_is_made_as_shown(meetings: Path, free_port: int) -> None:
    (start, _), (post, said) = steps("Callbacks")
    with serving(Receiver) as receiver, running_mock(*the_mock(start), free_port, cwd=meetings) as mock:
        ports = {"127.0.0.1:4010": f"127.0.0.1:{free_port}", "http://127.0.0.1:9000": receiver}
        shell(post, ports, meetings)
        path, _, body = Receiver.received.get(timeout=15)
        logged = said[-1].replace("http://127.0.0.1:9000", receiver)
        mock.wait_for(logged)
    assert path == "/hooks" and json.loads(body)["event"] == "meeting.started"


def test_a_webhook_is_sent_as_shown(tmp_path: Path, free_port: int) -> None:
    shutil.copy(FIXTURES / "xml.yaml", tmp_path / "books.yaml")
    (start, _), (listing, [listed]), (send, [sent]) = steps("Webhooks (OpenAPI 3.1)")
    with serving(Receiver) as receiver, running_mock(*the_mock(start), free_port, cwd=tmp_path):
        ports = {"127.0.0.1:4010": f"127.0.0.1:{free_port}", "http://127.0.0.1:9000": receiver}
        assert json.loads(shell(listing, ports, tmp_path)) == json.loads(listed)
        answer = json.loads(shell(send, ports, tmp_path))
        path, _, _ = Receiver.received.get(timeout=15)
    assert answer == json.loads(sent.replace("http://127.0.0.1:9000", receiver))
    assert path == "/hooks"

"""One reader for `x-sunset`: diff, lint, the mock and the gateway agree on every value.

The same values go through the real command line (`accord diff`, `accord lint`, `accord mock`,
`accord gateway`, each a subprocess, the servers answering real HTTP): what is valid (an RFC 3339
date or date-time, as oasdiff reads it), which date it means, and where an invalid one is written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import orjson
import pytest

from tests.cli import accord
from tests.gateway import upstream as upstream_app
from tests.gateway.servers import GatewayProcess, write_config
from tests.servers import ThreadServer, free_port


@dataclass(frozen=True)
class Case:
    name: str
    yaml: str  # the x-sunset value as written in the contract
    sunset: str | None  # the Sunset header it means; None: invalid, no header
    passed: bool = False  # the sunset is behind us


CASES = [
    Case("date", "'2030-01-01'", "Tue, 01 Jan 2030 00:00:00 GMT"),
    Case("bare-date", "2030-01-01", "Tue, 01 Jan 2030 00:00:00 GMT"),  # a YAML timestamp, kept as written
    Case("date-time", "2030-01-01T10:00:00Z", "Tue, 01 Jan 2030 10:00:00 GMT"),
    Case("offset", "'2030-01-01T10:00:00.250+02:00'", "Tue, 01 Jan 2030 08:00:00 GMT"),
    Case("past", "'2020-01-01'", "Wed, 01 Jan 2020 00:00:00 GMT", passed=True),
    Case("basic", "'20300101'", None),
    Case("number", "20300101", None),
    Case("space", "2030-01-01 10:00:00", None),
    Case("lower-case", "'2030-01-01t10:00:00z'", None),
    Case("garbage", "next spring", None),
]


def _contract(deprecated: bool, with_sunset: bool) -> str:
    lines = ["openapi: 3.0.3", "info: {title: Lifecycle, version: 1.0.0}", "paths:"]
    for case in CASES:
        lines += [f"  /{case.name}:", "    get:", f"      operationId: get-{case.name}"]
        if deprecated:
            lines.append("      deprecated: true")
        if with_sunset:
            lines.append(f"      x-sunset: {case.yaml}")
        lines += ["      responses:", "        '200':", "          description: ok"]
    return "\n".join(lines) + "\n"


def _sunset_lines(text: str) -> dict[str, int]:
    """Case name -> the line its x-sunset is written on."""
    found, current = {}, None
    for number, line in enumerate(text.splitlines(), 1):
        if match := re.fullmatch(r"  /([\w-]+):", line):
            current = match[1]
        elif "x-sunset:" in line:
            found[current] = number
    return found


@pytest.fixture(scope="module")
def contracts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lifecycle")
    (folder / "current.yaml").write_text(_contract(deprecated=False, with_sunset=False))
    (folder / "deprecated.yaml").write_text(_contract(deprecated=True, with_sunset=True))
    (folder / "removed.yaml").write_text(
        "openapi: 3.0.3\ninfo: {title: Lifecycle, version: 2.0.0}\npaths: {}\n"
    )
    return folder


@pytest.fixture(scope="module")
def lines(contracts: Path) -> dict[str, int]:
    return _sunset_lines((contracts / "deprecated.yaml").read_text())


def _diff(base: Path, revision: Path) -> list[dict]:
    result = accord("diff", base, revision, "--format", "json")
    assert result.code in (0, 1), result.stderr
    return orjson.loads(result.stdout)["changes"]


def _case_of(change: dict) -> str:
    return change["operation"].split("/", 1)[1]


def test_diff(contracts: Path, lines: dict[str, int]) -> None:
    deprecating = _diff(contracts / "current.yaml", contracts / "deprecated.yaml")
    invalid = {_case_of(c): c for c in deprecating if c["id"] == "endpoint-sunset-invalid"}
    assert set(invalid) == {c.name for c in CASES if c.sunset is None}
    for name, change in invalid.items():
        assert change["level"] == "ERR"
        assert change["revision"]["line"] == lines[name]
        assert "is not an RFC 3339 date (2030-01-01) or date-time (2030-01-01T10:00:00Z)" in change["message"]
    added = {_case_of(c) for c in deprecating if c["id"] == "endpoint-sunset-changed"}
    assert added == {c.name for c in CASES if c.sunset is not None}

    removing = {_case_of(c): c for c in _diff(contracts / "deprecated.yaml", contracts / "removed.yaml")}
    for case in CASES:
        change = removing[case.name]
        if case.sunset is None:
            assert change["id"] == "endpoint-sunset-invalid"
            assert change["base"]["line"] == lines[case.name]
        elif case.passed:
            assert change["id"] == "path-removed-with-deprecation"
        else:
            assert change["id"] == "path-removed-before-sunset"


def test_lint(contracts: Path, lines: dict[str, int]) -> None:
    result = accord("lint", contracts / "deprecated.yaml", "--ruleset", "accord:governance", "-f", "json")
    assert result.code == 1, result.stderr
    findings = [f for f in orjson.loads(result.stdout)["findings"] if f["rule"] == "deprecated-has-sunset"]
    by_line = {f["line"]: f["message"] for f in findings}
    for case in CASES:
        message = by_line.get(lines[case.name])
        if case.sunset is None:
            assert message is not None and "is not an RFC 3339 date" in message, case
        elif case.passed:
            assert message is not None and message.startswith("x-sunset 2020-01-01 is less than 90 days away")
        else:
            assert message is None, (case, message)
    assert len(findings) == sum(1 for c in CASES if c.sunset is None or c.passed)


def _warnings(stderr: str, contract: Path) -> dict[int, str]:
    """Line -> warning, for each located x-sunset warning a server printed."""
    found = {}
    for line in stderr.splitlines():
        if match := re.search(rf"{re.escape(str(contract))}:(\d+):\d+: (x-sunset .*)", line):
            found[int(match[1])] = match[2]
    return found


def _expect_warnings(stderr: str, contract: Path, lines: dict[str, int]) -> None:
    warned = _warnings(stderr, contract)
    assert set(warned) == {lines[c.name] for c in CASES if c.sunset is None}, stderr
    assert all(
        "is not an RFC 3339 date" in w and w.endswith("ignored (no Sunset header)") for w in warned.values()
    )


@pytest.fixture(scope="module")
def mock(contracts: Path) -> Iterator[tuple[str, Path]]:
    port, err = free_port(), contracts / "mock.err"
    contract = contracts / "deprecated.yaml"
    with err.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-m", "accord", "mock", str(contract), "--port", str(port), "--quiet"],
            stderr=sink,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + 30
            while f":{port}" not in err.read_text():
                assert proc.poll() is None and time.monotonic() < deadline, err.read_text()
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}", err
        finally:
            proc.terminate()
            proc.wait(10)


def test_mock(mock: tuple[str, Path], contracts: Path, lines: dict[str, int]) -> None:
    url, err = mock
    for case in CASES:
        response = httpx.get(f"{url}/{case.name}")
        assert response.status_code == 200
        assert response.headers.get("sunset") == case.sunset, case
        assert response.headers["deprecation"] == "@0"
    _expect_warnings(err.read_text(), contracts / "deprecated.yaml", lines)


@pytest.fixture(scope="module")
def gateway(contracts: Path) -> Iterator[GatewayProcess]:
    with ThreadServer(upstream_app.app) as upstream:
        version = {"contract": str(contracts / "deprecated.yaml"), "upstream": upstream.url}
        config = write_config(contracts, {"apis": [{"name": "lifecycle", "versions": {"1": version}}]})
        with GatewayProcess(config) as process:
            yield process


def test_gateway(gateway: GatewayProcess, contracts: Path, lines: dict[str, int]) -> None:
    for case in CASES:
        response = httpx.get(f"{gateway.url}/{case.name}")
        assert response.status_code == (410 if case.passed else 200), case
        assert response.headers.get("sunset") == case.sunset, case
    _expect_warnings(gateway.stderr(), contracts / "deprecated.yaml", lines)


def test_they_agree(contracts: Path, mock: tuple[str, Path], gateway: GatewayProcess) -> None:
    """Per value: valid or not (diff, lint, mock, gateway), and the same Sunset from both servers."""
    deprecating = _diff(contracts / "current.yaml", contracts / "deprecated.yaml")
    diff_invalid = {_case_of(c) for c in deprecating if c["id"] == "endpoint-sunset-invalid"}
    result = accord("lint", contracts / "deprecated.yaml", "--ruleset", "accord:governance", "-f", "json")
    lint_invalid = {
        f["path"][1].lstrip("/")
        for f in orjson.loads(result.stdout)["findings"]
        if "is not an RFC 3339 date" in f["message"]
    }
    for case in CASES:
        mocked = httpx.get(f"{mock[0]}/{case.name}").headers.get("sunset")
        proxied = httpx.get(f"{gateway.url}/{case.name}").headers.get("sunset")
        verdicts = {
            "diff": case.name not in diff_invalid,
            "lint": case.name not in lint_invalid,
            "mock": mocked is not None,
            "gateway": proxied is not None,
        }
        assert set(verdicts.values()) == {case.sunset is not None}, (case, verdicts)
        assert mocked == proxied == case.sunset

"""Configuration as a team writes it: accord.yaml, [tool.accord], .spectral.yaml; and every mistake in it."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from tests.cli import accord

from ._support import OAS3, operation

API = operation(OAS3, operationId="get_order", tags=None)  # operation-tags warning; snake_case id


def _project(tmp_path: Path, config_name: str, config: str, doc: dict = API) -> Path:
    (tmp_path / ".git").mkdir()  # the repository root: config lookup stops here
    (tmp_path / config_name).write_text(textwrap.dedent(config))
    (tmp_path / "api.json").write_text(json.dumps(doc))
    return tmp_path


def _findings(tmp_path: Path, *args: str) -> list[dict]:
    result = accord("lint", "api.json", "-f", "json", *args, cwd=tmp_path)
    assert result.code in (0, 1), result.stderr
    return json.loads(result.stdout)["findings"]


def test_severity_overrides_and_off(tmp_path: Path) -> None:
    _project(tmp_path, "accord.yaml", """
        extends: [accord:oas]
        rules:
          operation-tags: error
          info-contact: off
          oas3-api-servers: false
    """, operation(API, description=None))  # fmt: skip
    found = {f["rule"]: f["severity"] for f in _findings(tmp_path)}
    assert found["operation-tags"] == "error"
    assert found["operation-description"] == "warn"
    assert "info-contact" not in found
    assert accord("lint", "api.json", cwd=tmp_path).code == 1  # an error now


def test_extends_all_and_governance_options(tmp_path: Path) -> None:
    _project(tmp_path, "accord.yaml", """
        extends: [[accord:oas, off], [accord:governance, all]]
        governance: {operation-id-casing: snake, sunset-min-days: 0}
        rules:
          operation-security-declared: off
    """)  # fmt: skip
    rules = {f["rule"] for f in _findings(tmp_path)}
    assert "operation-id-casing" not in rules  # snake_case is what this team wants
    assert "operation-tags" not in rules  # accord:oas is off


def test_per_file_overrides(tmp_path: Path) -> None:
    _project(tmp_path, "accord.yaml", """
        extends: accord:oas
        overrides:
          - files: ["legacy/*.json"]
            rules: {operation-tags: off}
    """)  # fmt: skip
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy" / "old.json").write_text(json.dumps(API))
    result = json.loads(accord("lint", "api.json", "legacy/old.json", "-f", "json", cwd=tmp_path).stdout)
    tagged = {f["file"] for f in result["findings"] if f["rule"] == "operation-tags"}
    assert tagged == {"api.json"}


CUSTOM = {
    "truthy": ("$.info", {"field": "x-owner", "function": "truthy"}, ["/info"]),
    "falsy": ("$.info", {"field": "title", "function": "falsy"}, ["/info/title"]),
    "defined": ("$.info", {"field": "termsOfService", "function": "defined"}, ["/info"]),
    "undefined": ("$.info", {"field": "contact", "function": "undefined"}, ["/info/contact"]),
    "pattern": (
        "$.paths[*]~",
        {"function": "pattern", "functionOptions": {"match": "^/v1/"}},
        ["/paths/~1orders~1{id}"],
    ),
    "casing": (
        "$.paths[*][get,put].operationId",
        {"function": "casing", "functionOptions": {"type": "camel"}},
        ["/paths/~1orders~1{id}/get/operationId"],
    ),
    "enumeration": (
        "$.servers[*].url",
        {"function": "enumeration", "functionOptions": {"values": ["https://api.shop.test/v2"]}},
        ["/servers/0/url"],
    ),
    "length": ("$.info.title", {"function": "length", "functionOptions": {"min": 10}}, ["/info/title"]),
    "alphabetical": (
        "$",
        {"field": "tags", "function": "alphabetical", "functionOptions": {"keyedBy": "name"}},
        [],
    ),
    "xor": ("$.info", {"function": "xor", "functionOptions": {"properties": ["title", "summary"]}}, []),
    "schema": (
        "$.info",
        {"function": "schema", "functionOptions": {"schema": {"required": ["license"]}}},
        ["/info"],
    ),
}


@pytest.mark.parametrize("function", list(CUSTOM))
def test_custom_rule_with_each_function(tmp_path: Path, function: str) -> None:
    given, then, expected = CUSTOM[function]
    config = {
        "extends": [["accord:oas", "off"]],
        "rules": {"house-rule": {"description": "d", "severity": "error", "given": given, "then": then}},
    }
    _project(tmp_path, "accord.yaml", json.dumps(config))
    found = _findings(tmp_path)
    assert sorted(f["pointer"] for f in found) == expected
    assert all(f["rule"] == "house-rule" and f["severity"] == "error" for f in found)


def test_spectral_file_accepted_as_is(tmp_path: Path) -> None:
    _project(tmp_path, ".spectral.yaml", """
        extends: ["spectral:oas"]
        rules:
          operation-tags: off
          paths-kebab-case:
            description: Paths should be kebab-case.
            message: "{{property}} should be kebab-case (lower-case and separated with hyphens)"
            severity: warn
            given: $.paths[*]~
            then:
              function: pattern
              functionOptions:
                match: "^(\\\\/|[a-z0-9-.]+|{[a-zA-Z0-9_]+})+$"
    """, operation(API, tags=["orders"]) | {"paths": {"/Orders": {}}})  # fmt: skip
    rules = [f["rule"] for f in _findings(tmp_path)]
    assert "paths-kebab-case" in rules and "operation-tags" not in rules


def test_pyproject_tool_accord(tmp_path: Path) -> None:
    _project(tmp_path, "pyproject.toml", """
        [project]
        name = "shop"

        [tool.accord]
        extends = ["accord:oas"]

        [tool.accord.rules]
        operation-tags = "off"
    """, operation(API, description=None))  # fmt: skip
    rules = {f["rule"] for f in _findings(tmp_path)}
    assert "operation-tags" not in rules
    assert "operation-description" in rules  # the rest of accord:oas still runs


@pytest.mark.parametrize(
    ("config", "line", "problem"),
    [
        ("rules:\n  no-such-rule: error\n", 2, "unknown rule 'no-such-rule'"),
        ("rules:\n  r:\n    given: $.paths[\n    then: {function: truthy}\n", 3, "malformed JSONPath"),
        ("rules:\n  r:\n    given: $.info\n    then: {function: shout}\n", 4, "unknown function 'shout'"),
        (
            "rules:\n  r:\n    given: $.info\n    then:\n      function: pattern\n      functionOptions: {}\n",
            6,
            "functionOptions of pattern",
        ),
        ("extends: [accord:oas\nrules: {}\n", 2, "not a valid config"),
        ("governance:\n  path-casing: shouty\n", 2, "path-casing"),
        ("extends: spectral:nope\n", 1, "unknown ruleset"),
        ("extends: spectral:oas\nfunctions: [myCheck]\n", 2, "custom JavaScript functions are not supported"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_line(
    tmp_path: Path, config: str, line: int, problem: str
) -> None:
    _project(tmp_path, "accord.yaml", config)
    result = accord("lint", "api.json", cwd=tmp_path)
    assert result.code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert f"accord.yaml:{line}:" in message and problem in message, message


def test_bad_pyproject_config_names_its_line(tmp_path: Path) -> None:
    _project(tmp_path, "pyproject.toml", '[tool.accord.rules]\nno-such-rule = "off"\n')
    result = accord("lint", "api.json", cwd=tmp_path)
    assert result.code == 2 and "pyproject.toml:2:" in result.stderr and "no-such-rule" in result.stderr

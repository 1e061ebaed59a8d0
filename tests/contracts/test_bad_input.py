"""Every kind of bad input gives one clear line naming the file and the problem, exit 2, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from accord.contracts import ContractError, load_contract

from tests.cli import accord

BAD = Path(__file__).parent / "fixtures" / "bad"

CASES = [
    ("malformed.yaml", "malformed YAML", 5),
    ("malformed.json", "malformed JSON", 3),
    ("alias-bomb.yaml", "alias bomb", None),
    ("not-utf8.yaml", "not UTF-8", 3),
    ("empty.yaml", "empty", None),
    ("not-a-contract.yaml", "not an OpenAPI or AsyncAPI document", None),
    ("unknown-version.yaml", "unsupported openapi version '4.0.0'", 1),
    ("dangling-ref.yaml", "points to nothing", 12),
    ("missing-file-ref.yaml", "no such file", 5),
    ("ref-cycle.yaml", "cycle", None),
    ("local-ref-cycle.yaml", "forms a cycle through non-schema objects", 11),
    ("ref-cycle-local.yaml", "forms a cycle", 7),
    ("remote-ref.yaml", "--allow-remote", 12),
]


@pytest.mark.parametrize(("name", "problem", "line"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_line_and_exit_2(name: str, problem: str, line: int | None) -> None:
    result = accord("validate", BAD / name)
    assert result.code == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and problem in lines[0]
    if line is not None:
        assert f"{name}:{line}:" in lines[0]


def test_a_directory_is_refused() -> None:
    result = accord("validate", BAD)
    assert result.code == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize(("name", "problem", "line"), CASES, ids=[c[0] for c in CASES])
def test_the_python_api_raises_contract_error(name: str, problem: str, line: int | None) -> None:
    with pytest.raises(ContractError) as caught:
        load_contract(BAD / name)
    assert problem in str(caught.value)


def test_json_output_covers_unreadable_files_too(examples: Path) -> None:
    import json

    result = accord("validate", "--format", "json", examples / "orders.yaml", BAD / "empty.yaml")
    assert result.code == 2
    files = json.loads(result.stdout)["files"]
    assert [f["valid"] for f in files] == [True, False]
    assert files[0]["kind"] == "openapi" and files[0]["version"] == "3.0.3"
    assert files[1]["errors"][0]["message"].endswith("the file is empty")
